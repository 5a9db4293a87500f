// PIN hashes and member tokens written once in common/node/: what HQ writes the kiosk accepts and vice versa (the
// same limits on both sides), tokens round-trip from HQ's signing to the kiosk's check and any tampering is caught,
// and the kiosk's token module carries no signing code.
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { MemberTokenClaims } from '../../../contracts/members.ts';
import { StaffCredential } from '../../../contracts/mqtt.ts';
import { checkMemberToken, decodeMemberToken, type TrustedKey } from '../../../common/node/member-token.ts';
import { signMemberToken } from '../../../common/node/member-token-sign.ts';
import { formatPinHash, hashPin, parsePinHash, PIN_HASH_LIMITS, verifyPin, verifyPinSync } from '../../../common/node/pin-hash.ts';
import { demoStaffCredentials as agentDemoStaff } from '../../../edge-agent/src/staff/demo-staff.ts';
import { demoStaffCredentials as hqDemoStaff } from '../../../hq-sim/src/demo-people.ts';
import { issueMemberToken } from '../../../hq-sim/src/member-qr.ts';

const b64 = (bytes: number, fill = 1) => Buffer.alloc(bytes, fill).toString('base64url');
const stored = (o: { N?: number; r?: number; p?: number; salt?: number; hash?: number } = {}) =>
  `scrypt$${o.N ?? 16384}$${o.r ?? 8}$${o.p ?? 1}$${b64(o.salt ?? 16)}$${b64(o.hash ?? 32)}`;

describe('PIN hash format and limits', () => {
  it.each([
    ['hash of 64 bytes (the longest)', true, stored({ hash: 64 })],
    ['hash of 65 bytes', false, stored({ hash: 65 })],
    ['hash of 16 bytes (the shortest)', true, stored({ hash: 16 })],
    ['hash of 15 bytes', false, stored({ hash: 15 })],
    ['salt of 8 bytes', true, stored({ salt: 8 })],
    ['salt of 7 bytes', false, stored({ salt: 7 })],
    ['N = 1024', true, stored({ N: 1024 })],
    ['N = 2^20', true, stored({ N: 1 << 20 })],
    ['N = 2^21', false, stored({ N: 1 << 21 })],
    ['N = 3000 (not a power of two)', false, stored({ N: 3000 })],
    ['r = 32', true, stored({ r: 32 })],
    ['r = 33', false, stored({ r: 33 })],
    ['p = 16', true, stored({ p: 16 })],
    ['p = 17', false, stored({ p: 17 })],
  ])('%s: the kiosk accepts it: %s, and HQ writes exactly what the kiosk reads', (_what, ok, text) => {
    const parsed = parsePinHash(text);
    expect(parsed !== null).toBe(ok);
    if (parsed) expect(formatPinHash(parsed)).toBe(text);
    const m = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([^$]+)\$([^$]+)$/.exec(text)!;
    const raw = { N: Number(m[1]), r: Number(m[2]), p: Number(m[3]), salt: Buffer.from(m[4]!, 'base64url'), hash: Buffer.from(m[5]!, 'base64url') };
    if (ok) expect(formatPinHash(raw)).toBe(text);
    else expect(() => formatPinHash(raw)).toThrow(/outside what a kiosk accepts/);
  });

  it('HQ cannot make a hash with parameters a kiosk would refuse', () => {
    expect(() => hashPin('1234', { N: 512, r: 8, p: 1 })).toThrow(RangeError);
    expect(() => hashPin('1234', { N: 1024, r: 8, p: 1 }, Buffer.alloc(4))).toThrow(/salt 4 bytes/);
    expect(PIN_HASH_LIMITS.maxHashBytes).toBe(64);
  });

  it('HQ demo staff hashes verify on the kiosk, and the kiosk demo staff hashes verify at HQ', async () => {
    for (const [i, c] of hqDemoStaff('a1b2c3d4').entries()) {
      expect(StaffCredential.parse(c)).toEqual(c);
      expect(await verifyPin(['246810', '135790', '908172'][i]!, c.pinHash)).toBe(true);
    }
    for (const [i, c] of agentDemoStaff('a1b2c3d4').entries()) {
      expect(verifyPinSync(['246810', '135790', '908172'][i]!, c.pinHash)).toBe(true);
      expect(verifyPinSync('000000', c.pinHash)).toBe(false);
    }
  });
});

describe('member token: HQ signs, the kiosk checks', () => {
  const hq = generateKeyPairSync('ed25519');
  const keys: TrustedKey[] = [{ kid: 'hq-1', publicKey: hq.publicKey.export({ format: 'jwk' }).x!, notAfter: null }];
  const now = new Date('2026-11-27T08:00:00Z');
  const iat = now.getTime() / 1000 - 5;
  const claims: MemberTokenClaims = { kid: 'hq-1', mid: 'M1003', tier: 'gold', iat, exp: iat + 60, nonce: 'n0nce-abcdefghijklmnop' };

  it('round-trips: what HQ signs, the kiosk accepts with the same claims', () => {
    const token = signMemberToken(claims, hq.privateKey);
    expect(checkMemberToken(token, keys, now)).toEqual({ ok: true, claims });
    expect(decodeMemberToken(token)).toMatchObject({ ok: true, claims });
  });

  it('round-trips through the HQ simulator issue-qr code', () => {
    const key = { kid: 'hq-1', privateKey: hq.privateKey, publicKey: hq.publicKey, hqKey: { kid: 'hq-1', alg: 'Ed25519' as const, publicKey: keys[0]!.publicKey, notAfter: null } };
    const { token, claims: issued } = issueMemberToken(key, { id: 'M1005', tier: 'silver' }, now);
    expect(checkMemberToken(token, keys, now)).toEqual({ ok: true, claims: issued });
  });

  it.each([
    ['a claim changed', (t: string) => { const [p, , s] = t.split('.'); return `${p}.${Buffer.from(JSON.stringify({ ...claims, tier: 'diamond' })).toString('base64url')}.${s}`; }, 'bad_signature'],
    ['a signature byte flipped', (t: string) => { const [p, c, s] = t.split('.'); const sig = Buffer.from(s!, 'base64url'); sig[0] = sig[0]! ^ 1; return `${p}.${c}.${sig.toString('base64url')}`; }, 'bad_signature'],
    ['the signature cut short', (t: string) => t.slice(0, -4), 'malformed'],
    ['another prefix', (t: string) => t.replace(/^ATM1\./, 'ATM2.'), 'malformed'],
    ['claims that are not JSON', (t: string) => { const [p, , s] = t.split('.'); return `${p}.${Buffer.from('{oops').toString('base64url')}.${s}`; }, 'malformed'],
  ])('refuses a token with %s', (_what, tamper, reason) => {
    const token = signMemberToken(claims, hq.privateKey);
    expect(checkMemberToken(tamper(token), keys, now)).toMatchObject({ ok: false, reason });
  });

  it('words a claims refusal like every other zod refusal (path: message)', () => {
    const bad = `ATM1.${Buffer.from(JSON.stringify({ ...claims, tier: 'platinum' })).toString('base64url')}.${b64(64)}`;
    expect(decodeMemberToken(bad)).toMatchObject({ ok: false, detail: expect.stringMatching(/^claims: tier: /) });
  });

  it('keeps signing out of the module the kiosk imports', () => {
    const kioskSide = readFileSync(new URL('../../../common/node/member-token.ts', import.meta.url), 'utf8');
    expect(kioskSide).not.toMatch(/import \{[^}]*\bsign\b[^}]*\} from 'node:crypto'/);
    expect(kioskSide).not.toMatch(/from '\.\/member-token-sign\.ts'/);
    const agentSources = ['members/identify.ts', 'members/service.ts'].map((f) => readFileSync(new URL(`../../../edge-agent/src/${f}`, import.meta.url), 'utf8'));
    for (const text of agentSources) expect(text).not.toContain('member-token-sign');
  });
});
