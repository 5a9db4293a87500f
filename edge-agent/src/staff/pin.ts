// Staff PINs arrive from HQ only as scrypt hashes, `scrypt$N$r$p$<salt b64url>$<hash b64url>` (StaffCredential.pinHash,
// the format hq-sim/src/pin-hash.ts writes), and are checked here offline with the parameters the hash carries.
import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';

export type ScryptParams = { N: number; r: number; p: number };
export type ParsedPinHash = ScryptParams & { salt: Buffer; hash: Buffer };

/** HQ's parameters (hq-sim): about 40 ms a check here. */
export const PIN_SCRYPT: ScryptParams = { N: 16384, r: 8, p: 1 };

/** Splits a pinHash; null when malformed, or when its parameters are too weak or too costly for a kiosk to accept. */
export function parsePinHash(stored: string): ParsedPinHash | null {
  const m = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/.exec(stored);
  if (!m) return null;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // N a power of two; upper bounds keep a hostile or broken catalog from making the kiosk spin or run out of memory.
  if (N < 1024 || N > 1 << 20 || (N & (N - 1)) !== 0 || r < 1 || r > 32 || p < 1 || p > 16) return null;
  const salt = Buffer.from(m[4]!, 'base64url');
  const hash = Buffer.from(m[5]!, 'base64url');
  if (salt.length < 8 || hash.length < 16 || hash.length > 64) return null;
  return { N, r, p, salt, hash };
}

const maxmem = ({ N, r }: ScryptParams) => 128 * N * r * 2;

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

/** A hash made the way HQ makes them (the demo seed and tests use it). */
export function hashPin(pin: string, params: ScryptParams = PIN_SCRYPT, salt: Buffer = randomBytes(16)): string {
  const hash = scryptSync(pin, salt, 32, { ...params, maxmem: maxmem(params) });
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

/** Spent when the chosen staff member does not exist, so a wrong name costs as long as a wrong PIN. */
const DUMMY_HASH = hashPin('000000', PIN_SCRYPT, Buffer.alloc(16, 7));
export async function spendPinCheck(pin: string): Promise<void> {
  await verifyPin(pin, DUMMY_HASH);
}
