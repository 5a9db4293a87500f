// Claims and points exchanges on this kiosk (SQLite), and HQ's final word on them. A claim row is written together
// with its outbox event (see claim.ts); HQ's ClaimResult moves it from pending to confirmed or rejected, once.
import { Coupon } from '../../../contracts/catalog.ts';
import type { ClaimResult, ClaimStatus } from '../../../contracts/members.ts';
import type { Db } from '../db/open.ts';
import { cachedMember, setMemberPoints } from './cache.ts';

export type ClaimRow = {
  claimId: string;
  memberId: string;
  couponId: string;
  via: 'claim' | 'exchange';
  pointsCost: number;
  status: ClaimStatus;
  detail: string | null;
  redemptionCode: string | null;
  ruleId: string | null;
  experiment: string | null;
  arm: string | null;
  /** The coupon as it was when claimed, so the wallet still shows it after HQ drops it from the catalog. */
  coupon: Coupon;
  createdAt: string;
  updatedAt: string;
};

type SqlRow = {
  claim_id: string; member_id: string; coupon_id: string; via: 'claim' | 'exchange'; points_cost: number; status: ClaimStatus;
  detail: string | null; redemption_code: string | null; rule_id: string | null; experiment: string | null; arm: string | null;
  coupon_doc: string; created_at: string; updated_at: string;
};

function fromSql(r: SqlRow): ClaimRow {
  return {
    claimId: r.claim_id, memberId: r.member_id, couponId: r.coupon_id, via: r.via, pointsCost: r.points_cost, status: r.status,
    detail: r.detail, redemptionCode: r.redemption_code, ruleId: r.rule_id, experiment: r.experiment, arm: r.arm,
    coupon: Coupon.parse(JSON.parse(r.coupon_doc)), createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

/** What the till scans for a plain claim until HQ's signed code arrives: `ATC1.<claimId>`. */
export function localRedemptionCode(claimId: string): string {
  return `ATC1.${claimId}`;
}

export function claimById(db: Db, claimId: string): ClaimRow | null {
  const row = db.prepare('SELECT * FROM claims WHERE claim_id = ?').get(claimId) as SqlRow | undefined;
  return row ? fromSql(row) : null;
}

/** The member's claims, newest first. */
export function claimsOfMember(db: Db, memberId: string): ClaimRow[] {
  return (db.prepare('SELECT * FROM claims WHERE member_id = ? ORDER BY created_at DESC, claim_id').all(memberId) as SqlRow[]).map(fromSql);
}

/** Points held back for exchanges HQ has not confirmed yet. */
export function pendingPointsOf(db: Db, memberId: string): number {
  const row = db.prepare("SELECT COALESCE(SUM(points_cost), 0) AS n FROM claims WHERE member_id = ? AND via = 'exchange' AND status = 'pending'").get(memberId) as { n: number };
  return row.n;
}

/** How many of each coupon the member holds on this kiosk (pending or confirmed). */
export function takenByMember(db: Db, memberId: string): Map<string, number> {
  const rows = db.prepare("SELECT coupon_id AS couponId, COUNT(*) AS n FROM claims WHERE member_id = ? AND status != 'rejected' GROUP BY coupon_id").all(memberId) as { couponId: string; n: number }[];
  return new Map(rows.map((r) => [r.couponId, r.n]));
}

/**
 * Claims of a coupon that HQ's stock figure (coupon.stock, received at coupons.received_at) does not reflect yet:
 * every pending claim, and claims HQ confirmed after the figure arrived. Rejected claims never count.
 */
export function claimsNotInStockFigure(db: Db, couponId: string): number {
  const row = db.prepare(
    `SELECT COUNT(*) AS n FROM claims c WHERE c.coupon_id = ? AND (c.status = 'pending'
       OR (c.status = 'confirmed' AND c.updated_at > COALESCE((SELECT received_at FROM coupons WHERE id = c.coupon_id), '')))`,
  ).get(couponId) as { n: number };
  return row.n;
}

export type NewClaim = Omit<ClaimRow, 'status' | 'detail' | 'updatedAt'>;

/** Inserts a pending claim; the caller provides the transaction (with the outbox event). */
export function insertClaim(db: Db, c: NewClaim): void {
  db.prepare(
    `INSERT INTO claims (claim_id, member_id, coupon_id, via, points_cost, status, detail, redemption_code, rule_id, experiment, arm, coupon_doc, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 'pending', NULL, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(c.claimId, c.memberId, c.couponId, c.via, c.pointsCost, c.redemptionCode, c.ruleId, c.experiment, c.arm, JSON.stringify(c.coupon), c.createdAt, c.createdAt);
}

/** applied: the claim moved on; repeated: the same final word again; conflict: a different word after the final one; unknown: no such claim here. */
export type ResultOutcome = 'applied' | 'repeated' | 'conflict' | 'unknown';

/**
 * Applies HQ's final word once. Only a pending claim changes; a repeated or late result changes nothing. The
 * member's cached points follow HQ's balance when given; a confirmed exchange without one spends the points
 * locally; a rejected exchange simply stops holding them.
 */
export function applyClaimResult(db: Db, r: ClaimResult, now: Date): ResultOutcome {
  return db.transaction((): ResultOutcome => {
    const row = claimById(db, r.claimId);
    if (!row) return 'unknown';
    if (row.status !== 'pending') return row.status === r.status ? 'repeated' : 'conflict';
    const code = r.status === 'confirmed' ? (r.redemptionCode ?? row.redemptionCode ?? localRedemptionCode(row.claimId)) : null;
    db.prepare('UPDATE claims SET status = ?, detail = ?, redemption_code = ?, updated_at = ? WHERE claim_id = ?')
      .run(r.status, r.detail, code, now.toISOString(), row.claimId);
    if (r.pointsBalance !== null) {
      setMemberPoints(db, row.memberId, r.pointsBalance, now);
    } else if (r.status === 'confirmed' && row.pointsCost > 0) {
      const member = cachedMember(db, row.memberId);
      if (member) setMemberPoints(db, row.memberId, Math.max(0, member.points - row.pointsCost), now);
    }
    return 'applied';
  })();
}
