// Hourly expression counts: kept in SQLite across restarts, sent once per finished hour, counts only.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WallExpressionHourlyPayload } from '../../../contracts/wall.ts';
import { openDatabase, type Db } from '../../../edge-agent/src/db/open.ts';
import { countExpression, currentCounts, flushFinishedHours, hourOf } from '../../../edge-agent/src/wall/hourly.ts';

const dbs: Db[] = [];
function freshDb(dir = mkdtempSync(path.join(tmpdir(), 'atrium-hourly-'))): { db: Db; dir: string } {
  const db = openDatabase(dir);
  dbs.push(db);
  return { db, dir };
}
afterEach(() => {
  for (const db of dbs.splice(0)) if (db.open) db.close();
});
const events = (db: Db) => (db.prepare("SELECT type, payload, created_at AS createdAt FROM outbox WHERE type = 'wall.expression_hourly' ORDER BY seq").all() as { type: string; payload: string; createdAt: string }[])
  .map((r) => ({ ...r, payload: WallExpressionHourlyPayload.parse(JSON.parse(r.payload)) }));
const at = (iso: string) => new Date(iso);

describe('hourly expression counts', () => {
  it('hourOf is the start of the UTC hour', () => {
    expect(hourOf(at('2026-11-27T15:59:59.999Z'))).toBe('2026-11-27T15:00:00.000Z');
    expect(hourOf(at('2026-11-27T16:00:00.000Z'))).toBe('2026-11-27T16:00:00.000Z');
  });

  it('counts within the hour without sending, then sends the finished hour once when the next one starts', () => {
    const { db } = freshDb();
    countExpression(db, 'happy', at('2026-11-27T15:01:00Z'));
    countExpression(db, 'happy', at('2026-11-27T15:20:00Z'));
    countExpression(db, 'sad', at('2026-11-27T15:59:00Z'));
    expect(events(db)).toEqual([]);
    expect(flushFinishedHours(db, at('2026-11-27T15:59:59Z'))).toBe(false);
    expect(currentCounts(db)).toEqual({ hour: '2026-11-27T15:00:00.000Z', counts: { happy: 2, sad: 1 } });

    expect(countExpression(db, 'angry', at('2026-11-27T16:05:00Z'))).toBe(true);
    expect(events(db).map((e) => e.payload)).toEqual([{ hour: '2026-11-27T15:00:00.000Z', counts: { happy: 2, sad: 1 } }]);
    expect(currentCounts(db)).toEqual({ hour: '2026-11-27T16:00:00.000Z', counts: { angry: 1 } });

    expect(flushFinishedHours(db, at('2026-11-27T18:00:00Z'))).toBe(true);
    expect(flushFinishedHours(db, at('2026-11-27T18:00:01Z'))).toBe(false);
    expect(events(db).map((e) => e.payload)).toEqual([
      { hour: '2026-11-27T15:00:00.000Z', counts: { happy: 2, sad: 1 } },
      { hour: '2026-11-27T16:00:00.000Z', counts: { angry: 1 } },
    ]);
    expect(currentCounts(db)).toBeNull();
  });

  it('survives a restart: the running hour is in the database file', () => {
    const { db, dir } = freshDb();
    countExpression(db, 'neutral', at('2026-11-27T09:10:00Z'));
    db.close();
    const again = freshDb(dir).db;
    expect(currentCounts(again)).toEqual({ hour: '2026-11-27T09:00:00.000Z', counts: { neutral: 1 } });
    flushFinishedHours(again, at('2026-11-27T10:00:00Z'));
    expect(events(again).map((e) => e.payload.counts)).toEqual([{ neutral: 1 }]);
  });

  it('an hour event carries the hour and counts per bucket only', () => {
    const { db } = freshDb();
    countExpression(db, 'surprised', at('2026-11-27T11:30:00Z'));
    flushFinishedHours(db, at('2026-11-27T12:00:00Z'));
    const [e] = events(db);
    expect(Object.keys(JSON.parse(JSON.stringify(e!.payload))).sort()).toEqual(['counts', 'hour']);
  });
});
