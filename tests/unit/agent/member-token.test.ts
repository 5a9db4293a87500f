import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TOKEN_CLOCK_SKEW_SEC, type MemberTokenClaims } from '../../../contracts/members.ts';
import { checkMemberToken, decodeMemberToken, type TrustedKey } from '../../../common/node/member-token.ts';
import { signMemberToken } from '../../../common/node/member-token-sign.ts';

const hq = generateKeyPairSync('ed25519');
const other = generateKeyPairSync('ed25519');
const raw = (k: typeof hq.publicKey) => k.export({ format: 'jwk' }).x!;
const keys: TrustedKey[] = [{ kid: 'hq-1', publicKey: raw(hq.publicKey), notAfter: null }];
const now = new Date('2026-11-27T08:00:00Z');
const nowSec = now.getTime() / 1000;
const claims = (over: Partial<MemberTokenClaims> = {}): MemberTokenClaims => ({
  kid: 'hq-1', mid: 'M1002', tier: 'silver', iat: nowSec - 5, exp: nowSec + 55, nonce: 'n0nce-abcdefghijklmnop', ...over,
});

describe('member QR token', () => {
  it('accepts a fresh token signed by HQ and returns its claims', () => {
    const t = signMemberToken(claims(), hq.privateKey);
    expect(t.startsWith('ATM1.')).toBe(true);
    expect(t.length).toBeLessThan(300);
    expect(checkMemberToken(t, keys, now)).toEqual({ ok: true, claims: claims() });
  });

  it('refuses a token signed by another key that claims HQ\'s kid (forged)', () => {
    const r = checkMemberToken(signMemberToken(claims(), other.privateKey), keys, now);
    expect(r).toMatchObject({ ok: false, reason: 'bad_signature' });
  });

  it('refuses a token whose claims were altered after signing (tier upgraded)', () => {
    const t = signMemberToken(claims(), hq.privateKey);
    const [p, , s] = t.split('.');
    const altered = Buffer.from(JSON.stringify(claims({ tier: 'diamond' }))).toString('base64url');
    expect(checkMemberToken(`${p}.${altered}.${s}`, keys, now)).toMatchObject({ ok: false, reason: 'bad_signature' });
  });

  it('refuses a token from an unknown or retired key', () => {
    expect(checkMemberToken(signMemberToken(claims({ kid: 'hq-9' }), hq.privateKey), keys, now)).toMatchObject({ ok: false, reason: 'unknown_key' });
    const retired = [{ ...keys[0]!, notAfter: '2026-11-01T00:00:00Z' }];
    expect(checkMemberToken(signMemberToken(claims(), hq.privateKey), retired, now)).toMatchObject({ ok: false, reason: 'unknown_key' });
  });

  it('allows the clock skew each way and refuses beyond it', () => {
    const t = signMemberToken(claims({ iat: nowSec - 60, exp: nowSec - 1 }), hq.privateKey);
    expect(checkMemberToken(t, keys, now).ok).toBe(true); // 1 s past expiry: within skew
    const late = new Date(now.getTime() + TOKEN_CLOCK_SKEW_SEC * 1000);
    expect(checkMemberToken(t, keys, late)).toMatchObject({ ok: false, reason: 'expired' });
    const future = signMemberToken(claims({ iat: nowSec + TOKEN_CLOCK_SKEW_SEC + 5, exp: nowSec + TOKEN_CLOCK_SKEW_SEC + 60 }), hq.privateKey);
    expect(checkMemberToken(future, keys, now)).toMatchObject({ ok: false, reason: 'not_yet_valid' });
  });

  it('refuses a lifetime longer than 60 s even when correctly signed', () => {
    const t = signMemberToken(claims({ exp: nowSec + 3600 }), hq.privateKey);
    expect(checkMemberToken(t, keys, now)).toMatchObject({ ok: false, reason: 'not_yet_valid' });
  });

  it.each([
    ['empty', ''],
    ['a URL', 'https://example.com/member?id=M1002'],
    ['wrong prefix', 'ATM2.abc.def'],
    ['two parts', 'ATM1.abc'],
    ['not base64url', 'ATM1.a+b/c.def'],
    ['short signature', `ATM1.${Buffer.from('{}').toString('base64url')}.AAAA`],
    ['too long', 'ATM1.' + 'a'.repeat(600) + '.b'],
  ])('calls %s malformed', (_name, text) => {
    expect(checkMemberToken(text, keys, now)).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('calls claims that are not the schema malformed, naming the field', () => {
    const body = Buffer.from(JSON.stringify({ ...claims(), tier: 'platinum' })).toString('base64url');
    const t = `ATM1.${body}.${Buffer.alloc(64).toString('base64url')}`;
    const d = decodeMemberToken(t);
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.detail).toContain('tier');
  });
});
