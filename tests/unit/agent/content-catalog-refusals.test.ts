// The catalog's asset list parsed item by item (contracts/content.ts AssetList): good assets are kept, each bad one
// is refused with a formatZodError reason, and the rest of the catalog still parses; on the kiosk the refusals are
// stored, reported in the content summary, cleared when HQ fixes the asset, and a delta's remove.assets takes an
// asset out of what the page is offered at once.
import { afterEach, describe, expect, it } from 'vitest';
import { AssetList, MAX_ASSET_BYTES, partitionAssets, type Asset } from '../../../contracts/content.ts';
import { CatalogDelta, CatalogSnapshot, Heartbeat } from '../../../contracts/mqtt.ts';
import { allAssets, contentSummary, readyAssets, updateAsset } from '../../../edge-agent/src/content/assets.ts';
import { refusedAssets } from '../../../edge-agent/src/content/refusals.ts';
import { openDatabase, type Db } from '../../../edge-agent/src/db/open.ts';
import { applyDelta, applySnapshot } from '../../../edge-agent/src/sync/apply.ts';
import { freshDataDir } from '../../support/agent-process.ts';
import { campaignWith, snapshotWith } from '../../support/content-kit.ts';

const asset = (c: string, over: Partial<Record<keyof Asset, unknown>> = {}) =>
  ({ sha256: c.repeat(64), bytes: 1000, mime: 'image/png', width: 10, height: 10, url: `https://cdn.example/${c}.png`, ...over });

const gif = asset('b', { mime: 'image/gif' });
const huge = asset('c', { bytes: MAX_ASSET_BYTES + 1 });
const noSha = { bytes: 5, mime: 'image/png', width: 1, height: 1, url: 'https://cdn.example/x.png' };

describe('AssetList (the partitioning schema)', () => {
  it('keeps the good assets and refuses each bad one with its sha256 (when valid) and a reason naming the field', () => {
    const r = AssetList.parse([asset('a'), gif, huge, noSha, 'not an object']);
    expect(r.assets).toEqual([asset('a')]);
    expect(r.refused).toEqual([
      { sha256: 'b'.repeat(64), reason: expect.stringMatching(/^mime: /) },
      { sha256: 'c'.repeat(64), reason: expect.stringMatching(/^bytes: /) },
      { sha256: null, reason: expect.stringMatching(/^sha256: /) },
      { sha256: null, reason: expect.stringMatching(/^\(root\): /) },
    ]);
    expect(partitionAssets([])).toEqual({ assets: [], refused: [] });
  });

  it('still refuses a list that is not a list, or too long, as a whole', () => {
    expect(AssetList.safeParse('x').success).toBe(false);
    expect(AssetList.safeParse(Array.from({ length: 5001 }, () => asset('a'))).success).toBe(false);
  });

  it('a snapshot with bad assets parses: good ones in assets, the rest in refusedAssets; a clean one has none', () => {
    const snap = CatalogSnapshot.parse({ ...snapshotWith(1, [], []), assets: [asset('a'), gif, huge] });
    expect(snap.assets).toEqual([asset('a')]);
    expect(snap.refusedAssets?.map((r) => r.sha256)).toEqual(['b'.repeat(64), 'c'.repeat(64)]);
    const clean = snapshotWith(1, [], [asset('a') as Asset]);
    expect(clean.refusedAssets).toBeUndefined();
    expect(CatalogSnapshot.parse(clean)).toEqual(clean);
  });

  it('a delta partitions its upserted assets; remove.assets is optional (older deltas parse) and takes sha256 only', () => {
    const base = { mallId: 'demo-mall', fromVersion: 1, toVersion: 2, publishedAt: new Date().toISOString() };
    const d = CatalogDelta.parse({ ...base, upsert: { assets: [gif, asset('a')] }, remove: { assets: ['d'.repeat(64)] } });
    expect(d.upsert.assets).toEqual([asset('a')]);
    expect(d.upsert.refusedAssets).toEqual([{ sha256: 'b'.repeat(64), reason: expect.stringMatching(/^mime: /) }]);
    expect(d.remove.assets).toEqual(['d'.repeat(64)]);
    expect(CatalogDelta.parse({ ...base, remove: { stores: ['s1'] } }).remove.assets).toBeUndefined();
    expect(CatalogDelta.safeParse({ ...base, remove: { assets: ['not-a-sha'] } }).success).toBe(false);
  });
});

let db: Db | undefined;
afterEach(() => db?.close());

describe('refused and removed assets on the kiosk', () => {
  it('stores a snapshot\'s refusals for the summary and heartbeat; a delta fixing the asset clears its refusal', () => {
    db = openDatabase(freshDataDir());
    const snap = CatalogSnapshot.parse({ ...snapshotWith(1, [campaignWith('x', [asset('a') as Asset, asset('b') as Asset])], []), assets: [asset('a'), gif, huge] });
    expect(applySnapshot(db, snap, 'demo-mall')).toBe('applied');
    expect(allAssets(db).map((r) => r.sha256)).toEqual(['a'.repeat(64)]);
    const summary = contentSummary(db, 2048);
    expect(summary.refusedCount).toBe(2);
    expect(summary.refused?.map((r) => r.sha256)).toEqual(['b'.repeat(64), 'c'.repeat(64)]);
    const beat = { ts: new Date().toISOString(), deviceId: 'k1', uptimeSec: 1, outboxDepth: 0, lastSyncAt: null, catalogVersion: 1, configVersion: 0, rssMb: 1, heapUsedMb: 1, lastError: null };
    expect(Heartbeat.parse({ ...beat, content: summary }).content?.refused).toEqual(summary.refused);

    // HQ fixes b (now a PNG): its refusal goes, c's stays.
    const fixed = CatalogDelta.parse({ mallId: 'demo-mall', fromVersion: 1, toVersion: 2, publishedAt: new Date().toISOString(), upsert: { assets: [asset('b')] } });
    expect(applyDelta(db, fixed, 'demo-mall')).toBe('applied');
    expect(refusedAssets(db).map((r) => r.sha256)).toEqual(['c'.repeat(64)]);
    // A delta describing a known asset badly takes it out of the catalog (the page is no longer offered it).
    updateAsset(db, 'b'.repeat(64), { state: 'ready', bytes_on_disk: 1000 });
    expect([...readyAssets(db, ['b'.repeat(64)]).keys()]).toEqual(['b'.repeat(64)]);
    const broken = CatalogDelta.parse({ mallId: 'demo-mall', fromVersion: 2, toVersion: 3, publishedAt: new Date().toISOString(), upsert: { assets: [asset('b', { mime: 'image/gif' })] } });
    expect(applyDelta(db, broken, 'demo-mall')).toBe('applied');
    expect(readyAssets(db, ['b'.repeat(64)]).size).toBe(0);
    expect(refusedAssets(db).map((r) => r.sha256)).toEqual(['b'.repeat(64), 'c'.repeat(64)]);
    // A snapshot without refusals clears them all.
    applySnapshot(db, snapshotWith(4, [], [asset('a') as Asset]), 'demo-mall');
    expect(contentSummary(db, 2048)).toMatchObject({ refused: [], refusedCount: 0 });
  });

  it('remove.assets takes an asset out of the catalog at once: a ready file is no longer offered to the page', () => {
    db = openDatabase(freshDataDir());
    const a = asset('a') as Asset;
    applySnapshot(db, snapshotWith(1, [campaignWith('x', [a])], [a]), 'demo-mall');
    updateAsset(db, a.sha256, { state: 'ready', bytes_on_disk: 1000 });
    expect(readyAssets(db, [a.sha256]).size).toBe(1);
    const d = CatalogDelta.parse({ mallId: 'demo-mall', fromVersion: 1, toVersion: 2, publishedAt: new Date().toISOString(), remove: { assets: [a.sha256] } });
    expect(applyDelta(db, d, 'demo-mall')).toBe('applied');
    expect(readyAssets(db, [a.sha256]).size).toBe(0);
    // The row stays (its file counts for the quota) until the content manager deletes the file.
    expect(allAssets(db).map((r) => [r.sha256, r.in_catalog])).toEqual([[a.sha256, false]]);
  });
});
