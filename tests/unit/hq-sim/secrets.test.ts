// Staff PIN hashes (scrypt), salted card hashes and HQ's Ed25519 key: checked against independent computations
// (Python's hashlib.scrypt and coreutils sha256sum gave the expected values below).
import { createPublicKey, verify } from 'node:crypto';
import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { StaffCredential } from '../../../contracts/mqtt.ts';
import { normaliseCardNumber } from '../../../common/cards.ts';
import { cardHash } from '../../../common/node/card-hash.ts';
import { DEMO_STAFF, demoStaffCredentials } from '../../../hq-sim/src/demo-people.ts';
import { keyId, loadOrCreateSigningKey, PRIVATE_KEY_FILE, signWithHqKey } from '../../../hq-sim/src/keys.ts';
import { hashPin, parsePinHash, PIN_SCRYPT, verifyPinSync as verifyPin } from '../../../common/node/pin-hash.ts';
import { freshDataDir } from '../../support/agent-process.ts';
import path from 'node:path';

describe('PIN hashes', () => {
  it('match an independent scrypt (Python hashlib, N=16384 r=8 p=1, 32 bytes)', () => {
    const hash = hashPin('246810', PIN_SCRYPT, Buffer.alloc(16, 7));
    expect(hash).toBe('scrypt$16384$8$1$BwcHBwcHBwcHBwcHBwcHBw$u0zeq0Fpmx0FM0ZngkMG5tLQOS3XwCnBKqZuNj-GrTc');
  });

  it('verify the right PIN only, and fresh salts make different hashes of the same PIN', () => {
    const a = hashPin('135790');
    const b = hashPin('135790');
    expect(a).not.toBe(b);
    for (const h of [a, b]) {
      expect(verifyPin('135790', h)).toBe(true);
      expect(verifyPin('135791', h)).toBe(false);
      expect(verifyPin('', h)).toBe(false);
    }
  });

  it.each([
    ['not a hash', 'hello'],
    ['wrong scheme', 'bcrypt$16384$8$1$BwcHBwcHBwcHBwcHBwcHBw$u0zeq0Fpmx0FM0ZngkMG5tLQOS3XwCnBKqZuNj-GrTc'],
    ['N not a power of two', 'scrypt$16000$8$1$BwcHBwcHBwcHBwcHBwcHBw$u0zeq0Fpmx0FM0ZngkMG5tLQOS3XwCnBKqZuNj-GrTc'],
    ['N so large a kiosk would run out of memory', 'scrypt$4194304$8$1$BwcHBwcHBwcHBwcHBwcHBw$u0zeq0Fpmx0FM0ZngkMG5tLQOS3XwCnBKqZuNj-GrTc'],
    ['salt too short', 'scrypt$16384$8$1$Bw$u0zeq0Fpmx0FM0ZngkMG5tLQOS3XwCnBKqZuNj-GrTc'],
  ])('refuse a malformed stored hash (%s) without throwing', (_why, stored) => {
    expect(parsePinHash(stored)).toBeNull();
    expect(verifyPin('246810', stored)).toBe(false);
  });

  it('are in the catalog format for every demo staff member', () => {
    const creds = demoStaffCredentials('a1b2c3d4');
    expect(creds).toHaveLength(DEMO_STAFF.length);
    for (const [i, c] of creds.entries()) {
      expect(StaffCredential.parse(c)).toEqual(c);
      expect(verifyPin(DEMO_STAFF[i]!.pin, c.pinHash)).toBe(true);
      expect(JSON.stringify(c)).not.toContain(DEMO_STAFF[i]!.pin);
    }
    expect(creds.find((c) => c.staffId === 'tech-chen')!.cardHash).toBeNull();
  });
});

describe('card hashes', () => {
  it('are sha256(salt + card number) in hex (checked with sha256sum)', () => {
    expect(cardHash('a1b2c3d4', '6200000000001003')).toBe('bdeff07753bdb8ee94293f56160b9f3e832ef0f11c87bed7e8067d297ab1b0bf');
  });

  it('ignore how a reader formats the number: spaces, dashes, letter case', () => {
    expect(normaliseCardNumber(' 6200 0000-0000 1003\n')).toBe('6200000000001003');
    expect(cardHash('a1b2c3d4', '04:a1:b2:c3'.replaceAll(':', ''))).toBe(cardHash('a1b2c3d4', '04A1B2C3'));
    expect(cardHash('a1b2c3d4', '04a1b2c3')).toBe('f3b432ca088a07216dcc3820e1768e2f74ed95d3516ceac8d64f600e3b3aaad5');
  });

  it('differ between malls (salts)', () => {
    expect(cardHash('salt-a', '6200000000001003')).not.toBe(cardHash('salt-b', '6200000000001003'));
  });
});

describe('HQ signing key', () => {
  it('is created once with a 0600 private key, and reloads as the same key', () => {
    const dir = freshDataDir('atrium-hq-keys-');
    const a = loadOrCreateSigningKey(dir);
    expect(statSync(path.join(dir, PRIVATE_KEY_FILE)).mode & 0o777).toBe(0o600);
    const b = loadOrCreateSigningKey(dir);
    expect(b.hqKey).toEqual(a.hqKey);
    expect(a.hqKey.publicKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.hqKey.kid).toBe(keyId(a.hqKey.publicKey));
  });

  it('publishes the raw public key a kiosk can verify HQ signatures with', () => {
    const key = loadOrCreateSigningKey(freshDataDir('atrium-hq-keys-'));
    const token = Buffer.from('{"member":"M1003","nonce":"n-1"}');
    const sig = signWithHqKey(key, token);
    const kioskKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: key.hqKey.publicKey }, format: 'jwk' });
    expect(verify(null, token, kioskKey, sig)).toBe(true);
    expect(verify(null, Buffer.from('{"member":"M1004","nonce":"n-1"}'), kioskKey, sig)).toBe(false);
  });
});
