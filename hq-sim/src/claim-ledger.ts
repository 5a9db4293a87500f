// HQ's record of members' claims: each claim id is decided once, in one IMMEDIATE SQLite transaction (so two HQ
// processes sharing the store cannot both hand out the last coupon), and a repeat gets the stored result again.
import { ClaimEventPayload, ClaimResult } from '../../contracts/members.ts';
import type { DeviceEventEnvelope } from '../../contracts/mqtt.ts';
import { decideClaim, parseClaimEvent, rejectionDetail } from './claims.ts';
import type { HqStore } from './store.ts';

export type StoredClaim = {
  claimId: string;
  mallId: string;
  deviceId: string;
  eventId: string;
  memberId: string;
  couponId: string;
  via: ClaimEventPayload['via'];
  pointsSpent: number;
  status: ClaimResult['status'];
  detail: string | null;
  claim: ClaimEventPayload;
  result: ClaimResult;
  decidedAt: string;
  /** How many times the claim arrived again after it was decided (re-sent events, retries). */
  repeats: number;
};

/**
 * new: decided now and stored; repeat: decided before, same result again; conflict: the claim id belongs to another
 * claim (answered rejected, nothing stored); malformed: answered rejected, nothing stored; unanswerable: no claim id
 * to answer to.
 */
export type ClaimOutcome =
  | { kind: 'new' | 'repeat'; result: ClaimResult; claim: StoredClaim }
  | { kind: 'conflict' | 'malformed'; result: ClaimResult; reason: string }
  | { kind: 'unanswerable'; reason: string };

export type SettleInput = {
  mallId: string;
  deviceId: string;
  /** The claim event as it arrived; its payload is parsed here (a malformed one still gets an answer). */
  event: DeviceEventEnvelope;
  now: Date;
  /** The redemption code for a confirmed claim (redemption.ts). */
  redemptionCode: (claimId: string) => string;
};

type ClaimRow = {
  claim_id: string; mall_id: string; device_id: string; event_id: string; member_id: string; coupon_id: string; via: string;
  points_spent: number; status: string; detail: string | null; payload: string; result: string; decided_at: string; repeats: number;
};

function fromRow(r: ClaimRow): StoredClaim {
  const claim = ClaimEventPayload.parse(JSON.parse(r.payload));
  const result = ClaimResult.parse(JSON.parse(r.result));
  return {
    claimId: r.claim_id, mallId: r.mall_id, deviceId: r.device_id, eventId: r.event_id, memberId: r.member_id, couponId: r.coupon_id,
    via: claim.via, pointsSpent: r.points_spent, status: result.status, detail: r.detail, claim, result, decidedAt: r.decided_at, repeats: r.repeats,
  };
}

/** The same claim as the one stored: same device, member, coupon, way and price (its event id may differ). */
function sameClaim(stored: StoredClaim, deviceId: string, c: ClaimEventPayload): boolean {
  return stored.deviceId === deviceId && stored.memberId === c.memberId && stored.couponId === c.couponId && stored.via === c.via && stored.claim.pointsCost === c.pointsCost;
}

export function claimById(store: HqStore, claimId: string): StoredClaim | null {
  const row = store.db.prepare('SELECT * FROM claims WHERE claim_id = ?').get(claimId) as ClaimRow | undefined;
  return row ? fromRow(row) : null;
}

export function listClaims(store: HqStore, filter: { mallId?: string; deviceId?: string; memberId?: string; limit?: number } = {}): StoredClaim[] {
  const conditions = ([['mall_id', filter.mallId], ['device_id', filter.deviceId], ['member_id', filter.memberId]] as const).filter(([, v]) => v);
  const where = conditions.length ? `WHERE ${conditions.map(([c]) => `${c} = ?`).join(' AND ')}` : '';
  const rows = store.db.prepare(`SELECT * FROM claims ${where} ORDER BY decided_at DESC, rowid DESC LIMIT ?`).all(...conditions.map(([, v]) => v), filter.limit ?? 1000) as ClaimRow[];
  return rows.map(fromRow);
}

/** Decides a claim event once and stores the decision; a repeat returns the stored result unchanged. */
export function settleClaim(store: HqStore, input: SettleInput): ClaimOutcome {
  const { event, now } = input;
  const ts = now.toISOString();
  const parsed = parseClaimEvent(event);
  if (!parsed.ok) {
    if (!parsed.claimId) return { kind: 'unanswerable', reason: parsed.reason };
    const result = ClaimResult.parse({ claimId: parsed.claimId, status: 'rejected', detail: rejectionDetail('malformed', parsed.reason), ts });
    return { kind: 'malformed', result, reason: parsed.reason };
  }
  const c = parsed.claim;
  const db = store.db;
  return db.transaction((): ClaimOutcome => {
    const existing = claimById(store, c.claimId);
    if (existing) {
      if (!sameClaim(existing, input.deviceId, c)) {
        const reason = `claim id ${c.claimId} was used for another claim (${existing.deviceId}, ${existing.memberId}, ${existing.couponId})`;
        return { kind: 'conflict', reason, result: ClaimResult.parse({ claimId: c.claimId, status: 'rejected', detail: rejectionDetail('duplicate_claim_id', 'this claim id was already used for another claim'), ts }) };
      }
      db.prepare('UPDATE claims SET repeats = repeats + 1 WHERE claim_id = ?').run(c.claimId);
      return { kind: 'repeat', result: existing.result, claim: { ...existing, repeats: existing.repeats + 1 } };
    }
    const member = store.memberById(c.memberId);
    const coupon = store.publishedSnapshot(input.mallId)?.coupons.find((k) => k.id === c.couponId) ?? null;
    const count = (sql: string, ...args: string[]) => (db.prepare(sql).get(...args) as { n: number }).n;
    const decision = decideClaim({
      claim: c,
      member,
      coupon,
      claimedForCoupon: count("SELECT COUNT(*) AS n FROM claims WHERE mall_id = ? AND coupon_id = ? AND status = 'confirmed'", input.mallId, c.couponId),
      claimedByMember: count("SELECT COUNT(*) AS n FROM claims WHERE mall_id = ? AND member_id = ? AND coupon_id = ? AND status = 'confirmed'", input.mallId, c.memberId, c.couponId),
      now,
    });
    const result = ClaimResult.parse(
      decision.status === 'confirmed'
        ? { claimId: c.claimId, status: 'confirmed', detail: null, pointsBalance: decision.pointsBalance, redemptionCode: input.redemptionCode(c.claimId), ts }
        : { claimId: c.claimId, status: 'rejected', detail: decision.detail, pointsBalance: decision.pointsBalance, ts },
    );
    db.prepare(
      `INSERT INTO claims (claim_id, mall_id, device_id, event_id, member_id, coupon_id, via, points_spent, status, detail, payload, result, decided_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      c.claimId, input.mallId, input.deviceId, event.eventId, c.memberId, c.couponId, c.via, decision.status === 'confirmed' ? decision.pointsSpent : 0,
      result.status, result.detail, JSON.stringify(c), JSON.stringify(result), ts,
    );
    return { kind: 'new', result, claim: claimById(store, c.claimId)! };
  }).immediate();
}
