// Offer rules travel in catalog deltas too: HQ can change one rule without publishing a whole snapshot.
import { beforeEach, describe, expect, it } from 'vitest';
import { CatalogDelta, CatalogSnapshot } from '../../../contracts/mqtt.ts';
import { offerCatalog } from '../../../edge-agent/src/catalog/offers.ts';
import { registerFloorRank } from '../../../edge-agent/src/catalog/repo.ts';
import { catalogInfo } from '../../../edge-agent/src/catalog/info.ts';
import { openDatabase, type Db } from '../../../edge-agent/src/db/open.ts';
import { demoCatalog } from '../../../common/demo/catalog.ts';
import { applyDelta, applySnapshot } from '../../../edge-agent/src/sync/apply.ts';
import { dbDigest } from '../../support/db-digest.ts';
import { freshDataDir } from '../../support/agent-process.ts';

const now = new Date('2026-11-23T12:00:00Z');
let db: Db;
let dir: string;

beforeEach(() => {
  dir = freshDataDir();
  db = openDatabase(dir);
  registerFloorRank(db);
  const snap = CatalogSnapshot.parse({ ...demoCatalog(now), version: 5, publishedAt: now.toISOString() });
  expect(applySnapshot(db, snap, 'demo-mall', now)).toBe('applied');
});

const delta = (from: number, upsert: object, remove: object = {}) =>
  CatalogDelta.parse({ mallId: 'demo-mall', fromVersion: from, toVersion: from + 1, publishedAt: now.toISOString(), upsert, remove });

describe('catalog delta with offer rules', () => {
  it('replaces a rule by id, adds one and removes one, atomically with the version', () => {
    const before = offerCatalog(db).rules;
    expect(before.find((r) => r.id === 'r-coffee')?.priority).toBe(500);
    const outcome = applyDelta(db, delta(5, {
      offerRules: [
        { id: 'r-coffee', couponId: 'c-coffee-gift', priority: 950, when: { tagsAny: ['coffee'] }, reason: { zh: '咖啡周', en: 'Coffee week' } },
        { id: 'r-new', couponId: 'c-toyland-150-30', priority: 10, when: { tiers: ['regular'] }, reason: { zh: '新人礼', en: 'Welcome gift' } },
      ],
    }, { offerRules: ['r-sports'] }), 'demo-mall', now);
    expect(outcome).toBe('applied');
    expect(catalogInfo(db)?.version).toBe(6);
    const rules = offerCatalog(db).rules;
    expect(rules.find((r) => r.id === 'r-coffee')).toMatchObject({ priority: 950, reason: { en: 'Coffee week' } });
    expect(rules.some((r) => r.id === 'r-new')).toBe(true);
    expect(rules.some((r) => r.id === 'r-sports')).toBe(false);
    expect(rules).toHaveLength(before.length); // +1 new, -1 removed
  });

  it('a stale or gapped delta with rules changes nothing', () => {
    const digest = dbDigest(dir);
    const rule = { id: 'r-x', couponId: 'c-coffee-gift', priority: 1, when: {}, reason: { zh: 'x' } };
    expect(applyDelta(db, delta(4, { offerRules: [rule] }), 'demo-mall', now)).toBe('stale');
    expect(applyDelta(db, delta(7, { offerRules: [rule] }), 'demo-mall', now)).toBe('gap');
    expect(dbDigest(dir)).toBe(digest);
  });

  it('refuses a delta whose rule is not a valid rule', () => {
    expect(() => delta(5, { offerRules: [{ id: 'r-bad', couponId: 'c-coffee-gift', when: { tiers: ['platinum'] }, reason: { zh: 'x' } }] })).toThrow(/tiers/);
  });
});
