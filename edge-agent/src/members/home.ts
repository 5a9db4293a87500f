// The member home: what the guide screen shows an identified member. composeHome is pure (member, claims, the
// engine's decision in; MemberHome out); decide.ts gathers the engine's input from SQLite.
import { DEFAULT_MALL_TIME_ZONE } from '../../../common/time-zone.ts';
import type { Member, Store } from '../../../contracts/catalog.ts';
import { maskName, type MemberHome, type Offer, type WalletCoupon } from '../../../contracts/members.ts';
import { dayNumberOf, localTime } from '../../../common/local-time.ts';
import type { ClaimRow } from './claims.ts';
import type { MemberDecision } from './decide.ts';

export const EXPIRING_CALLOUT_DAYS = 7;

export type HomeInput = {
  memberSession: string;
  member: Member;
  claims: readonly ClaimRow[];
  md: MemberDecision;
  freshness: MemberHome['freshness'];
  now: Date;
  /** The mall's time zone: "expiring within 7 days" and "birthday this month" are in its calendar. */
  timeZone: string;
  /** Instead of the masked name (a member known only from their token has no name here). */
  maskedName?: string;
};

export function composeHome(i: HomeInput): MemberHome {
  const { member, md, now } = i;
  const storeOf = (id: string | null) => storeView(id ? md.catalog.stores.get(id) : undefined);
  const wallet: WalletCoupon[] = i.claims.map((c) => {
    const coupon = md.catalog.coupons.get(c.couponId) ?? c.coupon;
    return {
      claimId: c.claimId,
      couponId: c.couponId,
      via: c.via,
      title: coupon.title,
      kind: coupon.kind,
      valueFen: coupon.valueFen,
      minSpendFen: coupon.minSpendFen,
      pointsCost: c.pointsCost,
      store: storeOf(coupon.storeId),
      validTo: coupon.validTo,
      status: c.status,
      statusDetail: c.detail,
      redemptionCode: c.redemptionCode,
      claimedAt: c.createdAt,
    };
  });
  const offers: Offer[] = md.decision.offers.map((o) => ({
    couponId: o.coupon.id,
    ruleId: o.rule.id,
    action: o.action,
    title: o.coupon.title,
    kind: o.coupon.kind,
    valueFen: o.coupon.valueFen,
    minSpendFen: o.coupon.minSpendFen,
    pointsCost: o.coupon.pointsCost,
    store: storeOf(o.coupon.storeId),
    validTo: o.coupon.validTo,
    stockLeft: Math.max(0, o.stockLeft),
    remainingForMember: Math.max(0, o.remainingForMember),
    reason: o.reason,
  }));
  return {
    memberSession: i.memberSession,
    member: {
      maskedName: i.maskedName ?? maskName(member.name),
      tier: member.tier,
      points: md.available,
      pendingPoints: md.pendingPoints,
      expiring: expiringSoon(member, now, i.timeZone),
      birthdayThisMonth: birthdayThisMonth(member, now, i.timeZone),
    },
    wallet,
    offers,
    experiment: md.decision.experiment,
    freshness: i.freshness,
  };
}

function storeView(store: Store | undefined): Offer['store'] {
  return store ? { name: store.name, floor: store.floor, unit: store.unit } : null;
}

/** Points expiring from today to EXPIRING_CALLOUT_DAYS days ahead (mall local dates), capped at the balance. */
export function expiringSoon(member: Member, now: Date, timeZone = DEFAULT_MALL_TIME_ZONE): MemberHome['member']['expiring'] {
  const exp = member.expiringPoints;
  if (!exp) return null;
  const inDays = dayNumberOf(exp.on) - localTime(now, timeZone).dayNumber;
  const points = Math.min(exp.points, member.points);
  if (!(inDays >= 0 && inDays <= EXPIRING_CALLOUT_DAYS) || points <= 0) return null;
  return { points, on: exp.on };
}

export function birthdayThisMonth(member: Member, now: Date, timeZone = DEFAULT_MALL_TIME_ZONE): boolean {
  return member.birthMonth !== null && member.birthMonth === localTime(now, timeZone).month;
}
