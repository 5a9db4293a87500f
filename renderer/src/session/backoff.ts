// Capped exponential backoff with jitter for reconnecting to the kiosk agent. Pure, so its bounds are testable.
export type Backoff = { initialMs: number; maxMs: number; factor: number; jitter: number };

export const reconnectBackoff: Backoff = { initialMs: 1000, maxMs: 30_000, factor: 2, jitter: 0.25 };

/** Delay before retry number `attempt` (1-based): initial * factor^(attempt-1), capped, +/- jitter, never above maxMs. */
export function retryDelayMs(attempt: number, b: Backoff = reconnectBackoff, random: () => number = Math.random): number {
  const base = Math.min(b.maxMs, b.initialMs * b.factor ** Math.max(0, attempt - 1));
  const spread = base * b.jitter;
  return Math.round(Math.min(b.maxMs, Math.max(0, base - spread + random() * 2 * spread)));
}
