// Helpers for the wall's browser specs: a wall agent (ATRIUM_ROLE=wall), a Chromium at 1920x1080 whose fake
// camera plays a face clip, probes in the page (camera streams, the privacy notice whenever a track is live,
// wall.observe timing), a record of every request the page makes, and the demo rules' coupon per expression.
import { chromium, expect, type Browser, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CROP_BYTES, CROP_SIZE, WallState, type ExpressionBucket } from '../../../contracts/wall.ts';
import { demoOfferRules } from '../../../common/demo/catalog.ts';
import { startAgentProcess, type AgentProcess } from '../../support/agent-process.ts';
import { chromiumArgs } from '../playwright.config.ts';

export const FAKE_CAMERA = path.resolve(import.meta.dirname, '../../../../shared/test-data/fake-camera');
export const FACES = path.resolve(import.meta.dirname, '../../../../shared/test-data/faces');
export const WALL_VIEWPORT = { width: 1920, height: 1080 };

export type WallMode = 'opt-in' | 'always-on';

export function startWallAgent(mode: WallMode, env: Record<string, string> = {}): Promise<AgentProcess> {
  return startAgentProcess({ env: { ATRIUM_ROLE: 'wall', ATRIUM_EXPRESSION_MODE: mode, ...env }, timeoutMs: 30_000 });
}

/** A Chromium of its own (the fake-camera file is per browser process) at 1920x1080, camera allowed. */
export async function launchWall(clip: string): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.launch({
    executablePath: process.env.ATRIUM_CHROMIUM ?? '/usr/bin/chromium',
    args: [...chromiumArgs, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${clip}`],
  });
  const context = await browser.newContext({ viewport: WALL_VIEWPORT, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', hasTouch: true, permissions: ['camera'] });
  return { browser, page: await context.newPage() };
}

/**
 * A clip for "the person leaves": `faceSec` of a face photo, then `blankSec` of an empty wall-coloured picture
 * with sensor noise (no face), 320x240 at 2 frames a second (.y4m: Chromium plays it at its own frame rate, in a
 * loop, from the start each time the camera opens).
 */
export function makeLeaveClip(photo: string, faceSec = 30, blankSec = 15): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'atrium-wall-clips-'));
  const clip = path.join(dir, `leave-${path.basename(photo, path.extname(photo))}.y4m`);
  const filter = [
    '[0]scale=320:240:force_original_aspect_ratio=decrease,pad=320:240:(ow-iw)/2:(oh-ih)/2,setsar=1,format=yuv420p,fps=2[face]',
    '[1]setsar=1,format=yuv420p,fps=2[blank]',
    '[face][blank]concat=n=2:v=1[v]',
  ].join(';');
  const r = spawnSync('ffmpeg', [
    '-loglevel', 'error', '-y', '-loop', '1', '-t', String(faceSec), '-i', photo,
    '-f', 'lavfi', '-t', String(blankSec), '-i', 'color=c=0x7a9bb5:s=320x240,noise=alls=8:allf=t',
    '-filter_complex', filter, '-map', '[v]', clip,
  ], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ffmpeg could not make ${clip}: ${r.stderr || r.error?.message}`);
  return clip;
}

export type PageRequest = { method: string; url: string; body: string | null };

/** Every request the page (and its workers) makes, and the WallStates the agent answered with. */
export function watchWallTraffic(page: Page): { requests: PageRequest[]; states: WallState[] } {
  const requests: PageRequest[] = [];
  const states: WallState[] = [];
  page.context().on('request', (req) => requests.push({ method: req.method(), url: req.url(), body: req.postData() }));
  page.on('response', async (res) => {
    if (!/\/api\/v1\/wall\.(start|observe)$/.test(res.url())) return;
    try {
      const body = (await res.json()) as { ok: boolean; data?: unknown };
      if (body.ok) states.push(WallState.parse(body.data));
    } catch {
      /* the page closed meanwhile */
    }
  });
  return { requests, states };
}

/**
 * Page probes, installed before the page loads: every camera stream the page opens, the time of each
 * wall.observe call (page clock), and every 50 ms a check that the privacy notice is on screen whenever a
 * camera track is live (each miss is recorded).
 */
export async function installWallProbes(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __wall: { streams: MediaStream[]; observeAt: number[]; noticeMisses: number[]; liveSamples: number } };
    w.__wall = { streams: [], observeAt: [], noticeMisses: [], liveSamples: 0 };
    const gum = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = async (constraints) => {
      const stream = await gum(constraints);
      w.__wall.streams.push(stream);
      return stream;
    };
    const originalFetch = window.fetch.bind(window);
    window.fetch = (input, init) => {
      if (String(input).endsWith('/api/v1/wall.observe')) w.__wall.observeAt.push(performance.now());
      return originalFetch(input, init);
    };
    setInterval(() => {
      const live = w.__wall.streams.some((s) => s.getTracks().some((t) => t.readyState === 'live'));
      if (!live) return;
      w.__wall.liveSamples += 1;
      const notice = document.querySelector('[data-testid="wall-privacy-notice"]');
      const box = notice?.getBoundingClientRect();
      const visible = !!box && box.width > 0 && box.height > 0 && box.bottom <= window.innerHeight && getComputedStyle(notice!).visibility !== 'hidden';
      if (!visible) w.__wall.noticeMisses.push(performance.now());
    }, 50);
  });
}

export type ProbeReport = { trackStates: string[]; observeAt: number[]; noticeMisses: number[]; liveSamples: number };

export function probeReport(page: Page): Promise<ProbeReport> {
  return page.evaluate(() => {
    const w = (window as unknown as { __wall: { streams: MediaStream[]; observeAt: number[]; noticeMisses: number[]; liveSamples: number } }).__wall;
    return { trackStates: w.streams.flatMap((s) => s.getTracks().map((t) => t.readyState)), observeAt: w.observeAt, noticeMisses: w.noticeMisses, liveSamples: w.liveSamples };
  });
}

/** The most observations in any one-second window (page clock). */
export function maxPerSecond(times: number[]): number {
  let best = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= 1000) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

const B64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * What the page sent is only ever the agreed 112x112 RGB crops: every request goes to the agent's own origin;
 * wall.observe carries a crop of exactly CROP_SIZE x CROP_SIZE x 3 bytes (or null) and nothing else; no other
 * request carries a crop, an image or any long blob. Returns the number of crops seen.
 */
export function expectOnlyCropsSent(requests: PageRequest[], agentUrl: string): number {
  const origin = new URL(agentUrl).origin;
  let crops = 0;
  for (const r of requests) {
    const url = new URL(r.url);
    if (url.protocol === 'data:' || url.protocol === 'blob:') continue;
    expect(url.origin, `request to ${r.url}`).toBe(origin);
    expect(url.search, `query string on ${r.url}`).toBe('');
    if (r.method === 'GET') {
      expect(url.pathname, `GET ${url.pathname}`).toMatch(/^\/($|assets\/[\w.-]+$|models\/[\w.-]+\.tflite$|favicon\.svg$)/);
      continue;
    }
    expect(r.method, `${r.method} ${url.pathname}`).toBe('POST');
    const body = JSON.parse(r.body ?? 'null') as Record<string, unknown>;
    if (url.pathname === '/api/v1/wall.observe') {
      expect(Object.keys(body).sort()).toEqual(['crop', 'wallSession']);
      if (body.crop === null) continue;
      const crop = body.crop as Record<string, unknown>;
      expect(Object.keys(crop).sort()).toEqual(['height', 'rgb', 'width']);
      expect([crop.width, crop.height]).toEqual([CROP_SIZE, CROP_SIZE]);
      expect(typeof crop.rgb === 'string' && B64.test(crop.rgb)).toBe(true);
      expect(Buffer.from(crop.rgb as string, 'base64').length).toBe(CROP_BYTES);
      crops += 1;
      continue;
    }
    // Anything else is a small control message: no crop, no pixels, no long strings.
    expect(url.pathname, `POST ${url.pathname}`).toMatch(/^\/api\/(pair|v1\/[a-z]+\.[A-Za-z]+)$/);
    expect((r.body ?? '').length, `body of ${url.pathname}`).toBeLessThan(1024);
    expect(r.body ?? '', `body of ${url.pathname}`).not.toMatch(/"(crop|rgb|image|frame|pixels)"|[A-Za-z0-9+/]{200}/);
  }
  return crops;
}

/** The coupon the demo rules give an anonymous shopper with `bucket` (the highest-priority wall rule with no member condition). */
export function demoCouponFor(bucket: ExpressionBucket): { ruleId: string; couponId: string } | null {
  if (bucket === 'none') return null;
  const memberConditions = ['tiers', 'segments', 'tagsAny', 'dormantDays', 'birthdayMonth', 'pointsExpiringWithinDays'] as const;
  const rules = demoOfferRules().filter((r) => r.when.expressions?.includes(bucket) && memberConditions.every((k) => r.when[k] === undefined));
  rules.sort((a, b) => b.priority - a.priority || a.id.localeCompare(b.id));
  return rules[0] ? { ruleId: rules[0].id, couponId: rules[0].couponId } : null;
}

/** The wall's root: data-wall-view, data-expression, data-camera. */
export function wallRoot(page: Page) {
  return page.getByTestId('app');
}

/** Waits until data-expression holds one value other than 'none' for `holdMs`; returns it (null on timeout). */
export async function steadyExpression(page: Page, holdMs: number, timeoutMs: number): Promise<ExpressionBucket | null> {
  const deadline = Date.now() + timeoutMs;
  let value: string | null = null;
  let since = Date.now();
  while (Date.now() < deadline) {
    const now = (await wallRoot(page).getAttribute('data-expression')) ?? 'none';
    if (now !== value) {
      value = now;
      since = Date.now();
    } else if (value !== 'none' && Date.now() - since >= holdMs) {
      return value as ExpressionBucket;
    }
    await page.waitForTimeout(100); // pacing, not waiting: the sampling interval of a value that must hold for holdMs
  }
  return null;
}

/** Nothing that could hold a camera frame is in the page: no video, no canvas. */
export async function expectNoFrameInDom(page: Page): Promise<void> {
  expect(await page.locator('video, canvas').count()).toBe(0);
}

/**
 * A 960x480 clip: `photo` (cropped square) on the left and, on the right, the QR code of `qrText` drawn by Debian's
 * qrencode (white when null): a shopper holding their member code up beside their face. Written to a temporary file
 * and renamed over `out`, so a browser whose fake camera reads `out` sees the new clip when the camera next opens.
 */
export function writeFaceQrClip(out: string, photo: string, qrText: string | null): void {
  const dir = mkdtempSync(path.join(tmpdir(), 'atrium-face-qr-'));
  const tmp = path.join(dir, 'clip.y4m');
  const run = (cmd: string, args: string[], input?: string) => {
    const r = spawnSync(cmd, args, { input, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}): ${r.stderr || r.error?.message}`);
  };
  let right = ['-f', 'lavfi', '-i', 'color=c=white:s=480x480'];
  let rightFilter = '[1]format=rgb24[q]';
  if (qrText !== null) {
    const png = path.join(dir, 'code.png');
    run('qrencode', ['-l', 'M', '-s', '8', '-m', '4', '-o', png], qrText);
    right = ['-loop', '1', '-i', png];
    rightFilter = '[1]scale=440:440:flags=neighbor,pad=480:480:(ow-iw)/2:(oh-ih)/2:color=white[q]';
  }
  const filter = `[0]scale=-2:480,crop=480:480[f];${rightFilter};[f][q]hstack=inputs=2,format=yuv420p,noise=alls=6:allf=t`;
  run('ffmpeg', ['-loglevel', 'error', '-y', '-loop', '1', '-i', photo, ...right, '-filter_complex', filter, '-frames:v', '4', '-r', '5', tmp]);
  renameSync(tmp, out);
}
