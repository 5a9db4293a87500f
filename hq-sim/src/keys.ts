// HQ's Ed25519 signing key for member QR tokens. Created once per HQ data folder (private key 0600, PKCS#8 PEM);
// kiosks get only the raw 32-byte public key, base64url, in the catalog snapshot's hqKeys.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { HqPublicKey } from '../../contracts/mqtt.ts';

export type HqSigningKey = { kid: string; privateKey: KeyObject; publicKey: KeyObject; hqKey: HqPublicKey };

export const PRIVATE_KEY_FILE = 'hq-ed25519.key';

/** Raw 32-byte Ed25519 public key as base64url (43 characters): the JWK `x` member is exactly that. */
export function rawPublicKey(publicKey: KeyObject): string {
  const x = publicKey.export({ format: 'jwk' }).x;
  if (!x || x.length !== 43) throw new Error('not an Ed25519 public key');
  return x;
}

/** A key id derived from the key itself, so the same key always has the same kid. */
export function keyId(rawPublicKeyB64url: string): string {
  return `hq-${createHash('sha256').update(Buffer.from(rawPublicKeyB64url, 'base64url')).digest('base64url').slice(0, 12)}`;
}

export function loadOrCreateSigningKey(dataDir: string): HqSigningKey {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, PRIVATE_KEY_FILE);
  let privateKey: KeyObject;
  if (existsSync(file)) {
    privateKey = createPrivateKey(readFileSync(file));
    if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`${file} is not an Ed25519 private key`);
  } else {
    privateKey = generateKeyPairSync('ed25519').privateKey;
    writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
  }
  chmodSync(file, 0o600); // also tightens a key file someone copied in with looser permissions
  const publicKey = createPublicKey(privateKey);
  const raw = rawPublicKey(publicKey);
  const kid = keyId(raw);
  return { kid, privateKey, publicKey, hqKey: { kid, alg: 'Ed25519', publicKey: raw, notAfter: null } };
}

/** Signs bytes with HQ's key (for member QR tokens). */
export function signWithHqKey(key: HqSigningKey, data: Buffer): Buffer {
  return sign(null, data, key.privateKey);
}
