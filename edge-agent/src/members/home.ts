// The member home: what the guide screen shows an identified member. composeHome is pure (member, claims, the
// engine's decision in; MemberHome out); decideForMember gathers the engine's input from SQLite.
import type { Member, Store } from '../../../contracts/catalog.ts';
import { maskName, type Expression, type MemberHome, type Offer, type OfferRule, type WalletCoupon } from '../../../contracts/members.ts';
import { offerCatalog, type OfferCatalog } from '../catalog/offers.ts';
import type { Db } from '../db/open.ts';
import { decideOffers, type Decision } from '../decision/engine.ts';
import { dayNumberOf, localTime } from '../decision/local-time.ts';
import { claimsNotInStockFigure, pendingPointsOf, takenByMember, type ClaimRow } from './claims.ts';

/** The mall's time zone: birthdays, "expiring within 7 days" and offer time windows are in its local time. */
export const MALL_TIME_ZONE = 'Asia/Shanghai';
export const EXPIRING_CALLOUT_DAYS = 7;

export type MemberDecision = {
  decision: Decision;
  catalog: OfferCatalog;
  /** Points held for exchanges HQ has not confirmed. */
  pendingPoints: number;
  /** Points the member may spend now: HQ's balance minus what is held. */
  available: number;
};

/**
 * Runs the decision engine for a member over the kiosk's catalog and claims. The engine sees the member's
 * available points (balance minus pending holds), so it never offers an exchange the held points would pay for.
 */
export function decideForMember(db: Db, member: Member, now: Date, limit?: number, wall?: WallContext): MemberDecision {
  const catalog = offerCatalog(db);
  const pendingPoints = pendingPointsOf(db, member.id);
  const available = Math.max(0, member.points - pendingPoints);
  const taken = takenByMember(db, member.id);
  const decision = decideOffers({
    now,
    timeZone: MALL_TIME_ZONE,
    member: { ...member, points: available },
    expression: wall?.expression ?? null,
    rules: wall ? wallRules(catalog.rules) : catalog.rules,
    coupons: catalog.coupons,
    experiments: catalog.experiments,
    stockLeft: (couponId) => stockLeft(db, catalog, couponId),
    takenByMember: (couponId) => taken.get(couponId) ?? 0,
    assignmentKey: wall?.wallSession ?? member.id,
    ...(limit !== undefined ? { limit } : {}),
  });
  return { decision, catalog, pendingPoints, available };
}

/**
 * A member at the interactive wall: the wall offers only rules that name expressions (a coupon to fit the mood),
 * for the steady bucket, and the A/B arm follows the wall session (one arm per visit, member or not).
 */
export type WallContext = { expression: Expression; wallSession: string };

/** The rules the wall decides from: those with an expressions condition (the guide screen's rules never show there). */
export function wallRules(rules: readonly OfferRule[]): OfferRule[] {
  return rules.filter((r) => r.when.expressions !== undefined);
}

/** HQ's stock figure minus this kiosk's claims it does not reflect yet. */
export function stockLeft(db: Db, catalog: OfferCatalog, couponId: string): number {
  const coupon = catalog.coupons.get(couponId);
  if (!coupon) return 0;
  return Math.max(0, coupon.stock - claimsNotInStockFigure(db, couponId));
}

export type HomeInput = {
  memberSession: string;
  member: Member;
  claims: readonly ClaimRow[];
  md: MemberDecision;
  freshness: MemberHome['freshness'];
  now: Date;
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
      expiring: expiringSoon(member, now),
      birthdayThisMonth: birthdayThisMonth(member, now),
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
export function expiringSoon(member: Member, now: Date, timeZone = MALL_TIME_ZONE): MemberHome['member']['expiring'] {
  const exp = member.expiringPoints;
  if (!exp) return null;
  const inDays = dayNumberOf(exp.on) - localTime(now, timeZone).dayNumber;
  const points = Math.min(exp.points, member.points);
  if (!(inDays >= 0 && inDays <= EXPIRING_CALLOUT_DAYS) || points <= 0) return null;
  return { points, on: exp.on };
}

export function birthdayThisMonth(member: Member, now: Date, timeZone = MALL_TIME_ZONE): boolean {
  return member.birthMonth !== null && member.birthMonth === localTime(now, timeZone).month;
}
