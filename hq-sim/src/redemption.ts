// The redemption code HQ gives a confirmed claim, shown as a QR at the till: `ATC1.<kid>.<claimId>.<signature>`,
// the signature being HQ's Ed25519 signature (base64url) over the ASCII bytes `ATC1.<kid>.<claimId>`. A till that
// holds the catalog's hqKeys can tell a real code from a made-up one without asking HQ; whether it was already
// redeemed is HQ's record (by claim id). Ed25519 signatures are deterministic, so a re-sent result carries the
// same code.
import { createPublicKey, verify } from 'node:crypto';
import type { HqPublicKey } from '../../contracts/mqtt.ts';
import { signWithHqKey, type HqSigningKey } from './keys.ts';

export const REDEMPTION_PREFIX = 'ATC1';

export function redemptionCode(key: HqSigningKey, claimId: string): string {
  const body = `${REDEMPTION_PREFIX}.${key.kid}.${claimId}`;
  return `${body}.${signWithHqKey(key, Buffer.from(body, 'ascii')).toString('base64url')}`;
}

export type RedemptionCheck = { ok: true; claimId: string; kid: string } | { ok: false; reason: string };

const PART = /^[A-Za-z0-9_-]+$/;

/** Checks a scanned redemption code against HQ's public keys (a till's side; used by the tests and docs). */
export function checkRedemptionCode(code: string, keys: readonly Pick<HqPublicKey, 'kid' | 'publicKey'>[]): RedemptionCheck {
  const parts = code.trim().split('.');
  if (parts.length !== 4 || parts[0] !== REDEMPTION_PREFIX || !parts.slice(1).every((p) => PART.test(p))) return { ok: false, reason: `not an ${REDEMPTION_PREFIX} redemption code` };
  const [, kid, claimId, sig] = parts as [string, string, string, string];
  const key = keys.find((k) => k.kid === kid);
  if (!key) return { ok: false, reason: `no HQ key ${kid}` };
  const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: key.publicKey }, format: 'jwk' });
  const signature = Buffer.from(sig, 'base64url');
  if (signature.length !== 64 || !verify(null, Buffer.from(`${REDEMPTION_PREFIX}.${kid}.${claimId}`, 'ascii'), publicKey, signature)) return { ok: false, reason: 'signature does not match' };
  return { ok: true, claimId, kid };
}
