// Where the page stands with the kiosk agent, and how a failed call moves it. Pure; the effects are in
// useAgentConnection.ts.
import type { ApiResult } from '../../../contracts/api.ts';
import { backoffDelay, type Backoff } from '../../../contracts/backoff.ts';

export type Bootstrap = ApiResult<'kiosk.bootstrap'>;

export type Connection =
  /** `attempt` 1 is the first start; later attempts are reconnections and keep the "unavailable" look. */
  | { kind: 'connecting'; attempt: number }
  | { kind: 'not-paired'; reason: string }
  | { kind: 'unavailable'; attempt: number; retryAt: number; reason: string }
  | { kind: 'ready'; boot: Bootstrap };

/** Reconnecting to the agent: first retry after about a second, then doubling up to half a minute. */
export const reconnectBackoff: Backoff = { initialMs: 1000, maxMs: 30_000, factor: 2, jitter: 0.25 };

/** Error codes that mean "this page has no valid secret": retrying cannot help, a new pairing link can. */
const notPairedCodes = new Set(['not_paired', 'unauthorized']);

export function isNotPaired(code: string): boolean {
  return notPairedCodes.has(code);
}

/** Errors that mean the agent as a whole is gone or unusable, as opposed to one call going wrong. */
export function isAgentDown(code: string): boolean {
  return code === 'network';
}

export function connectionAfterFailure(
  code: string, reason: string, attempt: number, now: number, random: () => number = Math.random,
): Connection {
  if (isNotPaired(code)) return { kind: 'not-paired', reason };
  return { kind: 'unavailable', attempt, retryAt: now + backoffDelay(attempt, reconnectBackoff, random), reason };
}

/** True when a heartbeat answer differs in anything the screen shows or obeys. */
export function bootstrapChanged(a: Bootstrap, b: Bootstrap): boolean {
  return JSON.stringify(a) !== JSON.stringify(b);
}
