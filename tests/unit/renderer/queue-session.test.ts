// The queue ticket screen in the kiosk session: opened from the guide home only, a member sign-in there keeps the
// screen (the ticket is taken as that member), closing goes to the member's home or the guide home, and the idle
// timeout forgets it all. And the phone number as the screen shows it.
import { describe, expect, it } from 'vitest';
import type { MemberHome } from '../../../contracts/members.ts';
import { maskPhone } from '../../../renderer/src/queue/queueStrings.ts';
import { initialSession, kioskSessionReducer, type SessionAction, type SessionState } from '../../../renderer/src/session/kioskSession.ts';

const member: MemberHome = {
  memberSession: 'sessionAAAAAAAAAAAAAAAA',
  member: { maskedName: '王**', tier: 'gold', points: 100, pendingPoints: 0, expiring: null, birthdayThisMonth: false },
  wallet: [], offers: [], experiment: null, freshness: 'hq',
};
const run = (state: SessionState, ...actions: SessionAction[]) => actions.reduce(kioskSessionReducer, state);
const home = run(initialSession('zh-CN', 60, 0), { type: 'touch', at: 1000 });
const open: SessionAction = { type: 'openQueue', storeId: 's-hotpot', name: { zh: '蜀香火锅', en: 'Shu Spice Hotpot' }, at: 2000 };

describe('queue screen in the kiosk session', () => {
  it('opens from the guide home with its restaurant, not from the attract loop', () => {
    expect(run(home, open)).toMatchObject({ screen: 'queue', queueTarget: { storeId: 's-hotpot' } });
    const attract = initialSession('zh-CN', 60, 0);
    expect(run(attract, open)).toBe(attract);
  });

  it('a member signing in on it stays on it, and closing goes to the member`s home', () => {
    const s = run(home, open, { type: 'memberIdentified', home: member, at: 3000 });
    expect(s).toMatchObject({ screen: 'queue', member: { memberSession: member.memberSession } });
    expect(run(s, { type: 'closeQueue', at: 4000 })).toMatchObject({ screen: 'member', queueTarget: null });
  });

  it('closing without a member goes to the guide home; the idle timeout forgets the screen', () => {
    expect(run(home, open, { type: 'closeQueue', at: 3000 })).toMatchObject({ screen: 'home', queueTarget: null });
    expect(run(home, open, { type: 'tick', at: 62_000 })).toMatchObject({ screen: 'attract', queueTarget: null, member: null });
  });
});

describe('maskPhone', () => {
  it.each([['', ''], ['139', '139'], ['1391', '139*'], ['1391234', '139****'], ['13912345678', '139****5678']])('%s shows as %s', (digits, shown) => {
    expect(maskPhone(digits)).toBe(shown);
  });
});
