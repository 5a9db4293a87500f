// Used member-QR nonces: a token is accepted once. A nonce is kept for a day past its token's expiry, well beyond
// the time the token itself would be refused as expired (even if the kiosk's clock is later set back a little).
import { TOKEN_CLOCK_SKEW_SEC, type MemberTokenClaims } from '../../../contracts/members.ts';
import type { Db } from '../db/open.ts';

const KEEP_AFTER_EXPIRY_MS = 86_400_000;

export function nonceUsed(db: Db, nonce: string): boolean {
  return db.prepare('SELECT 1 FROM used_nonces WHERE nonce = ?').get(nonce) !== undefined;
}

/** Records the nonce; false when it was already there (a replay). The caller provides the transaction. */
export function recordNonce(db: Db, claims: Pick<MemberTokenClaims, 'nonce' | 'mid' | 'exp'>, now: Date): boolean {
  const expiresAt = new Date((claims.exp + TOKEN_CLOCK_SKEW_SEC) * 1000 + KEEP_AFTER_EXPIRY_MS).toISOString();
  return db.prepare('INSERT OR IGNORE INTO used_nonces (nonce, member_id, seen_at, expires_at) VALUES (?, ?, ?, ?)')
    .run(claims.nonce, claims.mid, now.toISOString(), expiresAt).changes === 1;
}

/** Deletes nonces whose tokens can no longer be accepted anyway; returns how many. */
export function pruneNonces(db: Db, now: Date): number {
  return db.prepare('DELETE FROM used_nonces WHERE expires_at < ?').run(now.toISOString()).changes;
}
