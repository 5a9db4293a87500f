// The kiosk's feedback tables (migration 8): a new ticket is written in the same transaction as its outbox event, its
// number from the row's AUTOINCREMENT id (never reused, so unique across restarts); HQ's updates are applied once
// each. Rows read back are parsed; a phone number is never written here (the outbox holds it sealed for HQ).
import { z } from 'zod';
import { FeedbackCategory, FeedbackTicket, FeedbackUpdateKind, FeedbackKeyMessage, type FeedbackSubmittedPayload, type FeedbackUpdate, type MemberFeedbackTicket } from '../../../contracts/feedback.ts';
import { formatTicket } from '../../../common/feedback-ticket.ts';
import { metaJson, setMetaJson } from '../db/meta.ts';
import type { Db } from '../db/open.ts';
import { enqueueEvent } from '../outbox.ts';

const KEY_META = 'feedback.hqKey';

/** HQ's sealing key and follow link, as last received (null before HQ's first). */
export function storedFeedbackKey(db: Db): FeedbackKeyMessage | null {
  return metaJson(db, KEY_META, FeedbackKeyMessage);
}

/** Keeps HQ's key message unless it is older than the one held; answers whether it was taken. */
export function saveFeedbackKey(db: Db, msg: FeedbackKeyMessage): 'applied' | 'stale' {
  const held = storedFeedbackKey(db);
  if (held && Date.parse(held.publishedAt) >= Date.parse(msg.publishedAt) && held.kid === msg.kid) return 'stale';
  setMetaJson(db, KEY_META, msg);
  return 'applied';
}

/**
 * Writes a ticket and its outbox event in one transaction; `build` makes the payload from the ticket number. Answers
 * the ticket.
 */
export function writeTicket(db: Db, kioskCode: string, build: (ticket: string) => FeedbackSubmittedPayload, now: Date): string {
  return db.transaction(() => {
    // The next id of the AUTOINCREMENT sequence: sqlite_sequence keeps the highest ever used, even after deletes.
    const last = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'feedback_tickets'").get() as { seq: number } | undefined;
    const seq = (last?.seq ?? 0) + 1;
    const ticket = formatTicket(kioskCode, seq);
    const payload = build(ticket);
    db.prepare('INSERT INTO feedback_tickets (seq, ticket, category, rating, member_id, text, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      seq, ticket, payload.category, payload.rating, payload.memberId, payload.memberId ? payload.text : null, payload.submittedAt,
    );
    // A fresh event id, not the ticket: a kiosk whose database was reset gives its numbers again, and HQ must still
    // take that feedback as new (it tells the two apart by submittedAt). Retries of the row keep its id.
    enqueueEvent(db, { type: 'feedback.submitted', payload }, now);
    return ticket;
  })();
}

/** HQ's reply or resolution: applied once; a repeat or one for a ticket this kiosk never gave changes nothing. */
export function applyFeedbackUpdate(db: Db, u: FeedbackUpdate, now: Date): 'applied' | 'repeated' | 'unknown' {
  return db.transaction(() => {
    const row = db.prepare('SELECT status FROM feedback_tickets WHERE ticket = ?').get(u.ticket) as { status: string } | undefined;
    if (!row) return 'unknown';
    const inserted = db.prepare('INSERT OR IGNORE INTO feedback_updates (update_id, ticket, kind, text, at, received_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(u.updateId, u.ticket, u.kind, u.text, u.at, now.toISOString()).changes;
    if (!inserted) return 'repeated';
    // Resolved stays resolved: a late reply does not reopen it.
    const status = u.kind === 'resolve' || row.status === 'resolved' ? 'resolved' : 'replied';
    db.prepare('UPDATE feedback_tickets SET status = ? WHERE ticket = ?').run(status, u.ticket);
    return 'applied';
  })();
}

const TicketRow = z.object({
  ticket: FeedbackTicket, category: FeedbackCategory, rating: z.number().int(), text: z.string().nullable(), submitted_at: z.string(),
  status: z.enum(['open', 'replied', 'resolved']),
});
const UpdateRow = z.object({ kind: FeedbackUpdateKind, text: z.string(), at: z.string() });

/** A member's tickets on this kiosk, newest first, each with HQ's updates in order. */
export function memberTickets(db: Db, memberId: string, limit = 20): MemberFeedbackTicket[] {
  const rows = db.prepare('SELECT ticket, category, rating, text, submitted_at, status FROM feedback_tickets WHERE member_id = ? ORDER BY seq DESC LIMIT ?').all(memberId, limit);
  const updates = db.prepare('SELECT kind, text, at FROM feedback_updates WHERE ticket = ? ORDER BY at, update_id');
  return rows.map((raw) => {
    const r = TicketRow.parse(raw);
    return {
      ticket: r.ticket, category: r.category, rating: r.rating, text: r.text ?? '', submittedAt: r.submitted_at, status: r.status,
      updates: updates.all(r.ticket).map((u) => UpdateRow.parse(u)),
    };
  });
}
