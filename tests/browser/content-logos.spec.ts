// Store logos and the wall's artwork (issue 13), in Debian's Chromium against the real agent: a PNG and a JPEG logo
// and the wall's artwork (an image, then a looping video) made by ffmpeg at test time, served by a content host the
// test runs, downloaded and verified by the agent, and checked in the pixels of screenshots. A store with no logo, one
// whose logo is missing on the host, one whose logo arrives with the wrong bytes (never served) and one whose verified
// file is no image all keep their coloured initial; artwork that cannot be decoded leaves the wall's drawn backdrop.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Asset } from '../../contracts/content.ts';
import { freshDataDir } from '../support/agent-process.ts';
import { sha256, startContentHost, type ContentHost } from '../support/content-kit.ts';
import {
  applyToKiosk, campaignShowing, catalogWith, drawClip, drawStill, hostAsset, storeWith, waitFailed, waitServed,
} from '../support/logo-kit.ts';
import { colourDistance, decodePng, hexRgb, type Decoded } from './support/pixels.ts';
import { expectNoProblems, openPairedKiosk, saveScreenshot, screen, startAgentProcess, watchForProblems, type AgentProcess } from './support/kiosk.ts';
import { skipWithout } from './support/needs.ts';
import { wallRoot } from './support/wall.ts';

skipWithout();

const colour = { png: '#1565C0', jpeg: '#2E7D32', artwork: '#00897B', video: '#5E35B1' } as const;
const initialColour = { none: '#C62828', missing: '#EF6C00', corrupt: '#6A1B9A', notImage: '#455A64', tiles: '#FFB300' } as const;

let host: ContentHost;
let work: string;
const a: Record<string, Asset> = {};

test.beforeAll(async () => {
  test.setTimeout(60_000);
  work = mkdtempSync(path.join(tmpdir(), 'atrium-logos-'));
  const f = (n: string) => path.join(work, n);
  host = await startContentHost();
  a.png = hostAsset(host, 'logo.png', drawStill(f('logo.png'), 256, 256, colour.png), 'image/png', 256, 256);
  // A wide logo: drawn whole (contain), so the white tile shows above and below it.
  a.jpeg = hostAsset(host, 'logo.jpg', drawStill(f('logo.jpg'), 400, 160, colour.jpeg), 'image/jpeg', 400, 160);
  a.missing = { ...a.png, sha256: 'd'.repeat(64), url: host.url('/gone.png') };
  // The catalog names one file; the host sends other bytes under its URL: the sha256 check refuses it, every time.
  const real = drawStill(f('corrupt-real.png'), 256, 256, '#000000');
  a.corrupt = hostAsset(host, 'corrupt.png', drawStill(f('corrupt-wire.png'), 256, 256, '#FF00FF'), 'image/png', 256, 256, { sha: sha256(real) });
  // Bytes that are no image, verified as named: the agent serves them, the page cannot decode them.
  a.notImage = hostAsset(host, 'noise.png', randomBytes(20_000), 'image/png', 256, 256);
  a.artwork = hostAsset(host, 'wall.jpg', drawStill(f('wall.jpg'), 1920, 1080, colour.artwork), 'image/jpeg', 1920, 1080);
  a.artworkPortrait = hostAsset(host, 'wall-p.png', drawStill(f('wall-p.png'), 1080, 1920, '#FFFFFF'), 'image/png', 1080, 1920);
  a.video = hostAsset(host, 'wall.mp4', drawClip(f('wall.mp4'), 1920, 1080, colour.video, 2), 'video/mp4', 1920, 1080, { durationMs: 2000 });
  a.artworkNoise = hostAsset(host, 'wall-noise.jpg', randomBytes(30_000), 'image/jpeg', 1920, 1080);
});

test.afterAll(async () => {
  await host?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

const stores = () => [
  storeWith('s-png', 'A01', { zh: '蓝鲸文具', en: 'Blue Whale Stationery' }, initialColour.tiles, a.png!.sha256),
  storeWith('s-jpeg', 'A02', { zh: '绿野茶饮', en: 'Green Field Tea' }, initialColour.tiles, a.jpeg!.sha256),
  storeWith('s-none', 'A03', { zh: '红枫书店', en: 'Maple Books' }, initialColour.none),
  storeWith('s-missing', 'A04', { zh: '橙子鞋履', en: 'Orange Shoes' }, initialColour.missing, a.missing!.sha256),
  storeWith('s-corrupt', 'A05', { zh: '紫藤花艺', en: 'Wisteria Florist' }, initialColour.corrupt, a.corrupt!.sha256),
  storeWith('s-noise', 'A06', { zh: '灰雀眼镜', en: 'Sparrow Optics' }, initialColour.notImage, a.notImage!.sha256),
];
const promo = () => campaignShowing('cp-winter', { zh: '冬季上新', en: 'Winter arrivals' }, ['#8E24AA', '#3949AB']);
const landscape = (id: string, asset: Asset, playback: 'loop' | 'once' = 'once') => ({ id, orientation: 'landscape' as const, asset: asset.sha256, playback });

async function shot(page: Page): Promise<Decoded> {
  return decodePng(await page.screenshot({ animations: 'disabled' }));
}

/** The colours of a row's logo box: at its centre, and at the middle of its top edge (inside the tile's padding). */
async function logoPixels(page: Page, png: Decoded, storeId: string): Promise<{ centre: string; top: string }> {
  const box = (await page.locator(`[data-store-id="${storeId}"] [data-testid="store-logo"]`).boundingBox())!;
  const at = (x: number, y: number) => png.at(Math.round(x), Math.round(y));
  const hex = (rgb: [number, number, number]) => `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
  return { centre: hex(at(box.x + box.width / 2, box.y + box.height / 2)), top: hex(at(box.x + box.width / 2, box.y + box.height * 0.1)) };
}

const near = (got: string, want: string, within = 24) => colourDistance(hexRgb(got), hexRgb(want)) < within;

test('directory: a verified PNG or JPEG logo is drawn on a white tile; no logo, a missing one, wrong bytes and a non-image keep the initial', async ({ page }) => {
  test.setTimeout(120_000);
  const dataDir = freshDataDir('atrium-logos-guide-');
  applyToKiosk(dataDir, catalogWith(1, { stores: stores(), campaigns: [promo()], assets: Object.values(a), wallArtwork: [] }));
  const agent = await startAgentProcess({ dataDir, env: { ATRIUM_DEMO: 'false' } });
  try {
    await waitServed(agent.url, [a.png!.sha256, a.jpeg!.sha256, a.notImage!.sha256]);
    // The agent has tried the missing and the lying logos and refused them (not merely not got to them yet).
    expect(await waitFailed(dataDir, a.missing!.sha256)).toMatch(/404/);
    expect(await waitFailed(dataDir, a.corrupt!.sha256)).toMatch(/sha256/i);
    expect((await fetch(`${agent.url}content/${a.corrupt!.sha256}`)).status).toBe(404);

    const problems = await watchForProblems(page);
    const asked: string[] = [];
    page.on('request', (r) => { if (r.url().includes('/content/')) asked.push(new URL(r.url()).pathname); });
    await openPairedKiosk(page, agent);
    await page.getByTestId('attract').click();
    await expect(screen(page)).toHaveAttribute('data-screen', 'home');
    await expect(page.getByTestId('store-row')).toHaveCount(6);
    const logo = (id: string) => page.locator(`[data-store-id="${id}"] [data-testid="store-logo"]`);
    await expect(logo('s-png')).toHaveAttribute('data-logo', 'image');
    await expect(logo('s-jpeg')).toHaveAttribute('data-logo', 'image');
    // Not an image after all: it tried, failed to decode, and went back to the initial.
    await expect(logo('s-noise')).toHaveAttribute('data-logo', 'initial');
    for (const id of ['s-none', 's-missing', 's-corrupt']) await expect(logo(id)).toHaveAttribute('data-logo', 'initial');
    // The page asked only for what the agent had verified; never for the missing or the lying one.
    expect(new Set(asked)).toEqual(new Set([a.png, a.jpeg, a.notImage].map((x) => `/content/${x!.sha256}`)));

    const png = decodePng(await saveScreenshot(page, 'content-logos-directory').then((file) => readFileSync(file)));
    const px = { png: await logoPixels(page, png, 's-png'), jpeg: await logoPixels(page, png, 's-jpeg'), none: await logoPixels(page, png, 's-none') };
    // The square PNG fills the tile inside its padding; the wide JPEG is drawn whole, white tile above and below.
    expect(near(px.png.centre, colour.png), `PNG logo centre ${px.png.centre}`).toBe(true);
    expect(near(px.jpeg.centre, colour.jpeg), `JPEG logo centre ${px.jpeg.centre}`).toBe(true);
    expect(near(px.jpeg.top, '#FFFFFF', 8), `white tile above the wide logo ${px.jpeg.top}`).toBe(true);
    expect(near(px.none.top, initialColour.none, 8), `initial tile ${px.none.top}`).toBe(true);
    await expect(page.locator('[data-store-id="s-none"] [data-testid="store-logo"]')).toHaveText('红');
    // Lower rows may sit under the list's fade at the bottom (how far down depends on what the home screen shows
    // above the directory): each is found by a search, so it is the only row, and sampled there.
    const alone = async (name: string, id: string) => {
      await page.getByTestId('search-input').fill(name);
      // The search is debounced: wait for this store's row, then for it to be the only one.
      await expect(page.locator(`[data-store-id="${id}"] [data-testid="store-logo"]`)).toBeVisible();
      await expect(page.getByTestId('store-row')).toHaveCount(1);
      await page.getByTestId('search-input').blur();
      return logoPixels(page, await shot(page), id);
    };
    for (const [name, id, initial] of [['橙子', 's-missing', initialColour.missing], ['紫藤', 's-corrupt', initialColour.corrupt], ['灰雀', 's-noise', initialColour.notImage]] as const) {
      const tile = await alone(name, id);
      expect(near(tile.top, initial, 8), `${id}: initial tile ${tile.top}`).toBe(true);
    }
    await page.getByTestId('search-input').fill('');
    await expect(page.getByTestId('store-row')).toHaveCount(6);

    await page.getByTestId('lang-en').click();
    await expect(page.locator('[data-store-id="s-none"] [data-testid="store-logo"]')).toHaveText('M');
    await expect(logo('s-png')).toHaveAttribute('data-logo', 'image');
    await saveScreenshot(page, 'content-logos-directory-en');
    expectNoProblems(problems);
  } finally {
    await agent.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

type Wall = { agent: AgentProcess; page: Page; open(): Promise<unknown> };

/** A wall agent on `dataDir` and a 1920x1080 page to pair with it, for `body`; no page problems; both closed after. */
async function withWall(browser: Browser, dataDir: string, env: Record<string, string>, body: (w: Wall) => Promise<void>): Promise<void> {
  const agent = await startAgentProcess({ dataDir, env: { ATRIUM_DEMO: 'false', ATRIUM_ROLE: 'wall', ATRIUM_EXPRESSION_MODE: 'opt-in', ...env }, timeoutMs: 30_000 });
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', hasTouch: true });
  try {
    const page = await context.newPage();
    const problems = await watchForProblems(page);
    await body({ agent, page, open: async () => page.goto(await agent.pairUrl()) });
    expectNoProblems(problems);
  } finally {
    await context.close();
    await agent.stop();
  }
}

const artwork = (page: Page) => page.getByTestId('wall-artwork');
const pixel = async (page: Page, x: number, y: number) => {
  const rgb = (await shot(page)).at(x, y);
  return `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
};

test('wall: its verified artwork shows behind attract and promotions (image, then a looping video); a file that will not decode leaves the drawn backdrop', async ({ browser }) => {
  test.setTimeout(240_000);
  const dataDir = freshDataDir('atrium-logos-wall-');
  // The missing landscape artwork comes first in the catalog: the agent lists only the verified one.
  applyToKiosk(dataDir, catalogWith(1, {
    stores: [], campaigns: [promo()], assets: Object.values(a),
    wallArtwork: [landscape('art-missing', a.missing!), landscape('art-image', a.artwork!), { ...landscape('art-portrait', a.artworkPortrait!), orientation: 'portrait' }],
  }));
  try {
    await withWall(browser, dataDir, {}, async (w) => {
      await waitServed(w.agent.url, [a.artwork!.sha256, a.artworkPortrait!.sha256]);
      await w.open();
      await expect(wallRoot(w.page)).toHaveAttribute('data-wall-view', 'attract');
      await expect(artwork(w.page)).toHaveAttribute('data-artwork', 'image');
      // The landscape one, not the portrait one (first in its orientation), where no words are (top left).
      await expect(artwork(w.page)).toHaveAttribute('data-artwork-id', 'art-image');
      await expect.poll(() => pixel(w.page, 40, 40).then((p) => near(p, colour.artwork))).toBe(true);
      await saveScreenshot(w.page, 'content-wall-artwork-attract');
    });

    // Camera off: the promotions, each slide fading out to the right where the artwork shows.
    await withWall(browser, dataDir, { ATRIUM_CAMERA: 'false', ATRIUM_LANGUAGE: 'en' }, async (w) => {
      await w.open();
      await expect(wallRoot(w.page)).toHaveAttribute('data-wall-view', 'promotions');
      await expect(artwork(w.page)).toHaveAttribute('data-artwork', 'image');
      await expect(w.page.getByTestId('wall-promotions')).toContainText('Winter arrivals');
      await expect.poll(() => pixel(w.page, 1890, 540).then((p) => near(p, colour.artwork))).toBe(true);
      await saveScreenshot(w.page, 'content-wall-artwork-promotions-en');
    });

    // HQ sends a looping video first: muted, looping, playing, painted.
    applyToKiosk(dataDir, catalogWith(2, { stores: [], campaigns: [promo()], assets: Object.values(a), wallArtwork: [landscape('art-video', a.video!, 'loop'), landscape('art-image', a.artwork!)] }));
    await withWall(browser, dataDir, { ATRIUM_LANGUAGE: 'en' }, async (w) => {
      await waitServed(w.agent.url, [a.video!.sha256]);
      await w.open();
      await expect(wallRoot(w.page)).toHaveAttribute('data-wall-view', 'attract');
      await expect(artwork(w.page)).toHaveAttribute('data-artwork', 'video');
      const video = artwork(w.page).locator('video');
      expect(await video.evaluate((v: HTMLVideoElement) => ({ muted: v.muted, loop: v.loop }))).toEqual({ muted: true, loop: true });
      // Past its 2 s end it starts over (its time goes back) and plays on: it loops.
      const wrapped = await video.evaluate((v: HTMLVideoElement) => new Promise<boolean>((resolve) => {
        let last = v.currentTime;
        v.addEventListener('timeupdate', () => {
          if (v.currentTime < last) resolve(!v.paused && !v.ended);
          last = v.currentTime;
        });
      }));
      expect(wrapped).toBe(true);
      await expect.poll(() => pixel(w.page, 40, 40).then((p) => near(p, colour.video))).toBe(true);
      await saveScreenshot(w.page, 'content-wall-artwork-video-attract-en');
    });

    await withWall(browser, dataDir, { ATRIUM_CAMERA: 'false' }, async (w) => {
      await w.open();
      await expect(wallRoot(w.page)).toHaveAttribute('data-wall-view', 'promotions');
      await expect(artwork(w.page)).toHaveAttribute('data-artwork', 'video');
      await expect(w.page.getByTestId('wall-promotions')).toContainText('冬季上新');
      await expect.poll(() => pixel(w.page, 1890, 540).then((p) => near(p, colour.video))).toBe(true);
      await saveScreenshot(w.page, 'content-wall-artwork-promotions');
    });

    // Verified bytes that are no image: tried, failed, and the drawn backdrop stays.
    applyToKiosk(dataDir, catalogWith(3, { stores: [], campaigns: [promo()], assets: Object.values(a), wallArtwork: [landscape('art-noise', a.artworkNoise!)] }));
    await withWall(browser, dataDir, {}, async (w) => {
      await waitServed(w.agent.url, [a.artworkNoise!.sha256]);
      await w.open();
      await expect(wallRoot(w.page)).toHaveAttribute('data-wall-view', 'attract');
      await expect(artwork(w.page)).toHaveAttribute('data-artwork', 'failed');
      const corner = await pixel(w.page, 40, 40);
      expect(near(corner, colour.artwork, 60) || near(corner, colour.video, 60), `drawn backdrop, not artwork: ${corner}`).toBe(false);
      await expect(artwork(w.page).locator('img, video')).toHaveCount(0);
      await saveScreenshot(w.page, 'content-wall-artwork-fallback');
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
