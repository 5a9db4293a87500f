// PIN verification against HQ's scrypt hashes: the parameters come from the hash, malformed or abusive hashes are
// refused, and a wrong PIN is simply false.
import { describe, expect, it } from 'vitest';
import { hashPin, hashPin as hqHashPin, parsePinHash, verifyPin } from '../../../common/node/pin-hash.ts';

describe('verifyPin', () => {
  it('accepts the PIN an HQ hash was made from, and nothing else', async () => {
    const stored = hqHashPin('246810');
    expect(await verifyPin('246810', stored)).toBe(true);
    for (const wrong of ['246811', '24681', '2468100', '000000', '']) expect(await verifyPin(wrong, stored)).toBe(false);
  });

  it('uses the parameters written in the hash (N, r, p and the hash length)', async () => {
    const cheap = hqHashPin('1234', { N: 1024, r: 4, p: 2 });
    expect(cheap.startsWith('scrypt$1024$4$2$')).toBe(true);
    expect(await verifyPin('1234', cheap)).toBe(true);
    expect(await verifyPin('1235', cheap)).toBe(false);
    // A hash with the same salt but other parameters is a different hash.
    const salt = Buffer.alloc(16, 3);
    expect(hashPin('1234', { N: 2048, r: 8, p: 1 }, salt)).not.toBe(hashPin('1234', { N: 4096, r: 8, p: 1 }, salt));
    expect(await verifyPin('1234', hashPin('1234', { N: 2048, r: 8, p: 1 }, salt))).toBe(true);
  });

  it.each([
    ['not a hash', 'hello'],
    ['bcrypt', '$2b$10$abcdefghijklmnopqrstuu5qeBRN0TRZzGxcJDvbDk4d6zbq8gNhm'],
    ['N not a power of two', 'scrypt$16000$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['N too small', 'scrypt$512$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['N too costly', 'scrypt$4194304$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['r too large', 'scrypt$16384$64$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['p zero', 'scrypt$16384$8$0$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['salt too short', 'scrypt$16384$8$1$AAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['hash too short', 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAA'],
  ])('refuses a %s hash (false, no exception)', async (_what, stored) => {
    expect(parsePinHash(stored)).toBeNull();
    expect(await verifyPin('246810', stored)).toBe(false);
  });

  it('does not block the event loop while checking (scrypt runs on the thread pool)', async () => {
    const stored = hqHashPin('246810');
    let ticks = 0;
    const timer = setInterval(() => { ticks += 1; }, 1);
    const started = performance.now();
    await Promise.all([verifyPin('246810', stored), verifyPin('111111', stored), verifyPin('222222', stored)]);
    const elapsed = performance.now() - started;
    clearInterval(timer);
    // With the loop blocked there would be no tick at all until the checks were done.
    expect(ticks).toBeGreaterThan(elapsed / 20);
  });
});
