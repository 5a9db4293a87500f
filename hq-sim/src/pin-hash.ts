// Staff PINs travel in the catalog only as scrypt hashes: `scrypt$N$r$p$<salt b64url>$<hash b64url>` (the
// StaffCredential.pinHash format) over the PIN's UTF-8 bytes. A kiosk verifies a typed PIN offline with the same
// parameters.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

export type ScryptParams = { N: number; r: number; p: number };
export const PIN_SCRYPT: ScryptParams = { N: 16384, r: 8, p: 1 };
const KEY_LENGTH = 32;

export function hashPin(pin: string, params: ScryptParams = PIN_SCRYPT, salt: Buffer = randomBytes(16)): string {
  const hash = scryptSync(pin, salt, KEY_LENGTH, { ...params, maxmem: 128 * params.N * params.r * 2 });
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

export type ParsedPinHash = ScryptParams & { salt: Buffer; hash: Buffer };

/** Splits a pinHash; null for anything malformed or with parameters too weak or too costly to accept. */
export function parsePinHash(stored: string): ParsedPinHash | null {
  const m = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/.exec(stored);
  if (!m) return null;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // N must be a power of two; bounds keep a hostile catalog from making a kiosk spin or run out of memory.
  if (N < 1024 || N > 1 << 20 || (N & (N - 1)) !== 0 || r < 1 || r > 32 || p < 1 || p > 16) return null;
  const salt = Buffer.from(m[4]!, 'base64url');
  const hash = Buffer.from(m[5]!, 'base64url');
  if (salt.length < 8 || hash.length < 16) return null;
  return { N, r, p, salt, hash };
}

export function verifyPin(pin: string, stored: string): boolean {
  const parsed = parsePinHash(stored);
  if (!parsed) return false;
  const { N, r, p, salt, hash } = parsed;
  const candidate = scryptSync(pin, salt, hash.length, { N, r, p, maxmem: 128 * N * r * 2 });
  return timingSafeEqual(candidate, hash);
}
