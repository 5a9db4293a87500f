// The outbox: every event for HQ is written here first (synchronous=FULL), and leaves only once HQ has it.
import { randomUUID } from 'node:crypto';
import type { Db } from './db/open.ts';

export type OutboxEvent = { type: string; payload: Record<string, unknown>; eventId?: string };

export function enqueueEvent(db: Db, event: OutboxEvent, now: Date = new Date()): string {
  const eventId = event.eventId ?? randomUUID();
  db.prepare('INSERT OR IGNORE INTO outbox (event_id, type, payload, created_at) VALUES (?, ?, ?, ?)').run(
    eventId, event.type, JSON.stringify(event.payload), now.toISOString(),
  );
  return eventId;
}

export function outboxDepth(db: Db): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n;
}

export type OutboxRow = { seq: number; eventId: string; type: string; payload: string; createdAt: string };

/** The oldest rows not already in flight. */
export function outboxBatch(db: Db, limit: number, inFlight: ReadonlySet<string>): OutboxRow[] {
  const rows = db
    .prepare('SELECT seq, event_id AS eventId, type, payload, created_at AS createdAt FROM outbox ORDER BY seq LIMIT ?')
    .all(limit + inFlight.size) as OutboxRow[];
  return rows.filter((r) => !inFlight.has(r.eventId)).slice(0, limit);
}

/** Deletes rows HQ's broker acknowledged; called only after a successful PUBACK. */
export function outboxDelete(db: Db, eventIds: string[]): void {
  const stmt = db.prepare('DELETE FROM outbox WHERE event_id = ?');
  db.transaction(() => {
    for (const id of eventIds) stmt.run(id);
  })();
}

export function outboxFailed(db: Db, eventId: string, error: string): void {
  db.prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE event_id = ?').run(error.slice(0, 500), eventId);
}
