// HQ's capture-screenshot command end to end: real Mosquitto, `npm start`'s launcher (scripts/start.ts) under Xvfb
// with Debian Chromium as the browser kiosk; the agent asks the launcher over IPC, the launcher captures the page
// over Chromium's DevTools pipe, and HQ receives the PNG in the command result. A standalone agent refuses.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, type TestOptions } from 'vitest';
import { CommandResult, topics } from '../../contracts/mqtt.ts';
import { freshDataDir, repoRoot, startAgentProcess } from '../support/agent-process.ts';
import { TestHq, waitUntil } from '../support/hq-client.ts';
import { startMosquitto, type Broker } from '../support/mosquitto.ts';
import { needs, skipBecause } from '../support/requirements.ts';

const MALL = 'demo-mall';
let broker: Broker;
let hq: TestHq;
/** Chromium under Xvfb (required in CI), and the built page (npm test builds it first). */
const browserKiosk = (): TestOptions => {
  const options = needs('chromium', 'xvfb');
  return options.skip ? options : skipBecause(!existsSync(path.join(repoRoot, 'dist/renderer/index.html')) && 'the page is not built (dist/renderer): run npm run build');
};

const command = (id: string) => ({ id, name: 'capture-screenshot', args: {}, issuedAt: new Date().toISOString(), expiresAt: new Date(Date.now() + 60_000).toISOString() });
const finalResult = (device: string, id: string) =>
  hq.on(`/devices/${device}/commands/result`).map((s) => CommandResult.parse(s.json)).find((r) => r.id === id && r.status !== 'accepted');

beforeAll(async () => {
  broker = await startMosquitto({ users: { hq: 'hq-pw', 'kiosk-shot': 'shot-pw', 'kiosk-alone': 'alone-pw' } });
  hq = await TestHq.connect(broker.url, { username: 'hq', password: 'hq-pw', subscribe: ['atrium/v1/+/devices/+/commands/result'] });
});

afterAll(async () => {
  await hq?.end();
  await broker?.stop();
});

describe('capture-screenshot', () => {
  it('a standalone agent (no kiosk shell) refuses with a plain reason', async () => {
    const agent = await startAgentProcess({
      env: { ATRIUM_HQ_URL: broker.url, ATRIUM_MALL_ID: MALL, ATRIUM_DEVICE_ID: 'kiosk-alone', ATRIUM_MQTT_USERNAME: 'kiosk-alone', ATRIUM_MQTT_PASSWORD: 'alone-pw' },
    });
    try {
      await waitUntil(async () => ((await (await fetch(new URL('/health', agent.url))).json()) as { sync: { state: string } }).sync.state === 'online', 10_000, 'online');
      await hq.publish(topics.commands(MALL, 'kiosk-alone'), command('shot-alone-0001'));
      const r = await hq.waitFor(() => finalResult('kiosk-alone', 'shot-alone-0001'), 10_000, 'result');
      expect(r.status).toBe('rejected');
      expect(r.detail).toContain('no kiosk shell');
    } finally {
      await agent.stop();
    }
  });

  it('the browser kiosk captures its page and HQ receives the PNG', { timeout: 90_000, ...browserKiosk() }, async () => {
    const dataDir = freshDataDir();
    let out = '';
    const child: ChildProcess = spawn('xvfb-run', ['-a', '-s', '-screen 0 1080x1920x24', process.execPath, path.join(repoRoot, 'scripts/start.ts')], {
      cwd: repoRoot,
      env: {
        PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ATRIUM_DATA_DIR: dataDir, ATRIUM_API_PORT: '0',
        ATRIUM_HQ_URL: broker.url, ATRIUM_MALL_ID: MALL, ATRIUM_DEVICE_ID: 'kiosk-shot', ATRIUM_MQTT_USERNAME: 'kiosk-shot', ATRIUM_MQTT_PASSWORD: 'shot-pw',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    try {
      await waitUntil(() => out.includes('Kiosk UI: '), 30_000, `Kiosk UI line (output so far: ${out})`);
      // The page needs a moment to pair and paint; retry until the screenshot shows it (a fresh command id each time).
      let n = 0;
      const r = await waitUntil(async () => {
        const id = `shot-kiosk-${String(++n).padStart(4, '0')}`;
        await hq.publish(topics.commands(MALL, 'kiosk-shot'), command(id));
        const res = await hq.waitFor(() => finalResult('kiosk-shot', id), 20_000, 'result');
        // A blank 1080x1920 frame (page still loading) compresses to a few kB; the attract screen does not.
        return res.status === 'done' && (res.data as { bytes: number }).bytes > 30_000 ? res : null;
      }, 60_000, 'a done capture-screenshot result showing the painted page');
      const data = r.data as { png: string; bytes: number; width: number; height: number; sha256: string };
      const png = Buffer.from(data.png, 'base64');
      expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
      expect(png.length).toBe(data.bytes);
      expect(png.readUInt32BE(16)).toBe(data.width);
      expect(data.width).toBeGreaterThan(500);
      expect(data.height).toBeGreaterThan(500);
      mkdirSync(path.join(repoRoot, 'reports/screenshots'), { recursive: true });
      writeFileSync(path.join(repoRoot, 'reports/screenshots/hq-capture-screenshot.png'), png);
      // Decoded with an independent tool: Debian's ffprobe reads it as a PNG of that size.
      const probe = spawnSync('ffprobe', ['-v', 'error', '-show_entries', 'stream=width,height,codec_name', '-of', 'csv=p=0', '-i', 'pipe:0'], { input: png });
      if (probe.status === 0) expect(probe.stdout.toString().trim()).toBe(`png,${data.width},${data.height}`);
    } finally {
      // The launcher's whole group (xvfb-run, Xvfb, the launcher, agent, Chromium): TERM, wait for the exit (at most
      // 5 s), then KILL whatever is left of the group.
      const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', r));
      try { process.kill(-child.pid!, 'SIGTERM'); } catch { /* already gone */ }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000).unref())]);
      try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* already gone */ }
    }
  });
});
