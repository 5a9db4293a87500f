// The feedback screen in the kiosk session (opened from the guide home or a member's home; a sign-in there keeps the
// draft; closing goes back where it came from; idle forgets it), and the screen's own check of a draft.
import { describe, expect, it } from 'vitest';
import type { MemberHome } from '../../../contracts/members.ts';
import { charCount, draftProblems, maskPhone, type FeedbackDraft } from '../../../renderer/src/feedback/feedbackStrings.ts';
import { initialSession, kioskSessionReducer, type SessionAction, type SessionState } from '../../../renderer/src/session/kioskSession.ts';

const member: MemberHome = {
  memberSession: 'sessionAAAAAAAAAAAAAAAA',
  member: { maskedName: '王**', tier: 'gold', points: 100, pendingPoints: 0, expiring: null, birthdayThisMonth: false },
  wallet: [], offers: [], experiment: null, freshness: 'hq',
};
const run = (state: SessionState, ...actions: SessionAction[]) => actions.reduce(kioskSessionReducer, state);
const home = run(initialSession('zh-CN', 60, 0), { type: 'touch', at: 1000 });
const open: SessionAction = { type: 'openFeedback', at: 2000 };

describe('feedback screen in the kiosk session', () => {
  it('opens from the guide home and a member`s home, not from the attract loop or the map', () => {
    expect(run(home, open).screen).toBe('feedback');
    expect(run(home, { type: 'memberIdentified', home: member, at: 1500 }, open)).toMatchObject({ screen: 'feedback', member: { memberSession: member.memberSession } });
    const attract = initialSession('zh-CN', 60, 0);
    expect(run(attract, open)).toBe(attract);
    const map = run(home, { type: 'openMap', to: null, at: 1500 });
    expect(run(map, open)).toBe(map);
  });

  it('a sign-in on it stays on it; closing goes to the member`s home, else the guide home; idle ends it', () => {
    const signedIn = run(home, open, { type: 'memberIdentified', home: member, at: 3000 });
    expect(signedIn.screen).toBe('feedback');
    expect(run(signedIn, { type: 'closeFeedback', at: 4000 }).screen).toBe('member');
    expect(run(home, open, { type: 'closeFeedback', at: 4000 }).screen).toBe('home');
    expect(run(home, open, { type: 'tick', at: 2000 + 61_000 })).toMatchObject({ screen: 'attract', member: null });
  });
});

describe('the draft check', () => {
  const ok: FeedbackDraft = { category: 'service', storeId: null, rating: 4, text: '很好 👍', contact: 'none', phone: '' };
  const fields = (d: FeedbackDraft) => draftProblems(d).map((p) => p.key);

  it('passes a complete draft and names each problem otherwise', () => {
    expect(fields(ok)).toEqual([]);
    expect(fields({ ...ok, category: null, rating: 0, text: '  ' })).toEqual(['noCategory', 'noRating', 'emptyText']);
    expect(fields({ ...ok, category: 'store' })).toEqual(['noStore']);
    expect(fields({ ...ok, contact: 'phone', phone: '1391234567' })).toEqual(['badPhone']);
    expect(fields({ ...ok, contact: 'phone', phone: '13912345678' })).toEqual([]);
    expect(draftProblems({ ...ok, text: '好'.repeat(5000) })).toEqual([{ field: 'text', key: 'tooLong', values: { max: 500, over: 4500 } }]);
  });

  it('counts an emoji as one character and masks a phone as typed', () => {
    expect(charCount('👍a好')).toBe(3);
    expect(maskPhone('139')).toBe('139');
    expect(maskPhone('1391234')).toBe('139****');
    expect(maskPhone('13912345678')).toBe('139****5678');
  });
});
