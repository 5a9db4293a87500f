// The kiosk session with a member in it: identified → member screen, fresher homes, leaving by the button or
// because the agent forgot the session, and the idle timeout wiping the member.
import { describe, expect, it } from 'vitest';
import type { MemberHome } from '../../../contracts/members.ts';
import { initialSession, kioskSessionReducer, type SessionAction, type SessionState } from '../../../renderer/src/session/kioskSession.ts';

const home = (session: string, points = 100): MemberHome => ({
  memberSession: session,
  member: { maskedName: '王**', tier: 'gold', points, pendingPoints: 0, expiring: null, birthdayThisMonth: false },
  wallet: [], offers: [], experiment: null, freshness: 'hq',
});
const A = 'sessionAAAAAAAAAAAAAAAA';
const B = 'sessionBBBBBBBBBBBBBBBB';
const run = (state: SessionState, ...actions: SessionAction[]) => actions.reduce(kioskSessionReducer, state);
const start = initialSession('zh-CN', 60, 0);

describe('member in the kiosk session', () => {
  it('a scan from the attract loop goes straight to the member home', () => {
    const s = run(start, { type: 'memberIdentified', home: home(A), at: 1000 });
    expect(s).toMatchObject({ screen: 'member', member: { memberSession: A }, lastInputAt: 1000 });
  });

  it('a second member scanning in replaces the first', () => {
    const s = run(start, { type: 'memberIdentified', home: home(A), at: 1000 }, { type: 'memberIdentified', home: home(B), at: 2000 });
    expect(s.member?.memberSession).toBe(B);
  });

  it('takes a fresher home for the same member session only', () => {
    const s = run(start, { type: 'memberIdentified', home: home(A), at: 1000 });
    expect(run(s, { type: 'memberHome', home: home(A, 500) }).member?.member.points).toBe(500);
    expect(run(s, { type: 'memberHome', home: home(B, 500) })).toBe(s);
  });

  it('signing out returns to the guide home with a notice and no member', () => {
    const s = run(start, { type: 'touch', at: 500 }, { type: 'memberIdentified', home: home(A), at: 1000 }, { type: 'memberLeft', memberSession: A, reason: 'signed_out', at: 3000 });
    expect(s).toMatchObject({ screen: 'home', member: null, notice: 'signed_out' });
    expect(run(s, { type: 'dismissNotice' }).notice).toBeNull();
  });

  it('a late "session gone" for a member who already left does not throw out the next one', () => {
    const s = run(start, { type: 'memberIdentified', home: home(B), at: 1000 });
    expect(run(s, { type: 'memberLeft', memberSession: A, reason: 'member_session_gone', at: 2000 })).toBe(s);
  });

  it('the idle timeout on the member home wipes the member and returns to the attract loop', () => {
    const s = run(start, { type: 'memberIdentified', home: home(A), at: 1000 }, { type: 'setLanguage', language: 'en', at: 2000 });
    expect(run(s, { type: 'tick', at: 61_999 }).screen).toBe('member');
    const idle = run(s, { type: 'tick', at: 62_000 });
    expect(idle).toMatchObject({ screen: 'attract', member: null, notice: null, language: 'zh-CN', sessionId: 1 });
  });

  it('touches and activity on the member home keep the session alive', () => {
    const s = run(start, { type: 'memberIdentified', home: home(A), at: 1000 }, { type: 'activity', at: 50_000 });
    expect(run(s, { type: 'tick', at: 62_000 }).screen).toBe('member');
  });
});
