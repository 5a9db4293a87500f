// Member sessions live in memory only (sessions/store.ts): an opaque handle -> member id. A session ends on
// sign-out, after the display's idle timeout without use, or when the agent stops; nothing about it is written to disk.
import type { Member } from '../../../contracts/catalog.ts';
import { SessionStore, sessionHandle } from '../sessions/store.ts';

export type MemberSession = {
  id: string;
  memberId: string;
  /** A member HQ could not be asked about (offline, valid signed token): shown from the token alone. */
  provisional: Member | null;
  /** The A/B arm given when the member was identified (null when no experiment runs). */
  experiment: { id: string; arm: string; holdout: boolean } | null;
};

/** Enough for one member per display; the least recently used goes first when a kiosk somehow has more. */
const MAX_SESSIONS = 16;

export class MemberSessions extends SessionStore<MemberSession> {
  /** `idleMs` is read at every check: the display's idle timeout, which HQ or staff may change. */
  constructor(opts: { idleMs: () => number; nowMs?: () => number }) {
    super({ ...opts, max: MAX_SESSIONS });
  }

  /** A new session with a 24-character handle (what the API contract accepts). */
  create(s: Omit<MemberSession, 'id'>): MemberSession {
    return this.add({ ...s, id: sessionHandle(18) });
  }

  /** Ends every session of a member (HQ closed the account). */
  dropMember(memberId: string): void {
    this.endWhere((s) => s.memberId === memberId);
  }
}
