// The scan UI reducer, the camera's resend window, and the claim flow: pure pieces of the member screens.
import { describe, expect, it } from 'vitest';
import type { Offer } from '../../../contracts/members.ts';
import { claimReducer, newClaimId, noClaim, type ClaimAction, type ClaimFlow } from '../../../renderer/src/member/home/claimFlow.ts';
import { CAMERA_RESEND_MS, noRecentCodes, rememberSent, sentRecently } from '../../../renderer/src/member/scan/recentCodes.ts';
import { closedScan, scanReducer } from '../../../renderer/src/member/scan/scanState.ts';

describe('scan panel state', () => {
  it('a refusal opens the panel with its message; a second identical refusal is announced again', () => {
    const checking = scanReducer(closedScan, { type: 'checking', source: 'wedge' });
    expect(checking).toMatchObject({ panelOpen: false, checking: 'wedge' });
    const refused = scanReducer(checking, { type: 'refused', reason: 'expired', source: 'wedge' });
    expect(refused).toMatchObject({ panelOpen: true, checking: null, message: 'expired', messageSeq: 1 });
    expect(scanReducer(refused, { type: 'refused', reason: 'expired', source: 'wedge' }).messageSeq).toBe(2);
  });

  it('identifying closes the panel and clears the message; closing clears it too; reset forgets all', () => {
    const refused = scanReducer(scanReducer(closedScan, { type: 'open' }), { type: 'refused', reason: 'replayed', source: 'camera' });
    expect(scanReducer(refused, { type: 'identified' })).toMatchObject({ panelOpen: false, message: null, checking: null });
    expect(scanReducer(refused, { type: 'close' })).toMatchObject({ panelOpen: false, message: null });
    expect(scanReducer(refused, { type: 'reset' })).toEqual({ ...closedScan, messageSeq: 1 });
  });

  it('a camera refusal arriving after the panel closed does not open it again', () => {
    const closed = scanReducer(scanReducer(scanReducer(closedScan, { type: 'open' }), { type: 'checking', source: 'camera' }), { type: 'close' });
    expect(scanReducer(closed, { type: 'refused', reason: 'replayed', source: 'camera' })).toEqual({ ...closed, checking: null });
  });

  it('opening an open panel keeps its message', () => {
    const refused = scanReducer(closedScan, { type: 'refused', reason: 'offline', source: 'card' });
    expect(scanReducer(refused, { type: 'open' })).toBe(refused);
  });
});

describe('camera resend window', () => {
  it('sends a code once, then not again until the window has passed; other codes go at once', () => {
    let recent = noRecentCodes;
    expect(sentRecently(recent, 'A', 0)).toBe(false);
    recent = rememberSent(recent, 'A', 0);
    expect(sentRecently(recent, 'A', CAMERA_RESEND_MS - 1)).toBe(true);
    expect(sentRecently(recent, 'B', 10)).toBe(false);
    expect(sentRecently(recent, 'A', CAMERA_RESEND_MS)).toBe(false);
  });

  it('forgets old codes as new ones are remembered', () => {
    let recent = rememberSent(noRecentCodes, 'A', 0);
    recent = rememberSent(recent, 'B', CAMERA_RESEND_MS + 1);
    expect([...recent.keys()]).toEqual(['B']);
  });
});

const offer = (action: Offer['action'], couponId = 'c1'): Offer => ({
  couponId, ruleId: 'r1', action, title: { zh: '券' }, kind: 'gift', valueFen: 1000, minSpendFen: 0, pointsCost: action === 'exchange' ? 400 : 0,
  store: null, validTo: '2030-01-01T00:00:00Z', stockLeft: 5, remainingForMember: 1, reason: { zh: '因为' },
});
const run = (state: ClaimFlow, ...actions: ClaimAction[]) => actions.reduce(claimReducer, state);

describe('claim flow', () => {
  it('a claim tap sends at once with the id made for that tap', () => {
    expect(run(noClaim, { type: 'tap', offer: offer('claim'), claimId: 'id-1' })).toMatchObject({ stage: 'sending', claimId: 'id-1' });
  });

  it('an exchange asks first; the confirming tap makes the id; cancel sends nothing', () => {
    const asked = run(noClaim, { type: 'tap', offer: offer('exchange'), claimId: 'unused' });
    expect(asked.stage).toBe('confirm');
    expect(run(asked, { type: 'confirm', claimId: 'id-2' })).toMatchObject({ stage: 'sending', claimId: 'id-2' });
    expect(run(asked, { type: 'dismiss' })).toEqual(noClaim);
  });

  it('a failed send is retried with the same claim id, never a new one', () => {
    const failed = run(noClaim, { type: 'tap', offer: offer('claim'), claimId: 'id-3' }, { type: 'notSent', claimId: 'id-3' });
    expect(failed).toMatchObject({ stage: 'not_sent', claimId: 'id-3' });
    expect(run(failed, { type: 'retry' })).toMatchObject({ stage: 'sending', claimId: 'id-3' });
    expect(run(failed, { type: 'retry' }, { type: 'claimed', claimId: 'id-3' })).toMatchObject({ stage: 'claimed', claimId: 'id-3' });
  });

  it('ignores taps while a claim is out, answers for another claim, and a close while sending', () => {
    const sending = run(noClaim, { type: 'tap', offer: offer('claim'), claimId: 'id-4' });
    expect(run(sending, { type: 'tap', offer: offer('claim', 'c2'), claimId: 'id-5' })).toBe(sending);
    expect(run(sending, { type: 'claimed', claimId: 'other' })).toBe(sending);
    expect(run(sending, { type: 'dismiss' })).toBe(sending);
    expect(run(sending, { type: 'refused', claimId: 'id-4', reason: 'out_of_stock' })).toMatchObject({ stage: 'refused', reason: 'out_of_stock' });
  });

  it('makes claim ids the agent accepts, different every time', () => {
    const ids = new Set(Array.from({ length: 50 }, newClaimId));
    expect(ids.size).toBe(50);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
  });
});

describe("HQ's rejection detail", async () => {
  const { hqRejectionMessage } = await import('../../../renderer/src/member/home/hqRejection.ts');
  it('turns a known code into a plain message, without the log sentence (ids, jargon)', () => {
    expect(hqRejectionMessage('out_of_stock: all 50 of c-hq-x are claimed', 'zh-CN')).toBe('这张券已在其他地方领完');
    expect(hqRejectionMessage('limit_reached: M1004 already holds 1 of c1 (limit 1)', 'en')).toBe('You already have as many of this coupon as allowed');
  });
  it('shows any other detail as HQ wrote it, shortened, and nothing for none', () => {
    expect(hqRejectionMessage('库存不足', 'zh-CN')).toBe('库存不足');
    expect(hqRejectionMessage('toString: x', 'en')).toBe('toString: x');
    expect(hqRejectionMessage('x'.repeat(300), 'en')).toHaveLength(120);
    expect(hqRejectionMessage(null, 'en')).toBeNull();
    expect(hqRejectionMessage('  ', 'en')).toBeNull();
  });
});
