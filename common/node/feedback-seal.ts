// Sealing a shopper's phone number for HQ (the kiosk) and opening it (HQ): an anonymous sealed box from Node's crypto.
// The kiosk makes a fresh X25519 key pair per message, agrees a secret with HQ's published key, derives an AES-256-GCM
// key with HKDF-SHA256 and throws its private half away, so once sealed not even the kiosk can read the number back:
// what its outbox (SQLite), its logs and the MQTT event hold is ciphertext only HQ's private key opens.
import { createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';
import type { SealedContact } from '../../contracts/feedback.ts';

const INFO = 'atrium feedback contact v1';

function publicKeyFromX(x: string): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x }, format: 'jwk' });
}

function aesKey(shared: Buffer, epk: string, hqKey: string): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.from(`${epk}.${hqKey}`), INFO, 32));
}

/** Seals `plain` for the holder of HQ's key `publicKey` (base64url X25519, JWK x) named `kid`. */
export function sealForHq(plain: string, hq: { kid: string; publicKey: string }): SealedContact {
  const eph = generateKeyPairSync('x25519');
  const epk = eph.publicKey.export({ format: 'jwk' }).x!;
  const shared = diffieHellman({ privateKey: eph.privateKey, publicKey: publicKeyFromX(hq.publicKey) });
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', aesKey(shared, epk, hq.publicKey), iv);
  cipher.setAAD(Buffer.from(hq.kid));
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return { v: 1, kid: hq.kid, epk, iv: iv.toString('base64url'), ct: ct.toString('base64url'), tag: cipher.getAuthTag().toString('base64url') };
}

/** HQ's key pair as stored: the JWK of the private key (d and x). */
export type HqSealKey = { kid: string; privateJwk: { kty: 'OKP'; crv: 'X25519'; d: string; x: string } };

export function newHqSealKey(kid: string): HqSealKey {
  const { privateKey } = generateKeyPairSync('x25519');
  const jwk = privateKey.export({ format: 'jwk' });
  return { kid, privateJwk: { kty: 'OKP', crv: 'X25519', d: jwk.d!, x: jwk.x! } };
}

/** Opens a sealed contact with HQ's key; throws when it was sealed for another key or was altered. */
export function openSealed(sealed: SealedContact, key: HqSealKey): string {
  if (sealed.kid !== key.kid) throw new Error(`sealed for key ${sealed.kid}, not ${key.kid}`);
  const shared = diffieHellman({ privateKey: createPrivateKey({ key: key.privateJwk, format: 'jwk' }), publicKey: publicKeyFromX(sealed.epk) });
  const decipher = createDecipheriv('aes-256-gcm', aesKey(shared, sealed.epk, key.privateJwk.x), Buffer.from(sealed.iv, 'base64url'));
  decipher.setAAD(Buffer.from(sealed.kid));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(sealed.ct, 'base64url')), decipher.final()]).toString('utf8');
}
