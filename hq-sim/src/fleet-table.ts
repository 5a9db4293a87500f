// The live fleet table the CLI redraws every second. Pure: rows and a clock in, text out.
import type { FleetRow } from './store.ts';

export function formatAge(fromIso: string | null, now: Date): string {
  if (!fromIso) return '-';
  const sec = Math.max(0, Math.floor((now.getTime() - Date.parse(fromIso)) / 1000));
  if (sec < 60) return `${sec}s ago`;
  if (sec < 3600) return `${Math.floor(sec / 60)}m ago`;
  if (sec < 86_400) return `${Math.floor(sec / 3600)}h ago`;
  return `${Math.floor(sec / 86_400)}d ago`;
}

function stateOf(row: FleetRow): string {
  if (row.online === null) return 'unknown';
  if (row.online) return 'online';
  return row.statusReason === 'will' ? 'offline (lost)' : 'offline';
}

export const FLEET_COLUMNS = ['DEVICE', 'STATE', 'HEARTBEAT', 'OUTBOX', 'CATALOG', 'EVENTS', 'DUPLICATES'] as const;

export function fleetCells(row: FleetRow, now: Date, publishedVersion: number | null): string[] {
  const hb = row.heartbeat;
  const catalog = hb ? `${hb.catalogVersion}${publishedVersion !== null && hb.catalogVersion < publishedVersion ? ' (behind)' : ''}` : '-';
  return [row.deviceId, stateOf(row), formatAge(row.heartbeatAt, now), hb ? String(hb.outboxDepth) : '-', catalog, String(row.eventsReceived), String(row.duplicates)];
}

/** Columns a terminal gives the text: CJK and full-width characters take two (member and store names are Chinese). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    const wide = (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) ||
      (c >= 0x20000 && c <= 0x3fffd);
    width += wide ? 2 : 1;
  }
  return width;
}

export function renderTable(header: readonly string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const pad = (c: string, w: number) => c + ' '.repeat(Math.max(0, w - displayWidth(c)));
  const line = (cells: readonly string[]) => cells.map((c, i) => pad(c, widths[i]!)).join('  ').trimEnd();
  return [line(header), ...rows.map(line)];
}

export type FleetView = { mallId: string; url: string; publishedVersion: number | null; rows: FleetRow[]; now: Date; logLines?: string[] };

export function renderFleetTable(v: FleetView): string {
  const title = `Atrium HQ simulator  mall ${v.mallId}  broker ${v.url}  catalog v${v.publishedVersion ?? '-'}  ${v.now.toISOString().slice(11, 19)}Z`;
  const body = v.rows.length
    ? renderTable(FLEET_COLUMNS, v.rows.map((r) => fleetCells(r, v.now, v.publishedVersion)))
    : ['(no kiosk has reported yet)'];
  const out = [title, '', ...body];
  if (v.logLines?.length) out.push('', 'recent:', ...v.logLines.map((l) => `  ${l}`));
  out.push('', 'Ctrl-C stops.');
  return out.join('\n');
}
