// Wall sessions live in memory only (sessions/store.ts): one per person in front of the wall, ended by wall.end or
// after a while without any observation (the page stopped sending). Nothing about a session is written to disk.
import type { MemberTier } from '../../../contracts/catalog.ts';
import type { Expression } from '../../../contracts/members.ts';
import type { WallOffer } from '../../../contracts/wall.ts';
import { initialSmoothing, type SmoothingState } from '../expression/smoothing.ts';
import { SessionStore, sessionHandle, type EndReason } from '../sessions/store.ts';

export type WallSession = {
  id: string;
  startedMs: number;
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

export class WallSessions extends SessionStore<WallSession> {
  /** `onEnd` is told of every session that goes (ended, timed out, evicted, stopped), e.g. to sign out its member. */
  constructor(opts: { idleMs: number; nowMs: () => number; onEnd?: (s: WallSession, reason: EndReason) => void }) {
    super({ ...opts, max: MAX_SESSIONS });
  }

  /** A new session; the id may be chosen first (the A/B arm is assigned from it). */
  create(experiment: WallSession['experiment'], id = sessionHandle(18)): WallSession {
    const now = this.nowMs();
    return this.add({
      id, startedMs: now, lastClassifiedMs: 0, smoothing: initialSmoothing(now), experiment, offer: null, withheld: false,
      decidedFor: new Set(), counted: new Set(), engaged: false, lastSteady: null, offerBucket: null, member: null, queue: Promise.resolve(),
    });
  }
}
