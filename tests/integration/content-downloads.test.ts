// The content manager against a real HTTP host with faults injected per request: a connection reset mid-file (resumed
// with Range), wrong bytes, 404, a very slow server, a bandwidth cap, a body longer than declared, and the host gone
// then back. Real SQLite, real files; every wait is for a positive signal (a row's state, a part file's size).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { partPath, storePath } from '../../edge-agent/src/content/files.ts';
import { campaignWith, hostFile, sha256, snapshotWith, startContentHost, startManagerRig, type ContentHost, type ManagerRig } from '../support/content-kit.ts';
import { waitUntil } from '../support/hq-client.ts';

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

const partSize = (r: ManagerRig, sha: string) => (existsSync(partPath(r.mgr.paths, sha)) ? statSync(partPath(r.mgr.paths, sha)).size : 0);

/** The store holds exactly the hosted bytes under the asset's name, and no part file is left. */
function expectStored(r: ManagerRig, sha: string, body: Buffer) {
  expect(sha256(readFileSync(storePath(r.mgr.paths, sha)))).toBe(sha256(body));
  expect(existsSync(partPath(r.mgr.paths, sha))).toBe(false);
  expect(r.mgr.readyFile(sha)?.bytes).toBe(body.length);
}

describe('content downloads under faults', () => {
  it('resumes with Range after a connection reset mid-file', async () => {
    const { asset, body } = hostFile(host, 'cut.mp4', 600_000, 'video/mp4');
    const half = 250_000;
    let partWritten: (() => void) | undefined;
    host.faults.set('/cut.mp4', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'video/mp4', 'Content-Length': String(body.length) });
      res.write(body.subarray(0, half));
      // Reset only once the kiosk has written what it got: the resume must start exactly there.
      partWritten = () => res.socket?.resetAndDestroy();
      host.faults.delete('/cut.mp4');
    });
    rig = await startManagerRig(snapshotWith(1, [campaignWith('c1', [asset])], [asset]));
    await waitUntil(() => partWritten && partSize(rig!, asset.sha256) === half, 10_000, 'half the file in the part');
    expect(rig.mgr.readyFile(asset.sha256)).toBeNull();
    partWritten!();
    const row = await rig.waitRow(asset.sha256, (r) => r.state === 'ready', 'ready after the resume');
    expect(host.requests.map((q) => q.range)).toEqual([null, `bytes=${half}-`]);
    expect(row.failures).toBe(0);
    expectStored(rig, asset.sha256, body);
    expect(rig.logs.some((l) => l.msg === 'content download failed' && /ECONNRESET|terminated|socket/i.test(String(l.reason)))).toBe(true);
  });

  it('never makes a file with the wrong sha256 ready, records the failure, and retries until the host is fixed', async () => {
    const { asset, body } = hostFile(host, 'wrong.png', 100_000);
    const wrong = Buffer.from(body);
    wrong[500] = wrong[500]! ^ 0xff;
    host.faults.set('/wrong.png', (req, res) => {
      res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': String(wrong.length) });
      res.end(wrong);
    });
    rig = await startManagerRig(snapshotWith(1, [campaignWith('c1', [asset])], [asset]));
    const failed = await rig.waitRow(asset.sha256, (r) => r.failures >= 2, 'two mismatches');
    expect(failed.last_error).toMatch(/^sha256 mismatch/);
    expect(failed.state).not.toBe('ready');
    expect(existsSync(storePath(rig.mgr.paths, asset.sha256))).toBe(false);
    expect(rig.mgr.readyFile(asset.sha256)).toBeNull();
    host.faults.delete('/wrong.png');
    await rig.waitRow(asset.sha256, (r) => r.state === 'ready', 'ready once the host sends the right bytes');
    expectStored(rig, asset.sha256, body);
  });

  it('records a 404 as a failure, retries with backoff, and gets the file once it is there', async () => {
    const { asset, body } = hostFile(host, 'later.webp', 50_000, 'image/webp');
    const hosted = host.files.get('/later.webp')!;
    host.files.delete('/later.webp');
    rig = await startManagerRig(snapshotWith(1, [campaignWith('c1', [asset])], [asset]));
    const failed = await rig.waitRow(asset.sha256, (r) => r.failures >= 3, 'three 404s');
    expect(failed.state).toBe('failed');
    expect(failed.last_error).toMatch(/^HTTP 404/);
    expect(rig.mgr.summary()).toMatchObject({ failed: 1, ready: 0, lastError: expect.stringMatching(/^HTTP 404/) });
    const retries = rig.logs.filter((l) => l.msg === 'content download failed').map((l) => Number(l.retryInMs));
    expect(retries.slice(0, 3)).toEqual([50, 100, 200]);
    host.files.set('/later.webp', hosted);
    await rig.waitRow(asset.sha256, (r) => r.state === 'ready', 'ready after the 404s');
    expectStored(rig, asset.sha256, body);
    expect(rig.mgr.summary()).toMatchObject({ ready: 1, failed: 0, missing: 0, lastError: null, bytesOnDisk: 50_000 });
  });

  it('waits for a very slow server, and nothing is ready before the last byte', async () => {
    const { asset, body } = hostFile(host, 'slow.mp4', 300_000, 'video/mp4');
    const tail = 1000;
    let release: (() => void) | undefined;
    host.faults.set('/slow.mp4', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'video/mp4', 'Content-Length': String(body.length) });
      let at = 0;
      // The server's own pace: 16 KiB every 10 ms, then it holds the last bytes until the test lets them go.
      const pump = setInterval(() => {
        const next = Math.min(at + 16_384, body.length - tail);
        res.write(body.subarray(at, next));
        at = next;
        if (at === body.length - tail) {
          clearInterval(pump);
          release = () => res.end(body.subarray(at));
        }
      }, 10);
    });
    rig = await startManagerRig(snapshotWith(1, [campaignWith('c1', [asset])], [asset]));
    await waitUntil(() => release && partSize(rig!, asset.sha256) === body.length - tail, 15_000, 'all but the tail in the part');
    expect(rig.row(asset.sha256).state).toBe('downloading');
    expect(rig.mgr.readyFile(asset.sha256)).toBeNull();
    expect(existsSync(storePath(rig.mgr.paths, asset.sha256))).toBe(false);
    expect(rig.mgr.summary()).toMatchObject({ downloading: 1, ready: 0 });
    release!();
    await rig.waitRow(asset.sha256, (r) => r.state === 'ready', 'ready after the last byte');
    expectStored(rig, asset.sha256, body);
  });

  it('keeps all downloads together under the bandwidth cap', async () => {
    const a = hostFile(host, 'a.png', 150_000);
    const b = hostFile(host, 'b.png', 150_000);
    const started = performance.now();
    rig = await startManagerRig(snapshotWith(1, [campaignWith('c1', [a.asset, b.asset])], [a.asset, b.asset]), { bandwidthBytesPerSec: 100_000 });
    await rig.waitRow(a.asset.sha256, (r) => r.state === 'ready', 'a ready');
    await rig.waitRow(b.asset.sha256, (r) => r.state === 'ready', 'b ready');
    // 300 kB at 100 kB/s with a one-second burst: at least two seconds (a little less for timer rounding).
    expect(performance.now() - started).toBeGreaterThan(1800);
    expectStored(rig, a.asset.sha256, a.body);
    expectStored(rig, b.asset.sha256, b.body);
  });

  it('refuses a body longer than declared, with or without Content-Length, and keeps nothing of it', async () => {
    const declared = hostFile(host, 'long.png', 80_000);
    const chunked = hostFile(host, 'long-chunked.png', 80_000);
    const extra = Buffer.concat([declared.body, Buffer.alloc(5000, 7)]);
    host.faults.set('/long.png', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': String(extra.length) });
      res.end(extra);
    });
    let sent = 0;
    host.faults.set('/long-chunked.png', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'image/png' }); // no length: chunked, the kiosk must count
      const more = Buffer.concat([chunked.body, Buffer.alloc(200_000, 1)]);
      res.on('error', () => {});
      res.end(more, () => (sent = more.length));
    });
    rig = await startManagerRig(snapshotWith(1, [campaignWith('c1', [declared.asset, chunked.asset])], [declared.asset, chunked.asset]));
    for (const { asset } of [declared, chunked]) {
      const row = await rig.waitRow(asset.sha256, (r) => r.failures >= 1, 'refused');
      expect(row.state).toBe('failed');
      expect(row.last_error).toMatch(/^body longer than declared/);
      expect(existsSync(storePath(rig.mgr.paths, asset.sha256))).toBe(false);
      expect(partSize(rig, asset.sha256)).toBe(0);
    }
    expect(sent === 0 || sent > 80_000).toBe(true);
  });

  it('keeps retrying with capped backoff while the host is gone, then fetches it when the host is back', async () => {
    const { asset, body } = hostFile(host, 'gone.jpg', 70_000, 'image/jpeg');
    await host.close();
    rig = await startManagerRig(snapshotWith(1, [campaignWith('c1', [asset])], [asset]));
    const failed = await rig.waitRow(asset.sha256, (r) => r.failures >= 6, 'six refused connections');
    expect(failed.last_error).toMatch(/fetch failed|ECONNREFUSED/);
    const retries = rig.logs.filter((l) => l.msg === 'content download failed').map((l) => Number(l.retryInMs));
    expect(retries.slice(0, 6)).toEqual([50, 100, 200, 400, 400, 400]);
    await host.reopen();
    await rig.waitRow(asset.sha256, (r) => r.state === 'ready', 'ready once the host is back');
    expectStored(rig, asset.sha256, body);
  });
});
