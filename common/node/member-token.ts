// The member QR token, `ATM1.<claims b64url>.<Ed25519 signature b64url>` (claims schema in contracts/members.ts,
// described in docs/members.md): its text form and the kiosk's check. The kiosk imports this file only; HQ's signing
// is member-token-sign.ts, so the kiosk's code carries no signing. No state here: the caller remembers nonces
// (SQLite) and supplies the clock, so every refusal is testable without waiting or a database.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import {
  MemberTokenClaims, TOKEN_CLOCK_SKEW_SEC, TOKEN_MAX_CHARS, TOKEN_MAX_TTL_SEC, TOKEN_PREFIX,
  type IdentifyRefusal,
} from '../../contracts/members.ts';
import { formatZodError } from '../../contracts/zod-errors.ts';

export type TrustedKey = { kid: string; publicKey: string; notAfter: string | null };

export type TokenCheck =
  | { ok: true; claims: MemberTokenClaims }
  | { ok: false; reason: Extract<IdentifyRefusal, 'malformed' | 'bad_signature' | 'unknown_key' | 'expired' | 'not_yet_valid'>; detail: string };

const B64URL = /^[A-Za-z0-9_-]+$/;

/** The signed part of a token, `ATM1.<claims>`: the signature is over its ASCII bytes. */
export function tokenBody(claims: MemberTokenClaims): string {
  return `${TOKEN_PREFIX}.${Buffer.from(JSON.stringify(MemberTokenClaims.parse(claims)), 'utf8').toString('base64url')}`;
}

/** Splits and parses a token without checking its signature (for logs and the replay check's nonce). */
export function decodeMemberToken(text: string): { ok: true; claims: MemberTokenClaims; body: string; signature: Buffer } | { ok: false; detail: string } {
  const trimmed = text.trim();
  if (trimmed.length > TOKEN_MAX_CHARS) return { ok: false, detail: `longer than ${TOKEN_MAX_CHARS} characters` };
  const parts = trimmed.split('.');
  if (parts.length !== 3 || parts[0] !== TOKEN_PREFIX) return { ok: false, detail: `not an ${TOKEN_PREFIX} member code` };
  const [, claimsPart, sigPart] = parts as [string, string, string];
  if (!B64URL.test(claimsPart) || !B64URL.test(sigPart)) return { ok: false, detail: 'not base64url' };
  const signature = Buffer.from(sigPart, 'base64url');
  if (signature.length !== 64) return { ok: false, detail: 'signature is not 64 bytes' };
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(claimsPart, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, detail: 'claims are not JSON' };
  }
  const parsed = MemberTokenClaims.safeParse(json);
  if (!parsed.success) return { ok: false, detail: `claims: ${formatZodError(parsed.error)}` };
  return { ok: true, claims: parsed.data, body: `${TOKEN_PREFIX}.${claimsPart}`, signature };
}

/**
 * Checks a scanned token against HQ's public keys at time `now`: format, key, signature, then time.
 * The signature is checked before the times so a forged token is reported as forged, whatever its dates.
 */
export function checkMemberToken(text: string, keys: readonly TrustedKey[], now: Date): TokenCheck {
  const decoded = decodeMemberToken(text);
  if (!decoded.ok) return { ok: false, reason: 'malformed', detail: decoded.detail };
  const { claims } = decoded;
  const key = keys.find((k) => k.kid === claims.kid);
  if (!key) return { ok: false, reason: 'unknown_key', detail: `no HQ key ${claims.kid}` };
  if (key.notAfter && Date.parse(key.notAfter) < now.getTime()) return { ok: false, reason: 'unknown_key', detail: `HQ key ${claims.kid} retired ${key.notAfter}` };
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: key.publicKey }, format: 'jwk' });
  } catch {
    return { ok: false, reason: 'unknown_key', detail: `HQ key ${claims.kid} is not a valid Ed25519 key` };
  }
  if (!verify(null, Buffer.from(decoded.body, 'ascii'), publicKey, decoded.signature)) {
    return { ok: false, reason: 'bad_signature', detail: 'signature does not match' };
  }
  const nowSec = Math.floor(now.getTime() / 1000);
  if (claims.exp <= claims.iat || claims.exp - claims.iat > TOKEN_MAX_TTL_SEC) {
    return { ok: false, reason: 'not_yet_valid', detail: `lifetime ${claims.exp - claims.iat} s is outside 1-${TOKEN_MAX_TTL_SEC} s` };
  }
  if (claims.iat > nowSec + TOKEN_CLOCK_SKEW_SEC) return { ok: false, reason: 'not_yet_valid', detail: `issued ${claims.iat - nowSec} s in the future` };
  if (nowSec > claims.exp + TOKEN_CLOCK_SKEW_SEC) return { ok: false, reason: 'expired', detail: `expired ${nowSec - claims.exp} s ago` };
  return { ok: true, claims };
}
