// Hourly counts per expression bucket: the only form in which the expression reaches HQ. The running hour's counts
// live in SQLite (meta), so a restart loses nothing; when the hour is over they become one outbox event, in the
// same transaction that resets them, so an hour is sent exactly once.
import { WALL_EVENT_TYPES, WallExpressionHourlyPayload } from '../../../contracts/wall.ts';
import type { Expression } from '../../../contracts/members.ts';
import type { Db } from '../db/open.ts';
import { enqueueEvent } from '../outbox.ts';

const KEY = 'wall.expressionCounts';
type Counts = { hour: string; counts: Partial<Record<Expression, number>> };

/** Start of the UTC hour, as an ISO timestamp. */
export function hourOf(now: Date): string {
  const d = new Date(now.getTime());
  d.setUTCMinutes(0, 0, 0);
  return d.toISOString();
}

function read(db: Db): Counts | null {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(KEY) as { value: string } | undefined;
  if (!row) return null;
  const parsed = WallExpressionHourlyPayload.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : null;
}

function write(db: Db, c: Counts | null): void {
  if (c === null) db.prepare('DELETE FROM meta WHERE key = ?').run(KEY);
  else db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(KEY, JSON.stringify(c));
}

/** Sends every finished hour (at most one is pending) to the outbox; returns true if an event was written. */
export function flushFinishedHours(db: Db, now: Date): boolean {
  return db.transaction((): boolean => {
    const current = read(db);
    if (!current || current.hour === hourOf(now)) return false;
    write(db, null);
    if (Object.values(current.counts).every((n) => !n)) return false;
    enqueueEvent(db, { type: WALL_EVENT_TYPES.expressionHourly, payload: WallExpressionHourlyPayload.parse(current) }, now);
    return true;
  }).immediate();
}

/** Counts one session showing this bucket steadily (the caller counts each bucket once per session). */
export function countExpression(db: Db, bucket: Expression, now: Date): boolean {
  return db.transaction((): boolean => {
    const flushed = flushFinishedHours(db, now);
    const current = read(db) ?? { hour: hourOf(now), counts: {} };
    current.counts[bucket] = (current.counts[bucket] ?? 0) + 1;
    write(db, current);
    return flushed;
  }).immediate();
}

/** The running hour's counts (for staff diagnostics and tests). */
export function currentCounts(db: Db): Counts | null {
  return read(db);
}
