// The content quota and the refusals: least-recently-used eviction of assets nothing refers to when a new one needs
// room (a referenced one is never evicted, even when that leaves the new one waiting), and assets refused with a
// reason before any byte is fetched (unknown MIME type, over MAX_ASSET_BYTES or the quota) or when the host labels
// the file as something else. Real HTTP host, real SQLite, real files.
import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Asset, MAX_ASSET_BYTES } from '../../contracts/content.ts';
import { CatalogSnapshot } from '../../contracts/mqtt.ts';
import { formatZodError } from '../../contracts/zod-errors.ts';
import { storePath } from '../../edge-agent/src/content/files.ts';
import type { Db } from '../../edge-agent/src/db/open.ts';
import { campaignWith, hostFile, snapshotWith, startContentHost, startManagerRig, type ContentHost, type ManagerRig } from '../support/content-kit.ts';

let host: ContentHost;
let rig: ManagerRig | undefined;

beforeEach(async () => {
  host = await startContentHost();
});
afterEach(async () => {
  await rig?.close();
  rig = undefined;
  await host.close();
});

const ready = (r: ManagerRig, sha: string) => r.waitRow(sha, (row) => row.state === 'ready', 'ready');

describe('content quota', () => {
  it('evicts the least recently used unreferenced asset for a new one, and never a referenced one', async () => {
    const size = 300_000; // three fit in the 1 MiB quota, four do not
    const [a, a2, b, c, d] = ['a', 'a2', 'b', 'c', 'd'].map((n) => hostFile(host, `${n}.png`, size));
    const all = [a, a2, b, c, d].map((f) => f!.asset);
    rig = await startManagerRig(snapshotWith(1, [campaignWith('ca', [a!.asset]), campaignWith('ca2', [a2!.asset]), campaignWith('cb', [b!.asset])], all), { quotaMb: 1 });
    for (const f of [a, a2, b]) await ready(rig, f!.asset.sha256);
    // a was last shown long ago, a2 recently.
    rig.db.prepare('UPDATE assets SET last_used_at = ? WHERE sha256 = ?').run('2020-01-01T00:00:00.000Z', a!.asset.sha256);

    // HQ ends a and a2's campaigns and starts c's: one file must go, and it is a.
    rig.apply(snapshotWith(2, [campaignWith('cb', [b!.asset]), campaignWith('cc', [c!.asset])], all));
    await ready(rig, c!.asset.sha256);
    expect(rig.row(a!.asset.sha256)).toMatchObject({ state: 'missing', bytes_on_disk: 0 });
    expect(existsSync(storePath(rig.mgr.paths, a!.asset.sha256))).toBe(false);
    expect(rig.row(a2!.asset.sha256).state).toBe('ready');
    expect(rig.row(b!.asset.sha256).state).toBe('ready');
    expect(rig.logs.filter((l) => l.msg === 'content evicted').map((l) => l.sha256)).toEqual([a!.asset.sha256]);

    // d and e need room: a2 is the only unreferenced file left, so one of them gets its place and the other waits,
    // with the reason, rather than evicting b, c or the first one (all referenced).
    const e = hostFile(host, 'e.png', size);
    rig.apply(snapshotWith(3, [campaignWith('cb', [b!.asset]), campaignWith('cc', [c!.asset]), campaignWith('cd', [d!.asset]), campaignWith('ce', [e.asset])], [...all, e.asset]));
    const [first, second] = [d!.asset.sha256, e.asset.sha256].sort();
    await ready(rig, first!);
    const waiting = await rig.waitRow(second!, (r) => /^waiting for disk space/.test(r.last_error ?? ''), 'the other waits for space');
    expect(waiting.state).toBe('missing');
    for (const sha of [b!.asset.sha256, c!.asset.sha256, first!]) expect(rig.row(sha).state).toBe('ready');
    expect(rig.row(a2!.asset.sha256).state).toBe('missing');
    expect(host.requests.filter((q) => q.path === (second === e.asset.sha256 ? '/e.png' : '/d.png'))).toEqual([]);
    expect(rig.mgr.summary()).toMatchObject({ ready: 3, missing: 1, bytesOnDisk: 3 * size, quotaBytes: 1024 * 1024, lastError: expect.stringMatching(/^waiting for disk space/) });
  });
});

describe('content refusals', () => {
  it('refuses an asset larger than the quota or MAX_ASSET_BYTES, or of an unknown MIME type, without a request', async () => {
    const big = hostFile(host, 'big.png', 2 * 1024 * 1024);
    const gif = hostFile(host, 'anim.gif', 10_000);
    const huge = hostFile(host, 'huge.png', 10_000);
    // Rows the contract would no longer accept (written by another version): refused by the same check.
    const damage = (db: Db) => {
      db.prepare("UPDATE assets SET mime = 'image/gif' WHERE sha256 = ?").run(gif.asset.sha256);
      db.prepare('UPDATE assets SET bytes = ? WHERE sha256 = ?').run(MAX_ASSET_BYTES + 1, huge.asset.sha256);
    };
    rig = await startManagerRig(snapshotWith(1, [campaignWith('c1', [big.asset, gif.asset, huge.asset])], [big.asset, gif.asset, huge.asset]), { quotaMb: 1 }, { beforeStart: damage });
    const tooBig = await rig.waitRow(big.asset.sha256, (r) => r.state === 'failed', 'refused');
    expect(tooBig.last_error).toBe(`asset of ${2 * 1024 * 1024} bytes is larger than the content quota (1048576 bytes)`);
    const unknown = await rig.waitRow(gif.asset.sha256, (r) => /^unknown MIME/.test(r.last_error ?? ''), 'gif refused');
    expect(unknown.last_error).toMatch(/^unknown MIME type "image\/gif"; the kiosk plays image\/jpeg, image\/png/);
    const over = await rig.waitRow(huge.asset.sha256, (r) => /over the largest/.test(r.last_error ?? ''), 'huge refused');
    expect(over.last_error).toBe(`asset of ${MAX_ASSET_BYTES + 1} bytes is over the largest a kiosk accepts (${MAX_ASSET_BYTES} bytes)`);
    expect(host.requests).toEqual([]);
    expect(rig.logs.filter((l) => l.msg === 'content asset refused').length).toBeGreaterThanOrEqual(2);
    expect(rig.mgr.summary().failed).toBeGreaterThanOrEqual(2);
  });

  it('refuses a file the host labels with another type (a captive portal page, say) and keeps retrying', async () => {
    const { asset } = hostFile(host, 'portal.jpg', 20_000, 'image/jpeg');
    host.faults.set('/portal.jpg', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end('<html>log in to the mall wifi</html>');
    });
    rig = await startManagerRig(snapshotWith(1, [campaignWith('c1', [asset])], [asset]));
    const row = await rig.waitRow(asset.sha256, (r) => r.failures >= 2, 'refused twice');
    expect(row.last_error).toBe('server sent Content-Type text/html; the catalog says image/jpeg');
    expect(row.state).toBe('failed');
    host.faults.delete('/portal.jpg');
    await ready(rig, asset.sha256);
  });

  it('an asset of an unknown type or over the size limit is refused with every reason, and the rest of the catalog parses', () => {
    const snap = { ...snapshotWith(1, [], []), assets: [{ sha256: 'a'.repeat(64), bytes: MAX_ASSET_BYTES + 1, mime: 'image/gif', width: 1, height: 1, url: 'ftp://x/y' }] };
    const r = CatalogSnapshot.safeParse(snap);
    expect(r.success).toBe(true);
    expect(r.data!.assets).toEqual([]);
    expect(r.data!.refusedAssets).toHaveLength(1);
    const { sha256, reason } = r.data!.refusedAssets![0]!;
    expect(sha256).toBe('a'.repeat(64));
    expect(reason).toMatch(/^bytes: /);
    expect(reason).toMatch(/; mime: /);
    expect(reason).toMatch(/; url: /);
    // The same words as formatZodError gives for the asset on its own.
    expect(reason).toBe(formatZodError(Asset.safeParse(snap.assets[0]).error!));
  });

  it('does not fetch a campaign starting beyond the prefetch window, and does fetch one starting within it', async () => {
    const soon = hostFile(host, 'soon.png', 10_000);
    const later = hostFile(host, 'later.png', 10_000);
    rig = await startManagerRig(snapshotWith(1, [campaignWith('soon', [soon.asset], 20), campaignWith('later', [later.asset], 30)], [soon.asset, later.asset]));
    await ready(rig, soon.asset.sha256);
    expect(rig.row(later.asset.sha256)).toMatchObject({ state: 'missing', wanted: false, referenced: true });
    expect(host.requests.filter((q) => q.path === '/later.png')).toEqual([]);
    expect(rig.mgr.summary()).toMatchObject({ ready: 1, missing: 0 });
  });
});
