// Claiming an offer, or exchanging points for it: one SQLite transaction re-checks everything and writes the claim
// row and its outbox event together, so a claim is never half-recorded. Retrying with the same claimId is safe.
import { createHash } from 'node:crypto';
import type { ClaimRefusal } from '../../../contracts/api.ts';
import type { Member } from '../../../contracts/catalog.ts';
import { ClaimEventPayload } from '../../../contracts/members.ts';
import type { Db } from '../db/open.ts';
import { enqueueEvent } from '../outbox.ts';
import { claimById, insertClaim, localRedemptionCode } from './claims.ts';
import { decideForMember, stockLeft, type WallContext } from './decide.ts';
import { CLAIM_EVENT_TYPES } from '../../../contracts/events.ts';

/** Declared with the event contract (contracts/events.ts); re-exported for this module's users. */
export { CLAIM_EVENT_TYPES };

export type ClaimOutcome =
  | { status: 'claimed'; claimId: string; repeated: boolean }
  | { status: 'refused'; reason: ClaimRefusal; detail: string }
  /** The claimId was already used for another member or coupon: the request is wrong, nothing was written. */
  | { status: 'conflict'; detail: string };

/** The outbox event id for a claim: derived from the claimId (a retry can never make a second event), 8-64 chars. */
export function claimEventId(claimId: string): string {
  return `claim-${createHash('sha256').update(claimId, 'utf8').digest('base64url').slice(0, 32)}`;
}

/**
 * A coupon the member is owed outside the offer rules (a lottery prize HQ drew, lottery/service.ts): the hold-out arm
 * and "a rule offers it" are not asked; the coupon, its dates, stock and the member's limit still are. `ruleId` names
 * where it came from in the claim event (e.g. lottery:<id>).
 */
export type ClaimGrant = { ruleId: string };

export type ClaimRequest = { member: Member; couponId: string; claimId: string; now: Date; timeZone: string; wall?: WallContext; grant?: ClaimGrant };

/**
 * Checks, in order: the same claimId before (same answer), the coupon and its dates, the engine's hold-out arm,
 * stock, the member's limit, available points (balance minus pending holds), and that the engine offers it to
 * this member. BEGIN IMMEDIATE takes the write lock first, so two claims can never both see the last coupon or
 * the same points.
 */
export function claimOffer(db: Db, req: ClaimRequest): ClaimOutcome {
  const { member, couponId, claimId, now, timeZone, wall, grant } = req;
  return db.transaction((): ClaimOutcome => {
    const before = claimById(db, claimId);
    if (before) {
      if (before.memberId !== member.id || before.couponId !== couponId) {
        return { status: 'conflict', detail: `claimId ${claimId} was already used for another claim` };
      }
      return { status: 'claimed', claimId, repeated: true };
    }
    const md = decideForMember(db, member, now, { timeZone, limit: Number.MAX_SAFE_INTEGER, wall });
    const refuse = (reason: ClaimRefusal, detail: string): ClaimOutcome => ({ status: 'refused', reason, detail });
    const coupon = md.catalog.coupons.get(couponId);
    if (!coupon) return refuse('not_eligible', `no coupon ${couponId} in the catalog`);
    const t = now.getTime();
    if (t < Date.parse(coupon.validFrom) || t > Date.parse(coupon.validTo)) return refuse('expired_coupon', `${couponId} runs ${coupon.validFrom} to ${coupon.validTo}`);
    const exp = md.decision.experiment;
    if (exp?.holdout && !grant) return refuse('holdout', `member is in the hold-out arm ${exp.arm} of ${exp.id}`);
    if (stockLeft(db, md.catalog, couponId) <= 0) return refuse('out_of_stock', `${couponId} has no stock left on this kiosk's count`);
    const taken = db.prepare("SELECT COUNT(*) AS n FROM claims WHERE member_id = ? AND coupon_id = ? AND status != 'rejected'").get(member.id, couponId) as { n: number };
    if (taken.n >= coupon.perMemberLimit) return refuse('limit_reached', `member holds ${taken.n} of ${couponId} (limit ${coupon.perMemberLimit})`);
    if (coupon.pointsCost > md.available) return refuse('not_enough_points', `${couponId} costs ${coupon.pointsCost}; ${md.available} available (${md.pendingPoints} held)`);
    const offer = grant ? null : md.decision.offers.find((o) => o.coupon.id === couponId);
    if (!offer && !grant) {
      const rulesForCoupon = new Set(md.catalog.rules.filter((r) => r.couponId === couponId).map((r) => r.id));
      const why = md.decision.skipped.filter((s) => rulesForCoupon.has(s.ruleId)).map((s) => `${s.ruleId}: ${s.why}`);
      return refuse('not_eligible', why.length ? why.join('; ').slice(0, 300) : `no rule offers ${couponId} to this member`);
    }
    const via = offer?.action ?? 'claim';
    const ruleId = offer?.rule.id ?? grant?.ruleId ?? null;
    const createdAt = now.toISOString();
    const payload = ClaimEventPayload.parse({
      claimId, memberId: member.id, couponId, via, pointsCost: coupon.pointsCost, ruleId,
      experiment: exp ? { id: exp.id, arm: exp.arm } : null, claimedAt: createdAt, ...(wall ? { channel: 'wall' } : {}),
    });
    insertClaim(db, {
      claimId, memberId: member.id, couponId, via, pointsCost: coupon.pointsCost,
      // A plain claim can be shown at the till at once; an exchange only once HQ has confirmed the points.
      redemptionCode: via === 'claim' ? localRedemptionCode(claimId) : null,
      ruleId, experiment: exp?.id ?? null, arm: exp?.arm ?? null, coupon, createdAt,
    });
    enqueueEvent(db, { eventId: claimEventId(claimId), type: CLAIM_EVENT_TYPES[via], payload }, now);
    return { status: 'claimed', claimId, repeated: false };
  }).immediate();
}
