// `npm run hq -- issue-qr`: a member QR token signed with HQ's key (the same format and code the kiosk checks,
// common/node/member-token.ts), drawn in the terminal or written as a PNG by Debian's qrencode.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { Member } from '../../contracts/catalog.ts';
import { TOKEN_CLOCK_SKEW_SEC, TOKEN_MAX_TTL_SEC, type MemberTokenClaims } from '../../contracts/members.ts';
import { signMemberToken } from '../../common/node/member-token-sign.ts';
import type { HqSigningKey } from './keys.ts';

/** How long before now an `--expired` token was issued: its expiry is then well past the kiosk's skew allowance. */
export const EXPIRED_ISSUED_AGO_SEC = 2 * TOKEN_MAX_TTL_SEC + 3 * TOKEN_CLOCK_SKEW_SEC;

export type IssueOptions = {
  /** Lifetime in seconds, 1-60 (TOKEN_MAX_TTL_SEC). */
  ttlSec?: number;
  /** Issued-at, Unix seconds (a test token from another time); default now. */
  iat?: number;
  /** Issue it EXPIRED_ISSUED_AGO_SEC ago, so a kiosk refuses it as expired. */
  expired?: boolean;
  nonce?: string;
};

export function newNonce(): string {
  return randomBytes(16).toString('base64url'); // 128 bits, 22 characters
}

/** The claims and signed token for a member HQ knows; throws on a lifetime outside 1-60 s. */
export function issueMemberToken(key: HqSigningKey, member: Pick<Member, 'id' | 'tier'>, now: Date, o: IssueOptions = {}): { token: string; claims: MemberTokenClaims } {
  const ttl = o.ttlSec ?? TOKEN_MAX_TTL_SEC;
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > TOKEN_MAX_TTL_SEC) throw new Error(`a member token lives 1-${TOKEN_MAX_TTL_SEC} s (got ${ttl})`);
  if (o.expired && o.iat !== undefined) throw new Error('give either an issue time or expired, not both');
  const nowSec = Math.floor(now.getTime() / 1000);
  const iat = o.iat ?? (o.expired ? nowSec - EXPIRED_ISSUED_AGO_SEC : nowSec);
  const claims: MemberTokenClaims = { kid: key.kid, mid: member.id, tier: member.tier, iat, exp: iat + ttl, nonce: o.nonce ?? newNonce() };
  return { token: signMemberToken(claims, key.privateKey), claims };
}

export const QRENCODE = 'qrencode';
export const QRENCODE_HINT = "install Debian's qrencode to see it as a QR code here (sudo apt-get install qrencode), or paste the token into any QR generator";

/** The token as a QR code of Unicode half blocks (qrencode -t UTF8), or why it cannot be drawn. */
export function terminalQr(text: string, binary = QRENCODE): { ok: true; text: string } | { ok: false; reason: string } {
  const r = spawnSync(binary, ['-t', 'UTF8', '-m', '2', '-l', 'M'], { input: text, encoding: 'utf8', timeout: 10_000 });
  if (r.error) return { ok: false, reason: (r.error as NodeJS.ErrnoException).code === 'ENOENT' ? QRENCODE_HINT : r.error.message };
  if (r.status !== 0) return { ok: false, reason: `qrencode failed: ${r.stderr.trim()}` };
  return { ok: true, text: r.stdout };
}

/** Writes the token as a PNG QR code (for a phone screen, a printed card or a fake camera clip). */
export function pngQr(text: string, file: string, binary = QRENCODE): void {
  const r = spawnSync(binary, ['-o', file, '-s', '8', '-m', '4', '-l', 'M'], { input: text, encoding: 'utf8', timeout: 10_000 });
  if (r.error) throw new Error((r.error as NodeJS.ErrnoException).code === 'ENOENT' ? `cannot write ${file}: ${QRENCODE_HINT}` : r.error.message);
  if (r.status !== 0) throw new Error(`qrencode could not write ${file}: ${r.stderr.trim()}`);
}
