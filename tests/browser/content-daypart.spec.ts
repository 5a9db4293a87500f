// Dayparts switch what the attract loop shows when the clock moves (issue 13), in Debian's Chromium against the real
// agent and the real clock: campaign A's daypart ends at the next minute boundary in the mall's zone and B's starts
// then. Before it, A shows (its colour in the pixels, its id on the loop) and B never; the agent tells the page when
// the schedule next changes (promotions.list nextChangeAt) and the page reloads then, so after it B shows and A no
// more. The proof-of-play rows match what was shown, A's all started before the boundary and B's after.
import { expect, test, type Page } from '@playwright/test';
import type { Campaign } from '../../contracts/catalog.ts';
import { ContentPlayed } from '../../contracts/content.ts';
import { localTime } from '../../common/local-time.ts';
import { applySnapshot } from '../../edge-agent/src/sync/apply.ts';
import { openDatabase } from '../../edge-agent/src/db/open.ts';
import { freshDataDir } from '../support/agent-process.ts';
import { snapshotWith } from '../support/content-kit.ts';
import { queryDb } from '../support/sqlite-read.ts';
import { colourDistance, decodePng, hexRgb } from './support/pixels.ts';
import { expectNoProblems, openPairedKiosk, startAgentProcess, watchForProblems, type AgentProcess } from './support/kiosk.ts';

const TZ = 'Asia/Shanghai';
const A = { id: 'cp-morning', colour: '#00C853' };
const B = { id: 'cp-noon', colour: '#2962FF' };
const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7];

let agent: AgentProcess;
let boundary: number;

const hhmm = (t: number) => {
  const l = localTime(new Date(t), TZ);
  return `${String(l.hour).padStart(2, '0')}:${String(l.minute).padStart(2, '0')}`;
};

/** The next minute boundary at least 40 s away that is not local midnight (a daypart 00:00-00:00 is a whole day). */
function pickBoundary(now: number): number {
  let t = Math.ceil(now / 60_000) * 60_000;
  while (t - now < 40_000 || hhmm(t) === '00:00') t += 60_000;
  return t;
}

function campaign(c: { id: string; colour: string }, from: string, to: string): Campaign {
  const now = Date.now();
  return {
    id: c.id, title: { zh: c.id, en: c.id }, subtitle: { zh: '测试', en: 'test' }, storeId: null, couponIds: [], colours: [c.colour, c.colour],
    startsAt: new Date(now - 3_600_000).toISOString(), endsAt: new Date(now + 86_400_000).toISOString(), priority: 50,
    schedule: { dayparts: [{ days: ALL_DAYS, from, to }], weight: 1 },
  } as Campaign;
}

test.beforeAll(async () => {
  boundary = pickBoundary(Date.now());
  const at = hhmm(boundary);
  // A until the boundary (from midnight), B from it until midnight (to 00:00 crosses into the next day's start).
  const snap = snapshotWith(1, [campaign(A, '00:00', at), campaign(B, at, '00:00')], []);
  const dataDir = freshDataDir('atrium-content-daypart-');
  const db = openDatabase(dataDir);
  applySnapshot(db, snap, snap.mallId);
  db.close();
  agent = await startAgentProcess({ dataDir, env: { ATRIUM_DEMO: 'false', ATRIUM_TIME_ZONE: TZ } });
});

test.afterAll(async () => {
  await agent?.stop();
});

const attract = (page: Page) => page.getByTestId('attract');

async function centreNear(page: Page, hex: string): Promise<number> {
  const png = decodePng(await page.screenshot({ animations: 'disabled' }));
  return colourDistance(png.at(Math.floor(png.width / 2), Math.floor(png.height / 2)), hexRgb(hex));
}

/** Every campaign the loop swaps in, with the page's clock at the swap. */
async function recordItems(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: { campaign: string; at: number }[] = [];
    (window as unknown as { __seen: unknown[] }).__seen = seen;
    new MutationObserver((records) => {
      for (const r of records) {
        const el = r.target as HTMLElement;
        if (el.dataset.testid !== 'attract' || r.attributeName !== 'data-item-serial' || el.dataset.itemSerial === '0') continue;
        seen.push({ campaign: el.dataset.itemCampaign ?? '', at: Date.now() });
      }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-item-serial'] });
  });
}
const seenItems = (page: Page) => page.evaluate(() => (window as unknown as { __seen: { campaign: string; at: number }[] }).__seen);

function playedRows(): ContentPlayed[] {
  return queryDb<{ payload: string }>(agent.dataDir, "SELECT payload FROM outbox WHERE type = 'content.played' ORDER BY rowid")
    .map((r) => ContentPlayed.parse(JSON.parse(r.payload)));
}

test('a daypart boundary switches the loop from A to B without a reload, and proof of play follows', async ({ page }) => {
  test.setTimeout(180_000);
  const problems = await watchForProblems(page);
  await recordItems(page);
  await openPairedKiosk(page, agent);

  // Before the boundary: A, in the data and in the pixels; B nowhere.
  await expect(attract(page)).toHaveAttribute('data-item-campaign', A.id);
  await expect.poll(() => centreNear(page, A.colour), { message: 'A\'s colour at the centre' }).toBeLessThan(24);
  expect(Date.now()).toBeLessThan(boundary);
  expect((await seenItems(page)).map((s) => s.campaign)).not.toContain(B.id);

  // After it: B, with no reload of the page and no touch.
  await expect(attract(page)).toHaveAttribute('data-item-campaign', B.id, { timeout: boundary - Date.now() + 30_000 });
  await expect.poll(() => centreNear(page, B.colour), { message: 'B\'s colour at the centre' }).toBeLessThan(24);
  expect(Date.now()).toBeGreaterThanOrEqual(boundary);
  // One more B item, so A had its chance to come back had the page not followed the schedule.
  const seenAtB = (await seenItems(page)).length;
  await expect.poll(async () => (await seenItems(page)).length, { timeout: 30_000 }).toBeGreaterThan(seenAtB);
  await page.mouse.click(540, 960);
  await expect(page.getByTestId('app')).not.toHaveAttribute('data-screen', 'attract');

  const seen = await seenItems(page);
  const firstB = seen.findIndex((s) => s.campaign === B.id);
  expect(firstB).toBeGreaterThan(0);
  expect(seen.slice(0, firstB).every((s) => s.campaign === A.id && s.at < boundary)).toBe(true);
  expect(seen.slice(firstB).every((s) => s.campaign === B.id && s.at >= boundary)).toBe(true);

  // Proof of play: one row per item shown, in order; A's started before the boundary, B's at or after it.
  await expect.poll(() => playedRows().length).toBe(seen.length);
  const rows = playedRows();
  expect(rows.map((r) => r.campaignId)).toEqual(seen.map((s) => s.campaign));
  for (const r of rows) {
    if (r.campaignId === A.id) expect(Date.parse(r.startedAt)).toBeLessThan(boundary);
    else expect(Date.parse(r.startedAt)).toBeGreaterThanOrEqual(boundary);
  }
  expect(rows.at(-1)?.outcome).toBe('cut');
  expectNoProblems(problems);
});
