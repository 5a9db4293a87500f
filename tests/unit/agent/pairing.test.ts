import { describe, expect, it } from 'vitest';
import { PairingCodes } from '../../../edge-agent/src/api/pairing.ts';

describe('PairingCodes', () => {
  it('redeems a code once', () => {
    const codes = new PairingCodes();
    const { code } = codes.mint();
    expect(code).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(codes.redeem(code)).toBe(true);
    expect(codes.redeem(code)).toBe(false);
  });

  it('refuses an expired code and one never minted', () => {
    let t = 1_000;
    const codes = new PairingCodes(60_000, () => t);
    const { code, expiresInSec } = codes.mint();
    expect(expiresInSec).toBe(60);
    t += 60_001;
    expect(codes.redeem(code)).toBe(false);
    expect(codes.redeem('A'.repeat(32))).toBe(false);
  });

  it('mints distinct codes', () => {
    const codes = new PairingCodes();
    const seen = new Set(Array.from({ length: 200 }, () => codes.mint().code));
    expect(seen.size).toBe(200);
  });
});
