// The lottery's pure rules (common/lottery-draw.ts, common/sha256.ts, contracts/lottery.ts): the plain-TypeScript
// SHA-256/HMAC against node:crypto, fixed draw vectors (computed with node:crypto's HMAC, independently of this code),
// odds by cumulative ppm, the contract's refusals (odds not 1, top prize over ¥50,000), the stock rule and what the
// verifier reports for tampered records or a seed that does not match its commitment.
import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { awardedPrize, derivePrize, drawNumber, lotteryState, prizeAt, seedCommitment, seedMatches, termsChange, verifyDraws, type RecordedDraw } from '../../../common/lottery-draw.ts';
import { fromHex, hmacSha256, sha256, toHex } from '../../../common/sha256.ts';
import { Lottery, LotteryBoard, MAX_PRIZE_FEN, ODDS_TOTAL_PPM } from '../../../contracts/lottery.ts';
import { SEED_1, SEED_A5, sampleLottery } from './fixture.ts';
import { formatZodError } from '../../../contracts/zod-errors.ts';

describe('sha256 and HMAC in plain TypeScript', () => {
  it('agree with node:crypto on any input', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 100 }), (data, key) => {
      expect(toHex(sha256(data))).toBe(createHash('sha256').update(data).digest('hex'));
      expect(toHex(hmacSha256(key, data))).toBe(createHmac('sha256', key).update(data).digest('hex'));
    }), { numRuns: 200 });
  });

  it('known answers (FIPS 180-2 "abc", the empty string) and hex round trips', () => {
    expect(toHex(sha256(new TextEncoder().encode('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(toHex(sha256(new Uint8Array()))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(toHex(fromHex('00ff10'))).toBe('00ff10');
    expect(() => fromHex('abc')).toThrow(/not hex/);
  });
});

describe('draw derivation from seed and draw id', () => {
  it('matches fixed vectors', () => {
    expect(seedCommitment(SEED_1)).toBe('ec4916dd28fc4c10d78e287ca5d9cc51ee1ae73cbfde08c6b37324cbfaac8bc5');
    expect(seedCommitment(SEED_A5)).toBe('fc8b64001c5fdd0f2f40fb67dae4a865a2c5bd17836676d6d5b58b7917e33717');
    expect(drawNumber(SEED_1, 'draw-0000000000000001')).toBe(18232);
    expect(drawNumber(SEED_1, 'draw-0000000000000002')).toBe(358583);
    expect(drawNumber(SEED_1, 'kiosk-1-20261208-abcdef')).toBe(971822);
    expect(drawNumber(SEED_A5, 'draw-0000000000000001')).toBe(874460);
    expect(drawNumber(SEED_A5, 'draw-0000000000000002')).toBe(486237);
    const l = sampleLottery();
    expect(derivePrize(l, SEED_1, 'draw-0000000000000001').id).toBe('big'); // 18232 < 100000
    expect(derivePrize(l, SEED_1, 'draw-0000000000000002').id).toBe('small'); // 100000 <= 358583 < 500000
    expect(derivePrize(l, SEED_1, 'kiosk-1-20261208-abcdef').id).toBe('thanks');
  });

  it('picks prizes by cumulative odds, boundaries included', () => {
    const { prizes } = sampleLottery();
    expect(prizeAt(prizes, 0).id).toBe('big');
    expect(prizeAt(prizes, 99_999).id).toBe('big');
    expect(prizeAt(prizes, 100_000).id).toBe('small');
    expect(prizeAt(prizes, 499_999).id).toBe('small');
    expect(prizeAt(prizes, 500_000).id).toBe('thanks');
    expect(prizeAt(prizes, 999_999).id).toBe('thanks');
    expect(() => prizeAt(prizes, ODDS_TOTAL_PPM)).toThrow(/no prize holds/);
  });

  it('always lands in [0, 1 000 000) and on a listed prize; the same inputs give the same draw', () => {
    const l = sampleLottery(SEED_A5);
    fc.assert(fc.property(fc.stringMatching(/^[A-Za-z0-9_-]{16,64}$/), (drawId) => {
      const n = drawNumber(SEED_A5, drawId);
      expect(n).toBeGreaterThanOrEqual(0);
      expect(n).toBeLessThan(ODDS_TOTAL_PPM);
      expect(l.prizes.map((p) => p.id)).toContain(derivePrize(l, SEED_A5, drawId).id);
      expect(drawNumber(SEED_A5, drawId)).toBe(n);
    }), { numRuns: 300 });
  });

  it('follows the published odds over many draws (within 1.5 points of each share)', () => {
    const l = sampleLottery(SEED_A5);
    const counts = new Map<string, number>();
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const id = derivePrize(l, SEED_A5, `draw-${i.toString().padStart(16, '0')}`).id;
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    for (const p of l.prizes) expect(Math.abs((counts.get(p.id) ?? 0) / n - p.oddsPpm / ODDS_TOTAL_PPM), p.id).toBeLessThan(0.015);
  });
});

describe('the contract refuses bad terms', () => {
  const base = () => structuredClone(sampleLottery()) as unknown as { prizes: { oddsPpm: number; valueFen: number; stock: number | null }[]; fallbackPrizeId: string; closesAt: string };

  it('odds that do not sum to 1', () => {
    const bad = base();
    bad.prizes[0]!.oddsPpm = 100_001;
    const r = Lottery.safeParse(bad);
    expect(r.success).toBe(false);
    expect(formatZodError(r.error!)).toBe('prizes: the odds add up to 1000001 ppm, not 1000000 (1)');
  });

  it('a top prize over ¥50,000', () => {
    const bad = base();
    bad.prizes[0]!.valueFen = MAX_PRIZE_FEN + 1;
    const r = Lottery.safeParse(bad);
    expect(r.success).toBe(false);
    expect(formatZodError(r.error!)).toBe("prizes.0.valueFen: a prize is worth at most ¥50000 (China's rule on prize sales)");
    const ok = base();
    ok.prizes[0]!.valueFen = MAX_PRIZE_FEN;
    expect(Lottery.safeParse(ok).success).toBe(true);
  });

  it('a fallback that runs out or is not on the list, a window that closes before it opens', () => {
    const limited = base();
    limited.prizes[2]!.stock = 5;
    expect(formatZodError(Lottery.safeParse(limited).error!)).toMatch(/fallback is worth nothing/);
    const missing = base();
    missing.fallbackPrizeId = 'nothing';
    expect(formatZodError(Lottery.safeParse(missing).error!)).toMatch(/fallback nothing is not one of the prizes/);
    const backwards = base();
    backwards.closesAt = '2026-12-07T00:00:00.000Z';
    expect(formatZodError(Lottery.safeParse(backwards).error!)).toMatch(/closes after it opens/);
    // one bad lottery makes the whole board refused on receipt
    expect(LotteryBoard.safeParse({ mallId: 'demo-mall', publishedAt: '2026-12-08T00:00:00.000Z', lotteries: [backwards] }).success).toBe(false);
  });
});

describe('stock rule and verification', () => {
  /** Draws made the way HQ makes them: derived, then awarded by the stock rule in order. */
  const drawAll = (l: Lottery, seed: string, ids: string[]): RecordedDraw[] => {
    const given = new Map<string, number>();
    return ids.map((drawId, i) => {
      const derived = derivePrize(l, seed, drawId);
      const prize = awardedPrize(l, derived, given);
      given.set(prize.id, (given.get(prize.id) ?? 0) + 1);
      return { seq: i + 1, drawId, derivedPrizeId: derived.id, prizeId: prize.id };
    });
  };
  const ids = Array.from({ length: 60 }, (_, i) => `draw-${i.toString().padStart(16, '0')}`);

  it('gives the fallback once a prize has given its stock, never another prize', () => {
    const l = sampleLottery(SEED_1, { big: 1, small: 2 });
    const draws = drawAll(l, SEED_1, ids);
    expect(draws.filter((d) => d.prizeId === 'big')).toHaveLength(1);
    expect(draws.filter((d) => d.prizeId === 'small')).toHaveLength(2);
    for (const d of draws) expect(d.prizeId === d.derivedPrizeId || d.prizeId === 'thanks').toBe(true);
    expect(draws.some((d) => d.derivedPrizeId === 'big' && d.prizeId === 'thanks')).toBe(true);
  });

  it('any stock and any draw ids: never more given than stock, and verify agrees with HQ', () => {
    fc.assert(fc.property(fc.nat(5), fc.nat(5), fc.uniqueArray(fc.stringMatching(/^[A-Za-z0-9]{16,24}$/), { maxLength: 40 }), (big, small, drawIds) => {
      const l = sampleLottery(SEED_A5, { big, small });
      const draws = drawAll(l, SEED_A5, drawIds);
      expect(draws.filter((d) => d.prizeId === 'big').length).toBeLessThanOrEqual(big);
      expect(draws.filter((d) => d.prizeId === 'small').length).toBeLessThanOrEqual(small);
      const report = verifyDraws(l, SEED_A5, draws);
      expect(report).toMatchObject({ seedOk: true, draws: drawIds.length, match: drawIds.length });
    }), { numRuns: 100 });
  });

  it('reports a tampered outcome, a prize given past its stock, a sequence gap, and a seed that is not the committed one', () => {
    const l = sampleLottery(SEED_1, { big: 1, small: 2 });
    const draws = drawAll(l, SEED_1, ids.slice(0, 10));
    const bigAgain = draws.findIndex((d) => d.derivedPrizeId === 'big' && d.prizeId === 'thanks');
    expect(bigAgain).toBeGreaterThan(0);
    const first = draws[0]!.derivedPrizeId;
    const other = first === 'small' ? 'big' : 'small';
    const tampered = draws.map((d, i) => (i === bigAgain ? { ...d, prizeId: 'big' } : i === 0 ? { ...d, derivedPrizeId: other } : d));
    const report = verifyDraws(l, SEED_1, tampered);
    expect(report.match).toBe(draws.length - 2);
    expect(report.checks.filter((c) => !c.ok).map((c) => c.why)).toEqual(
      expect.arrayContaining([`recorded outcome ${other}, the seed gives ${first}`, 'awarded big, the stock rule gives thanks']),
    );
    expect(verifyDraws(l, SEED_1, draws.map((d) => (d.seq === 3 ? { ...d, seq: 30 } : d))).checks.some((c) => c.why === 'sequence 30 where 10 was due')).toBe(true);
    const wrongSeed = verifyDraws(l, SEED_A5, draws);
    expect(wrongSeed).toMatchObject({ seedOk: false, match: 0, draws: 10 });
    expect(seedMatches(SEED_1, l.seedCommitment)).toBe(true);
    expect(seedMatches('not hex', l.seedCommitment)).toBe(false);
  });
});

describe('lottery state and frozen terms', () => {
  it('is upcoming, open, then closed', () => {
    const l = sampleLottery();
    expect(lotteryState(l, new Date('2026-12-07T23:59:59Z'))).toBe('upcoming');
    expect(lotteryState(l, new Date('2026-12-08T00:00:00Z'))).toBe('open');
    expect(lotteryState(l, new Date('2026-12-09T00:00:00Z'))).toBe('closed');
  });

  it('names what changed; a revealed seed alone is no change', () => {
    const l = sampleLottery();
    expect(termsChange(l, { ...l, revealedSeed: SEED_1 })).toBeNull();
    const odds = structuredClone(l);
    odds.prizes[0]!.oddsPpm = 200_000;
    odds.prizes[2]!.oddsPpm = 400_000;
    expect(termsChange(l, odds)).toBe('the prizes, their odds, values or stock changed');
    expect(termsChange(l, { ...l, drawsPerMember: 5 })).toBe('drawsPerMember changed');
  });
});
