// The car park's arithmetic, pure and in integer fen: what a stay costs under the tariff (started hours after a free
// grace period, each calendar day of the mall capped on its own), and what a member's benefits take off it (the
// tier's free hours, then parking coupons as more free hours, then points offered for the rest in whole yuan).
import { localDate } from '../../../common/local-time.ts';
import type { LocalizedText, MemberTier } from '../../../contracts/catalog.ts';
import type { ParkingBenefit, ParkingTariff } from '../../../contracts/parking.ts';

const HOUR_MS = 3_600_000;

/** The demo car park's tariff: 30 minutes free, then ¥5 per started hour, at most ¥40 a day. */
export const DEMO_TARIFF: ParkingTariff = { graceMin: 30, hourlyFen: 500, dailyCapFen: 4000 };

/** Hours free for each member tier, taken off the start of the stay. */
export const TIER_FREE_HOURS: Record<MemberTier, number> = { regular: 0, silver: 1, gold: 2, diamond: 3 };

/** What points buy: this many points pay one yuan. */
export const POINTS_PER_YUAN = 100;

export type DayCharge = { date: string; hours: number; fen: number; capped: boolean };

/**
 * The fee for a stay from `enteredAt` to `at`, with the first `freeHours` started hours not charged. Each started hour
 * belongs to the mall's calendar day it starts on, and each day's hours cost at most the daily cap. A stay within the
 * grace period costs nothing.
 */
export function stayFee(enteredAt: Date, at: Date, tariff: ParkingTariff, timeZone: string, freeHours = 0): { feeFen: number; days: DayCharge[] } {
  const ms = Math.max(0, at.getTime() - enteredAt.getTime());
  if (ms <= tariff.graceMin * 60_000) return { feeFen: 0, days: [] };
  const started = Math.ceil(ms / HOUR_MS);
  const perDay = new Map<string, number>();
  for (let k = Math.max(0, freeHours); k < started; k++) {
    const date = localDate(new Date(enteredAt.getTime() + k * HOUR_MS), timeZone);
    perDay.set(date, (perDay.get(date) ?? 0) + 1);
  }
  const days = [...perDay].map(([date, hours]) => {
    const fen = Math.min(tariff.dailyCapFen, hours * tariff.hourlyFen);
    return { date, hours, fen, capped: fen < hours * tariff.hourlyFen };
  });
  return { feeFen: days.reduce((sum, d) => sum + d.fen, 0), days };
}

export type ParkingCoupon = { couponId: string; title: LocalizedText; hours: number };
export type BenefitMember = { tier: MemberTier; points: number; coupons: readonly ParkingCoupon[] };

/**
 * The fee with a member's benefits: each benefit listed only when it saves something, in the order they apply. The
 * payable amount takes off free hours and coupons; points are offered for what is left (whole yuan, as far as the
 * balance goes) and taken only when the shopper pays with them.
 */
export function quoteStay(enteredAt: Date, at: Date, tariff: ParkingTariff, timeZone: string, member: BenefitMember | null): { feeFen: number; benefits: ParkingBenefit[]; payableFen: number } {
  const feeFen = stayFee(enteredAt, at, tariff, timeZone).feeFen;
  const benefits: ParkingBenefit[] = [];
  if (!member) return { feeFen, benefits, payableFen: feeFen };
  let free = 0;
  let left = feeFen;
  const freeMore = (hours: number): number => {
    free += hours;
    const after = stayFee(enteredAt, at, tariff, timeZone, free).feeFen;
    const saved = left - after;
    left = after;
    return saved;
  };
  const tierHours = TIER_FREE_HOURS[member.tier];
  if (tierHours > 0 && left > 0) {
    const savedFen = freeMore(tierHours);
    if (savedFen > 0) benefits.push({ kind: 'tier-free-hours', hours: tierHours, savedFen });
  }
  for (const c of member.coupons) {
    if (left === 0) break;
    const savedFen = freeMore(c.hours);
    if (savedFen > 0) benefits.push({ kind: 'coupon', couponId: c.couponId, title: c.title, savedFen });
  }
  const yuan = Math.min(Math.floor(left / 100), Math.floor(member.points / POINTS_PER_YUAN));
  if (yuan > 0) benefits.push({ kind: 'points', points: yuan * POINTS_PER_YUAN, pointsPerYuan: POINTS_PER_YUAN, savedFen: yuan * 100, balance: member.points });
  return { feeFen, benefits, payableFen: left };
}
