// Which video codecs Debian's Chromium plays (README "Video codecs"): tiny clips made by ffmpeg at test time
// (H.264 MP4, VP9 WebM, AV1 WebM when an encoder exists), served by HQ's content host (so with Range, as a kiosk
// downloads them), and played in /usr/bin/chromium headless: canPlayType, then readyState >= 2 and currentTime
// moving on. H.264 MP4 and VP9 WebM must play; AV1 is reported, not required (the README says why).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startContentHost, type ContentHost } from '../../hq-sim/src/content-host.ts';
import { storeContent } from '../../hq-sim/src/content-store.ts';
import { chromiumPath, skipBecause, skipReasonFor } from '../support/requirements.ts';

const FFMPEG = '/usr/bin/ffmpeg';
const encoders = existsSync(FFMPEG) ? spawnSync(FFMPEG, ['-hide_banner', '-encoders'], { encoding: 'utf8' }).stdout : '';
const has = (encoder: string) => new RegExp(`^ V\\S* ${encoder} `, 'm').test(encoders);
const reason = skipReasonFor('chromium') ?? (existsSync(FFMPEG) ? null : 'ffmpeg not installed (Debian package ffmpeg)');

type Clip = { name: string; file: string; type: string; encode: string[] | null };
const av1 = has('libsvtav1') ? ['-c:v', 'libsvtav1', '-preset', '12', '-b:v', '200k'] : has('libaom-av1') ? ['-c:v', 'libaom-av1', '-cpu-used', '8', '-b:v', '200k'] : null;
const CLIPS: Clip[] = [
  { name: 'H.264 MP4', file: 'h264.mp4', type: 'video/mp4; codecs="avc1.64001e"', encode: has('libx264') ? ['-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-movflags', '+faststart'] : null },
  { name: 'VP9 WebM', file: 'vp9.webm', type: 'video/webm; codecs="vp9"', encode: has('libvpx-vp9') ? ['-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '200k'] : null },
  { name: 'AV1 WebM', file: 'av1.webm', type: 'video/webm; codecs="av01.0.04M.08"', encode: av1 },
];

type Outcome = { canPlayType: string; plays: boolean; detail: string };

describe('video codecs in Debian Chromium', skipBecause(reason), () => {
  let dir: string;
  let host: ContentHost;
  let context: BrowserContext;
  const urls = new Map<string, string>();

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'atrium-codecs-'));
    for (const c of CLIPS) {
      if (!c.encode) continue;
      const out = path.join(dir, c.file);
      const r = spawnSync(FFMPEG, ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=s=320x240:r=24:d=2', ...c.encode, '-an', out], { encoding: 'utf8', timeout: 60_000 });
      if (r.status !== 0) throw new Error(`ffmpeg could not write ${c.name}: ${r.stderr}`);
      urls.set(c.name, (await storeContent(dir, out)).sha256);
    }
    host = await startContentHost({ dataDir: dir });
    context = await chromium.launchPersistentContext(mkdtempSync(path.join(tmpdir(), 'atrium-codecs-profile-')), {
      executablePath: chromiumPath,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-sync', '--disable-background-networking', '--disable-component-update'],
    });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await host?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function play(clip: Clip): Promise<Outcome> {
    const page = await context.newPage();
    try {
      // A page on the content host's origin, so the video is same-origin.
      await page.goto(`${host.baseUrl}${'0'.repeat(64)}`).catch(() => undefined);
      return await page.evaluate(async ({ src, type }) => {
        const v = document.createElement('video');
        const canPlayType = v.canPlayType(type);
        v.muted = true;
        v.src = src;
        document.body.append(v);
        const started = await v.play().then(() => '', (e: unknown) => String(e));
        const first = await new Promise<number>((resolve) => setTimeout(() => resolve(v.currentTime), 400));
        const deadline = Date.now() + 8000;
        while (Date.now() < deadline && !(v.readyState >= 2 && v.currentTime > first + 0.2)) await new Promise((r) => setTimeout(r, 100));
        const plays = v.readyState >= 2 && v.currentTime > first + 0.2;
        return { canPlayType, plays, detail: `readyState ${v.readyState}, currentTime ${v.currentTime.toFixed(2)}${v.error ? `, error ${v.error.code} ${v.error.message}` : ''}${started ? `, play(): ${started}` : ''}` };
      }, { src: `${host.baseUrl}${urls.get(clip.name)}`, type: clip.type });
    } finally {
      await page.close();
    }
  }

  it.each(CLIPS.map((c) => [c.name, c] as const))('%s', async (name, clip) => {
    if (!clip.encode) {
      console.log(`${name}: no encoder in this ffmpeg, not checked`);
      expect(name).toBe('AV1 WebM'); // H.264 and VP9 encoders are in Debian's ffmpeg
      return;
    }
    const outcome = await play(clip);
    console.log(`${name}: canPlayType "${outcome.canPlayType}", ${outcome.plays ? 'plays' : 'does NOT play'} (${outcome.detail})`);
    if (name !== 'AV1 WebM') {
      expect(outcome.canPlayType).not.toBe('');
      expect(outcome.plays, outcome.detail).toBe(true);
    }
  }, 30_000);
});
