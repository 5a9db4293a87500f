// Catalog cache on a real SQLite file.
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { currentPromotions, floorRank, floors, registerFloorRank, replaceCatalog, searchStores } from '../../../edge-agent/src/catalog/repo.ts';
import { catalogInfo } from '../../../edge-agent/src/catalog/info.ts';
import { SCHEMA_VERSION } from '../../../edge-agent/src/db/migrations.ts';
import { openDatabase, schemaVersion, type Db } from '../../../edge-agent/src/db/open.ts';
import { demoCatalog } from '../../../common/demo/catalog.ts';
import { enqueueEvent, outboxDepth } from '../../../edge-agent/src/outbox.ts';
import { freshDataDir } from '../../support/agent-process.ts';

let db: Db;
const now = new Date('2026-11-23T12:00:00Z');

beforeEach(() => {
  db = openDatabase(freshDataDir());
  registerFloorRank(db);
});

describe('openDatabase', () => {
  it('uses WAL with synchronous=FULL and migrates to the current schema', () => {
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // 2 = FULL
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(path.basename(db.name)).toBe('atrium.db');
  });
});

describe('replaceCatalog', () => {
  it('stores a snapshot and ignores the same or an older version', () => {
    const v1 = demoCatalog(now);
    expect(replaceCatalog(db, v1)).toBe(true);
    expect(catalogInfo(db)).toMatchObject({ mallId: 'demo-mall', version: 1 });
    const renamed = { ...v1, stores: v1.stores.map((s) => ({ ...s, name: { zh: `旧${s.name.zh}` } })) };
    expect(replaceCatalog(db, renamed)).toBe(false);
    expect(searchStores(db, { query: '旧', category: null, floor: null }).stores).toHaveLength(0);
    expect(replaceCatalog(db, { ...renamed, version: 2 })).toBe(true);
    expect(searchStores(db, { query: '旧', category: null, floor: null }).stores).toHaveLength(36);
  });

  it('changes nothing when the snapshot is invalid', () => {
    replaceCatalog(db, demoCatalog(now));
    const bad = { ...demoCatalog(now), version: 2, stores: [{ id: 'x', name: { zh: '' } }] };
    expect(() => replaceCatalog(db, bad as never)).toThrow();
    expect(catalogInfo(db)?.version).toBe(1);
    expect(searchStores(db, { query: '', category: null, floor: null }).stores).toHaveLength(36);
  });
});

describe('queries', () => {
  beforeEach(() => {
    replaceCatalog(db, demoCatalog(now));
  });

  it('orders floors from the lowest basement up', () => {
    expect(['3F', 'B1', '1F', 'B2'].sort((a, b) => floorRank(a) - floorRank(b))).toEqual(['B2', 'B1', '1F', '3F']);
    expect(floors(db)).toEqual(['B1', '1F', '2F', '3F', '4F', '5F', '6F']);
  });

  it('treats LIKE wildcards in a query as plain text', () => {
    expect(searchStores(db, { query: '_', category: null, floor: null }).stores).toHaveLength(0);
    expect(searchStores(db, { query: 'b1-0', category: null, floor: null }).stores.map((s) => s.id)).toEqual(['s-freshmart']);
  });

  it('shows only campaigns running now, and hides expired coupons', () => {
    expect(currentPromotions(db, now, 50)).toHaveLength(7);
    const later = new Date(now.getTime() + 30 * 86_400_000); // the toy coupon ends after 14 days
    const toys = currentPromotions(db, later, 50).find((p) => p.campaignId === 'cp-kids-fun');
    expect(toys?.coupons).toEqual([]);
    expect(currentPromotions(db, new Date(now.getTime() + 90 * 86_400_000), 50)).toHaveLength(0);
    expect(currentPromotions(db, now, 2).map((p) => p.campaignId)).toEqual(['cp-winter-sale', 'cp-hotpot-night']);
  });

  it('follows an attract playlist: its campaigns in its order, unknown or repeated ids skipped, all when none runs', () => {
    const ids = (playlist: string[] | null, at = now, limit = 50) => currentPromotions(db, at, limit, playlist).map((p) => p.campaignId);
    expect(ids(['cp-kids-fun', 'cp-no-such', 'cp-winter-sale', 'cp-kids-fun'])).toEqual(['cp-kids-fun', 'cp-winter-sale']);
    expect(ids(['cp-kids-fun', 'cp-winter-sale', 'cp-run-club'], now, 2)).toEqual(['cp-kids-fun', 'cp-winter-sale']);
    expect(ids(null)).toHaveLength(7);
    expect(ids(['cp-gone', 'cp-older'])).toHaveLength(7); // a stale playlist never leaves the attract loop empty
    expect(ids(['cp-kids-fun'], new Date(now.getTime() + 90 * 86_400_000))).toEqual([]);
  });
});

describe('outbox', () => {
  it('keeps one row per event id', () => {
    enqueueEvent(db, { type: 'feedback.given', payload: { score: 1 }, eventId: 'e-1' });
    enqueueEvent(db, { type: 'feedback.given', payload: { score: 1 }, eventId: 'e-1' });
    enqueueEvent(db, { type: 'feedback.given', payload: { score: 2 } });
    expect(outboxDepth(db)).toBe(2);
  });
});
