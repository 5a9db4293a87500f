// The lock-out state in SQLite (one row), so a restart neither resets a lock-out nor forgets failures.
import type { Db } from '../db/open.ts';
import { unlocked, type LockoutState } from './lockout.ts';

export function readLockout(db: Db): LockoutState {
  const row = db.prepare('SELECT failures, locked_until AS lockedUntil FROM staff_lockout WHERE id = 1').get() as { failures: number; lockedUntil: string | null } | undefined;
  if (!row) return unlocked;
  return { failures: row.failures, lockedUntil: row.lockedUntil === null ? null : Date.parse(row.lockedUntil) };
}

export function writeLockout(db: Db, state: LockoutState, now: Date): void {
  db.prepare(
    `INSERT INTO staff_lockout (id, failures, locked_until, last_failure_at) VALUES (1, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until,
       last_failure_at = CASE WHEN excluded.failures > 0 THEN excluded.last_failure_at ELSE staff_lockout.last_failure_at END`,
  ).run(state.failures, state.lockedUntil === null ? null : new Date(state.lockedUntil).toISOString(), now.toISOString());
}
