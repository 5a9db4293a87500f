// HQ's decision on a member's claim or points exchange, and a member's balance after what they spent. Pure: the
// claim, the member, the coupon and the counts so far in; a decision out (claim-ledger.ts stores it once).
import type { Coupon, Member } from '../../contracts/catalog.ts';
import { ClaimEventPayload } from '../../contracts/members.ts';
import { CLAIM_EVENT_TYPES, type DeviceEventEnvelope } from '../../contracts/mqtt.ts';
import { formatZodError } from '../../contracts/zod-errors.ts';

/** The outbox event types a kiosk sends for member actions, by ClaimEventPayload.via (declared in contracts/events.ts). */
export { CLAIM_EVENT_TYPES, isClaimEventType } from '../../contracts/mqtt.ts';

/**
 * Why HQ rejected a claim. ClaimResult.detail starts with one of these, then `: ` and a sentence for the log, so a
 * kiosk can tell the member plainly without parsing prose.
 */
export const CLAIM_REJECTIONS = [
  'malformed',          // the payload does not parse, or its event type and `via` disagree
  'duplicate_claim_id', // the claim id was already used for a different claim (another device, member or coupon)
  'unknown_member',
  'unknown_coupon',     // not in the catalog HQ publishes for this mall
  'not_eligible',       // the member's tier may not have it, or a points coupon was claimed instead of exchanged
  'expired_coupon',
  'price_changed',      // the kiosk offered it for other points than HQ's catalog says
  'limit_reached',      // the member already holds perMemberLimit of it
  'out_of_stock',
  'not_enough_points',
] as const;
export type ClaimRejection = (typeof CLAIM_REJECTIONS)[number];

export type ClaimDecision =
  | { status: 'confirmed'; pointsSpent: number; pointsBalance: number }
  | { status: 'rejected'; code: ClaimRejection; detail: string; pointsBalance: number | null };

export type ClaimInput = {
  claim: ClaimEventPayload;
  /** The member with HQ's current balance (memberWithSpentPoints), or null when HQ has no such member. */
  member: Member | null;
  /** The coupon in HQ's published catalog for the mall, or null. */
  coupon: Coupon | null;
  /** Confirmed claims of this coupon at HQ so far (all members), and of this member. */
  claimedForCoupon: number;
  claimedByMember: number;
  now: Date;
};

export function rejectionDetail(code: ClaimRejection, text: string): string {
  return `${code}: ${text}`.slice(0, 200);
}

/**
 * Checks in the order a member would want to hear them: who and what first, then whether they may have it, then
 * whether there is any left, then whether they can pay. Only a confirmed exchange spends points.
 */
export function decideClaim(i: ClaimInput): ClaimDecision {
  const { claim, member, coupon } = i;
  const reject = (code: ClaimRejection, text: string): ClaimDecision => ({ status: 'rejected', code, detail: rejectionDetail(code, text), pointsBalance: member?.points ?? null });
  if (!member) return reject('unknown_member', `no member ${claim.memberId} at HQ`);
  if (!coupon) return reject('unknown_coupon', `no coupon ${claim.couponId} in HQ's catalog`);
  if (!coupon.tiers.includes(member.tier)) return reject('not_eligible', `${coupon.id} is for ${coupon.tiers.join('/')} members, not ${member.tier}`);
  const t = i.now.getTime();
  if (Date.parse(claim.claimedAt) < Date.parse(coupon.validFrom)) return reject('expired_coupon', `claimed ${claim.claimedAt}, before ${coupon.id} starts ${coupon.validFrom}`);
  if (Date.parse(claim.claimedAt) > Date.parse(coupon.validTo) || t > Date.parse(coupon.validTo)) return reject('expired_coupon', `${coupon.id} ended ${coupon.validTo}`);
  const wantsExchange = coupon.pointsCost > 0;
  if (wantsExchange && claim.via !== 'exchange') return reject('not_eligible', `${coupon.id} costs ${coupon.pointsCost} points: exchange it, do not claim it`);
  if (!wantsExchange && claim.via === 'exchange') return reject('not_eligible', `${coupon.id} costs no points: claim it, do not exchange it`);
  if (claim.pointsCost !== coupon.pointsCost) return reject('price_changed', `offered for ${claim.pointsCost} points; HQ's price is ${coupon.pointsCost}`);
  if (i.claimedByMember >= coupon.perMemberLimit) return reject('limit_reached', `${member.id} already holds ${i.claimedByMember} of ${coupon.id} (limit ${coupon.perMemberLimit})`);
  if (i.claimedForCoupon >= coupon.stock) return reject('out_of_stock', `all ${coupon.stock} of ${coupon.id} are claimed`);
  if (member.points < coupon.pointsCost) return reject('not_enough_points', `${coupon.id} costs ${coupon.pointsCost} points; ${member.id} has ${member.points}`);
  return { status: 'confirmed', pointsSpent: coupon.pointsCost, pointsBalance: member.points - coupon.pointsCost };
}

/**
 * A member's record after spending `spent` points at HQ. Points that expire soon are spent first (the oldest points
 * go first, as a CRM would), so what is left to expire shrinks before the rest does.
 */
export function memberWithSpentPoints(member: Member, spent: number): Member {
  if (spent <= 0) return member;
  const points = Math.max(0, member.points - spent);
  const exp = member.expiringPoints;
  const left = exp ? Math.min(points, exp.points - spent) : 0;
  return { ...member, points, expiringPoints: exp && left > 0 ? { points: left, on: exp.on } : null };
}

export type ParsedClaimEvent = { ok: true; claim: ClaimEventPayload } | { ok: false; reason: string; claimId: string | null };

const CLAIM_ID = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * A claim event's payload, parsed with the contract. A payload HQ cannot use still gets an answer when it carries a
 * usable claim id, so the kiosk does not wait for ever; without one nobody can be told.
 */
export function parseClaimEvent(event: DeviceEventEnvelope): ParsedClaimEvent {
  const raw = event.payload['claimId'];
  const claimId = typeof raw === 'string' && CLAIM_ID.test(raw) ? raw : null;
  const r = ClaimEventPayload.safeParse(event.payload);
  if (!r.success) {
    return { ok: false, claimId, reason: `payload ${formatZodError(r.error, { first: true })}` };
  }
  if (event.type !== CLAIM_EVENT_TYPES[r.data.via]) {
    return { ok: false, claimId, reason: `event type ${event.type} does not match via ${r.data.via} (expected ${CLAIM_EVENT_TYPES[r.data.via]})` };
  }
  return { ok: true, claim: r.data };
}
