// Staff PIN hashes, written by HQ and checked by the kiosk offline: `scrypt$N$r$p$<salt b64url>$<hash b64url>` (the
// StaffCredential.pinHash format) over the PIN's UTF-8 bytes. The format, its limits and the scrypt calls live here
// once, so HQ cannot write a hash the kiosk would refuse (before, only the kiosk refused a hash over 64 bytes).
import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';

export type ScryptParams = { N: number; r: number; p: number };
export type ParsedPinHash = ScryptParams & { salt: Buffer; hash: Buffer };

/** HQ's parameters: about 40 ms a check on a kiosk. */
export const PIN_SCRYPT: ScryptParams = { N: 16384, r: 8, p: 1 };

/**
 * What a kiosk accepts: N a power of two in 1024..2^20, r 1..32, p 1..16, a salt of at least 8 bytes and a hash of
 * 16..64 bytes. The upper bounds keep a hostile or broken catalog from making the kiosk spin or run out of memory.
 */
export const PIN_HASH_LIMITS = { minN: 1024, maxN: 1 << 20, maxR: 32, maxP: 16, minSaltBytes: 8, minHashBytes: 16, maxHashBytes: 64 } as const;

const FORMAT = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/;

function withinLimits({ N, r, p, salt, hash }: ParsedPinHash): boolean {
  const L = PIN_HASH_LIMITS;
  return N >= L.minN && N <= L.maxN && (N & (N - 1)) === 0 && r >= 1 && r <= L.maxR && p >= 1 && p <= L.maxP
    && salt.length >= L.minSaltBytes && hash.length >= L.minHashBytes && hash.length <= L.maxHashBytes;
}

/** Splits a pinHash; null when malformed, or when its parameters are outside PIN_HASH_LIMITS. */
export function parsePinHash(stored: string): ParsedPinHash | null {
  const m = FORMAT.exec(stored);
  if (!m) return null;
  const parsed = { N: Number(m[1]), r: Number(m[2]), p: Number(m[3]), salt: Buffer.from(m[4]!, 'base64url'), hash: Buffer.from(m[5]!, 'base64url') };
  return withinLimits(parsed) ? parsed : null;
}

/** The stored form of a hash; throws for parameters a kiosk would refuse, so HQ can never publish one. */
export function formatPinHash(h: ParsedPinHash): string {
  if (!withinLimits(h)) throw new RangeError(`PIN hash parameters outside what a kiosk accepts (N=${h.N} r=${h.r} p=${h.p}, salt ${h.salt.length} bytes, hash ${h.hash.length} bytes)`);
  return `scrypt$${h.N}$${h.r}$${h.p}$${h.salt.toString('base64url')}$${h.hash.toString('base64url')}`;
}

const maxmem = ({ N, r }: ScryptParams) => 128 * N * r * 2;

/** A hash the way HQ makes them (HQ, the agent's demo seed and tests): 32 bytes, a fresh 16-byte salt unless given. */
export function hashPin(pin: string, params: ScryptParams = PIN_SCRYPT, salt: Buffer = randomBytes(16)): string {
  const hash = scryptSync(pin, salt, 32, { ...params, maxmem: maxmem(params) });
  return formatPinHash({ ...params, salt, hash });
}

/** True when `pin` matches; false for a wrong PIN or an unusable hash. Runs on the thread pool, not the event loop. */
export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const parsed = parsePinHash(stored);
  if (!parsed) return false;
  const { N, r, p, salt, hash } = parsed;
  const candidate = await new Promise<Buffer>((resolve, reject) => {
    scrypt(pin, salt, hash.length, { N, r, p, maxmem: maxmem(parsed) }, (err, key) => (err ? reject(err) : resolve(key)));
  });
  return timingSafeEqual(candidate, hash);
}

/** verifyPin blocking the thread: for the HQ command line, which has nothing else to do meanwhile. */
export function verifyPinSync(pin: string, stored: string): boolean {
  const parsed = parsePinHash(stored);
  if (!parsed) return false;
  const { N, r, p, salt, hash } = parsed;
  return timingSafeEqual(scryptSync(pin, salt, hash.length, { N, r, p, maxmem: maxmem(parsed) }), hash);
}
