// Sign-in lock-out: after `maxFailures` refused sign-ins in a row on this kiosk (PIN or card, whoever they were for),
// sign-in is refused for `lockoutMs`. Pure rules here; the state lives in one SQLite row (lockout-store.ts), so
// restarting the agent does not reset it.

export type LockoutPolicy = { maxFailures: number; lockoutMs: number };
export type LockoutState = { failures: number; lockedUntil: number | null };

export const unlocked: LockoutState = { failures: 0, lockedUntil: null };

/** The state as it stands at `now`: a lock-out that has run out is over, and its failures are forgotten. */
export function lockoutAt(state: LockoutState, now: number): LockoutState {
  if (state.lockedUntil !== null && now >= state.lockedUntil) return unlocked;
  return state;
}

export function isLocked(state: LockoutState, now: number): boolean {
  return lockoutAt(state, now).lockedUntil !== null;
}

export function failuresLeft(state: LockoutState, now: number, policy: LockoutPolicy): number {
  const s = lockoutAt(state, now);
  return s.lockedUntil !== null ? 0 : Math.max(0, policy.maxFailures - s.failures);
}

/** One more refused sign-in; `lockedOut` is true when this one started a lock-out. */
export function afterFailure(state: LockoutState, now: number, policy: LockoutPolicy): { state: LockoutState; lockedOut: boolean } {
  const s = lockoutAt(state, now);
  if (s.lockedUntil !== null) return { state: s, lockedOut: false };
  const failures = s.failures + 1;
  if (failures >= policy.maxFailures) return { state: { failures, lockedUntil: now + policy.lockoutMs }, lockedOut: true };
  return { state: { failures, lockedUntil: null }, lockedOut: false };
}

/** A successful sign-in forgets earlier failures. */
export function afterSuccess(): LockoutState {
  return unlocked;
}
