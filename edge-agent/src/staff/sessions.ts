// Staff sessions live in memory only (a restart signs everyone out): an opaque handle -> the staff member, ended by
// signing out or after STAFF_IDLE_SEC without a staff action.
import { randomBytes } from 'node:crypto';
import type { StaffMember } from '../../../contracts/staff.ts';

export type StaffSession = { id: string; staff: StaffMember; lastUsedMs: number };

/** One per display at most in practice; the least recently used goes first past this. */
const MAX_SESSIONS = 8;

export class StaffSessions {
  private readonly sessions = new Map<string, StaffSession>();
  private readonly idleMs: number;
  private readonly nowMs: () => number;

  constructor(opts: { idleMs: number; nowMs?: () => number }) {
    this.idleMs = opts.idleMs;
    this.nowMs = opts.nowMs ?? Date.now;
  }

  create(staff: StaffMember): StaffSession {
    while (this.sessions.size >= MAX_SESSIONS) {
      const oldest = [...this.sessions.values()].sort((a, b) => a.lastUsedMs - b.lastUsedMs)[0]!;
      this.sessions.delete(oldest.id);
    }
    const s: StaffSession = { id: randomBytes(24).toString('base64url'), staff, lastUsedMs: this.nowMs() };
    this.sessions.set(s.id, s);
    return s;
  }

  /** The live session, or null when unknown, signed out or idle too long; `touch` marks it used now. */
  get(id: string, touch: boolean): StaffSession | null {
    const s = this.sessions.get(id);
    if (!s) return null;
    if (this.nowMs() - s.lastUsedMs >= this.idleMs) return null;
    if (touch) s.lastUsedMs = this.nowMs();
    return s;
  }

  expiresAt(s: StaffSession): number {
    return s.lastUsedMs + this.idleMs;
  }

  end(id: string): StaffSession | null {
    const s = this.sessions.get(id) ?? null;
    this.sessions.delete(id);
    return s;
  }

  /** Removes and returns the sessions that went idle. */
  sweep(): StaffSession[] {
    const now = this.nowMs();
    const gone = [...this.sessions.values()].filter((s) => now - s.lastUsedMs >= this.idleMs);
    for (const s of gone) this.sessions.delete(s.id);
    return gone;
  }

  clear(): void {
    this.sessions.clear();
  }
}
