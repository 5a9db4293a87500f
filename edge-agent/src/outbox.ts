// The outbox: every event for HQ is written here first (synchronous=FULL), and leaves only once HQ has it. A writer
// can only hand it an event whose payload fits its type (contracts/events.ts); the drain parses each row again
// before sending, and a row that no longer parses (written by an older agent, say) stays, marked unsendable.
import { randomUUID } from 'node:crypto';
import { DEVICE_EVENTS, type DeviceEventInput } from '../../contracts/events.ts';
import type { Db } from './db/open.ts';
import { prepared } from './db/statements.ts';

export type OutboxEvent = DeviceEventInput;

/** Writes one event; the payload is parsed with its type's schema (a mismatch is a bug in the caller and throws). */
export function enqueueEvent(db: Db, event: OutboxEvent, now: Date = new Date()): string {
  const eventId = event.eventId ?? randomUUID();
  const payload = DEVICE_EVENTS[event.type].payload.parse(event.payload);
  prepared(db, 'INSERT OR IGNORE INTO outbox (event_id, type, payload, created_at) VALUES (?, ?, ?, ?)').run(
    eventId, event.type, JSON.stringify(payload), now.toISOString(),
  );
  return eventId;
}

export function outboxDepth(db: Db): number {
  return (prepared(db, 'SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n;
}

/** A row as stored: the payload is JSON text, parsed by the drain (sync/drain.ts) before it is sent. */
export type OutboxRow = { seq: number; eventId: string; type: string; payload: string; createdAt: string };

/** last_error of a row the drain cannot send as it stands; such rows are skipped until the agent starts again. */
const UNSENDABLE = 'unsendable: ';

/** The oldest rows not already in flight, leaving out rows marked unsendable. */
export function outboxBatch(db: Db, limit: number, inFlight: ReadonlySet<string>): OutboxRow[] {
  const rows = prepared(db, `SELECT seq, event_id AS eventId, type, payload, created_at AS createdAt FROM outbox
              WHERE last_error IS NULL OR last_error NOT LIKE '${UNSENDABLE}%' ORDER BY seq LIMIT ?`)
    .all(limit + inFlight.size) as OutboxRow[];
  return rows.filter((r) => !inFlight.has(r.eventId)).slice(0, limit);
}

/** Deletes rows HQ's broker acknowledged; called only after a successful PUBACK. */
export function outboxDelete(db: Db, eventIds: string[]): void {
  const stmt = prepared(db, 'DELETE FROM outbox WHERE event_id = ?');
  db.transaction(() => {
    for (const id of eventIds) stmt.run(id);
  })();
}

/** A send attempt failed (the broker refused it): counted, with the reason; the row is tried again later. */
export function outboxFailed(db: Db, eventId: string, error: string): void {
  prepared(db, 'UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE event_id = ?').run(error.slice(0, 500), eventId);
}

/** The row does not parse as an event of this agent's contract: kept, counted and skipped by outboxBatch. */
export function outboxUnsendable(db: Db, eventId: string, reason: string): void {
  outboxFailed(db, eventId, UNSENDABLE + reason);
}

/** Clears the unsendable marks, so rows are parsed again by this agent version (called at start); returns how many. */
export function outboxRecheckUnsendable(db: Db): number {
  return db.prepare(`UPDATE outbox SET last_error = NULL WHERE last_error LIKE '${UNSENDABLE}%'`).run().changes;
}
