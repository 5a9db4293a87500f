// Wall sessions live in memory only: one per person in front of the wall, ended by wall.end or after a while
// without any observation (the page stopped sending). Nothing about a session is written to disk.
import { randomBytes } from 'node:crypto';
import type { MemberTier } from '../../../contracts/catalog.ts';
import type { Expression } from '../../../contracts/members.ts';
import type { WallOffer } from '../../../contracts/wall.ts';
import { initialSmoothing, type SmoothingState } from '../expression/smoothing.ts';

export type WallSession = {
  id: string;
  startedMs: number;
  lastSeenMs: number;
  /** When the last crop was classified (crops faster than the page's cap are not classified again). */
  lastClassifiedMs: number;
  smoothing: SmoothingState;
  experiment: { id: string; arm: string; holdout: boolean } | null;
  offer: WallOffer | null;
  /** The hold-out arm's counterpart of the offer: recorded once per session, like a shown coupon. */
  withheld: boolean;
  /** Steady buckets the decision engine already ran for (no offer matched, or the hold-out arm). */
  decidedFor: Set<Expression>;
  /** Steady buckets already counted for the hourly aggregate. */
  counted: Set<Expression>;
  engaged: boolean;
  /** The latest steady bucket, and the one the offer on screen was decided for (a wall claim is decided for it too). */
  lastSteady: Expression | null;
  offerBucket: Expression | null;
  /** The member who scanned their code at the wall (their member session with the agent), or null: anonymous. */
  member: { memberSession: string; maskedName: string; tier: MemberTier } | null;
  /** Observations of this session run one after another. */
  queue: Promise<unknown>;
};

/** A wall shows one person at a time; a few spare for overlapping page reloads. */
const MAX_SESSIONS = 8;

export class WallSessions {
  private readonly sessions = new Map<string, WallSession>();
  private readonly idleMs: number;
  private readonly nowMs: () => number;
  private readonly onDrop: (s: WallSession) => void;

  /** `onDrop` is told of every session that goes (ended, timed out, evicted, cleared), e.g. to sign out its member. */
  constructor(opts: { idleMs: number; nowMs: () => number; onDrop?: (s: WallSession) => void }) {
    this.idleMs = opts.idleMs;
    this.nowMs = opts.nowMs;
    this.onDrop = opts.onDrop ?? (() => undefined);
  }

  private remove(s: WallSession): void {
    this.sessions.delete(s.id);
    this.onDrop(s);
  }

  create(experiment: WallSession['experiment'], id = randomBytes(18).toString('base64url')): WallSession {
    this.sweep();
    while (this.sessions.size >= MAX_SESSIONS) {
      this.remove([...this.sessions.values()].sort((a, b) => a.lastSeenMs - b.lastSeenMs)[0]!);
    }
    const now = this.nowMs();
    const s: WallSession = {
      id, startedMs: now, lastSeenMs: now, lastClassifiedMs: 0, smoothing: initialSmoothing(now), experiment, offer: null, withheld: false,
      decidedFor: new Set(), counted: new Set(), engaged: false, lastSteady: null, offerBucket: null, member: null, queue: Promise.resolve(),
    };
    this.sessions.set(id, s);
    return s;
  }

  /** The live session, marked as seen now; null when unknown, ended or timed out. */
  use(id: string): WallSession | null {
    const s = this.sessions.get(id);
    if (!s) return null;
    if (this.nowMs() - s.lastSeenMs > this.idleMs) {
      this.remove(s);
      return null;
    }
    s.lastSeenMs = this.nowMs();
    return s;
  }

  /** Removes the session and returns it (null when it was already gone). */
  take(id: string): WallSession | null {
    const s = this.sessions.get(id) ?? null;
    if (s) this.remove(s);
    return s;
  }

  /** Ends sessions not seen for the idle time; returns how many. */
  sweep(): number {
    let n = 0;
    for (const s of this.sessions.values()) {
      if (this.nowMs() - s.lastSeenMs > this.idleMs) {
        this.remove(s);
        n++;
      }
    }
    return n;
  }

  clear(): void {
    for (const s of [...this.sessions.values()]) this.remove(s);
  }

  get size(): number {
    return this.sessions.size;
  }
}
