import { describe, expect, it } from 'vitest';
import { reconnectBackoff, retryDelayMs } from '../../../renderer/src/session/backoff.ts';

describe('reconnect backoff', () => {
  it.each([
    [1, 1_000], [2, 2_000], [3, 4_000], [4, 8_000], [5, 16_000], [6, 30_000], [50, 30_000],
  ])('attempt %i waits %i ms without jitter', (attempt, expected) => {
    expect(retryDelayMs(attempt, reconnectBackoff, () => 0.5)).toBe(expected);
  });

  it('jitter spreads the delay by ±25% and never passes the cap', () => {
    expect(retryDelayMs(3, reconnectBackoff, () => 0)).toBe(3_000);
    expect(retryDelayMs(3, reconnectBackoff, () => 0.999999)).toBe(5_000);
    expect(retryDelayMs(20, reconnectBackoff, () => 0.999999)).toBeLessThanOrEqual(30_000);
  });

  it('treats attempt 0 or below like the first attempt', () => {
    expect(retryDelayMs(0, reconnectBackoff, () => 0.5)).toBe(1_000);
    expect(retryDelayMs(-3, reconnectBackoff, () => 0.5)).toBe(1_000);
  });
});
