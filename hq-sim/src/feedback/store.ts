// HQ's feedback desk in its own SQLite file (<data>/feedback.db, WAL, synchronous=FULL): every ticket kiosks sent
// (once each, by device and ticket number), the phone number opened from its sealed contact (HQ is the one place it
// may live), and every reply and resolution. The running HQ writes tickets as they arrive; the `feedback` tools read
// and answer on the same file, so they need no flags with npm start running. Rows read back are parsed.
import type Database from 'better-sqlite3';
import path from 'node:path';
import { z } from 'zod';
import { openMigratedFile } from '../sqlite-file.ts';
import { FeedbackCategory, FeedbackTicket, type FeedbackSubmittedPayload, type FeedbackUpdateKind as UpdateKind } from '../../../contracts/feedback.ts';

export const FEEDBACK_DB_FILE = 'feedback.db';

const migrations = [
  `
  CREATE TABLE tickets (
    device_id TEXT NOT NULL, ticket TEXT NOT NULL, category TEXT NOT NULL, store_id TEXT, rating INTEGER NOT NULL, text TEXT NOT NULL,
    language TEXT NOT NULL, member_id TEXT, phone TEXT, contact_problem TEXT, submitted_at TEXT NOT NULL, received_at TEXT NOT NULL,
    first_reply_at TEXT, resolved_at TEXT, PRIMARY KEY (device_id, ticket, submitted_at)
  );
  CREATE TABLE updates (
    update_id TEXT PRIMARY KEY, device_id TEXT NOT NULL, ticket TEXT NOT NULL, submitted_at TEXT NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL, at TEXT NOT NULL
  );
  `,
];

const TicketRow = z.object({
  device_id: z.string(), ticket: FeedbackTicket, category: FeedbackCategory, store_id: z.string().nullable(), rating: z.number().int(),
  text: z.string(), language: z.string(), member_id: z.string().nullable(), phone: z.string().nullable(), contact_problem: z.string().nullable(),
  submitted_at: z.string(), received_at: z.string(), first_reply_at: z.string().nullable(), resolved_at: z.string().nullable(),
});
export type HqTicket = {
  deviceId: string; ticket: string; category: FeedbackCategory; storeId: string | null; rating: number; text: string; language: string;
  memberId: string | null; phone: string | null; contactProblem: string | null; submittedAt: Date; receivedAt: Date;
  firstReplyAt: Date | null; resolvedAt: Date | null;
};
export type HqUpdate = { updateId: string; deviceId: string; ticket: string; kind: UpdateKind; text: string; at: Date };

const date = (s: string | null) => (s === null ? null : new Date(s));
const toTicket = (row: unknown): HqTicket => {
  const r = TicketRow.parse(row);
  return {
    deviceId: r.device_id, ticket: r.ticket, category: r.category, storeId: r.store_id, rating: r.rating, text: r.text, language: r.language,
    memberId: r.member_id, phone: r.phone, contactProblem: r.contact_problem, submittedAt: new Date(r.submitted_at), receivedAt: new Date(r.received_at),
    firstReplyAt: date(r.first_reply_at), resolvedAt: date(r.resolved_at),
  };
};

export class FeedbackStore {
  private readonly db: Database.Database;

  constructor(dataDir: string) {
    this.db = openMigratedFile(path.join(dataDir, FEEDBACK_DB_FILE), migrations);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /**
   * Records a ticket once: 'repeat' for the same device, number and submittedAt again (a resent event); 'reissued' when
   * the device gave this number before for other feedback (its database was reset): both are kept.
   */
  record(deviceId: string, p: FeedbackSubmittedPayload, contact: { phone: string | null; problem: string | null }, now: Date): 'new' | 'repeat' | 'reissued' {
    const before = this.db.prepare('SELECT COUNT(*) AS n FROM tickets WHERE device_id = ? AND ticket = ?').get(deviceId, p.ticket) as { n: number };
    const inserted = this.db.prepare(
      `INSERT OR IGNORE INTO tickets (device_id, ticket, category, store_id, rating, text, language, member_id, phone, contact_problem, submitted_at, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(deviceId, p.ticket, p.category, p.storeId, p.rating, p.text, p.language, p.memberId, contact.phone, contact.problem, p.submittedAt, now.toISOString()).changes > 0;
    return !inserted ? 'repeat' : before.n > 0 ? 'reissued' : 'new';
  }

  tickets(): HqTicket[] {
    return this.db.prepare('SELECT * FROM tickets ORDER BY submitted_at, ticket').all().map(toTicket);
  }

  /** The tickets with this number, newest first (usually one; more when kiosks share a floor code or one was reset). */
  byTicket(ticket: string): HqTicket[] {
    return this.db.prepare('SELECT * FROM tickets WHERE ticket = ? ORDER BY submitted_at DESC, device_id').all(ticket).map(toTicket);
  }

  /** Records a reply or resolution of one ticket and moves its clocks (first reply, resolved) in one transaction. */
  addUpdate(t: Pick<HqTicket, 'deviceId' | 'ticket' | 'submittedAt'>, u: Omit<HqUpdate, 'deviceId' | 'ticket'>): void {
    const submitted = t.submittedAt.toISOString();
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO updates (update_id, device_id, ticket, submitted_at, kind, text, at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(u.updateId, t.deviceId, t.ticket, submitted, u.kind, u.text, u.at.toISOString());
      const column = u.kind === 'reply' ? 'first_reply_at' : 'resolved_at';
      this.db.prepare(`UPDATE tickets SET ${column} = COALESCE(${column}, ?) WHERE device_id = ? AND ticket = ? AND submitted_at = ?`).run(u.at.toISOString(), t.deviceId, t.ticket, submitted);
    })();
  }
}
