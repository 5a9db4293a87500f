// Member sessions live in memory only: an opaque handle -> member id. A session ends on sign-out, after the
// display's idle timeout without use, or when the agent stops; nothing about it is written to disk.
import { randomBytes } from 'node:crypto';
import type { Member } from '../../../contracts/catalog.ts';

export type MemberSession = {
  id: string;
  memberId: string;
  /** A member HQ could not be asked about (offline, valid signed token): shown from the token alone. */
  provisional: Member | null;
  /** The A/B arm given when the member was identified (null when no experiment runs). */
  experiment: { id: string; arm: string; holdout: boolean } | null;
  lastUsedMs: number;
};

/** Enough for one member per display; the least recently used goes first when a kiosk somehow has more. */
const MAX_SESSIONS = 16;

export class MemberSessions {
  private readonly sessions = new Map<string, MemberSession>();
  private sweeper: NodeJS.Timeout | null = null;
  private readonly idleMs: () => number;
  private readonly nowMs: () => number;

  constructor(opts: { idleMs: () => number; nowMs?: () => number }) {
    this.idleMs = opts.idleMs;
    this.nowMs = opts.nowMs ?? Date.now;
  }

  /** Starts forgetting idle sessions every few seconds, even when nobody asks for them. */
  start(everyMs = 5000): void {
    this.sweeper = setInterval(() => this.sweep(), everyMs);
    this.sweeper.unref();
  }

  stop(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
    this.sessions.clear();
  }

  create(s: Omit<MemberSession, 'id' | 'lastUsedMs'>): MemberSession {
    this.sweep();
    while (this.sessions.size >= MAX_SESSIONS) {
      const oldest = [...this.sessions.values()].sort((a, b) => a.lastUsedMs - b.lastUsedMs)[0]!;
      this.sessions.delete(oldest.id);
    }
    const session: MemberSession = { ...s, id: randomBytes(18).toString('base64url'), lastUsedMs: this.nowMs() };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The session, marked as used now; null when unknown, signed out or idle too long. */
  use(id: string): MemberSession | null {
    const s = this.sessions.get(id);
    if (!s) return null;
    if (this.expired(s)) {
      this.sessions.delete(id);
      return null;
    }
    s.lastUsedMs = this.nowMs();
    return s;
  }

  drop(id: string): boolean {
    return this.sessions.delete(id);
  }

  /** Drops every session of a member (HQ closed the account). */
  dropMember(memberId: string): void {
    for (const s of this.sessions.values()) if (s.memberId === memberId) this.sessions.delete(s.id);
  }

  get size(): number {
    return this.sessions.size;
  }

  sweep(): void {
    for (const s of this.sessions.values()) if (this.expired(s)) this.sessions.delete(s.id);
  }

  private expired(s: MemberSession): boolean {
    return this.nowMs() - s.lastUsedMs > this.idleMs();
  }
}
