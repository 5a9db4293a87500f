// contracts/backoff.ts: capped exponential backoff with jitter, checked with tables.
import { describe, expect, it } from 'vitest';
import { backoffDelay, defaultBackoff, type Backoff } from '../../../contracts/backoff.ts';

const noJitter: Backoff = { initialMs: 500, maxMs: 30_000, factor: 2, jitter: 0 };

describe('backoffDelay', () => {
  it.each([
    [1, 500],
    [2, 1000],
    [3, 2000],
    [4, 4000],
    [5, 8000],
    [6, 16_000],
    [7, 30_000], // 32 000 capped
    [8, 30_000],
    [50, 30_000],
    [0, 500], // attempt numbers below 1 count as the first
    [-3, 500],
  ])('without jitter, attempt %i waits %i ms', (attempt, expected) => {
    expect(backoffDelay(attempt, noJitter)).toBe(expected);
  });

  it.each([
    // attempt, random, expected with the default ±20 % jitter
    [1, 0, 400],
    [1, 0.5, 500],
    [1, 1, 600],
    [3, 0, 1600],
    [3, 1, 2400],
    [6, 1, 19_200],
    [7, 0, 24_000], // at the cap jitter only goes down...
    [7, 1, 30_000], // ...never above maxMs
    [100, 0.5, 30_000],
  ])('with jitter, attempt %i and random %d waits %i ms', (attempt, random, expected) => {
    expect(backoffDelay(attempt, defaultBackoff, () => random)).toBe(expected);
  });

  it('stays within [base·(1-j), min(max, base·(1+j))] for any random value', () => {
    for (let attempt = 1; attempt <= 12; attempt++) {
      const base = Math.min(defaultBackoff.maxMs, defaultBackoff.initialMs * defaultBackoff.factor ** (attempt - 1));
      const lo = Math.round(base * (1 - defaultBackoff.jitter));
      const hi = Math.min(defaultBackoff.maxMs, Math.round(base * (1 + defaultBackoff.jitter)));
      for (let i = 0; i <= 100; i++) {
        const d = backoffDelay(attempt, defaultBackoff, () => i / 100);
        expect(d).toBeGreaterThanOrEqual(lo);
        expect(d).toBeLessThanOrEqual(hi);
      }
    }
  });

  it('never exceeds maxMs and is never negative, with Math.random', () => {
    for (let i = 0; i < 2000; i++) {
      const d = backoffDelay(1 + (i % 20));
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThanOrEqual(defaultBackoff.maxMs);
    }
  });

  it('grows monotonically until the cap without jitter', () => {
    const delays = Array.from({ length: 10 }, (_, i) => backoffDelay(i + 1, noJitter));
    for (let i = 1; i < delays.length; i++) expect(delays[i]!).toBeGreaterThanOrEqual(delays[i - 1]!);
  });
});
