// The lock-out rules as a table: five refusals in a row lock sign-in for five minutes; success or the end of a
// lock-out forgets the failures.
import { describe, expect, it } from 'vitest';
import { afterFailure, afterSuccess, failuresLeft, isLocked, lockoutAt, unlocked, type LockoutState } from '../../../edge-agent/src/staff/lockout.ts';

const policy = { maxFailures: 5, lockoutMs: 300_000 };
const t0 = 1_800_000_000_000;

function fail(times: number, from: LockoutState = unlocked, at = t0): LockoutState {
  let s = from;
  for (let i = 0; i < times; i++) s = afterFailure(s, at + i, policy).state;
  return s;
}

describe('lock-out', () => {
  it.each([
    [0, 5, false],
    [1, 4, false],
    [4, 1, false],
    [5, 0, true],
  ])('after %i refusals: %i left, locked %s', (n, left, locked) => {
    const s = fail(n);
    expect(failuresLeft(s, t0 + 10, policy)).toBe(left);
    expect(isLocked(s, t0 + 10)).toBe(locked);
  });

  it('says which refusal started the lock-out, and more refusals while locked do not extend it', () => {
    const four = fail(4);
    const fifth = afterFailure(four, t0 + 100, policy);
    expect(fifth.lockedOut).toBe(true);
    expect(fifth.state.lockedUntil).toBe(t0 + 100 + 300_000);
    const sixth = afterFailure(fifth.state, t0 + 200, policy);
    expect(sixth.lockedOut).toBe(false);
    expect(sixth.state).toEqual(fifth.state);
  });

  it('lasts five minutes to the millisecond, then starts afresh with five tries', () => {
    const locked = fail(5);
    const until = locked.lockedUntil!;
    expect(isLocked(locked, until - 1)).toBe(true);
    expect(isLocked(locked, until)).toBe(false);
    expect(lockoutAt(locked, until)).toEqual(unlocked);
    expect(failuresLeft(locked, until, policy)).toBe(5);
    // The first refusal after a lock-out counts from one again.
    expect(afterFailure(locked, until + 1, policy).state).toEqual({ failures: 1, lockedUntil: null });
  });

  it('a successful sign-in forgets earlier refusals', () => {
    expect(afterSuccess()).toEqual(unlocked);
    expect(failuresLeft(fail(1, afterSuccess()), t0, policy)).toBe(4);
  });
});
