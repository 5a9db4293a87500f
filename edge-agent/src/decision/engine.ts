// The offer decision engine: which coupons to offer this member (or anonymous wall shopper) now, and why.
// Pure: a function of its input (no clock, no randomness, no I/O), so every choice can be replayed and audited.
import type { Coupon, LocalizedText, Member } from '../../../contracts/catalog.ts';
import type { Experiment, Expression, OfferRule } from '../../../contracts/members.ts';
import { dayNumberOf, localTime, type LocalTime } from '../../../common/local-time.ts';
import { DEFAULT_MALL_TIME_ZONE } from '../../../common/time-zone.ts';

export type DecisionInput = {
  now: Date;
  /** The mall's time zone, for windows and the birthday month (the agent's `timeZone` setting); default Asia/Shanghai. */
  timeZone?: string;
  /** null = anonymous shopper (interactive wall). */
  member: Member | null;
  /** Smoothed bucket from the wall; null on the guide screen. */
  expression: Expression | null;
  rules: readonly OfferRule[];
  coupons: ReadonlyMap<string, Coupon>;
  experiments: readonly Experiment[];
  /** The kiosk's local view of stock. */
  stockLeft(couponId: string): number;
  /** This member's claims (pending + confirmed) of that coupon. */
  takenByMember(couponId: string): number;
  /** Member id or wall session id: the A/B arm is a stable hash of experiment id + key. */
  assignmentKey: string;
  /** Max offers returned, default 6. */
  limit?: number;
};
export type ChosenOffer = { rule: OfferRule; coupon: Coupon; action: 'claim' | 'exchange'; stockLeft: number; remainingForMember: number; reason: LocalizedText };
export type Decision = {
  offers: ChosenOffer[];
  /** The first experiment in the list, if any. */
  experiment: { id: string; arm: string; holdout: boolean } | null;
  /** Rules evaluated. */
  considered: number;
  /** Every rule not chosen and why (for the "why this offer" audit). */
  skipped: { ruleId: string; why: string }[];
};

export const DEFAULT_LIMIT = 6;
const DAY_MS = 86_400_000;

type Context = { input: DecisionInput; member: Member | null; local: LocalTime; nowMs: number };
type Eligible = { rule: OfferRule; coupon: Coupon; action: 'claim' | 'exchange'; stockLeft: number; remainingForMember: number };

export function decideOffers(input: DecisionInput): Decision {
  const ctx: Context = { input, member: input.member, local: localTime(input.now, input.timeZone ?? DEFAULT_MALL_TIME_ZONE), nowMs: input.now.getTime() };
  const limit = Math.max(0, Math.floor(input.limit ?? DEFAULT_LIMIT));
  const first = input.experiments[0];
  const experiment = first ? { id: first.id, ...assignArm(first, input.assignmentKey) } : null;

  const skipped: Decision['skipped'] = [];
  const offers: ChosenOffer[] = [];
  const offeredBy = new Map<string, string>(); // couponId -> rule id that won it
  for (const rule of [...input.rules].sort(byPriorityThenId)) {
    const why = unmetCondition(rule, ctx);
    if (why) { skipped.push({ ruleId: rule.id, why }); continue; }
    const winner = offeredBy.get(rule.couponId);
    if (winner) { skipped.push({ ruleId: rule.id, why: `coupon ${rule.couponId} already offered by rule ${winner}` }); continue; }
    const eligible = eligibleCoupon(rule, ctx);
    if (typeof eligible === 'string') { skipped.push({ ruleId: rule.id, why: eligible }); continue; }
    offeredBy.set(rule.couponId, rule.id);
    if (experiment?.holdout) { skipped.push({ ruleId: rule.id, why: `hold-out arm "${experiment.arm}" of ${experiment.id}: no offers shown` }); continue; }
    if (offers.length >= limit) { skipped.push({ ruleId: rule.id, why: `over the limit of ${limit} offers` }); continue; }
    offers.push({ ...eligible, reason: rule.reason });
  }
  return { offers, experiment, considered: input.rules.length, skipped };
}

/** Higher priority first; ties by rule id (code-unit order, the same on every kiosk). */
function byPriorityThenId(a: OfferRule, b: OfferRule): number {
  return b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The first condition of `rule.when` that does not hold, as a sentence for the audit; null when all hold. */
function unmetCondition(rule: OfferRule, ctx: Context): string | null {
  const w = rule.when;
  const { member, local } = ctx;
  if (w.anonymousOnly && member) return 'anonymousOnly: a member is identified';
  if (w.expressions) {
    const e = ctx.input.expression;
    if (e === null) return 'expressions: no expression reading (guide screen or no face)';
    if (!w.expressions.includes(e)) return `expressions: shopper looks ${e}, rule wants ${w.expressions.join('/')}`;
  }
  if (w.window) {
    const { days, fromHour, toHour } = w.window;
    if (!days.includes(local.weekday)) return `window: local weekday ${local.weekday} not in [${days.join(',')}]`;
    if (!inHours(local.hour, fromHour, toHour)) return `window: local hour ${local.hour} outside [${fromHour},${toHour})`;
  }
  const memberConditions = (['tiers', 'segments', 'tagsAny', 'dormantDays', 'birthdayMonth', 'pointsExpiringWithinDays'] as const).filter((k) => w[k] !== undefined);
  if (memberConditions.length === 0) return null;
  if (!member) return `${memberConditions.join(', ')}: anonymous shopper (member conditions need a member)`;
  if (w.tiers && !w.tiers.includes(member.tier)) return `tiers: member is ${member.tier}, rule wants ${w.tiers.join('/')}`;
  if (w.segments && (member.segment === null || !w.segments.includes(member.segment))) return `segments: member segment ${member.segment ?? 'none'} not in ${w.segments.join('/')}`;
  if (w.tagsAny && !w.tagsAny.some((t) => member.tags.includes(t))) return `tagsAny: member has none of ${w.tagsAny.join('/')}`;
  if (w.dormantDays !== undefined && member.lastVisit !== null) {
    const idleDays = (ctx.nowMs - Date.parse(member.lastVisit)) / DAY_MS;
    if (!(idleDays >= w.dormantDays)) return `dormantDays: last visit ${Math.floor(idleDays)} days ago, rule wants ${w.dormantDays}+`;
  }
  if (w.birthdayMonth && member.birthMonth !== local.month) return `birthdayMonth: birth month ${member.birthMonth ?? 'unknown'}, local month ${local.month}`;
  if (w.pointsExpiringWithinDays !== undefined) {
    const exp = member.expiringPoints;
    if (!exp) return 'pointsExpiringWithinDays: no points expiring';
    const inDays = dayNumberOf(exp.on) - local.dayNumber;
    if (!(inDays >= 0 && inDays <= w.pointsExpiringWithinDays)) return `pointsExpiringWithinDays: points expire ${exp.on} (${inDays} days from today), rule wants 0-${w.pointsExpiringWithinDays}`;
  }
  return null;
}

/** [fromHour, toHour) in local hours; a window with fromHour >= toHour runs overnight (e.g. 21-2). */
function inHours(hour: number, fromHour: number, toHour: number): boolean {
  return fromHour < toHour ? hour >= fromHour && hour < toHour : hour >= fromHour || hour < toHour;
}

/** The coupon a matching rule offers, if this shopper can take it now; otherwise why not. */
function eligibleCoupon(rule: OfferRule, ctx: Context): Eligible | string {
  const { member, input, nowMs } = ctx;
  const coupon = input.coupons.get(rule.couponId);
  if (!coupon) return `coupon ${rule.couponId} is not in the catalog`;
  if (nowMs < Date.parse(coupon.validFrom)) return `coupon ${coupon.id} not valid until ${coupon.validFrom}`;
  if (nowMs > Date.parse(coupon.validTo)) return `coupon ${coupon.id} expired ${coupon.validTo}`;
  if (member && !coupon.tiers.includes(member.tier)) return `coupon ${coupon.id} is for ${coupon.tiers.join('/')}, member is ${member.tier}`;
  const action = coupon.pointsCost > 0 ? 'exchange' : 'claim';
  if (action === 'exchange') {
    if (!member) return `coupon ${coupon.id} costs ${coupon.pointsCost} points: not for anonymous shoppers`;
    if (member.points < coupon.pointsCost) return `coupon ${coupon.id} costs ${coupon.pointsCost} points, member has ${member.points}`;
  }
  const stockLeft = input.stockLeft(coupon.id);
  if (!(stockLeft > 0)) return `coupon ${coupon.id} is out of stock`;
  const remainingForMember = member ? coupon.perMemberLimit - input.takenByMember(coupon.id) : coupon.perMemberLimit;
  if (!(remainingForMember > 0)) return `member already took coupon ${coupon.id} ${coupon.perMemberLimit} time(s) (the limit)`;
  return { rule, coupon, action, stockLeft, remainingForMember };
}

/**
 * The experiment arm for a key: a stable hash of experiment id + key placed on the arms' cumulative weights.
 * Weight-0 arms are never chosen; if every arm has weight 0 the arms count equally.
 */
export function assignArm(experiment: Experiment, key: string): { arm: string; holdout: boolean } {
  const arms = experiment.arms;
  if (arms.length === 0) throw new RangeError(`experiment ${experiment.id} has no arms`);
  const total = arms.reduce((s, a) => s + Math.max(0, a.weight), 0);
  const weightOf = (w: number) => (total > 0 ? Math.max(0, w) : 1);
  // Ids cannot contain '|', so "id|key" is unambiguous.
  const point = (hash32(`${experiment.id}|${key}`) / 2 ** 32) * (total > 0 ? total : arms.length);
  let cumulative = 0;
  for (const arm of arms) {
    cumulative += weightOf(arm.weight);
    if (point < cumulative) return { arm: arm.name, holdout: arm.holdout };
  }
  const last = [...arms].reverse().find((a) => weightOf(a.weight) > 0) ?? arms[arms.length - 1]!;
  return { arm: last.name, holdout: last.holdout };
}

/** FNV-1a over the UTF-16 code units, then murmur3's finaliser so nearby keys spread evenly. Unsigned 32-bit. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
