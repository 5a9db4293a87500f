// The live fleet table and the CLI's tables: plain text from rows and a clock.
import { describe, expect, it } from 'vitest';
import { displayWidth, fleetCells, formatAge, renderFleetTable, renderTable } from '../../../hq-sim/src/fleet-table.ts';
import type { FleetRow } from '../../../hq-sim/src/store.ts';

const now = new Date('2026-11-23T12:00:00Z');
const ago = (sec: number) => new Date(now.getTime() - sec * 1000).toISOString();

const row = (o: Partial<FleetRow> = {}): FleetRow => ({
  deviceId: 'kiosk-1', online: true, statusReason: 'birth', statusAt: ago(100), agentVersion: '0.1.0',
  heartbeat: { ts: ago(3), deviceId: 'kiosk-1', uptimeSec: 100, outboxDepth: 4, lastSyncAt: null, catalogVersion: 3, configVersion: 1, rssMb: 90, heapUsedMb: 20, lastError: null },
  heartbeatAt: ago(3), eventsReceived: 12, duplicates: 2, reportedDesiredVersion: 1, ...o,
});

describe('formatAge', () => {
  it.each([
    [null, '-'], [ago(0), '0s ago'], [ago(59), '59s ago'], [ago(60), '1m ago'], [ago(3599), '59m ago'], [ago(7200), '2h ago'], [ago(3 * 86400), '3d ago'],
    [new Date(now.getTime() + 5000).toISOString(), '0s ago'],
  ])('%s -> %s', (iso, text) => expect(formatAge(iso, now)).toBe(text));
});

describe('fleet rows', () => {
  it('show state, heartbeat age, outbox depth, catalog version, events and duplicates', () => {
    expect(fleetCells(row(), now, 3)).toEqual(['kiosk-1', 'online', '3s ago', '4', '3', '12', '2']);
  });

  it('mark a kiosk behind the published catalog, a lost one (will) and one never heard from', () => {
    expect(fleetCells(row(), now, 4)[4]).toBe('3 (behind)');
    expect(fleetCells(row({ online: false, statusReason: 'will' }), now, 3)[1]).toBe('offline (lost)');
    expect(fleetCells(row({ online: false, statusReason: 'shutdown' }), now, 3)[1]).toBe('offline');
    expect(fleetCells(row({ online: null, statusReason: null, heartbeat: null, heartbeatAt: null }), now, 3)).toEqual(['kiosk-1', 'unknown', '-', '-', '-', '12', '2']);
  });
});

describe('renderFleetTable', () => {
  it('lines up the columns under a title and lists recent log lines', () => {
    const text = renderFleetTable({
      mallId: 'demo-mall', url: 'mqtt://127.0.0.1:1883', publishedVersion: 3, now,
      rows: [row(), row({ deviceId: 'wall-lobby-2', online: false, statusReason: 'will', heartbeatAt: ago(400), eventsReceived: 0, duplicates: 0 })],
      logLines: ['12:00:00 info  kiosk online'],
    });
    const lines = text.split('\n');
    expect(lines[0]).toBe('Atrium HQ simulator  mall demo-mall  broker mqtt://127.0.0.1:1883  catalog v3  12:00:00Z');
    expect(lines[2]).toBe('DEVICE        STATE           HEARTBEAT  OUTBOX  CATALOG  EVENTS  DUPLICATES');
    expect(lines[3]).toBe('kiosk-1       online          3s ago     4       3        12      2');
    expect(lines[4]).toBe('wall-lobby-2  offline (lost)  6m ago     4       3        0       0');
    expect(text).toContain('recent:\n  12:00:00 info  kiosk online');
    expect(lines.at(-1)).toBe('Ctrl-C stops.');
  });

  it('says so when no kiosk has reported', () => {
    expect(renderFleetTable({ mallId: 'm', url: 'u', publishedVersion: null, rows: [], now })).toContain('(no kiosk has reported yet)');
  });
});

describe('renderTable', () => {
  it('counts Chinese characters as two columns so names line up in a terminal', () => {
    expect(displayWidth('张伟')).toBe(4);
    expect(displayWidth('陈美玲 A')).toBe(8);
    const lines = renderTable(['ID', 'NAME', 'TIER'], [['M1003', '张伟', 'gold'], ['M1004', '陈美玲', 'diamond']]);
    expect(lines).toEqual(['ID     NAME    TIER', 'M1003  张伟    gold', 'M1004  陈美玲  diamond']);
  });
});
