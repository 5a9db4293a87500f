// `npm run hq -- content add / content list / campaigns` as separate processes against REAL Debian Mosquitto and a
// temp HQ data folder: a real image is hashed, stored, added to the catalog and campaign and published as a delta
// plus the retained snapshot; bad input (unknown campaign, unknown type, missing file, oversized file) exits
// non-zero with its reason and publishes nothing; `content remove` refuses an unknown or still-used asset and --force
// detaches it. Then the demo HQ: its creatives, its content host, and the tools
// reaching it with no flags.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ASSET_BYTES } from '../../contracts/content.ts';
import { CatalogDelta, CatalogSnapshot, topics } from '../../contracts/mqtt.ts';
import { startDemoHq } from '../../hq-sim/src/demo-hq.ts';
import { DEMO_STATE_FILE } from '../../hq-sim/src/demo-state.ts';
import { openHqData } from '../../hq-sim/src/hq-data.ts';
import { silentLog } from '../../hq-sim/src/log.ts';
import { freshDataDir, repoRoot } from '../support/agent-process.ts';
import { png } from '../support/content-kit.ts';
import { startMosquitto, type Broker } from '../support/mosquitto.ts';
import { needs, skipBecause } from '../support/requirements.ts';

const MALL = 'demo-mall';
const HQ_PW = 'hq-secret';
const CONTENT_URL = 'http://127.0.0.1:8089/content/';

type Run = { code: number | null; stdout: string; stderr: string };
function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'hq-sim/src/cli.ts'), ...args], { cwd: repoRoot, env: { ...process.env, ATRIUM_HQ_URL: '', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const published = (dir: string) => {
  const data = openHqData(dir, MALL);
  try {
    return data.store.publishedSnapshot(MALL);
  } finally {
    data.close();
  }
};

describe('content add / list / campaigns against Mosquitto', needs('mosquitto'), () => {
  let broker: Broker;
  let dir: string;
  let files: string;
  let sub: MqttClient;
  const deltas: CatalogDelta[] = [];
  const withBroker = () => ['--url', broker.url, '--username', 'hq', '--password', HQ_PW, '--data', dir, '--content-url', CONTENT_URL];

  beforeAll(async () => {
    broker = await startMosquitto({ users: { hq: HQ_PW } });
    dir = freshDataDir('atrium-content-hq-');
    files = mkdtempSync(path.join(tmpdir(), 'atrium-content-files-'));
    sub = await mqtt.connectAsync(broker.url, { protocolVersion: 5, username: 'hq', password: HQ_PW, reconnectPeriod: 0 });
    sub.on('message', (_t, payload) => deltas.push(CatalogDelta.parse(JSON.parse(payload.toString()))));
    await sub.subscribeAsync(topics.catalogDelta(MALL), { qos: 1 });
  });
  afterAll(async () => {
    await sub?.endAsync();
    await broker?.stop();
  });

  it('campaigns: one a line, its id first', async () => {
    const r = await cli(['campaigns', '--data', dir]);
    expect(r.code).toBe(0);
    const ids = r.stdout.trim().split('\n').map((l) => l.split(' ')[0]);
    expect(ids).toContain('cp-run-club');
    expect(ids).toContain('cp-winter-sale');
  });

  it('content add: hashes, stores, adds asset and creative, publishes a delta and the snapshot', async () => {
    const bytes = png(1080, 1920, [20, 120, 200]);
    const file = path.join(files, 'poster.png');
    writeFileSync(file, bytes);
    const r = await cli(['content', 'add', file, '--campaign', 'cp-run-club', ...withBroker()]);
    expect(r.stderr).not.toMatch(/^hq:/m);
    expect(r.code).toBe(0);
    const sha = sha256(bytes);
    expect(r.stdout).toMatch(new RegExp(`^content: added ${sha}$`, 'm'));

    const snapshot = published(dir)!;
    expect(snapshot.assets).toContainEqual({ sha256: sha, bytes: bytes.length, mime: 'image/png', width: 1080, height: 1920, url: CONTENT_URL + sha });
    const campaign = snapshot.campaigns.find((c) => c.id === 'cp-run-club')!;
    expect(campaign.creatives).toEqual([{ id: `cr-${sha.slice(0, 16)}-portrait`, orientation: 'portrait', asset: sha, playback: 'once' }]);
    expect(readFileSync(path.join(dir, 'content', sha)).equals(bytes)).toBe(true);

    await expect.poll(() => deltas.length).toBe(1);
    expect(deltas[0]).toMatchObject({ mallId: MALL, toVersion: snapshot.version, upsert: { assets: [{ sha256: sha }], campaigns: [{ id: 'cp-run-club' }] } });

    // A second creative, landscape, looping, 10 s: the campaign keeps both.
    const wide = png(1920, 1080, [200, 40, 40]);
    writeFileSync(path.join(files, 'wide.png'), wide);
    const again = await cli(['content', 'add', path.join(files, 'wide.png'), '--campaign', 'cp-run-club', '--orientation', 'landscape', '--playback', 'loop', '--duration', '10', ...withBroker()]);
    expect(again.code).toBe(0);
    await expect.poll(() => deltas.length).toBe(2);
    expect(published(dir)!.campaigns.find((c) => c.id === 'cp-run-club')!.creatives?.map((c) => [c.orientation, c.playback, c.durationSec])).toEqual([['portrait', 'once', undefined], ['landscape', 'loop', 10]]);

    const list = await cli(['content', 'list', '--data', dir]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`${sha}\\s+image/png\\s+\\S+ KiB\\s+1080x1920\\s+-\\s+yes\\s+cp-run-club \\(portrait\\)`));
    expect(list.stdout).toMatch(/2 asset\(s\) in catalog v/);
  }, 30_000);

  it.each([
    ['an unknown campaign', (f: string) => ['content', 'add', f, '--campaign', 'cp-nope'], 'poster.png', /no campaign "cp-nope" in demo-mall's catalog; its campaigns: .*cp-run-club/, 1],
    ['an unknown file type', () => ['content', 'add', path.join(repoRoot, 'package.json'), '--campaign', 'cp-run-club'], null, /is not a JPEG, PNG, WebP, MP4 or WebM file/, 1],
    ['a missing file', (_f: string) => ['content', 'add', '/nonexistent/poster.png', '--campaign', 'cp-run-club'], null, /no such file: \/nonexistent\/poster\.png/, 1],
    ['a file over MAX_ASSET_BYTES', (_f: string) => ['content', 'add', path.join(files, 'huge.mp4'), '--campaign', 'cp-run-club'], 'huge', new RegExp(`over the ${MAX_ASSET_BYTES} bytes \\(MAX_ASSET_BYTES\\)`), 1],
    ['no --campaign', (f: string) => ['content', 'add', f], 'poster.png', /content add needs --campaign ID/, 2],
    ['a bad --orientation', (f: string) => ['content', 'add', f, '--campaign', 'cp-run-club', '--orientation', 'sideways'], 'poster.png', /--orientation is portrait or landscape/, 2],
  ] as const)('bad input, %s: exits non-zero, says why, publishes and stores nothing', async (_name, args, fixture, message, exitCode) => {
    if (fixture === 'huge') {
      // A sparse file: its size is over the limit without writing half a gigabyte.
      writeFileSync(path.join(files, 'huge.mp4'), Buffer.from([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70]));
      truncateSync(path.join(files, 'huge.mp4'), MAX_ASSET_BYTES + 1);
    }
    const before = { version: published(dir)?.version, files: readdirSync(path.join(dir, 'content')).length, deltas: deltas.length };
    const r = await cli([...args(path.join(files, 'poster.png')), ...withBroker()]);
    expect(r.code).toBe(exitCode);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).not.toMatch(/content: added/);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect({ version: published(dir)?.version, files: readdirSync(path.join(dir, 'content')).length, deltas: deltas.length }).toEqual(before);
  });
  it('content remove: refuses an unknown or still-used asset with the reason and publishes nothing; --force detaches and removes it', async () => {
    const file = path.join(files, 'to-remove.png');
    const bytes = png(108, 192, [90, 90, 90]);
    writeFileSync(file, bytes);
    const sha = sha256(bytes);
    expect((await cli(['content', 'add', file, '--campaign', 'cp-winter-sale', ...withBroker()])).code).toBe(0);
    await expect.poll(() => deltas.some((d) => d.upsert.assets?.some((a) => a.sha256 === sha))).toBe(true);
    const before = { version: published(dir)!.version, deltas: deltas.length };

    const refusals: [string[], RegExp, number][] = [
      [['content', 'remove', sha], new RegExp(`asset ${sha} is still used by cp-winter-sale \\(portrait\\); remove those first, or pass --force`), 1],
      [['content', 'remove', 'e'.repeat(64)], new RegExp(`no asset ${'e'.repeat(64)} in demo-mall's catalog`), 1],
      [['content', 'remove', 'poster.png'], /content remove needs an asset's sha256, 64 hex digits/, 2],
      [['content', 'remove'], /content needs `add <file> --campaign ID`, `remove <sha256> \[--force\]` or `list`/, 2],
    ];
    for (const [args, message, code] of refusals) {
      const r = await cli([...args, ...withBroker()]);
      expect(r.code, args.join(' ')).toBe(code);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).not.toMatch(/content: removed/);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect({ version: published(dir)!.version, deltas: deltas.length }).toEqual(before);
    expect(existsSync(path.join(dir, 'content', sha))).toBe(true);

    const r = await cli(['content', 'remove', sha, '--force', ...withBroker()]);
    expect(r.stderr).not.toMatch(/^hq:/m);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^content: removed ${sha}$`, 'm'));
    expect(r.stdout).toMatch(/detached from cp-winter-sale \(portrait\)/);
    await expect.poll(() => deltas.length).toBe(before.deltas + 1);
    expect(deltas.at(-1)).toMatchObject({ fromVersion: before.version, toVersion: before.version + 1, remove: { assets: [sha] }, upsert: { campaigns: [{ id: 'cp-winter-sale', creatives: [] }] } });
    const after = published(dir)!;
    expect(after.version).toBe(before.version + 1);
    expect(after.assets?.some((a) => a.sha256 === sha)).toBe(false);
    expect(existsSync(path.join(dir, 'content', sha))).toBe(false);
    expect((await cli(['content', 'list', '--data', dir])).stdout).not.toContain(sha);
  }, 60_000);
});

const noFfmpeg = existsSync('/usr/bin/ffmpeg') && existsSync('/usr/bin/ffprobe') ? null : 'ffmpeg not installed (Debian package ffmpeg)';

describe('the demo HQ with content', needs('mosquitto'), () => {
  it('ships its creatives on its content host, tools reach it with no flags, and a restart changes nothing', { ...skipBecause(noFfmpeg), timeout: 120_000 }, async () => {
    const dir = freshDataDir('atrium-demo-content-');
    const hq = await startDemoHq({ dataDir: dir, log: silentLog });
    let version: number;
    let shas: string[];
    try {
      expect(hq.contentNote).toBeNull();
      const snapshot = published(dir)!;
      expect(snapshot.version).toBe(2); // the first snapshot carries the creatives: no extra version
      shas = (snapshot.assets ?? []).map((a) => a.sha256).sort();
      expect(shas.length).toBe(5);
      for (const a of snapshot.assets!) expect(a.url).toBe(hq.content.baseUrl + a.sha256);
      const video = snapshot.assets!.find((a) => a.mime === 'video/mp4')!;
      expect(video).toMatchObject({ width: 1080, height: 1920, durationMs: 6000 });
      expect(snapshot.campaigns.find((c) => c.id === 'cp-coffee-bogo')!.creatives).toEqual([expect.objectContaining({ asset: video.sha256, playback: 'loop', orientation: 'portrait' })]);
      expect(snapshot.campaigns.find((c) => c.id === 'cp-winter-sale')!.creatives?.map((c) => c.orientation).sort()).toEqual(['landscape', 'portrait']);
      const part = await fetch(video.url, { headers: { Range: 'bytes=0-99' } });
      expect([part.status, part.headers.get('content-type'), (await part.arrayBuffer()).byteLength]).toEqual([206, 'video/mp4', 100]);
      expect(statSync(path.join(dir, DEMO_STATE_FILE)).mode & 0o777).toBe(0o600);

      // No --url, --username, --password or --content-url: the tools find the running demo.
      writeFileSync(path.join(dir, 'extra.png'), png(1920, 1080, [0, 160, 80]));
      const added = await cli(['content', 'add', path.join(dir, 'extra.png'), '--campaign', 'cp-kids-fun', '--data', dir]);
      expect(added.stderr).not.toMatch(/^hq:/m);
      expect(added.code).toBe(0);
      // content remove reaches it with no flags too: a second file added, then removed (--force detaches it).
      const spare = png(192, 108, [200, 200, 200]);
      writeFileSync(path.join(dir, 'spare.png'), spare);
      expect((await cli(['content', 'add', path.join(dir, 'spare.png'), '--campaign', 'cp-kids-fun', '--data', dir])).code).toBe(0);
      const removed = await cli(['content', 'remove', sha256(spare), '--force', '--data', dir]);
      expect(removed.stderr).not.toMatch(/^hq:/m);
      expect(removed.stdout).toMatch(new RegExp(`^content: removed ${sha256(spare)}$`, 'm'));
      const kiosk = await mqtt.connectAsync(hq.url, { protocolVersion: 5, username: hq.device.username, password: hq.device.password, reconnectPeriod: 0 });
      const got = new Promise<Buffer>((resolve) => kiosk.once('message', (_t, payload) => resolve(payload)));
      await kiosk.subscribeAsync(topics.catalogSnapshot(MALL), { qos: 1 });
      const retained = CatalogSnapshot.parse(JSON.parse((await got).toString()));
      await kiosk.endAsync();
      expect(retained.version).toBe(5);
      expect(retained.assets?.some((a) => a.sha256 === sha256(spare))).toBe(false);
      expect(retained.assets?.find((a) => a.mime === 'image/png')?.url).toMatch(new RegExp(`^${hq.content.baseUrl}[0-9a-f]{64}$`));
      version = retained.version;
      shas = retained.assets!.map((a) => a.sha256).sort();
    } finally {
      await hq.stop();
    }
    expect(existsSync(path.join(dir, DEMO_STATE_FILE))).toBe(false);
    await expect(fetch(hq.content.baseUrl + shas[0])).rejects.toThrow();

    const again = await startDemoHq({ dataDir: dir, log: silentLog });
    try {
      const snapshot = published(dir)!;
      expect(again.content.port).toBe(hq.content.port);
      expect(snapshot.version).toBe(version);
      expect(snapshot.assets!.map((a) => a.sha256).sort()).toEqual(shas);
    } finally {
      await again.stop();
    }
  });

  it('without ffmpeg: colour cards, said in one line', async () => {
    const hq = await startDemoHq({ dataDir: freshDataDir('atrium-demo-noff-'), log: silentLog, ffmpegPath: '/nonexistent/ffmpeg' });
    try {
      expect(hq.contentNote).toMatch(/^Demo content: ffmpeg not found .*colour cards\.$/);
      expect(published(hq.data.dataDir)!.assets ?? []).toEqual([]);
    } finally {
      await hq.stop();
    }
  }, 60_000);
});
