// The one in-memory session store behind member, staff and wall sessions: an opaque handle -> the domain's
// session, with one idle rule, a cap with least-recently-used eviction, one sweep timer and one hook for every
// way a session ends. Nothing here is written to disk; a restart ends every session.
//
// Not lru-cache (11.x), though it fits the shape: its staleness test is `age > ttl` (staff expiry is pinned AT the
// timeout), its ttl is fixed per entry when set (the members' idle timeout is the display's, read live, and HQ or
// staff may change it), an entry stamped at clock 0 never goes stale (tests drive injected clocks from 0), and unless
// ttlResolution is 0 it caches its clock behind a setTimeout. The services inject a `now()` clock; this store
// reads the same one, so their tests keep moving time by hand.
import { randomBytes } from 'node:crypto';

/**
 * Why a session ended: `signed-out` on request (member or staff sign-out, wall.end, a closed account),
 * `expired` idle for the timeout, `evicted` to make room past the cap, `stopped` with the service.
 */
export type EndReason = 'signed-out' | 'expired' | 'evicted' | 'stopped';

export type SessionStoreOptions<S> = {
  /** Ms without use after which a session ends; a function is read at every check (a setting that may change). */
  idleMs: number | (() => number);
  /** At most this many live sessions; adding one more ends the least recently used. */
  max: number;
  nowMs?: () => number;
  /** Told of every session that ends, after it is gone from the store. */
  onEnd?: (session: S, reason: EndReason) => void;
};

/** How often a started store ends idle sessions nobody asks for. */
export const SWEEP_EVERY_MS = 5000;

/** A fresh opaque handle: `bytes` random bytes, base64url (18 bytes -> 24 characters). */
export function sessionHandle(bytes = 18): string {
  return randomBytes(bytes).toString('base64url');
}

type Entry<S> = { session: S; lastUsedMs: number };

export class SessionStore<S extends { readonly id: string }> {
  /** In use order: the first entry is the least recently used (marking one used moves it to the end). */
  private readonly entries = new Map<string, Entry<S>>();
  private readonly idleMs: () => number;
  private readonly max: number;
  /** The services' injected clock (domain stores stamp their sessions with it too). */
  protected readonly nowMs: () => number;
  private readonly onEnd: (session: S, reason: EndReason) => void;
  private sweeper: NodeJS.Timeout | null = null;

  constructor(opts: SessionStoreOptions<S>) {
    const idle = opts.idleMs;
    this.idleMs = typeof idle === 'number' ? () => idle : idle;
    this.max = opts.max;
    this.nowMs = opts.nowMs ?? Date.now;
    this.onEnd = opts.onEnd ?? (() => undefined);
  }

  /** THE idle rule: a session is over once the idle time has passed since it was last used (at the boundary too). */
  private expired(e: Entry<S>, now: number): boolean {
    return now - e.lastUsedMs >= this.idleMs();
  }

  /** Stores a new session as used now, after ending idle ones and, at the cap, the least recently used. */
  add(session: S): S {
    // Handles are random (sessionHandle): a repeat is a bug, not a session to replace quietly.
    if (this.entries.has(session.id)) throw new Error('session handle already in use');
    this.sweep();
    while (this.entries.size >= this.max) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.remove(oldest.value, 'evicted');
    }
    this.entries.set(session.id, { session, lastUsedMs: this.nowMs() });
    return session;
  }

  /** The live session, marked as used now; null when unknown, ended or idle too long (that ends it: `expired`). */
  use(id: string): S | null {
    const e = this.live(id);
    if (!e) return null;
    e.lastUsedMs = this.nowMs();
    this.entries.delete(id);
    this.entries.set(id, e);
    return e.session;
  }

  /** The live session without marking it used (a read that must not keep it alive), or null as for `use`. */
  peek(id: string): S | null {
    return this.live(id)?.session ?? null;
  }

  /** Keeps a session alive without reading it; false when it is gone. */
  touch(id: string): boolean {
    return this.use(id) !== null;
  }

  /** When the live session will expire if not used again (ms on the store's clock); null when it is gone. */
  expiresAtMs(id: string): number | null {
    const e = this.live(id);
    return e ? e.lastUsedMs + this.idleMs() : null;
  }

  /** Ends the session and returns it; null when it was already gone (ending twice is not an error). */
  end(id: string, reason: EndReason = 'signed-out'): S | null {
    return this.remove(id, reason);
  }

  /** Ends every session that matches; returns how many. */
  endWhere(match: (session: S) => boolean, reason: EndReason = 'signed-out'): number {
    const ids = [...this.entries.values()].filter((e) => match(e.session)).map((e) => e.session.id);
    for (const id of ids) this.remove(id, reason);
    return ids.length;
  }

  /** Ends the sessions idle for the timeout; returns how many. */
  sweep(): number {
    const now = this.nowMs();
    const ids = [...this.entries.values()].filter((e) => this.expired(e, now)).map((e) => e.session.id);
    for (const id of ids) this.remove(id, 'expired');
    return ids.length;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Sweeps every `everyMs` until stopped; the timer does not keep the process alive. Starting twice is one timer. */
  start(everyMs = SWEEP_EVERY_MS): void {
    if (this.sweeper) return;
    this.sweeper = setInterval(() => this.sweep(), everyMs);
    this.sweeper.unref();
  }

  /** Stops the sweep timer and ends every session (`stopped`). */
  stop(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    for (const id of [...this.entries.keys()]) this.remove(id, 'stopped');
  }

  private live(id: string): Entry<S> | null {
    const e = this.entries.get(id);
    if (!e) return null;
    if (this.expired(e, this.nowMs())) {
      this.remove(id, 'expired');
      return null;
    }
    return e;
  }

  /** Deletes first, then tells `onEnd`, so the hook sees the store without the session. */
  private remove(id: string, reason: EndReason): S | null {
    const e = this.entries.get(id);
    if (!e) return null;
    this.entries.delete(id);
    this.onEnd(e.session, reason);
    return e.session;
  }
}
