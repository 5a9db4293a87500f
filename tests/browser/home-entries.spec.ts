// The guide home and the member home with every entry the demo HQ turns on (member scan, map, find my car, survey,
// lottery, feedback), at 1080x1920 and 1920x1080 in Chinese and English, against the real agent and the demo HQ
// (the HQ simulator on Debian Mosquitto). Screenshots go to reports/screenshots/ for people to open; the checks are
// the layout's promises: no entry overlaps another or leaves the screen, the secondary entries are equal tiles on
// one line each, the member-scan entry stays the biggest, and the portrait guide home keeps at least four store rows
// of the directory in view.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { memberToken } from '../support/member-fixture.ts';
import { useAgentWithDemoHq } from './support/demoHq.ts';
import { expectNoProblems, openPairedKiosk, saveScreenshot, screen, watchForProblems } from './support/kiosk.ts';
import { skipWithout } from './support/needs.ts';
import { scanWithWedge } from './support/wedge.ts';

skipWithout('mosquitto');

const kiosk = useAgentWithDemoHq('atrium-home-entries-');

type Box = { x: number; y: number; width: number; height: number };
const boxOf = async (l: Locator): Promise<Box> => (await l.boundingBox())!;
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;

/** Every entry is on screen, none overlaps another, and each title is one line (no word broken over two). */
async function expectEntriesLaidOut(page: Page, ids: string[]): Promise<Box[]> {
  const viewport = page.viewportSize()!;
  const boxes: Box[] = [];
  for (const id of ids) {
    const entry = page.getByTestId(id);
    await expect(entry).toBeVisible();
    const b = await boxOf(entry);
    expect(b.x, id).toBeGreaterThanOrEqual(0);
    expect(b.x + b.width, id).toBeLessThanOrEqual(viewport.width);
    expect(b.y + b.height, id).toBeLessThanOrEqual(viewport.height);
    for (const [i, other] of boxes.entries()) expect(overlaps(b, other), `${id} overlaps ${ids[i]}`).toBe(false);
    boxes.push(b);
  }
  return boxes;
}

/**
 * The secondary entries (all but the member-scan one) are tiles of one size, their titles on one line. In landscape
 * they go two abreast and an odd last one takes the whole row (`lastSpans`).
 */
async function expectEqualTiles(page: Page, ids: string[], lastSpans: boolean): Promise<void> {
  const boxes = await Promise.all(ids.map((id) => boxOf(page.getByTestId(id))));
  for (const [i, b] of boxes.entries()) {
    if (lastSpans && i === boxes.length - 1) expect(b.width, `${ids[i]} spans the row`).toBeGreaterThan(2 * boxes[0]!.width);
    else expect(Math.abs(b.width - boxes[0]!.width), `${ids[i]} width`).toBeLessThan(2);
    expect(Math.abs(b.height - boxes[0]!.height), `${ids[i]} height`).toBeLessThan(2);
    const title = page.getByTestId(ids[i]!).locator('.map-entry__title');
    const lines = await title.evaluate((el) => Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)));
    expect(lines, `${ids[i]} title lines`).toBe(1);
    // ...and whole: not cut to an ellipsis.
    expect(await title.evaluate((el) => el.scrollWidth <= el.clientWidth), `${ids[i]} title cut`).toBe(true);
  }
}

const GUIDE_TILES = ['map-open', 'parking-open', 'survey-open', 'lottery-open', 'feedback-open'];

const sizes = [
  { orientation: 'portrait', width: 1080, height: 1920 },
  { orientation: 'landscape', width: 1920, height: 1080 },
] as const;

for (const size of sizes) {
  test(`guide home with every entry at ${size.width}x${size.height}, zh and en`, async ({ page }) => {
    const problems = await watchForProblems(page);
    await page.setViewportSize({ width: size.width, height: size.height });
    await openPairedKiosk(page, kiosk.agent);
    await page.getByTestId('attract').click();
    await expect(screen(page)).toHaveAttribute('data-screen', 'home');
    await expect(page.getByTestId('store-row')).toHaveCount(36);
    for (const lang of ['zh', 'en'] as const) {
      if (lang === 'en') await page.getByTestId('lang-en').click();
      await expect(page.getByTestId('lang-' + lang)).toHaveAttribute('aria-pressed', 'true');
      await expect(page.getByTestId('lottery-open')).toBeVisible();
      await expect(page.getByTestId('survey-open')).toBeVisible();
      await saveScreenshot(page, `${size.orientation}-home-entries-${lang}`);
      const boxes = await expectEntriesLaidOut(page, ['member-scan-open', ...GUIDE_TILES]);
      await expectEqualTiles(page, GUIDE_TILES, size.orientation === 'landscape' && GUIDE_TILES.length % 2 === 1);
      if (size.orientation === 'landscape') {
        // The promotions below the entries keep a whole card in view.
        const card = await boxOf(page.locator('.promo-card').first());
        expect(card.y + card.height).toBeLessThanOrEqual(size.height);
      }
      // The member-scan entry stays the prominent one: the biggest, and across the whole width the tiles take.
      const area = (b: Box) => b.width * b.height;
      for (const tile of boxes.slice(1)) expect(area(boxes[0]!)).toBeGreaterThan(area(tile));
      expect(boxes[0]!.width).toBeGreaterThanOrEqual(Math.max(...boxes.slice(1).map((b) => b.x + b.width)) - boxes[0]!.x - 1);
      // The directory keeps room for at least four whole store rows below the entries.
      const list = await boxOf(page.getByTestId('directory').locator('.store-list'));
      const rows = await page.getByTestId('store-row').evaluateAll((els, bottom) => els.filter((e) => e.getBoundingClientRect().bottom <= bottom).length, list.y + list.height);
      expect(rows, 'store rows in view').toBeGreaterThanOrEqual(4);
    }
    expectNoProblems(problems);
  });

  test(`member home with its entries at ${size.width}x${size.height}, zh and en`, async ({ page }) => {
    const problems = await watchForProblems(page);
    await page.setViewportSize({ width: size.width, height: size.height });
    await openPairedKiosk(page, kiosk.agent);
    await scanWithWedge(page, memberToken(kiosk.hqKey, 'M1002', 'silver'));
    await expect(screen(page)).toHaveAttribute('data-screen', 'member');
    await expect(page.getByTestId('member-home')).toHaveAttribute('data-freshness', 'hq');
    for (const lang of ['zh', 'en'] as const) {
      if (lang === 'en') await page.getByTestId('lang-en').click();
      await expect(page.getByTestId('lang-' + lang)).toHaveAttribute('aria-pressed', 'true');
      await expectEntriesLaidOut(page, ['survey-open', 'lottery-open']);
      await saveScreenshot(page, `${size.orientation}-member-home-entries-${lang}`);
    }
    expectNoProblems(problems);
  });
}
