// The diagnostics document staff export: status, settings, outbox summary, recent audit and log lines. No member
// data: outbox payloads (claims carry member ids) are summarised by type only, and log fields are scrubbed.
import type { StaffAuditEntry, StaffSettings, StaffStatus } from '../../../contracts/staff.ts';
import type { Db } from '../db/open.ts';
import type { LogEntry } from './log-ring.ts';

export type OutboxSummary = { depth: number; byType: Record<string, number>; oldestAt: string | null; failing: { type: string; attempts: number; lastError: string | null }[] };

export function outboxSummary(db: Db): OutboxSummary {
  const byType = db.prepare('SELECT type, COUNT(*) AS n FROM outbox GROUP BY type ORDER BY type').all() as { type: string; n: number }[];
  const oldest = db.prepare('SELECT MIN(created_at) AS at FROM outbox').get() as { at: string | null };
  const failing = db.prepare('SELECT type, attempts, last_error AS lastError FROM outbox WHERE attempts > 0 ORDER BY seq LIMIT 20').all() as OutboxSummary['failing'];
  return { depth: byType.reduce((n, r) => n + r.n, 0), byType: Object.fromEntries(byType.map((r) => [r.type, r.n])), oldestAt: oldest.at, failing };
}

export type DiagnosticsInput = {
  generatedAt: Date;
  exportedBy: string;
  status: StaffStatus;
  settings: StaffSettings;
  outbox: OutboxSummary;
  audit: StaffAuditEntry[];
  logs: LogEntry[];
  runtime: Record<string, unknown>;
};

export function buildDiagnostics(input: DiagnosticsInput): Record<string, unknown> {
  return {
    kind: 'atrium-diagnostics',
    formatVersion: 1,
    generatedAt: input.generatedAt.toISOString(),
    exportedBy: input.exportedBy,
    note: 'Status, settings, outbox summary, staff audit and recent agent logs. No member data: outbox payloads are counted by type only; log fields naming members, cards, codes or sessions are removed.',
    status: input.status,
    settings: input.settings,
    outbox: input.outbox,
    audit: input.audit,
    runtime: input.runtime,
    logs: input.logs,
  };
}

export function diagnosticsFileName(deviceId: string, at: Date): string {
  return `atrium-diagnostics-${deviceId}-${at.toISOString().replace(/[:.]/g, '-')}.json`;
}
