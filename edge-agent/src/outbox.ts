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
