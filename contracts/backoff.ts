// Capped exponential backoff with jitter, as a pure function shared by every retry loop (agent supervisor, MQTT
// reconnects, the page reconnecting to the agent) so its bounds are tested once, with tables.
export type Backoff = { initialMs: number; maxMs: number; factor: number; jitter: number };

export const defaultBackoff: Backoff = { initialMs: 500, maxMs: 30_000, factor: 2, jitter: 0.2 };

/** Delay before restart number `attempt` (1-based): initial * factor^(attempt-1), capped, +/- jitter. */
export function backoffDelay(attempt: number, b: Backoff = defaultBackoff, random: () => number = Math.random): number {
  const base = Math.min(b.maxMs, b.initialMs * b.factor ** Math.max(0, attempt - 1));
  const spread = base * b.jitter;
  return Math.round(Math.min(b.maxMs, Math.max(0, base - spread + random() * 2 * spread)));
}
