// The audit log of staff actions: one row in staff_audit and one `staff.audit` event in the outbox, written in the
// same transaction, so HQ gets every entry the kiosk keeps. Never a PIN or a card number in either.
import { StaffAuditEntry, type StaffAuditAction, type StaffAuditPayload } from '../../contracts/staff.ts';
import type { Db } from './db/open.ts';
import { enqueueEvent } from './outbox.ts';
import { STAFF_AUDIT_EVENT } from '../../contracts/events.ts';

/** Declared with the event contract (contracts/events.ts); re-exported for this module's users. */
export { STAFF_AUDIT_EVENT };

export type AuditInput = { staffId: string | null; action: StaffAuditAction; details?: Record<string, unknown> };

export function recordAudit(db: Db, input: AuditInput, now: Date = new Date()): number {
  const at = now.toISOString();
  const details = input.details ?? {};
  return db.transaction(() => {
    const seq = Number(db.prepare('INSERT INTO staff_audit (at, staff_id, action, details) VALUES (?, ?, ?, ?)').run(at, input.staffId, input.action, JSON.stringify(details)).lastInsertRowid);
    const payload: StaffAuditPayload = { auditSeq: seq, staffId: input.staffId, action: input.action, details, at };
    enqueueEvent(db, { type: STAFF_AUDIT_EVENT, payload }, now);
    return seq;
  })();
}

/** The latest entries, newest first; a row whose details no longer parse is shown with empty details, not dropped. */
export function recentAudit(db: Db, limit: number): StaffAuditEntry[] {
  const rows = db.prepare('SELECT seq, at, staff_id AS staffId, action, details FROM staff_audit ORDER BY seq DESC LIMIT ?').all(limit) as
    { seq: number; at: string; staffId: string | null; action: string; details: string }[];
  return rows.flatMap((r) => {
    const entry = StaffAuditEntry.safeParse({ ...r, details: parseDetails(r.details) });
    return entry.success ? [entry.data] : [];
  });
}

function parseDetails(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}
