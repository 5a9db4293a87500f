// The wall's coupon: the same decision engine as the guide screen, for an anonymous shopper with a steady
// expression, keyed by the wall session for the A/B arm. The claim QR carries the coupon id and a one-time code,
// nothing about the person.
import { randomBytes } from 'node:crypto';
import type { Member } from '../../../contracts/catalog.ts';
import type { Expression } from '../../../contracts/members.ts';
import type { WallOffer } from '../../../contracts/wall.ts';
import { offerCatalog } from '../catalog/offers.ts';
import type { Db } from '../db/open.ts';
import { decideOffers, type Decision } from '../decision/engine.ts';
import { DEFAULT_MALL_TIME_ZONE } from '../../../common/time-zone.ts';
import { decideForMember, stockLeft, wallRules } from '../members/decide.ts';

/** The mall mini-program's claim page (the QR opens it; the code is honoured once by HQ). */
export const CLAIM_BASE_URL = 'https://mp.atrium.example/claim';

export function newClaimCode(): string {
  return randomBytes(9).toString('base64url'); // 12 characters, 72 bits
}

export function claimUrl(mallId: string, couponId: string, code: string): string {
  const q = new URLSearchParams({ mall: mallId, coupon: couponId, code });
  return `${CLAIM_BASE_URL}?${q.toString()}`;
}

export type WallDecision = {
  decision: Decision;
  offer: WallOffer | null;
  claimCode: string | null;
  /** In the hold-out arm: the coupon the rules picked but that is not shown. */
  withheld: { ruleId: string; couponId: string } | null;
};

/**
 * The coupon for a steady expression: from the rules that name expressions only (the guide screen's rules never show
 * on the wall), for an anonymous shopper, or for the member who scanned at the wall (tiers, limits and points count).
 * The A/B arm follows the wall session either way. `timeZone`: the mall's (windows are local hours), default Asia/Shanghai.
 */
export function decideWallOffer(db: Db, opts: { mallId: string; wallSession: string; expression: Expression; now: Date; timeZone?: string; member?: Member | null }): WallDecision {
  const member = opts.member ?? null;
  const timeZone = opts.timeZone ?? DEFAULT_MALL_TIME_ZONE;
  const catalog = offerCatalog(db);
  const decision = member
    ? decideForMember(db, member, opts.now, { timeZone, limit: 1, wall: { expression: opts.expression, wallSession: opts.wallSession } }).decision
    : decideOffers({
      now: opts.now,
      timeZone,
      member: null,
      expression: opts.expression,
      rules: wallRules(catalog.rules),
      coupons: catalog.coupons,
      experiments: catalog.experiments,
      stockLeft: (couponId) => stockLeft(db, catalog, couponId),
      takenByMember: () => 0,
      assignmentKey: opts.wallSession,
      limit: 1,
    });
  const chosen = decision.offers[0];
  if (!chosen) {
    // The engine skips the hold-out arm's winners after checking them, so the first such skip is the withheld offer.
    const held = decision.experiment?.holdout ? decision.skipped.find((s) => s.why.startsWith('hold-out arm')) : undefined;
    const rule = held ? catalog.rules.find((r) => r.id === held.ruleId) : undefined;
    return { decision, offer: null, claimCode: null, withheld: rule ? { ruleId: rule.id, couponId: rule.couponId } : null };
  }
  const store = chosen.coupon.storeId ? catalog.stores.get(chosen.coupon.storeId) : undefined;
  const code = newClaimCode();
  return {
    decision,
    claimCode: code,
    withheld: null,
    offer: {
      couponId: chosen.coupon.id,
      ruleId: chosen.rule.id,
      title: chosen.coupon.title,
      valueFen: chosen.coupon.valueFen,
      minSpendFen: chosen.coupon.minSpendFen,
      store: store ? { name: store.name, floor: store.floor, unit: store.unit } : null,
      reason: chosen.reason,
      claimUrl: claimUrl(opts.mallId, chosen.coupon.id, code),
    },
  };
}
