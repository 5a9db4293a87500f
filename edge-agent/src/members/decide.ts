// A member's offers: runs the decision engine over the kiosk's catalog and claims for one member, on the guide
// screen or at the wall (wall/offer.ts asks here for a member who scanned at the wall).
import type { Member } from '../../../contracts/catalog.ts';
import type { Expression, OfferRule } from '../../../contracts/members.ts';
import { offerCatalog, type OfferCatalog } from '../catalog/offers.ts';
import type { Db } from '../db/open.ts';
import { decideOffers, type Decision } from '../decision/engine.ts';
import { claimsNotInStockFigure, pendingPointsOf, takenByMember } from './claims.ts';

export type DecideOptions = { timeZone: string; limit?: number; wall?: WallContext | undefined };

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
 * `timeZone` is the mall's (the agent's `timeZone` setting): offer windows and the birthday month are local time.
 */
export function decideForMember(db: Db, member: Member, now: Date, opts: DecideOptions): MemberDecision {
  const { timeZone, limit, wall } = opts;
  const catalog = offerCatalog(db);
  const pendingPoints = pendingPointsOf(db, member.id);
  const available = Math.max(0, member.points - pendingPoints);
  const taken = takenByMember(db, member.id);
  const decision = decideOffers({
    now,
    timeZone,
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
