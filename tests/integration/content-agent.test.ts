// The real agent process and its content: killed with SIGKILL in the middle of a download, it resumes with Range after
// the restart and serves the file only once verified; a stored file damaged while it was down is deleted at start,
// never served, and fetched again. Serving: GET /content/<sha256> with Range (206, 416), ETag and cache headers, 404
// for anything not ready, the Host check, and promotions.list naming a ready creative.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applySnapshot } from '../../edge-agent/src/sync/apply.ts';
import { openDatabase } from '../../edge-agent/src/db/open.ts';
import { freshDataDir, startAgentProcess, type AgentProcess } from '../support/agent-process.ts';
import { campaignWith, hostFile, sha256, snapshotWith, startContentHost, type ContentHost } from '../support/content-kit.ts';
import { waitUntil } from '../support/hq-client.ts';
import { countLogs } from '../support/signals.ts';

let host: ContentHost;
let agent: AgentProcess | undefined;

beforeAll(async () => {
  host = await startContentHost();
});
afterAll(async () => {
  await agent?.stop('SIGKILL');
  await host.close();
});

const env = { ATRIUM_DEMO: 'false' };
const get = (a: AgentProcess, sha: string, headers: Record<string, string> = {}) => fetch(`${a.url}content/${sha}`, { headers });

describe('content in the real agent', () => {
  it('resumes after SIGKILL mid-download, serves only verified files, and deletes a damaged one at start', async () => {
    const video = hostFile(host, 'spot.mp4', 1_500_000, 'video/mp4');
    const logo = hostFile(host, 'logo.png', 40_000);
    const half = 600_000;
    let held = false;
    host.faults.set('/spot.mp4', (_req, res) => {
      // The first answer sends part of the file and then nothing: the agent is killed while it waits for more.
      res.writeHead(200, { 'Content-Type': 'video/mp4', 'Content-Length': String(video.body.length) });
      res.write(video.body.subarray(0, half));
      res.on('error', () => {});
      held = true;
      host.faults.delete('/spot.mp4');
    });
    const dataDir = freshDataDir('atrium-content-agent-');
    const db = openDatabase(dataDir);
    applySnapshot(db, snapshotWith(1, [campaignWith('spot', [video.asset]), campaignWith('brand', [logo.asset])], [video.asset, logo.asset]), 'demo-mall');
    db.close();

    agent = await startAgentProcess({ dataDir, env });
    const part = path.join(dataDir, 'content/tmp', `${video.asset.sha256}.part`);
    const partSize = () => {
      try {
        return readFileSync(part).length;
      } catch {
        return 0;
      }
    };
    await waitUntil(() => held && partSize() === half, 15_000, 'the agent to write the first part');
    await waitUntil(async () => (await get(agent!, logo.asset.sha256)).status === 200, 15_000, 'the logo to be served');
    expect((await get(agent, video.asset.sha256)).status).toBe(404);
    await agent.stop('SIGKILL');

    // While it was down, the logo's stored file got damaged (a power cut, a bad sector).
    const logoFile = path.join(dataDir, 'content', logo.asset.sha256);
    const damaged = Buffer.from(logo.body);
    damaged[10] = damaged[10]! ^ 0xff;
    writeFileSync(logoFile, damaged);
    const before = host.requests.length;

    agent = await startAgentProcess({ dataDir, env });
    await waitUntil(() => countLogs(agent!, 'content file damaged; deleted', (r) => r.sha256 === logo.asset.sha256) === 1, 15_000, 'the damaged logo to be found');
    await waitUntil(async () => (await get(agent!, video.asset.sha256)).status === 200, 20_000, 'the video to be served');
    const again = host.requests.slice(before);
    expect(again.find((q) => q.path === '/spot.mp4')?.range).toBe(`bytes=${half}-`);
    expect(sha256(Buffer.from(await (await get(agent, video.asset.sha256)).arrayBuffer()))).toBe(video.asset.sha256);
    // The logo is fetched again in full, and what is served is the good file, never the damaged one.
    await waitUntil(async () => (await get(agent!, logo.asset.sha256)).status === 200, 15_000, 'the logo to be served again');
    expect(again.filter((q) => q.path === '/logo.png').map((q) => q.range)).toEqual([null]);
    expect(sha256(Buffer.from(await (await get(agent, logo.asset.sha256)).arrayBuffer()))).toBe(logo.asset.sha256);
  });

  it('serves Range requests on a ready video, 416 for a bad range, 404 for anything not ready, and checks Host', async () => {
    const a = agent!;
    const sha = sha256(hostFile(host, 'unused.png', 10).body);
    const video = [...host.files.entries()].find(([p]) => p === '/spot.mp4')![1].body;
    const vsha = sha256(video);

    const whole = await get(a, vsha);
    expect(whole.status).toBe(200);
    expect(Object.fromEntries(['content-type', 'accept-ranges', 'etag', 'cache-control', 'content-length'].map((h) => [h, whole.headers.get(h)]))).toEqual({
      'content-type': 'video/mp4', 'accept-ranges': 'bytes', etag: `"${vsha}"`, 'cache-control': 'public, max-age=31536000, immutable', 'content-length': String(video.length),
    });
    await whole.arrayBuffer();

    const part = await get(a, vsha, { Range: 'bytes=1000-1999' });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 1000-1999/${video.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(video.subarray(1000, 2000))).toBe(true);

    const open = await get(a, vsha, { Range: `bytes=${video.length - 10}-` });
    expect(open.status).toBe(206);
    expect(Buffer.from(await open.arrayBuffer()).equals(video.subarray(video.length - 10))).toBe(true);
    const suffix = await get(a, vsha, { Range: 'bytes=-500' });
    expect(Buffer.from(await suffix.arrayBuffer()).equals(video.subarray(video.length - 500))).toBe(true);

    for (const bad of [`bytes=${video.length}-`, 'bytes=abc', 'items=0-1']) {
      const r = await get(a, vsha, { Range: bad });
      expect(r.status).toBe(416);
      expect(r.headers.get('content-range')).toBe(`bytes */${video.length}`);
      await r.arrayBuffer();
    }
    expect((await get(a, vsha, { 'If-None-Match': `"${vsha}"` })).status).toBe(304);

    for (const notReady of [sha, 'f'.repeat(64), 'not-a-sha', `${vsha}.part`, `../tmp/${vsha}.part`]) {
      const r = await fetch(`${a.url}content/${notReady}`);
      expect(r.status).toBe(404);
      await r.arrayBuffer();
    }
    const badHost = await new Promise<number>((resolve, reject) => {
      request({ host: '127.0.0.1', port: a.port, path: `/content/${vsha}`, headers: { Host: 'evil.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      }).on('error', reject).end();
    });
    expect(badHost).toBe(421);

    // The page learns which creatives it can play from promotions.list.
    const promos = await a.call('promotions.list', {});
    const spot = (promos.body.data.promotions as { campaignId: string; creatives?: unknown[] }[]).find((p) => p.campaignId === 'spot');
    expect(spot?.creatives).toEqual([{ id: 'spot-0', orientation: 'portrait', sha256: vsha, mime: 'video/mp4', playback: 'once', url: `/content/${vsha}` }]);
  });
});
