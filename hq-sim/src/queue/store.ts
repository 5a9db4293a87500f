// HQ's queue desk on its own SQLite file (<HQ data>/queue.db, WAL): the restaurants' queue settings, issued tickets
// kept by request id (a repeated request gets the same ticket), the per-class counters, and calls. The running demo
// HQ and the `npm run hq -- queue ...` tools open the same file, so a call made in a terminal is what the demo HQ
// publishes next (each change is one IMMEDIATE transaction; busy_timeout lets the two processes take turns).
import type Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { openMigratedFile } from '../sqlite-file.ts';
import {
  QueueTicket, SizeClass, sizeClassFor, type QueueTicketRequest, type QueueTicketResponse, type RestaurantQueueStatus,
} from '../../../contracts/queue.ts';
import {
  estimateWaitMin, nextToCall, restaurantStatus, ticketNumber, waitRange, type ClassConfig, type RestaurantConfig, type TicketRow,
} from './engine.ts';

export const QUEUE_DB_FILE = 'queue.db';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS restaurants (store_id TEXT PRIMARY KEY, open INTEGER NOT NULL, classes TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS counters (store_id TEXT NOT NULL, size_class TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (store_id, size_class));
  CREATE TABLE IF NOT EXISTS tickets (
    request_id TEXT PRIMARY KEY, store_id TEXT NOT NULL, number TEXT NOT NULL, size_class TEXT NOT NULL, state TEXT NOT NULL,
    issued_at TEXT NOT NULL, called_at TEXT, device_id TEXT NOT NULL, doc TEXT NOT NULL,
    -- what HQ notifies the party by (the kiosk keeps neither): a phone for a text message, or a member id
    phone TEXT, member_id TEXT
  );
  CREATE INDEX IF NOT EXISTS tickets_by_store ON tickets (store_id, state);
`;

const ClassConfigs = z.array(z.object({ sizeClass: SizeClass, tables: z.number().int().nonnegative(), meanDiningMin: z.number().int().positive() }));

/** Where a kiosk follows its ticket (the QR): HQ's queue page for the ticket's opaque token. */
export const followUrl = (mallId: string, token: string) => `https://queue.atrium.example/${mallId}/t/${token}`;

export type CallOutcome = { kind: 'called'; number: string; storeId: string } | { kind: 'none_waiting' } | { kind: 'unknown_store' };

export class QueueStore {
  private readonly db: Database.Database;
  private readonly mallId: string;

  constructor(dataDir: string, mallId: string) {
    this.mallId = mallId;
    // The schema is idempotent (IF NOT EXISTS), so a file made before it was versioned takes it as version 1.
    this.db = openMigratedFile(path.join(dataDir, QUEUE_DB_FILE), [SCHEMA]);
  }

  close(): void {
    this.db.close();
  }

  /** Adds restaurants HQ does not run a queue for yet (their settings, once made, are kept). */
  seedRestaurants(list: RestaurantConfig[]): void {
    const add = this.db.prepare('INSERT OR IGNORE INTO restaurants (store_id, open, classes) VALUES (?, ?, ?)');
    this.db.transaction(() => {
      for (const r of list) add.run(r.storeId, r.open ? 1 : 0, JSON.stringify(r.classes));
    })();
  }

  restaurants(): RestaurantConfig[] {
    const rows = this.db.prepare('SELECT store_id, open, classes FROM restaurants ORDER BY store_id').all() as { store_id: string; open: number; classes: string }[];
    return rows.map((r) => ({ storeId: r.store_id, open: r.open === 1, classes: ClassConfigs.parse(JSON.parse(r.classes)) as ClassConfig[] }));
  }

  restaurant(storeId: string): RestaurantConfig | null {
    return this.restaurants().find((r) => r.storeId === storeId) ?? null;
  }

  private tickets(storeId: string): TicketRow[] {
    const rows = this.db.prepare('SELECT number, size_class, state, issued_at, called_at FROM tickets WHERE store_id = ?').all(storeId) as {
      number: string; size_class: string; state: string; issued_at: string; called_at: string | null;
    }[];
    return rows.map((r) => ({ number: r.number, sizeClass: SizeClass.parse(r.size_class), state: r.state === 'called' ? 'called' : 'waiting', issuedAt: r.issued_at, calledAt: r.called_at }));
  }

  /** Every restaurant's status now. */
  status(): RestaurantQueueStatus[] {
    return this.restaurants().map((r) => restaurantStatus(r, this.tickets(r.storeId)));
  }

  /**
   * Issues a ticket, or returns the one already issued for this request id (from any kiosk of the mall: ids are
   * random 16+ characters, so one kiosk cannot guess another's). Refusals are not kept: a retry is decided again.
   */
  take(req: QueueTicketRequest, deviceId: string, now: Date): QueueTicketResponse {
    return this.db.transaction((): QueueTicketResponse => {
      const known = this.db.prepare('SELECT doc FROM tickets WHERE request_id = ?').get(req.requestId) as { doc: string } | undefined;
      if (known) return { status: 'issued', ticket: QueueTicket.parse(JSON.parse(known.doc)) };
      const r = this.restaurant(req.storeId);
      if (!r) return { status: 'refused', reason: 'not_queuing', detail: `HQ runs no queue for ${req.storeId}` };
      if (!r.open) return { status: 'refused', reason: 'closed', detail: 'the restaurant takes no tickets right now' };
      const sizeClass = sizeClassFor(req.partySize);
      const c = r.classes.find((k) => k.sizeClass === sizeClass);
      if (!c || c.tables === 0) return { status: 'refused', reason: 'no_tables', detail: `no tables for a party of ${req.partySize}` };
      const ahead = this.tickets(req.storeId).filter((t) => t.sizeClass === sizeClass && t.state === 'waiting').length;
      const seq = (this.db.prepare('SELECT seq FROM counters WHERE store_id = ? AND size_class = ?').get(req.storeId, sizeClass) as { seq: number } | undefined)?.seq ?? 0;
      this.db.prepare('INSERT INTO counters (store_id, size_class, seq) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET seq = excluded.seq').run(req.storeId, sizeClass, seq + 1);
      const ticket: QueueTicket = QueueTicket.parse({
        requestId: req.requestId, storeId: req.storeId, number: ticketNumber(sizeClass, seq + 1), sizeClass, partySize: req.partySize, ahead,
        waitMin: waitRange(estimateWaitMin(ahead, c.tables, c.meanDiningMin) ?? 0),
        followUrl: followUrl(this.mallId, randomBytes(9).toString('base64url')), issuedAt: now.toISOString(),
      });
      this.db.prepare('INSERT INTO tickets (request_id, store_id, number, size_class, state, issued_at, device_id, doc, phone, member_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(req.requestId, req.storeId, ticket.number, sizeClass, 'waiting', ticket.issuedAt, deviceId, JSON.stringify(ticket), req.phone ?? null, req.memberId ?? null);
      return { status: 'issued', ticket };
    }).immediate();
  }

  /** Calls the next waiting party of a class (or of any class): its number becomes the one "now calling". */
  call(storeId: string, sizeClass: SizeClass | null, now: Date): CallOutcome {
    return this.db.transaction((): CallOutcome => {
      if (!this.restaurant(storeId)) return { kind: 'unknown_store' };
      const next = nextToCall(this.tickets(storeId), sizeClass);
      if (!next) return { kind: 'none_waiting' };
      // Number and issue time name the ticket (numbers start over after 999, so the number alone may not).
      this.db.prepare("UPDATE tickets SET state = 'called', called_at = ? WHERE store_id = ? AND number = ? AND issued_at = ? AND state = 'waiting'")
        .run(now.toISOString(), storeId, next.number, next.issuedAt);
      return { kind: 'called', number: next.number, storeId };
    }).immediate();
  }

  /** The waiting tickets of a restaurant, oldest first (for `queue status`). */
  waiting(storeId: string): TicketRow[] {
    return this.tickets(storeId).filter((t) => t.state === 'waiting').sort((a, b) => a.issuedAt.localeCompare(b.issuedAt));
  }
}
