// Staff sessions live in memory only (sessions/store.ts; a restart signs everyone out): an opaque handle -> the
// staff member, ended by signing out or after STAFF_IDLE_SEC without a staff action.
import type { StaffMember } from '../../../contracts/staff.ts';
import { SessionStore, sessionHandle, type EndReason } from '../sessions/store.ts';

export type StaffSession = { id: string; staff: StaffMember };

/** One per display at most in practice; the least recently used goes first past this. */
const MAX_SESSIONS = 8;

export class StaffSessions extends SessionStore<StaffSession> {
  constructor(opts: { idleMs: number; nowMs?: () => number; onEnd?: (s: StaffSession, reason: EndReason) => void }) {
    super({ ...opts, max: MAX_SESSIONS });
  }

  create(staff: StaffMember): StaffSession {
    return this.add({ id: sessionHandle(24), staff });
  }
}
