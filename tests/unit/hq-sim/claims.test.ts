// HQ's claim decisions: the pure rules (a table of cases), then the ledger on a real SQLite file: each claim id
// decided once, repeats answered with the same result, stock and per-member limits, points spent exactly once.
import { describe, expect, it } from 'vitest';
import type { Coupon, Member } from '../../../contracts/catalog.ts';
import { ClaimResult, type ClaimEventPayload } from '../../../contracts/members.ts';
import type { DeviceEvent, DeviceEventEnvelope } from '../../../contracts/mqtt.ts';
import { claimById, listClaims, settleClaim, type ClaimOutcome } from '../../../hq-sim/src/claim-ledger.ts';
import { CLAIM_EVENT_TYPES, decideClaim, memberWithSpentPoints, parseClaimEvent, type ClaimInput } from '../../../hq-sim/src/claims.ts';
import { currentSnapshot, openHqData, type HqData } from '../../../hq-sim/src/hq-data.ts';
import { answerLookup } from '../../../hq-sim/src/lookup.ts';
import { checkRedemptionCode, redemptionCode } from '../../../hq-sim/src/redemption.ts';
import { freshDataDir } from '../../support/agent-process.ts';

const now = new Date('2026-11-23T12:00:00Z');
const MALL = 'demo-mall';
const DAY = 86_400_000;

const member = (o: Partial<Member> = {}): Member => ({
  id: 'M1', name: '测试', tier: 'silver', points: 1000, birthMonth: null, lastVisit: null, segment: null, tags: [], expiringPoints: null, ...o,
});
const coupon = (o: Partial<Coupon> = {}): Coupon => ({
  id: 'c-1', storeId: null, kind: 'discount', title: { zh: '券' }, minSpendFen: 0, valueFen: 1000, pointsCost: 0, stock: 10, perMemberLimit: 1,
  tiers: ['regular', 'silver', 'gold', 'diamond'], validFrom: new Date(now.getTime() - DAY).toISOString(), validTo: new Date(now.getTime() + DAY).toISOString(), ...o,
});
let seq = 0;
const claim = (o: Partial<ClaimEventPayload> = {}): ClaimEventPayload => ({
  claimId: `claim-${String(++seq).padStart(12, '0')}`, memberId: 'M1', couponId: 'c-1', via: 'claim', pointsCost: 0, ruleId: null, experiment: null, claimedAt: now.toISOString(), ...o,
});
const input = (o: Partial<ClaimInput> = {}): ClaimInput => ({ claim: claim(), member: member(), coupon: coupon(), claimedForCoupon: 0, claimedByMember: 0, now, ...o });

describe('decideClaim', () => {
  it('confirms a free claim without touching points, and an exchange by spending its cost', () => {
    expect(decideClaim(input())).toEqual({ status: 'confirmed', pointsSpent: 0, pointsBalance: 1000 });
    const exchange = input({ claim: claim({ via: 'exchange', pointsCost: 500 }), coupon: coupon({ pointsCost: 500 }) });
    expect(decideClaim(exchange)).toEqual({ status: 'confirmed', pointsSpent: 500, pointsBalance: 500 });
    // exactly the balance is enough
    expect(decideClaim({ ...exchange, member: member({ points: 500 }) })).toMatchObject({ status: 'confirmed', pointsBalance: 0 });
  });

  it.each([
    ['unknown member', { member: null }, 'unknown_member', null],
    ['unknown coupon', { coupon: null }, 'unknown_coupon', 1000],
    ['tier not allowed', { coupon: coupon({ tiers: ['gold', 'diamond'] }) }, 'not_eligible', 1000],
    ['claimed before the coupon starts', { coupon: coupon({ validFrom: new Date(now.getTime() + 60_000).toISOString() }) }, 'expired_coupon', 1000],
    ['coupon ended before HQ decides', { coupon: coupon({ validTo: new Date(now.getTime() - 60_000).toISOString() }) }, 'expired_coupon', 1000],
    ['a points coupon claimed, not exchanged', { coupon: coupon({ pointsCost: 500 }) }, 'not_eligible', 1000],
    ['a free coupon exchanged', { claim: claim({ via: 'exchange', pointsCost: 0 }) }, 'not_eligible', 1000],
    ['offered at another price', { claim: claim({ via: 'exchange', pointsCost: 400 }), coupon: coupon({ pointsCost: 500 }) }, 'price_changed', 1000],
    ['member limit reached', { claimedByMember: 1 }, 'limit_reached', 1000],
    ['out of stock', { claimedForCoupon: 10 }, 'out_of_stock', 1000],
    ['not enough points', { claim: claim({ via: 'exchange', pointsCost: 500 }), coupon: coupon({ pointsCost: 500 }), member: member({ points: 499 }) }, 'not_enough_points', 499],
  ] as const)('rejects: %s', (_name, o, code, balance) => {
    const d = decideClaim(input(o as Partial<ClaimInput>));
    expect(d).toMatchObject({ status: 'rejected', code, pointsBalance: balance });
    expect(d.status === 'rejected' && d.detail.startsWith(`${code}: `)).toBe(true);
  });

  it('lets a member with a limit of 2 take a second one, and a coupon with stock left be claimed', () => {
    expect(decideClaim(input({ coupon: coupon({ perMemberLimit: 2, stock: 2 }), claimedByMember: 1, claimedForCoupon: 1 })).status).toBe('confirmed');
  });
});

describe('memberWithSpentPoints', () => {
  it('spends points that are about to expire first', () => {
    const m = member({ points: 940, expiringPoints: { points: 600, on: '2026-11-28' } });
    expect(memberWithSpentPoints(m, 0)).toBe(m);
    expect(memberWithSpentPoints(m, 500)).toMatchObject({ points: 440, expiringPoints: { points: 100, on: '2026-11-28' } });
    expect(memberWithSpentPoints(m, 600)).toMatchObject({ points: 340, expiringPoints: null });
    expect(memberWithSpentPoints(m, 2000)).toMatchObject({ points: 0, expiringPoints: null });
  });
});

describe('parseClaimEvent', () => {
  const ev = (type: string, payload: Record<string, unknown>): DeviceEventEnvelope => ({ eventId: 'e-00000001', type, deviceId: 'k-1', mallId: MALL, ts: now.toISOString(), payload });
  it('takes a payload that matches its event type', () => {
    const c = claim();
    expect(parseClaimEvent(ev(CLAIM_EVENT_TYPES.claim, c))).toEqual({ ok: true, claim: c });
  });
  it('refuses a type/via mismatch and a bad payload, keeping a usable claim id to answer to', () => {
    const c = claim({ via: 'exchange', pointsCost: 500 });
    expect(parseClaimEvent(ev(CLAIM_EVENT_TYPES.claim, c))).toMatchObject({ ok: false, claimId: c.claimId, reason: /does not match via exchange/ });
    expect(parseClaimEvent(ev(CLAIM_EVENT_TYPES.claim, { ...claim(), memberId: undefined, claimId: 'claim-usable-0001' }))).toMatchObject({ ok: false, claimId: 'claim-usable-0001', reason: /memberId/ });
    expect(parseClaimEvent(ev(CLAIM_EVENT_TYPES.claim, { couponId: 'c-1' }))).toMatchObject({ ok: false, claimId: null });
    expect(parseClaimEvent(ev(CLAIM_EVENT_TYPES.claim, { ...claim(), claimId: 'short' }))).toMatchObject({ ok: false, claimId: null });
  });
});

describe('claim ledger (real SQLite)', () => {
  const open = (): HqData => {
    const data = openHqData(freshDataDir('atrium-hq-claims-'), MALL, now);
    currentSnapshot(data, now); // HQ's published catalog: the coupons it decides against
    return data;
  };
  const event = (c: ClaimEventPayload, eventId = `ev-${c.claimId}`, deviceId = 'kiosk-a'): DeviceEvent => ({
    eventId, type: CLAIM_EVENT_TYPES[c.via], deviceId, mallId: MALL, ts: c.claimedAt, payload: c,
  });
  const settle = (data: HqData, c: ClaimEventPayload, o: { eventId?: string; deviceId?: string; at?: Date } = {}): ClaimOutcome =>
    settleClaim(data.store, { mallId: MALL, deviceId: o.deviceId ?? 'kiosk-a', event: event(c, o.eventId, o.deviceId), now: o.at ?? now, redemptionCode: (id) => redemptionCode(data.key, id) });
  const cinema = (memberId: string, o: Partial<ClaimEventPayload> = {}) => claim({ memberId, couponId: 'c-points-cinema', via: 'exchange', pointsCost: 500, ...o });

  it('decides a claim once: the same event, or the same claim under a new event id, gets the stored result', () => {
    const data = open();
    const c = claim({ memberId: 'M1001', couponId: 'c-winter-300-50' });
    const first = settle(data, c);
    expect(first.kind).toBe('new');
    expect(ClaimResult.parse(first.kind === 'new' && first.result)).toMatchObject({ claimId: c.claimId, status: 'confirmed', detail: null, pointsBalance: 320 });
    const again = settle(data, c, { at: new Date(now.getTime() + 60_000) });
    const renamed = settle(data, c, { eventId: 'ev-resent-with-new-id' });
    expect(again).toMatchObject({ kind: 'repeat' });
    expect(renamed).toMatchObject({ kind: 'repeat' });
    if (first.kind !== 'new' || again.kind !== 'repeat') throw new Error('unreachable');
    expect(again.result).toEqual(first.result); // same ts, same redemption code
    expect(JSON.stringify(again.result)).toBe(JSON.stringify(first.result));
    expect(listClaims(data.store, { memberId: 'M1001' })).toHaveLength(1);
    expect(claimById(data.store, c.claimId)).toMatchObject({ repeats: 2, status: 'confirmed', eventId: `ev-${c.claimId}` });
    expect(checkRedemptionCode(first.result.redemptionCode!, [data.key.hqKey])).toEqual({ ok: true, claimId: c.claimId, kid: data.key.kid });
    data.close();
  });

  it('spends points exactly once for an exchange, however often it arrives; the look-up shows the new balance', () => {
    const data = open();
    const c = cinema('M1003'); // 5200 points
    for (let i = 0; i < 5; i++) settle(data, c, { eventId: `ev-retry-${i}` });
    expect(data.store.pointsSpent('M1003')).toBe(500);
    expect(data.store.memberById('M1003')!.points).toBe(4700);
    expect(answerLookup({ by: 'memberId', memberId: 'M1003' }, data.store)).toMatchObject({ found: true, member: { points: 4700 } });
    expect(claimById(data.store, c.claimId)).toMatchObject({ status: 'confirmed', pointsSpent: 500, repeats: 4 });
    data.close();
  });

  it('refuses an exchange the member cannot afford, and spends nothing', () => {
    const data = open();
    const poor = settle(data, cinema('M1001')); // 320 points
    expect(poor).toMatchObject({ kind: 'new', result: { status: 'rejected', pointsBalance: 320, redemptionCode: null, detail: expect.stringMatching(/^not_enough_points: /) } });
    expect(data.store.pointsSpent('M1001')).toBe(0);
    data.close();
  });

  it('spends the expiring points first and keeps the balance when HQ restarts and refreshes the demo members', () => {
    const dir = freshDataDir('atrium-hq-claims-');
    const data = openHqData(dir, MALL, now);
    currentSnapshot(data, now);
    expect(settle(data, cinema('M1005'))).toMatchObject({ result: { status: 'confirmed', pointsBalance: 440 } }); // 940 - 500
    expect(data.store.memberById('M1005')).toMatchObject({ points: 440, expiringPoints: { points: 100 } });
    data.close();
    const reopened = openHqData(dir, MALL, new Date(now.getTime() + 3_600_000));
    expect(reopened.store.memberById('M1005')).toMatchObject({ points: 440, expiringPoints: { points: 100 } });
    reopened.close();
  });

  it('enforces the per-member limit and counts only confirmed claims', () => {
    const data = open();
    const a = settle(data, claim({ memberId: 'M1002', couponId: 'c-hotpot-200-40' }));
    const b = settle(data, claim({ memberId: 'M1002', couponId: 'c-hotpot-200-40' }));
    expect([a, b].map((o) => o.kind !== 'unanswerable' && o.result.status)).toEqual(['confirmed', 'rejected']);
    expect(b.kind !== 'unanswerable' && b.result.detail).toMatch(/^limit_reached: M1002 already holds 1 of c-hotpot-200-40/);
    // another member may still have one
    expect(settle(data, claim({ memberId: 'M1003', couponId: 'c-hotpot-200-40' }))).toMatchObject({ result: { status: 'confirmed' } });
    data.close();
  });

  it('stops at the coupon`s stock: with 30 diamond lounge passes, the 31st claim is out of stock', () => {
    const data = open();
    const snapshot = data.store.publishedSnapshot(MALL)!;
    expect(snapshot.coupons.find((c) => c.id === 'c-diamond-lounge')).toMatchObject({ stock: 30, perMemberLimit: 1, tiers: ['diamond'] });
    // One diamond member may hold one; to exhaust the stock, give HQ 31 diamond members.
    data.store.upsertMembers(Array.from({ length: 31 }, (_, i) => ({ member: member({ id: `D${i}`, tier: 'diamond' }), note: null, cardHash: null })), now);
    const results = Array.from({ length: 31 }, (_, i) => settle(data, claim({ memberId: `D${i}`, couponId: 'c-diamond-lounge' })));
    const statuses = results.map((r) => (r.kind === 'unanswerable' ? 'none' : r.result.status));
    expect(statuses.filter((s) => s === 'confirmed')).toHaveLength(30);
    expect(statuses.at(-1)).toBe('rejected');
    const last = results.at(-1)!;
    expect(last.kind !== 'unanswerable' && last.result.detail).toBe('out_of_stock: all 30 of c-diamond-lounge are claimed');
    data.close();
  });

  it('answers a claim id reused for another claim with duplicate_claim_id and keeps the original', () => {
    const data = open();
    const c = claim({ memberId: 'M1004', couponId: 'c-diamond-lounge' });
    const original = settle(data, c);
    const otherDevice = settle(data, c, { deviceId: 'kiosk-b' });
    const otherCoupon = settle(data, { ...c, couponId: 'c-winter-300-50' });
    for (const o of [otherDevice, otherCoupon]) {
      expect(o).toMatchObject({ kind: 'conflict', result: { claimId: c.claimId, status: 'rejected', detail: expect.stringMatching(/^duplicate_claim_id: /) } });
    }
    expect(claimById(data.store, c.claimId)).toMatchObject({ deviceId: 'kiosk-a', couponId: 'c-diamond-lounge', status: 'confirmed', repeats: 0 });
    expect(original.kind !== 'unanswerable' && original.result.status).toBe('confirmed');
    data.close();
  });

  it('answers a malformed claim that has a claim id, stores nothing, and cannot answer one without', () => {
    const data = open();
    const c = claim({ memberId: 'M1001', couponId: 'c-winter-300-50' });
    const mismatch = settleClaim(data.store, { mallId: MALL, deviceId: 'kiosk-a', event: { ...event(c), type: CLAIM_EVENT_TYPES.exchange }, now, redemptionCode: () => 'x' });
    expect(mismatch).toMatchObject({ kind: 'malformed', result: { claimId: c.claimId, status: 'rejected', detail: expect.stringMatching(/^malformed: event type points.exchange.requested/) } });
    const noId = settleClaim(data.store, { mallId: MALL, deviceId: 'kiosk-a', event: { ...event(c), payload: { couponId: 'c-1' } }, now, redemptionCode: () => 'x' });
    expect(noId).toMatchObject({ kind: 'unanswerable' });
    expect(listClaims(data.store)).toEqual([]);
    // and the well-formed claim with that id is still decided normally afterwards
    expect(settle(data, c)).toMatchObject({ kind: 'new', result: { status: 'confirmed' } });
    data.close();
  });

  it('refuses coupons HQ does not publish and members HQ does not know', () => {
    const data = open();
    expect(settle(data, claim({ memberId: 'M1001', couponId: 'c-not-in-catalog' }))).toMatchObject({ result: { status: 'rejected', detail: expect.stringMatching(/^unknown_coupon: /), pointsBalance: 320 } });
    expect(settle(data, claim({ memberId: 'M9999', couponId: 'c-winter-300-50' }))).toMatchObject({ result: { status: 'rejected', detail: expect.stringMatching(/^unknown_member: /), pointsBalance: null } });
    expect(listClaims(data.store).map((c) => c.status)).toEqual(['rejected', 'rejected']);
    data.close();
  });
});
