// Wall sessions live in memory only: one per person in front of the wall, ended by wall.end or after a while
// without any observation (the page stopped sending). Nothing about a session is written to disk.
import { randomBytes } from 'node:crypto';
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
  /** Observations of this session run one after another. */
  queue: Promise<unknown>;
};

/** A wall shows one person at a time; a few spare for overlapping page reloads. */
const MAX_SESSIONS = 8;

export class WallSessions {
  private readonly sessions = new Map<string, WallSession>();
  private readonly idleMs: number;
  private readonly nowMs: () => number;

  constructor(opts: { idleMs: number; nowMs: () => number }) {
    this.idleMs = opts.idleMs;
    this.nowMs = opts.nowMs;
  }

  create(experiment: WallSession['experiment'], id = randomBytes(18).toString('base64url')): WallSession {
    this.sweep();
    while (this.sessions.size >= MAX_SESSIONS) {
      const oldest = [...this.sessions.values()].sort((a, b) => a.lastSeenMs - b.lastSeenMs)[0]!;
      this.sessions.delete(oldest.id);
    }
    const now = this.nowMs();
    const s: WallSession = {
      id, startedMs: now, lastSeenMs: now, lastClassifiedMs: 0, smoothing: initialSmoothing(now), experiment, offer: null, withheld: false,
      decidedFor: new Set(), counted: new Set(), engaged: false, queue: Promise.resolve(),
    };
    this.sessions.set(id, s);
    return s;
  }

  /** The live session, marked as seen now; null when unknown, ended or timed out. */
  use(id: string): WallSession | null {
    const s = this.sessions.get(id);
    if (!s) return null;
    if (this.nowMs() - s.lastSeenMs > this.idleMs) {
      this.sessions.delete(id);
      return null;
    }
    s.lastSeenMs = this.nowMs();
    return s;
  }

  drop(id: string): boolean {
    return this.sessions.delete(id);
  }

  /** Ends sessions not seen for the idle time; returns how many. */
  sweep(): number {
    let n = 0;
    for (const s of this.sessions.values()) {
      if (this.nowMs() - s.lastSeenMs > this.idleMs) {
        this.sessions.delete(s.id);
        n++;
      }
    }
    return n;
  }

  clear(): void {
    this.sessions.clear();
  }

  get size(): number {
    return this.sessions.size;
  }
}
