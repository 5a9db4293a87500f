// Hourly proof of play (display setting proofOfPlay = 'hourly', edge-agent/src/content/plays.ts) with a controlled
// clock and a real SQLite file: items add up per UTC hour, display and creative; an hour becomes one event per key
// only once it is over, in the transaction that deletes its rows; 'each' writes one content.played per item.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContentPlayedHourly, type ContentPlayed } from '../../../contracts/content.ts';
import { flushClosedHours, pendingPlays, recordPlay, utcHour } from '../../../edge-agent/src/content/plays.ts';
import { openDatabase, type Db } from '../../../edge-agent/src/db/open.ts';
import { freshDataDir } from '../../support/agent-process.ts';

let db: Db;
beforeEach(() => {
  db = openDatabase(freshDataDir());
});
afterEach(() => db.close());

const play = (at: string, over: Partial<ContentPlayed> = {}): ContentPlayed => ({
  campaignId: 'cp-a', creativeId: 'cr-a', sha256: 'a'.repeat(64), display: { role: 'guide', orientation: 'portrait' },
  startedAt: at, durationMs: 7000, outcome: 'completed', detail: null, ...over,
});
const outbox = () => (db.prepare('SELECT type, payload FROM outbox ORDER BY seq').all() as { type: string; payload: string }[])
  .map((r) => ({ type: r.type, payload: JSON.parse(r.payload) as unknown }));
const hourly = () => outbox().filter((e) => e.type === 'content.played.hourly').map((e) => ContentPlayedHourly.parse(e.payload));

describe('hourly proof of play', () => {
  it('adds items up per hour and key, and sends nothing while the hour runs', () => {
    const now = new Date('2026-12-07T10:40:00Z');
    recordPlay(db, play('2026-12-07T10:01:00Z'), 'hourly', now);
    recordPlay(db, play('2026-12-07T10:02:00Z', { outcome: 'cut', durationMs: 1500 }), 'hourly', now);
    recordPlay(db, play('2026-12-07T10:03:00Z', { outcome: 'error', durationMs: 0, detail: 'decode' }), 'hourly', now);
    recordPlay(db, play('2026-12-07T10:04:00Z', { creativeId: null, sha256: null }), 'hourly', now);
    recordPlay(db, play('2026-12-07T10:05:00Z', { display: { role: 'guide', orientation: 'landscape' } }), 'hourly', now);
    expect(outbox()).toEqual([]);
    const rows = pendingPlays(db);
    expect(rows).toHaveLength(3);
    expect(rows.find((r) => r.creativeId === 'cr-a' && r.display.orientation === 'portrait')).toEqual({
      hour: '2026-12-07T10:00:00.000Z', display: { role: 'guide', orientation: 'portrait' }, campaignId: 'cp-a', creativeId: 'cr-a', sha256: 'a'.repeat(64),
      counts: { completed: 1, cut: 1, error: 1 }, totalDurationMs: 8500,
    });
    // The colour card (no creative, no asset) is its own key, with nulls, not ''.
    expect(rows.find((r) => r.creativeId === null)).toMatchObject({ sha256: null, counts: { completed: 1, cut: 0, error: 0 } });
  });

  it('sends one event per key once the hour is over and deletes those rows in the same transaction; the new hour keeps counting', () => {
    recordPlay(db, play('2026-12-07T10:59:00Z'), 'hourly', new Date('2026-12-07T10:59:30Z'));
    recordPlay(db, play('2026-12-07T10:59:40Z', { campaignId: 'cp-b' }), 'hourly', new Date('2026-12-07T10:59:50Z'));
    expect(flushClosedHours(db, new Date('2026-12-07T10:59:59.999Z'))).toBe(0);
    // The first item of 11:00 flushes 10:00 and starts 11:00's row.
    expect(recordPlay(db, play('2026-12-07T11:00:01Z'), 'hourly', new Date('2026-12-07T11:00:08Z'))).toBe(2);
    expect(hourly().map((e) => [e.hour, e.campaignId, e.counts.completed])).toEqual([
      ['2026-12-07T10:00:00.000Z', 'cp-a', 1], ['2026-12-07T10:00:00.000Z', 'cp-b', 1],
    ]);
    expect(pendingPlays(db).map((r) => r.hour)).toEqual(['2026-12-07T11:00:00.000Z']);
    // Flushing again sends nothing twice.
    expect(flushClosedHours(db, new Date('2026-12-07T11:30:00Z'))).toBe(0);
    expect(hourly()).toHaveLength(2);
  });

  it('flushes at start what closed while the agent was down, all hours, and counts sum to the items recorded', () => {
    const at = ['2026-12-07T07:10:00Z', '2026-12-07T07:20:00Z', '2026-12-07T08:05:00Z', '2026-12-07T09:59:59Z', '2026-12-07T09:00:00Z'];
    for (const t of at) recordPlay(db, play(t), 'hourly', new Date(t));
    // Anything from before 09:00 went out as time moved; 09:00's rows wait for the hour to end.
    expect(pendingPlays(db).map((r) => r.hour)).toEqual(['2026-12-07T09:00:00.000Z']);
    // The "agent" comes back at 12:15: 09:00 closed while it was down.
    expect(flushClosedHours(db, new Date('2026-12-07T12:15:00Z'))).toBe(1);
    const events = hourly();
    expect(events.map((e) => e.hour)).toEqual(['2026-12-07T07:00:00.000Z', '2026-12-07T08:00:00.000Z', '2026-12-07T09:00:00.000Z']);
    expect(events.reduce((n, e) => n + e.counts.completed + e.counts.cut + e.counts.error, 0)).toBe(at.length);
    expect(pendingPlays(db)).toEqual([]);
  });

  it("an item reported after its hour was sent goes out at once, in an event of its own; 'each' writes content.played", () => {
    recordPlay(db, play('2026-12-07T10:10:00Z'), 'hourly', new Date('2026-12-07T11:00:02Z'));
    expect(hourly().map((e) => e.hour)).toEqual(['2026-12-07T10:00:00.000Z']);
    expect(recordPlay(db, play('2026-12-07T11:10:00Z'), 'each', new Date('2026-12-07T11:10:07Z'))).toBe(1);
    expect(outbox().map((e) => e.type)).toEqual(['content.played.hourly', 'content.played']);
    expect(pendingPlays(db)).toEqual([]);
  });

  it('utcHour is the start of the UTC hour', () => {
    expect(utcHour(Date.parse('2026-12-07T23:59:59.999+08:00'))).toBe('2026-12-07T15:00:00.000Z');
  });
});
