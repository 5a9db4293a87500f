// Decision engine bench: decideOffers for a member with 1,000 eligible offers (1,000 rules, 1,000 coupons), p50/p95
// per run. Baseline, in the same run: a plain loop that filters the same 1,000 rule+coupon pairs by tier, stock and
// validity and sorts them by priority then id.
import type { Coupon, Member } from '../contracts/catalog.ts';
import type { OfferRule } from '../contracts/members.ts';
import { assignArm, decideOffers, type DecisionInput } from '../edge-agent/src/decision/engine.ts';
import { demoExperiments } from '../common/demo/catalog.ts';
import { percentile } from './stats.ts';

const DAY = 86_400_000;
const now = new Date('2026-11-18T06:30:00Z'); // a Wednesday, 14:30 in Shanghai

/** 1,000 rules over 1,000 coupons, every one of which the member below is eligible for. */
export function eligibleOffers(count = 1000): { member: Member; rules: OfferRule[]; coupons: Coupon[] } {
  const member: Member = {
    id: 'M-bench', name: '基准', tier: 'gold', points: 100_000, birthMonth: 11, lastVisit: new Date(now.getTime() - 120 * DAY).toISOString(),
    segment: 'loyal', tags: ['coffee', 'sports', 'beauty'], expiringPoints: { points: 500, on: '2026-11-20' },
  };
  const whens: OfferRule['when'][] = [
    {}, { tiers: ['gold', 'diamond'] }, { tagsAny: ['sports', 'kids'] }, { segments: ['loyal'] }, { dormantDays: 90 }, { birthdayMonth: true },
    { pointsExpiringWithinDays: 7 }, { window: { days: [1, 2, 3, 4, 5], fromHour: 10, toHour: 22 } }, { tiers: ['gold'], tagsAny: ['coffee'], window: { days: [3], fromHour: 0, toHour: 24 } },
  ];
  const coupons: Coupon[] = [];
  const rules: OfferRule[] = [];
  for (let i = 0; i < count; i++) {
    const id = `c-${String(i).padStart(4, '0')}`;
    coupons.push({
      id, storeId: null, kind: 'discount', title: { zh: `券${i}`, en: `Coupon ${i}` }, minSpendFen: 10000, valueFen: 1000, pointsCost: i % 10 === 0 ? 200 : 0,
      stock: 100, perMemberLimit: 2, tiers: ['silver', 'gold', 'diamond'],
      validFrom: new Date(now.getTime() - 10 * DAY).toISOString(), validTo: new Date(now.getTime() + 30 * DAY).toISOString(),
    });
    rules.push({ id: `r-${String((i * 7919) % count).padStart(4, '0')}`, couponId: id, priority: (i * 37) % 1000, when: whens[i % whens.length]!, reason: { zh: `理由${i}`, en: `reason ${i}` } });
  }
  return { member, rules, coupons };
}

export function decisionInput(count = 1000): DecisionInput {
  const { member, rules, coupons } = eligibleOffers(count);
  const experiments = demoExperiments();
  // A key in the offers arm, so the engine does the full work (a hold-out key still evaluates every rule).
  let key = 'M-bench';
  for (let i = 0; assignArm(experiments[0]!, key).holdout; i++) key = `M-bench-${i}`;
  const stock = new Map(coupons.map((c) => [c.id, c.stock]));
  return {
    now, member, expression: null, rules, coupons: new Map(coupons.map((c) => [c.id, c])), experiments,
    stockLeft: (id) => stock.get(id) ?? 0, takenByMember: () => 0, assignmentKey: key,
  };
}

/** The baseline: filter the same pairs on tier, validity, stock and points, then sort by priority and id. */
function plainFilterSort(input: DecisionInput, limit: number) {
  const nowMs = input.now.getTime();
  const tier = input.member!.tier;
  const out: { rule: OfferRule; coupon: Coupon }[] = [];
  for (const rule of input.rules) {
    const coupon = input.coupons.get(rule.couponId);
    if (!coupon || !coupon.tiers.includes(tier) || input.stockLeft(coupon.id) <= 0) continue;
    if (nowMs < Date.parse(coupon.validFrom) || nowMs > Date.parse(coupon.validTo) || coupon.pointsCost > input.member!.points) continue;
    out.push({ rule, coupon });
  }
  out.sort((a, b) => b.rule.priority - a.rule.priority || (a.rule.id < b.rule.id ? -1 : 1));
  return out.slice(0, limit);
}

function timeCalls(calls: number, fn: () => unknown): number[] {
  const times: number[] = [];
  for (let i = 0; i < calls; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b);
}

/** p50 and p95 (ms) per run of `callsPerRun` calls, for the engine and for the baseline. */
export function decisionRuns(runs: number, callsPerRun = 300) {
  const input = decisionInput();
  const check = decideOffers({ ...input, limit: 1000 });
  if (check.offers.length !== 1000) throw new Error(`bench set-up: expected 1,000 eligible offers, got ${check.offers.length} (${check.skipped[0]?.why})`);
  const out = { engine: { p50: [] as number[], p95: [] as number[] }, baseline: { p50: [] as number[], p95: [] as number[] } };
  timeCalls(200, () => decideOffers(input)); // warm-up: let the JIT settle before measuring
  timeCalls(200, () => plainFilterSort(input, 6));
  for (let r = 0; r < runs; r++) {
    const e = timeCalls(callsPerRun, () => decideOffers(input));
    const b = timeCalls(callsPerRun, () => plainFilterSort(input, 6));
    out.engine.p50.push(percentile(e, 50));
    out.engine.p95.push(percentile(e, 95));
    out.baseline.p50.push(percentile(b, 50));
    out.baseline.p95.push(percentile(b, 95));
  }
  return out;
}
