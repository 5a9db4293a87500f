// Test-only bookkeeping in a kiosk's SQLite file: a trigger copies every committed outbox row's event id into
// `audit_outbox`, inside the agent's own transaction, so a test knows exactly which events were ever committed
// (the agent deletes outbox rows once HQ has them).
import Database from 'better-sqlite3';
import path from 'node:path';
import { openDatabase } from '../../edge-agent/src/db/open.ts';
import { enqueueEvent } from '../../edge-agent/src/outbox.ts';

export function prepareAuditedOutbox(dataDir: string, preload: number): void {
  const db = openDatabase(dataDir);
  db.exec(`
    CREATE TABLE IF NOT EXISTS audit_outbox (event_id TEXT PRIMARY KEY) STRICT;
    CREATE TRIGGER IF NOT EXISTS audit_outbox_insert AFTER INSERT ON outbox BEGIN
      INSERT OR IGNORE INTO audit_outbox (event_id) VALUES (NEW.event_id);
    END;
  `);
  db.transaction(() => {
    for (let i = 0; i < preload; i++) enqueueEvent(db, { type: 'staff.audit', payload: { auditSeq: i + 1, staffId: null, action: 'action', details: { preloaded: i, pad: 'x'.repeat(120) }, at: new Date().toISOString() } });
  })();
  db.close();
}

export function committedEventIds(dataDir: string): Set<string> {
  const db = new Database(path.join(dataDir, 'atrium.db'), { readonly: true });
  try {
    return new Set((db.prepare('SELECT event_id FROM audit_outbox').all() as { event_id: string }[]).map((r) => r.event_id));
  } finally {
    db.close();
  }
}

export function outboxRows(dataDir: string): number {
  const db = new Database(path.join(dataDir, 'atrium.db'), { readonly: true });
  try {
    return (db.prepare('SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n;
  } finally {
    db.close();
  }
}
