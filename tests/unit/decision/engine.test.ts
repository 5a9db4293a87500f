// The offer decision engine: every condition held and not held, the coupon filters, de-duplication, ordering,
// anonymous vs member, hold-out and the A/B assignment, then the demo members' offers.
import { describe, expect, it } from 'vitest';
import type { Coupon, Member } from '../../../contracts/catalog.ts';
import { Experiment, OfferRule, type Expression } from '../../../contracts/members.ts';
import { assignArm, decideOffers, type DecisionInput } from '../../../edge-agent/src/decision/engine.ts';
import { demoCatalog, demoExperiments, demoMembers, demoOfferRules } from '../../../common/demo/catalog.ts';

// Wednesday 18 November 2026, 14:30 in Shanghai (06:30 UTC).
const NOW = new Date('2026-11-18T06:30:00Z');
const DAY = 86_400_000;
const daysAgo = (n: number, from = NOW) => new Date(from.getTime() - n * DAY).toISOString();

const member = (over: Partial<Member> = {}): Member => ({
  id: 'M1', name: '测试', tier: 'gold', points: 1000, birthMonth: 3, lastVisit: daysAgo(5), segment: 'loyal', tags: ['coffee'], expiringPoints: null, ...over,
});
const coupon = (id: string, over: Partial<Coupon> = {}): Coupon => ({
  id, storeId: null, kind: 'discount', title: { zh: id }, minSpendFen: 0, valueFen: 1000, pointsCost: 0, stock: 100, perMemberLimit: 1,
  tiers: ['regular', 'silver', 'gold', 'diamond'], validFrom: daysAgo(60), validTo: daysAgo(-60), ...over,
});
const rule = (id: string, couponId: string, when: OfferRule['when'] = {}, priority = 100): OfferRule => ({ id, couponId, priority, when, reason: { zh: `因为${id}`, en: `because ${id}` } });

type Setup = Partial<Omit<DecisionInput, 'coupons'>> & { coupons?: Coupon[]; stock?: Record<string, number>; taken?: Record<string, number> };
function decide(s: Setup) {
  const coupons = s.coupons ?? [coupon('c1')];
  return decideOffers({
    now: s.now ?? NOW,
    timeZone: s.timeZone,
    member: s.member === undefined ? member() : s.member,
    expression: s.expression ?? null,
    rules: s.rules ?? [],
    coupons: new Map(coupons.map((c) => [c.id, c])),
    experiments: s.experiments ?? [],
    stockLeft: (id) => s.stock?.[id] ?? 50,
    takenByMember: (id) => s.taken?.[id] ?? 0,
    assignmentKey: s.assignmentKey ?? 'M1',
    limit: s.limit,
  });
}
/** One rule for coupon c1: did it become an offer, and if not, why. */
function one(when: OfferRule['when'], s: Setup = {}): { offered: boolean; why: string | undefined } {
  const d = decide({ ...s, rules: [rule('r1', 'c1', when)] });
  expect(d.offers.length + d.skipped.length).toBe(1);
  return { offered: d.offers.length === 1, why: d.skipped[0]?.why };
}

describe('conditions, each held and not held', () => {
  const cases: { name: string; when: OfferRule['when']; setup?: Setup; offered: boolean; why?: RegExp }[] = [
    { name: 'no conditions: offered to a member', when: {}, offered: true },
    { name: 'no conditions: offered to an anonymous shopper', when: {}, setup: { member: null }, offered: true },
    { name: 'tiers held', when: { tiers: ['gold', 'diamond'] }, offered: true },
    { name: 'tiers not held', when: { tiers: ['diamond'] }, offered: false, why: /^tiers: member is gold/ },
    { name: 'segments held', when: { segments: ['loyal', 'vip'] }, offered: true },
    { name: 'segments not held', when: { segments: ['vip'] }, offered: false, why: /^segments/ },
    { name: 'segments with no member segment', when: { segments: ['vip'] }, setup: { member: member({ segment: null }) }, offered: false, why: /segment none/ },
    { name: 'tagsAny held by one tag', when: { tagsAny: ['sports', 'coffee'] }, offered: true },
    { name: 'tagsAny not held', when: { tagsAny: ['sports'] }, offered: false, why: /^tagsAny/ },
    { name: 'dormantDays held (100 days away)', when: { dormantDays: 90 }, setup: { member: member({ lastVisit: daysAgo(100) }) }, offered: true },
    { name: 'dormantDays held exactly at 90 days', when: { dormantDays: 90 }, setup: { member: member({ lastVisit: daysAgo(90) }) }, offered: true },
    { name: 'dormantDays held: never visited', when: { dormantDays: 90 }, setup: { member: member({ lastVisit: null }) }, offered: true },
    { name: 'dormantDays not held (89 days)', when: { dormantDays: 90 }, setup: { member: member({ lastVisit: daysAgo(89) }) }, offered: false, why: /^dormantDays: last visit 89 days ago/ },
    { name: 'birthdayMonth held (November in Shanghai)', when: { birthdayMonth: true }, setup: { member: member({ birthMonth: 11 }) }, offered: true },
    { name: 'birthdayMonth not held', when: { birthdayMonth: true }, setup: { member: member({ birthMonth: 12 }) }, offered: false, why: /^birthdayMonth: birth month 12, local month 11/ },
    { name: 'birthdayMonth with unknown birth month', when: { birthdayMonth: true }, setup: { member: member({ birthMonth: null }) }, offered: false, why: /unknown/ },
    { name: 'pointsExpiringWithinDays held (5 of 7 days)', when: { pointsExpiringWithinDays: 7 }, setup: { member: member({ expiringPoints: { points: 600, on: '2026-11-23' } }) }, offered: true },
    { name: 'pointsExpiringWithinDays held (expire today)', when: { pointsExpiringWithinDays: 7 }, setup: { member: member({ expiringPoints: { points: 600, on: '2026-11-18' } }) }, offered: true },
    { name: 'pointsExpiringWithinDays held (exactly 7 days)', when: { pointsExpiringWithinDays: 7 }, setup: { member: member({ expiringPoints: { points: 600, on: '2026-11-25' } }) }, offered: true },
    { name: 'pointsExpiringWithinDays not held (8 days)', when: { pointsExpiringWithinDays: 7 }, setup: { member: member({ expiringPoints: { points: 600, on: '2026-11-26' } }) }, offered: false, why: /8 days from today/ },
    { name: 'pointsExpiringWithinDays not held (already expired)', when: { pointsExpiringWithinDays: 7 }, setup: { member: member({ expiringPoints: { points: 600, on: '2026-11-17' } }) }, offered: false, why: /-1 days/ },
    { name: 'pointsExpiringWithinDays not held (nothing expiring)', when: { pointsExpiringWithinDays: 7 }, offered: false, why: /no points expiring/ },
    { name: 'window held (Wednesday 14-15)', when: { window: { days: [3], fromHour: 14, toHour: 15 } }, offered: true },
    { name: 'window not held: other day', when: { window: { days: [1, 2, 4, 5, 6, 7], fromHour: 0, toHour: 24 } }, offered: false, why: /local weekday 3/ },
    { name: 'window not held: toHour is exclusive', when: { window: { days: [3], fromHour: 11, toHour: 14 } }, offered: false, why: /local hour 14 outside \[11,14\)/ },
    { name: 'window not held: before fromHour', when: { window: { days: [3], fromHour: 15, toHour: 24 } }, offered: false, why: /local hour 14/ },
    { name: 'overnight window 21-2 at 01:00 held', when: { window: { days: [4], fromHour: 21, toHour: 2 } }, setup: { now: new Date('2026-11-18T17:00:00Z') }, offered: true },
    { name: 'overnight window 21-2 at 14:00 not held', when: { window: { days: [3], fromHour: 21, toHour: 2 } }, offered: false, why: /local hour 14/ },
    { name: 'expressions held', when: { expressions: ['happy', 'surprised'] }, setup: { member: null, expression: 'surprised' }, offered: true },
    { name: 'expressions not held', when: { expressions: ['happy'] }, setup: { member: null, expression: 'sad' }, offered: false, why: /looks sad/ },
    { name: 'expressions with no reading never match', when: { expressions: ['neutral'] }, setup: { member: null, expression: null }, offered: false, why: /no expression reading/ },
    { name: 'expressions apply to a member too', when: { expressions: ['happy'] }, setup: { expression: 'happy' }, offered: true },
    { name: 'anonymousOnly held', when: { anonymousOnly: true }, setup: { member: null }, offered: true },
    { name: 'anonymousOnly not held for a member', when: { anonymousOnly: true }, offered: false, why: /^anonymousOnly/ },
    { name: 'every condition together', when: { tiers: ['gold'], segments: ['loyal'], tagsAny: ['coffee'], dormantDays: 30, birthdayMonth: true, pointsExpiringWithinDays: 3, window: { days: [3], fromHour: 14, toHour: 15 }, expressions: ['happy'] },
      setup: { expression: 'happy', member: member({ birthMonth: 11, lastVisit: daysAgo(40), expiringPoints: { points: 10, on: '2026-11-20' } }) }, offered: true },
    { name: 'every condition but one', when: { tiers: ['gold'], segments: ['loyal'], tagsAny: ['coffee'], dormantDays: 30, birthdayMonth: true },
      setup: { member: member({ birthMonth: 11, lastVisit: daysAgo(20) }) }, offered: false, why: /^dormantDays/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = one(c.when, c.setup);
      expect(r.offered).toBe(c.offered);
      if (c.why) expect(r.why).toMatch(c.why);
    });
  }

  const memberOnly: OfferRule['when'][] = [{ tiers: ['regular'] }, { segments: ['new'] }, { tagsAny: ['x'] }, { dormantDays: 1 }, { birthdayMonth: true }, { pointsExpiringWithinDays: 30 }];
  for (const when of memberOnly) {
    it(`member condition ${Object.keys(when)[0]} never matches an anonymous shopper`, () => {
      const r = one(when, { member: null, expression: 'happy' });
      expect(r.offered).toBe(false);
      expect(r.why).toMatch(/anonymous shopper/);
    });
  }
});

describe('time zone: local day, hour and month', () => {
  // 23:30 UTC on Tuesday 17 November is 07:30 on Wednesday 18 November in Shanghai.
  const lateUtc = new Date('2026-11-17T23:30:00Z');
  const breakfast: OfferRule['when'] = { window: { days: [3], fromHour: 7, toHour: 8 } };
  it('a window is read in the mall time zone (default Asia/Shanghai) across the UTC day boundary', () => {
    expect(one(breakfast, { now: lateUtc }).offered).toBe(true);
    expect(one(breakfast, { now: lateUtc, timeZone: 'Asia/Shanghai' }).offered).toBe(true);
    expect(one(breakfast, { now: lateUtc, timeZone: 'UTC' }).why).toMatch(/local weekday 2/);
    expect(one({ window: { days: [2], fromHour: 23, toHour: 24 } }, { now: lateUtc, timeZone: 'UTC' }).offered).toBe(true);
    // 18:30 on Tuesday in New York.
    expect(one({ window: { days: [2], fromHour: 18, toHour: 19 } }, { now: lateUtc, timeZone: 'America/New_York' }).offered).toBe(true);
  });
  it('the birthday month turns over at local midnight, not UTC midnight', () => {
    const dec1Shanghai = new Date('2026-11-30T17:00:00Z'); // 01:00 on 1 December in Shanghai
    expect(one({ birthdayMonth: true }, { now: dec1Shanghai, member: member({ birthMonth: 12 }) }).offered).toBe(true);
    expect(one({ birthdayMonth: true }, { now: dec1Shanghai, member: member({ birthMonth: 11 }) }).offered).toBe(false);
    expect(one({ birthdayMonth: true }, { now: dec1Shanghai, timeZone: 'UTC', member: member({ birthMonth: 11 }) }).offered).toBe(true);
  });
  it('days until points expire count local calendar days', () => {
    const early19th = new Date('2026-11-18T17:00:00Z'); // 01:00 on 19 November in Shanghai, still the 18th in UTC
    const m = member({ expiringPoints: { points: 100, on: '2026-11-26' } });
    expect(one({ pointsExpiringWithinDays: 7 }, { now: early19th, member: m }).offered).toBe(true);
    expect(one({ pointsExpiringWithinDays: 7 }, { now: early19th, member: m, timeZone: 'UTC' }).why).toMatch(/8 days/);
  });
  it('an unknown time zone or an invalid date is a clear error', () => {
    expect(() => decide({ timeZone: 'Mars/Olympus' })).toThrow(/unknown time zone "Mars\/Olympus"/);
    expect(() => decide({ now: new Date('nonsense') })).toThrow(/not a valid date/);
  });
});

describe('coupon filters', () => {
  const r = [rule('r1', 'c1')];
  it('a rule whose coupon is not in the catalog is skipped', () => {
    const d = decide({ rules: [rule('r1', 'c-missing')] });
    expect(d.offers).toEqual([]);
    expect(d.skipped).toEqual([{ ruleId: 'r1', why: 'coupon c-missing is not in the catalog' }]);
  });
  it('validity: not yet valid, expired, and valid at both ends', () => {
    expect(decide({ rules: r, coupons: [coupon('c1', { validFrom: daysAgo(-1) })] }).skipped[0]?.why).toMatch(/not valid until/);
    expect(decide({ rules: r, coupons: [coupon('c1', { validTo: daysAgo(1) })] }).skipped[0]?.why).toMatch(/expired/);
    expect(decide({ rules: r, coupons: [coupon('c1', { validFrom: NOW.toISOString() })] }).offers).toHaveLength(1);
    expect(decide({ rules: r, coupons: [coupon('c1', { validTo: NOW.toISOString() })] }).offers).toHaveLength(1);
    expect(decide({ rules: r, coupons: [coupon('c1', { validFrom: '2026-11-18T14:00:00+08:00' })] }).offers).toHaveLength(1);
    expect(decide({ rules: r, coupons: [coupon('c1', { validFrom: '2026-11-18T15:00:00+08:00' })] }).offers).toHaveLength(0);
  });
  it("the coupon must list the member's tier; an anonymous shopper may take any tier's coupon", () => {
    const diamondOnly = [coupon('c1', { tiers: ['diamond'] })];
    expect(decide({ rules: r, coupons: diamondOnly }).skipped[0]?.why).toBe('coupon c1 is for diamond, member is gold');
    expect(decide({ rules: r, coupons: diamondOnly, member: member({ tier: 'diamond' }) }).offers).toHaveLength(1);
    expect(decide({ rules: r, coupons: diamondOnly, member: null }).offers).toHaveLength(1);
  });
  it('out of stock locally is skipped; stock left is reported', () => {
    expect(decide({ rules: r, stock: { c1: 0 } }).skipped[0]?.why).toBe('coupon c1 is out of stock');
    expect(decide({ rules: r, stock: { c1: -3 } }).offers).toEqual([]);
    expect(decide({ rules: r, stock: { c1: 1 } }).offers[0]?.stockLeft).toBe(1);
  });
  it('per-member limit: remaining = limit - taken, skipped at zero; anonymous gets the full limit', () => {
    const three = [coupon('c1', { perMemberLimit: 3 })];
    expect(decide({ rules: r, coupons: three, taken: { c1: 1 } }).offers[0]?.remainingForMember).toBe(2);
    expect(decide({ rules: r, coupons: three, taken: { c1: 3 } }).skipped[0]?.why).toMatch(/already took coupon c1 3 time/);
    expect(decide({ rules: r, coupons: three, taken: { c1: 5 } }).offers).toEqual([]);
    expect(decide({ rules: r, coupons: three, taken: { c1: 3 }, member: null }).offers[0]?.remainingForMember).toBe(3);
  });
  it('points exchange: offered as an exchange when the member has enough points, never to an anonymous shopper', () => {
    const cinema = [coupon('c1', { pointsCost: 500 })];
    const enough = decide({ rules: r, coupons: cinema, member: member({ points: 500 }) });
    expect(enough.offers[0]?.action).toBe('exchange');
    expect(decide({ rules: r, coupons: cinema, member: member({ points: 499 }) }).skipped[0]?.why).toBe('coupon c1 costs 500 points, member has 499');
    expect(decide({ rules: r, coupons: cinema, member: null }).skipped[0]?.why).toMatch(/not for anonymous shoppers/);
    expect(decide({ rules: r }).offers[0]?.action).toBe('claim');
  });
});

describe('choosing among rules', () => {
  it('one offer per coupon: the highest priority rule wins, the others say which rule did', () => {
    const d = decide({ rules: [rule('r-low', 'c1', {}, 100), rule('r-high', 'c1', {}, 500), rule('r-mid', 'c1', {}, 300)] });
    expect(d.offers.map((o) => o.rule.id)).toEqual(['r-high']);
    expect(d.offers[0]?.reason).toEqual({ zh: '因为r-high', en: 'because r-high' });
    expect(d.skipped).toEqual([
      { ruleId: 'r-mid', why: 'coupon c1 already offered by rule r-high' },
      { ruleId: 'r-low', why: 'coupon c1 already offered by rule r-high' },
    ]);
  });
  it('a tie in priority for the same coupon goes to the lower rule id', () => {
    const d = decide({ rules: [rule('r-b', 'c1'), rule('r-a', 'c1')] });
    expect(d.offers.map((o) => o.rule.id)).toEqual(['r-a']);
  });
  it('when the higher rule does not match, a lower rule for the same coupon still offers it', () => {
    const d = decide({ rules: [rule('r-high', 'c1', { tiers: ['diamond'] }, 900), rule('r-low', 'c1', {}, 100)] });
    expect(d.offers.map((o) => o.rule.id)).toEqual(['r-low']);
    expect(d.skipped.map((s) => s.ruleId)).toEqual(['r-high']);
  });
  it('sorted by priority (high first), then rule id; the default limit is 6 and the rest are skipped as over it', () => {
    const coupons = Array.from({ length: 9 }, (_, i) => coupon(`c${i}`));
    const rules = [rule('r-d', 'c0', {}, 50), rule('r-b', 'c1', {}, 200), rule('r-a', 'c2', {}, 200), rule('r-z', 'c3', {}, 999), rule('r-c', 'c4', {}, 10),
      rule('r-e', 'c5', {}, 60), rule('r-f', 'c6', {}, 70), rule('r-g', 'c7', {}, 5), rule('r-h', 'c8', {}, 1)];
    const d = decide({ rules, coupons });
    expect(d.offers.map((o) => o.rule.id)).toEqual(['r-z', 'r-a', 'r-b', 'r-f', 'r-e', 'r-d']);
    expect(d.skipped).toEqual([
      { ruleId: 'r-c', why: 'over the limit of 6 offers' },
      { ruleId: 'r-g', why: 'over the limit of 6 offers' },
      { ruleId: 'r-h', why: 'over the limit of 6 offers' },
    ]);
    expect(decide({ rules, coupons, limit: 2 }).offers.map((o) => o.rule.id)).toEqual(['r-z', 'r-a']);
    expect(decide({ rules, coupons, limit: 0 }).offers).toEqual([]);
  });
  it('every rule is either chosen or skipped once, and considered counts them all', () => {
    const c = demoCatalog(NOW);
    for (const m of [...demoMembers(NOW), null]) {
      const d = decideOffers({ ...demoInput(NOW, m, 'happy'), limit: 3 });
      expect(d.considered).toBe(c.offerRules.length);
      const ids = [...d.offers.map((o) => o.rule.id), ...d.skipped.map((s) => s.ruleId)].sort();
      expect(ids).toEqual(c.offerRules.map((r) => r.id).sort());
    }
  });
  it('is a pure function: same input, same output; the rule list is not reordered', () => {
    const rules = [rule('r1', 'c1', {}, 1), rule('r2', 'c2', {}, 2)];
    const before = rules.map((r) => r.id);
    const a = decide({ rules, coupons: [coupon('c1'), coupon('c2')] });
    const b = decide({ rules, coupons: [coupon('c1'), coupon('c2')] });
    expect(a).toEqual(b);
    expect(rules.map((r) => r.id)).toEqual(before);
  });
  it('no rules, no offers', () => {
    expect(decide({ rules: [] })).toEqual({ offers: [], experiment: null, considered: 0, skipped: [] });
  });
});

describe('experiments', () => {
  const allHoldout: Experiment = { id: 'x1', arms: [{ name: 'offers', weight: 0, holdout: false }, { name: 'holdout', weight: 1, holdout: true }] };
  const allOffers: Experiment = { id: 'x2', arms: [{ name: 'offers', weight: 1, holdout: false }, { name: 'holdout', weight: 0, holdout: true }] };
  it('the hold-out arm gets no offers but the experiment is reported, and the audit says what was held back', () => {
    const d = decide({ rules: [rule('r1', 'c1'), rule('r2', 'c1', { tiers: ['diamond'] })], experiments: [allHoldout] });
    expect(d.offers).toEqual([]);
    expect(d.experiment).toEqual({ id: 'x1', arm: 'holdout', holdout: true });
    expect(d.skipped).toEqual([
      { ruleId: 'r1', why: 'hold-out arm "holdout" of x1: no offers shown' },
      { ruleId: 'r2', why: 'tiers: member is gold, rule wants diamond' },
    ]);
  });
  it('only the first experiment counts; none gives experiment null', () => {
    const d = decide({ rules: [rule('r1', 'c1')], experiments: [allOffers, allHoldout] });
    expect(d.experiment).toEqual({ id: 'x2', arm: 'offers', holdout: false });
    expect(d.offers).toHaveLength(1);
    expect(decide({ rules: [rule('r1', 'c1')] }).experiment).toBeNull();
  });
  it('the same key always lands in the same arm, and the arm depends on the experiment id too', () => {
    const x = demoExperiments()[0]!;
    const other: Experiment = { ...x, id: 'x-other' };
    let differ = 0;
    for (let i = 0; i < 2000; i++) {
      const key = `M${i}`;
      const a = assignArm(x, key);
      expect(assignArm(x, key)).toEqual(a);
      if (assignArm(other, key).arm !== a.arm) differ++;
    }
    // Independent 90/10 draws disagree 18 % of the time.
    expect(differ / 2000).toBeGreaterThan(0.12);
    expect(differ / 2000).toBeLessThan(0.24);
  });
  it('10,000 keys split 90/10 within ±2 %', () => {
    const x = demoExperiments()[0]!;
    let holdout = 0;
    for (let i = 0; i < 10_000; i++) if (assignArm(x, `session-${i}`).holdout) holdout++;
    expect(Math.abs(holdout / 10_000 - 0.1)).toBeLessThanOrEqual(0.02);
  });
  it('three arms 50/30/20 within ±2 % each; a weight-0 arm is never chosen; all-zero weights split evenly', () => {
    const x: Experiment = { id: 'x3', arms: [{ name: 'a', weight: 50, holdout: false }, { name: 'b', weight: 30, holdout: false }, { name: 'zero', weight: 0, holdout: false }, { name: 'c', weight: 20, holdout: true }] };
    const counts: Record<string, number> = {};
    for (let i = 0; i < 10_000; i++) {
      const arm = assignArm(x, String(i)).arm;
      counts[arm] = (counts[arm] ?? 0) + 1;
    }
    expect(counts.zero).toBeUndefined();
    expect(Math.abs(counts.a! / 10_000 - 0.5)).toBeLessThanOrEqual(0.02);
    expect(Math.abs(counts.b! / 10_000 - 0.3)).toBeLessThanOrEqual(0.02);
    expect(Math.abs(counts.c! / 10_000 - 0.2)).toBeLessThanOrEqual(0.02);
    const zeros: Experiment = { id: 'x4', arms: [{ name: 'a', weight: 0, holdout: false }, { name: 'b', weight: 0, holdout: false }] };
    let a = 0;
    for (let i = 0; i < 10_000; i++) if (assignArm(zeros, String(i)).arm === 'a') a++;
    expect(Math.abs(a / 10_000 - 0.5)).toBeLessThanOrEqual(0.02);
  });
});

function demoInput(now: Date, m: Member | null, expression: Expression | null): DecisionInput {
  const c = demoCatalog(now);
  return {
    now, member: m, expression, rules: c.offerRules, coupons: new Map(c.coupons.map((x) => [x.id, x])), experiments: [],
    stockLeft: (id) => c.coupons.find((x) => x.id === id)!.stock, takenByMember: () => 0, assignmentKey: m?.id ?? 'wall-1',
  };
}

describe('the demo members get sensible offers', () => {
  // Mid-month lunchtime, and 01:30 on the 1st in Shanghai (still the previous month in UTC).
  const instants = [NOW, new Date('2026-11-30T17:30:00Z')];
  for (const now of instants) {
    describe(`at ${now.toISOString()}`, () => {
      const members = Object.fromEntries(demoMembers(now).map((m) => [m.id, m]));
      const offers = (id: string) => decideOffers(demoInput(now, members[id]!, null)).offers.map((o) => `${o.rule.id}:${o.coupon.id}:${o.action}`);
      it('M1002 (birthday this month, likes coffee) gets the birthday cake first, then coffee', () => {
        expect(offers('M1002').slice(0, 2)).toEqual(['r-birthday:c-birthday-cake:claim', 'r-coffee:c-coffee-gift:claim']);
      });
      it('M1003 (dormant 200 days, sports) gets the win-back pack first, then sports', () => {
        expect(offers('M1003').slice(0, 2)).toEqual(['r-winback:c-winback-pack:claim', 'r-sports:c-sprint-500-100:claim']);
      });
      it('M1005 (600 points expiring in 5 days, 940 points) gets the cinema exchange first, for that reason', () => {
        expect(offers('M1005')[0]).toBe('r-expiring:c-points-cinema:exchange');
      });
      it('M1004 (diamond, beauty) gets the diamond lounge first, then the gold beauty coupon', () => {
        expect(offers('M1004').slice(0, 2)).toEqual(['r-diamond:c-diamond-lounge:claim', 'r-gold-beauty:c-lumen-gold:claim']);
      });
      it('M1001 (regular, new) gets only the offers open to everyone: no birthday, win-back, tier or points offers', () => {
        const o = offers('M1001');
        expect(o).toContain('r-everyone:c-winter-300-50:claim');
        expect(o.filter((x) => /r-(birthday|winback|expiring|diamond|gold-beauty|coffee|sports|points):/.test(x))).toEqual([]);
      });
      it('no member gets a wall-only (anonymous) offer, and nobody else gets the birthday cake', () => {
        for (const id of Object.keys(members)) {
          expect(offers(id).filter((x) => x.startsWith('w-'))).toEqual([]);
          if (id !== 'M1002') expect(offers(id).some((x) => x.includes('c-birthday-cake'))).toBe(false);
        }
      });
    });
  }
  it('the wall: a happy shopper gets dessert; an angry one gets hotpot (outside lunch hours, for the mood)', () => {
    const happy = decideOffers(demoInput(NOW, null, 'happy')).offers.map((o) => o.rule.id);
    expect(happy[0]).toBe('w-happy');
    const late = new Date('2026-11-18T14:00:00Z'); // 22:00 in Shanghai
    const angry = decideOffers(demoInput(late, null, 'angry')).offers;
    expect(angry[0]?.rule.id).toBe('w-grumpy');
    expect(angry[0]?.reason.en).toBe('Hotpot fixes everything');
    const anon = decideOffers(demoInput(NOW, null, 'neutral'));
    expect(anon.offers.every((o) => o.action === 'claim')).toBe(true);
    expect(anon.offers.map((o) => o.rule.id)).toContain('w-calm');
  });
  it('the demo rules all parse and the demo experiment holds out about 10 % of members', () => {
    for (const r of demoOfferRules()) expect(OfferRule.parse(r)).toEqual(r);
    for (const x of demoExperiments()) expect(Experiment.parse(x)).toEqual(x);
    const x = demoExperiments()[0]!;
    const held = Array.from({ length: 5000 }, (_, i) => assignArm(x, `M${100000 + i}`)).filter((a) => a.holdout).length;
    expect(Math.abs(held / 5000 - 0.1)).toBeLessThanOrEqual(0.02);
  });
});
