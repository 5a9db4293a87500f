// The content cache's state as HQ and staff see it: the summary's counts (only what is wanted now counts as missing
// or failed), the heartbeat carrying it (and still parsing without it, as older agents send), the settings and
// their environment variables, and catalog snapshots and deltas recording assets and the wall artwork.
import { afterEach, describe, expect, it } from 'vitest';
import { Heartbeat } from '../../../contracts/mqtt.ts';
import { loadSettings, ConfigError } from '../../../edge-agent/src/config.ts';
import { allAssets, contentSummary, setPlanFlags, updateAsset, wallArtwork } from '../../../edge-agent/src/content/assets.ts';
import { openDatabase, type Db } from '../../../edge-agent/src/db/open.ts';
import { applyDelta, applySnapshot } from '../../../edge-agent/src/sync/apply.ts';
import { freshDataDir } from '../../support/agent-process.ts';
import { campaignWith, snapshotWith } from '../../support/content-kit.ts';
import type { Asset } from '../../../contracts/content.ts';

const asset = (c: string, bytes = 1000): Asset => ({ sha256: c.repeat(64), bytes, mime: 'image/png', width: 10, height: 10, url: `https://cdn.example/${c}.png` });

let db: Db | undefined;
afterEach(() => db?.close());

describe('assets from the catalog', () => {
  it('records assets and the wall artwork from a snapshot, adds from a delta, and forgets unlisted ones without a file', () => {
    db = openDatabase(freshDataDir());
    const [a, b, c] = [asset('a'), asset('b'), asset('c')];
    const snap = { ...snapshotWith(1, [campaignWith('x', [a])], [a, b]), wallArtwork: [{ id: 'w', orientation: 'landscape' as const, asset: b.sha256, playback: 'loop' as const }] };
    expect(applySnapshot(db, snap, 'demo-mall')).toBe('applied');
    expect(allAssets(db).map((r) => r.sha256)).toEqual([a.sha256, b.sha256]);
    expect(wallArtwork(db).map((w) => w.asset)).toEqual([b.sha256]);
    const delta = { mallId: 'demo-mall', fromVersion: 1, toVersion: 2, publishedAt: new Date().toISOString(), upsert: { stores: [], campaigns: [], coupons: [], offerRules: [], assets: [c] }, remove: { stores: [], campaigns: [], coupons: [], offerRules: [] } };
    expect(applyDelta(db, delta, 'demo-mall')).toBe('applied');
    expect(allAssets(db).map((r) => r.sha256)).toEqual([a.sha256, b.sha256, c.sha256]);
    // a is on disk; b and c are not: a snapshot listing none of them keeps only a's row (its file counts for the quota).
    updateAsset(db, a.sha256, { state: 'ready', bytes_on_disk: 1000 });
    applySnapshot(db, snapshotWith(3, [], []), 'demo-mall');
    expect(allAssets(db).map((r) => [r.sha256, r.in_catalog])).toEqual([[a.sha256, false]]);
  });
});

describe('contentSummary and the heartbeat', () => {
  it('counts ready, wanted-but-missing, downloading and failed, with the latest error of what is not ready', () => {
    db = openDatabase(freshDataDir());
    const all = ['a', 'b', 'c', 'd', 'e'].map((ch) => asset(ch));
    applySnapshot(db, snapshotWith(1, [], all), 'demo-mall');
    setPlanFlags(db, new Set(), new Set(['a', 'b', 'c', 'd'].map((ch) => ch.repeat(64))));
    updateAsset(db, 'a'.repeat(64), { state: 'ready', bytes_on_disk: 1000 });
    updateAsset(db, 'b'.repeat(64), { state: 'downloading', bytes_on_disk: 400 });
    updateAsset(db, 'c'.repeat(64), { state: 'failed', last_error: 'HTTP 404 Not Found', last_error_at: '2025-01-02T00:00:00Z' });
    updateAsset(db, 'e'.repeat(64), { state: 'failed', last_error: 'not wanted now', last_error_at: '2025-01-03T00:00:00Z' });
    const summary = contentSummary(db, 2048);
    expect(summary).toEqual({ ready: 1, missing: 1, downloading: 1, failed: 1, bytesOnDisk: 1400, quotaBytes: 2048, lastError: 'HTTP 404 Not Found', refused: [], refusedCount: 0 });
    const beat = { ts: new Date().toISOString(), deviceId: 'k1', uptimeSec: 1, outboxDepth: 0, lastSyncAt: null, catalogVersion: 1, configVersion: 0, rssMb: 1, heapUsedMb: 1, lastError: null };
    expect(Heartbeat.parse({ ...beat, content: summary }).content).toEqual(summary);
    expect(Heartbeat.parse(beat).content).toBeUndefined(); // an older agent's heartbeat
  });
});

describe('content settings', () => {
  it('has defaults and reads ATRIUM_CONTENT_* variables', () => {
    expect(loadSettings({ env: {} }).content).toEqual({ quotaMb: 2048, concurrency: 2, bandwidthBytesPerSec: null, prefetchHours: 24 });
    const s = loadSettings({ env: { ATRIUM_CONTENT_QUOTA_MB: '512', ATRIUM_CONTENT_CONCURRENCY: '3', ATRIUM_CONTENT_BANDWIDTH: '250000', ATRIUM_CONTENT_PREFETCH_HOURS: '48' } });
    expect(s.content).toEqual({ quotaMb: 512, concurrency: 3, bandwidthBytesPerSec: 250_000, prefetchHours: 48 });
  });

  it('names the variable and the limit of a bad value', () => {
    expect(() => loadSettings({ env: { ATRIUM_CONTENT_CONCURRENCY: '20' } })).toThrow(ConfigError);
    expect(() => loadSettings({ env: { ATRIUM_CONTENT_CONCURRENCY: '20' } })).toThrow(/content\.concurrency \[from ATRIUM_CONTENT_CONCURRENCY\]: expected a value <= 8 \(got 20\)/);
  });
});
