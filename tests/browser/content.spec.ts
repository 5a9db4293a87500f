// Signage content in the attract loop (issue 13), in Debian's Chromium against the real agent: images and H.264 video
// made by ffmpeg at test time, served by a content host the test runs, downloaded and verified by the agent, and shown
// full screen for the screen's orientation, checked in the pixels of screenshots. A campaign whose asset never
// arrives shows its colour card; a "video" that is not one is skipped and reported as an error; a touch cuts the
// shown item; and the proof-of-play rows in the agent's outbox match, one for one, the items the page showed.
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Asset, Creative } from '../../contracts/content.ts';
import { ContentPlayed } from '../../contracts/content.ts';
import type { Campaign } from '../../contracts/catalog.ts';
import { applySnapshot } from '../../edge-agent/src/sync/apply.ts';
import { openDatabase } from '../../edge-agent/src/db/open.ts';
import { freshDataDir } from '../support/agent-process.ts';
import { sha256, snapshotWith, startContentHost, type ContentHost } from '../support/content-kit.ts';
import { queryDb } from '../support/sqlite-read.ts';
import { colourDistance, decodePng, hexRgb, type Rgb } from './support/pixels.ts';
import { expectNoProblems, openPairedKiosk, saveScreenshot, startAgentProcess, watchForProblems, type AgentProcess } from './support/kiosk.ts';

const FFMPEG = '/usr/bin/ffmpeg';
const colours = { portraitImage: '#00C853', portraitVideo: '#2962FF', landscapeImage: '#FF6D00', landscapeVideo: '#7B1FA2' } as const;

let host: ContentHost;
let agent: AgentProcess;
let work: string;
const sha: Record<string, string> = {};

function makeImage(file: string, size: string, colour: string): void {
  // A solid colour with a white square near the top left (the centre stays the campaign's colour).
  execFileSync(FFMPEG, ['-v', 'error', '-y', '-f', 'lavfi', '-i', `color=c=0x${colour.slice(1)}:s=${size}`, '-vf', 'drawbox=x=60:y=160:w=260:h=260:color=white:t=fill', '-frames:v', '1', file]);
}

function makeVideo(file: string, size: string, colour: string, seconds: number): void {
  // A white square moving across a solid colour: frames that change, so playing shows.
  execFileSync(FFMPEG, [
    '-v', 'error', '-y', '-f', 'lavfi', '-i', `color=c=0x${colour.slice(1)}:s=${size}:r=24:d=${seconds}`, '-f', 'lavfi', '-i', 'color=c=white:s=160x160:r=24',
    '-filter_complex', '[0][1]overlay=x=40+t*120:y=160:shortest=1', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', file,
  ]);
}

function hosted(name: string, body: Buffer, mime: Asset['mime'], width: number, height: number, durationMs?: number): Asset {
  host.files.set(`/${name}`, { body, mime });
  sha[name] = sha256(body);
  return { sha256: sha256(body), bytes: body.length, mime, width, height, url: host.url(`/${name}`), ...(durationMs ? { durationMs } : {}) };
}

function campaign(id: string, priority: number, colour: [string, string], creatives: Creative[]): Campaign {
  const now = Date.now();
  return {
    id, title: { zh: id, en: id }, subtitle: { zh: '测试', en: 'test' }, storeId: null, couponIds: [], colours: colour,
    startsAt: new Date(now - 3_600_000).toISOString(), endsAt: new Date(now + 86_400_000).toISOString(), priority, creatives,
  };
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  work = mkdtempSync(path.join(tmpdir(), 'atrium-content-media-'));
  const f = (n: string) => path.join(work, n);
  makeImage(f('portrait.png'), '1080x1920', colours.portraitImage);
  makeImage(f('landscape.jpg'), '1920x1080', colours.landscapeImage);
  makeVideo(f('portrait.mp4'), '1080x1920', colours.portraitVideo, 3);
  makeVideo(f('landscape.mp4'), '1920x1080', colours.landscapeVideo, 6);

  host = await startContentHost();
  const assets = [
    hosted('portrait.png', readFileSync(f('portrait.png')), 'image/png', 1080, 1920),
    hosted('landscape.jpg', readFileSync(f('landscape.jpg')), 'image/jpeg', 1920, 1080),
    hosted('portrait.mp4', readFileSync(f('portrait.mp4')), 'video/mp4', 1080, 1920, 3000),
    hosted('landscape.mp4', readFileSync(f('landscape.mp4')), 'video/mp4', 1920, 1080, 6000),
    // Bytes that are no video, served and verified as one: the page must skip it.
    hosted('garbage.mp4', randomBytes(64 * 1024), 'video/mp4', 1080, 1920, 3000),
  ];
  // An asset the host never has (404): its campaign never gets a ready creative.
  const missing: Asset = { sha256: 'e'.repeat(64), bytes: 1000, mime: 'image/png', width: 1080, height: 1920, url: host.url('/missing.png') };
  const snap = snapshotWith(1, [
    campaign('cp-image', 90, ['#123456', '#654321'], [
      { id: 'cr-image-p', orientation: 'portrait', asset: sha['portrait.png']!, playback: 'once', durationSec: 3 },
      { id: 'cr-image-l', orientation: 'landscape', asset: sha['landscape.jpg']!, playback: 'once', durationSec: 3 },
    ]),
    campaign('cp-video', 80, ['#123456', '#654321'], [
      { id: 'cr-video-p', orientation: 'portrait', asset: sha['portrait.mp4']!, playback: 'once' },
      { id: 'cr-video-l', orientation: 'landscape', asset: sha['landscape.mp4']!, playback: 'once' },
    ]),
    campaign('cp-missing', 70, ['#B71C1C', '#B71C1C'], [{ id: 'cr-missing', orientation: 'portrait', asset: missing.sha256, playback: 'once' }]),
    campaign('cp-corrupt', 60, ['#123456', '#654321'], [
      { id: 'cr-corrupt-p', orientation: 'portrait', asset: sha['garbage.mp4']!, playback: 'once' },
      { id: 'cr-corrupt-l', orientation: 'landscape', asset: sha['garbage.mp4']!, playback: 'once' },
    ]),
  ], [...assets, missing]);
  const dataDir = freshDataDir('atrium-content-ui-');
  const db = openDatabase(dataDir);
  applySnapshot(db, snap, snap.mallId);
  db.close();
  agent = await startAgentProcess({ dataDir, env: { ATRIUM_DEMO: 'false' } });
  // The page lists a creative only once the agent has it verified: wait until it serves every one.
  await expect.poll(async () => {
    const codes = await Promise.all(Object.values(sha).map(async (s) => (await fetch(`${agent.url}content/${s}`, { method: 'HEAD' })).status));
    return codes.every((c) => c === 200);
  }, { timeout: 30_000 }).toBe(true);
});

test.afterAll(async () => {
  await agent?.stop();
  await host?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

type Seen = { serial: string; kind: string; campaign: string; frameReady: boolean };

/** Records every item the attract loop swaps in, and whether its frame was ready (decoded) at that moment. */
async function recordItems(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: unknown[] = [];
    (window as unknown as { __seen: unknown[] }).__seen = seen;
    new MutationObserver((records) => {
      for (const r of records) {
        const el = r.target as HTMLElement;
        if (el.dataset.testid !== 'attract' || r.attributeName !== 'data-item-serial' || el.dataset.itemSerial === '0') continue;
        const media = el.querySelector<HTMLImageElement | HTMLVideoElement>('[data-testid="attract-media"]');
        const frameReady = media === null ? true : media instanceof HTMLVideoElement ? media.readyState >= 2 : media.complete && media.naturalWidth > 0;
        seen.push({ serial: el.dataset.itemSerial, kind: el.dataset.itemKind, campaign: el.dataset.itemCampaign, frameReady });
      }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-item-serial'] });
  });
}

const seenItems = (page: Page) => page.evaluate(() => (window as unknown as { __seen: Seen[] }).__seen);

async function centre(page: Page): Promise<Rgb> {
  const png = decodePng(await page.screenshot({ animations: 'disabled' }));
  return png.at(Math.floor(png.width / 2), Math.floor(png.height / 2));
}

async function expectCentre(page: Page, hex: string): Promise<void> {
  const want = hexRgb(hex);
  // Within 24 of each channel: video goes through YUV 4:2:0 and back.
  await expect.poll(async () => colourDistance(await centre(page), want), { message: `centre pixel near ${hex}` }).toBeLessThan(24);
}

const attract = (page: Page) => page.getByTestId('attract');
const videoTime = (page: Page) => page.locator('[data-testid="attract-media"][data-kind="video"]').evaluate((v: HTMLVideoElement) => v.currentTime);

type Row = ContentPlayed & { rowid: number };
function playedRows(after = 0): Row[] {
  return queryDb<{ rowid: number; payload: string }>(agent.dataDir, "SELECT rowid, payload FROM outbox WHERE type = 'content.played' AND rowid > ? ORDER BY rowid", after)
    .map((r) => ({ ...ContentPlayed.parse(JSON.parse(r.payload)), rowid: r.rowid }));
}
const lastRowid = () => queryDb<{ n: number | null }>(agent.dataDir, "SELECT max(rowid) AS n FROM outbox WHERE type = 'content.played'")[0]?.n ?? 0;

test('portrait: the image and the video show full screen, a missing asset falls back to the colour card, a bad video is skipped, a touch cuts', async ({ page }) => {
  test.setTimeout(90_000);
  const problems = await watchForProblems(page);
  await recordItems(page);
  const before = lastRowid();
  await openPairedKiosk(page, agent);
  await expect(attract(page)).toHaveAttribute('data-orientation', 'portrait');

  await expect(attract(page)).toHaveAttribute('data-item-kind', 'image');
  await expect(attract(page)).toHaveAttribute('data-item-campaign', 'cp-image');
  await expectCentre(page, colours.portraitImage);
  await saveScreenshot(page, 'content-image-portrait');

  await expect(attract(page)).toHaveAttribute('data-item-kind', 'video', { timeout: 15_000 });
  await expect.poll(() => videoTime(page)).toBeGreaterThan(0.5);
  await expectCentre(page, colours.portraitVideo);
  await saveScreenshot(page, 'content-video-portrait');

  // The campaign whose asset never arrived: its colour card (the slide, and its red in the pixels).
  await expect(attract(page)).toHaveAttribute('data-item-kind', 'card', { timeout: 15_000 });
  await expect(attract(page)).toHaveAttribute('data-item-campaign', 'cp-missing');
  await expect(page.locator('[data-testid="attract-slide"][data-active="true"]')).toHaveAttribute('data-campaign-id', 'cp-missing');
  await expectCentre(page, '#B71C1C');
  await saveScreenshot(page, 'content-card-fallback-portrait');

  // Meanwhile the next one, the "video" that is not one, failed to load out of sight: skipped and reported.
  await expect.poll(() => playedRows(before).filter((r) => r.outcome === 'error').length, { timeout: 15_000 }).toBe(1);
  const error = playedRows(before).find((r) => r.outcome === 'error')!;
  expect(error).toMatchObject({ campaignId: 'cp-corrupt', creativeId: 'cr-corrupt-p', sha256: sha['garbage.mp4'], durationMs: 0, display: { role: 'guide', orientation: 'portrait' } });
  expect(error.detail).toMatch(/video/);

  // Round two starts with the image again (the corrupt campaign skipped); a touch cuts it short.
  await expect.poll(async () => (await seenItems(page)).length, { timeout: 15_000 }).toBe(4);
  await expect(attract(page)).toHaveAttribute('data-item-campaign', 'cp-image');
  await page.mouse.click(540, 960);
  await expect(page.getByTestId('app')).not.toHaveAttribute('data-screen', 'attract');

  await expect.poll(() => playedRows(before).length).toBe(5);
  const rows = playedRows(before).sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt) || a.rowid - b.rowid);
  const seen = await seenItems(page);
  // Every item shown was reported once, in order, and nothing else but the skipped one.
  expect(rows.filter((r) => r.outcome !== 'error').map((r) => r.campaignId)).toEqual(seen.map((s) => s.campaign));
  expect(seen.map((s) => s.kind)).toEqual(['image', 'video', 'card', 'image']);
  // At each switch the new item's frame was already decoded: the old item stayed until then (no black frame).
  expect(seen.every((s) => s.frameReady)).toBe(true);
  // By start: the skipped one failed while the colour card was on screen.
  expect(rows.map((r) => [r.campaignId, r.creativeId, r.outcome])).toEqual([
    ['cp-image', 'cr-image-p', 'completed'],
    ['cp-video', 'cr-video-p', 'completed'],
    ['cp-missing', null, 'completed'],
    ['cp-corrupt', 'cr-corrupt-p', 'error'],
    ['cp-image', 'cr-image-p', 'cut'],
  ]);
  const [image, video, card] = rows.filter((r) => r.outcome === 'completed');
  expect(image).toMatchObject({ sha256: sha['portrait.png'], display: { role: 'guide', orientation: 'portrait' } });
  expect(image!.durationMs).toBeGreaterThanOrEqual(2900);
  expect(video).toMatchObject({ sha256: sha['portrait.mp4'] });
  expect(video!.durationMs).toBeGreaterThanOrEqual(2500);
  expect(card).toMatchObject({ sha256: null, creativeId: null });
  expect(card!.durationMs).toBeGreaterThanOrEqual(6900);
  const cut = rows.find((r) => r.outcome === 'cut')!;
  expect(cut.durationMs).toBeLessThan(3000);
  expectNoProblems(problems);
});

test('landscape: the landscape creatives show at 1920x1080, and a touch during the video cuts it', async ({ page }) => {
  test.setTimeout(60_000);
  await page.setViewportSize({ width: 1920, height: 1080 });
  const problems = await watchForProblems(page);
  await recordItems(page);
  const before = lastRowid();
  await openPairedKiosk(page, agent);
  await expect(attract(page)).toHaveAttribute('data-orientation', 'landscape');
  await expect(attract(page)).toHaveAttribute('data-item-kind', 'image');
  await expectCentre(page, colours.landscapeImage);
  await saveScreenshot(page, 'content-image-landscape');

  await expect(attract(page)).toHaveAttribute('data-item-kind', 'video', { timeout: 15_000 });
  await expect.poll(() => videoTime(page)).toBeGreaterThan(0.5);
  await expectCentre(page, colours.landscapeVideo);
  await saveScreenshot(page, 'content-video-landscape');
  await page.mouse.click(960, 540);
  await expect(page.getByTestId('app')).not.toHaveAttribute('data-screen', 'attract');

  await expect.poll(() => playedRows(before).length).toBe(2);
  expect(playedRows(before).map((r) => [r.campaignId, r.creativeId, r.sha256, r.display.orientation, r.outcome])).toEqual([
    ['cp-image', 'cr-image-l', sha['landscape.jpg'], 'landscape', 'completed'],
    ['cp-video', 'cr-video-l', sha['landscape.mp4'], 'landscape', 'cut'],
  ]);
  expect((await seenItems(page)).map((s) => s.campaign)).toEqual(['cp-image', 'cp-video']);
  expectNoProblems(problems);
});
