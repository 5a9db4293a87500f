// Wayfinding on the guide screen, against a real agent with the demo mall's map (星河广场, B1-6F): a store in the
// directory -> "Take me there" -> the route on the SVG map -> the "to 5F" step shows 5F and its leg -> the QR reads
// back (zbarimg) to a link naming the store -> step-free takes the lift -> nearest restroom -> a place missing from
// the map says so. Screenshots at 1080x1920 and 1920x1080 in both languages, for people to open and judge.
import { expect, test, type Page } from '@playwright/test';
import { expectNoProblems, openPairedKiosk, saveScreenshot, screen, startAgentProcess, watchForProblems, type AgentProcess } from './support/kiosk.ts';
import { zbarRead } from './support/qrClip.ts';
import { skipWithout } from './support/needs.ts';

skipWithout();

let agent: AgentProcess;
test.beforeAll(async () => { agent = await startAgentProcess(); });
test.afterAll(async () => { await agent.stop(); });

/** Wakes the kiosk and waits until the home screen says the map is loaded (the positive signal, no sleeps). */
async function home(page: Page): Promise<void> {
  await openPairedKiosk(page, agent);
  await page.getByTestId('attract').click();
  await expect(screen(page)).toHaveAttribute('data-screen', 'home');
  await expect(page.getByTestId('map-open')).toHaveAttribute('data-ready', 'true');
}

async function takeMeThere(page: Page, query: string, storeId: string): Promise<void> {
  await page.getByTestId('search-input').fill(query);
  const row = page.locator(`[data-testid="store-row"][data-store-id="${storeId}"]`);
  await expect(page.getByTestId('store-row')).toHaveCount(1);
  await row.getByTestId('take-me-there').click();
  await expect(screen(page)).toHaveAttribute('data-screen', 'map');
  await expect(page.getByTestId('route-panel')).toHaveAttribute('data-to', storeId);
}

/** The QR element as a PNG, read by zbarimg (an independent decoder). */
async function readRouteQr(page: Page, name: string): Promise<string[]> {
  const qr = page.getByTestId('route-qr');
  await expect(qr).toBeVisible();
  const file = test.info().outputPath(`${name}.png`);
  await qr.locator('svg').screenshot({ path: file });
  return zbarRead(file);
}

const steps = (page: Page) => page.getByTestId('route-step');

test('directory → Take me there → route across floors, the 5F step, the QR, step-free, nearest restroom, unknown place', async ({ page }) => {
  const problems = await watchForProblems(page);
  await home(page);
  // 粤海酒家 is on 5F; the quickest way from the 1F kiosk is four escalators, the step-free way the lift.
  await takeMeThere(page, '粤海', 's-cantonese');

  await expect(page.getByTestId('route-title')).toHaveText('前往 粤海酒家');
  await expect(steps(page).last()).toHaveText(/到达 粤海酒家/);
  await expect(page.getByTestId('route-total')).toHaveText(/全程约 \d+ 米 · 步行约 \d+ 分钟/);
  // The first leg is drawn on the kiosk's level (1F), with "you are here" on it; every level of the route is marked.
  await expect(page.getByTestId('level-1F')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('route-line')).toHaveCount(1);
  await expect(page.getByTestId('you-are-here')).toBeVisible();
  for (const f of ['1F', '2F', '3F', '4F', '5F']) await expect(page.getByTestId(`level-${f}`)).toHaveAttribute('data-on-route', 'true');
  await expect(page.getByTestId('level-B1')).toHaveAttribute('data-on-route', 'false');
  // Shops are labelled with their names on the map.
  await expect(page.locator('.map-label', { hasText: '流光美妆' })).toBeVisible();
  await saveScreenshot(page, 'portrait-map-route');

  // The step that rides up to 5F shows 5F, with the 5F leg and the destination.
  await steps(page).filter({ hasText: '乘扶梯到 5F' }).click();
  await expect(page.getByTestId('level-5F')).toHaveAttribute('aria-pressed', 'true');
  const level5F = await page.getByTestId('floor-map').getAttribute('data-level-id');
  await expect(page.getByTestId('route-leg')).toHaveAttribute('data-level-id', level5F!);
  await expect(page.getByTestId('route-line')).toBeVisible();
  await expect(page.getByTestId('route-destination')).toBeVisible();
  await expect(page.locator(`[data-testid="map-level"][data-level-id="${level5F}"] .map-label`, { hasText: '粤海酒家' })).toBeVisible();
  await expect(page.getByTestId('route-leg-label')).toHaveText('第 5/5 段 · 5F');
  await expect(page.getByTestId('route-next')).toBeDisabled();
  await saveScreenshot(page, 'portrait-map-5f');

  // The QR hands the route to a phone: a link naming the store, nothing about the shopper.
  const read = await readRouteQr(page, 'route-qr');
  expect(read).toHaveLength(1);
  expect(read[0]).toContain('to=s-cantonese');
  expect(read[0]).toBe(await page.getByTestId('route-qr').getAttribute('data-url'));

  // Step-free: the same place by lift, no escalator anywhere in the steps.
  await page.getByTestId('step-free').click();
  await expect(page.getByTestId('step-free')).toHaveAttribute('aria-checked', 'true');
  await expect(steps(page).filter({ hasText: '乘电梯到 5F' })).toHaveCount(1);
  await expect(steps(page).filter({ hasText: '扶梯' })).toHaveCount(0);
  await expect(page.getByTestId('level-1F')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('level-3F')).toHaveAttribute('data-on-route', 'false');
  expect(await readRouteQr(page, 'route-qr-step-free')).toEqual([expect.stringContaining('stepFree=1')]);
  // "Next" walks the legs: the lift's far end is 5F.
  await page.getByTestId('route-next').click();
  await expect(page.getByTestId('level-5F')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('step-free').click();

  // Nearest restroom, from the map's own buttons.
  await page.getByTestId('nearest-restroom').click();
  await expect(page.getByTestId('route-title')).toHaveText(/前往 .*洗手间/);
  await expect(page.getByTestId('route-line')).toHaveCount(1);
  await expect(page.getByTestId('level-1F')).toHaveAttribute('aria-pressed', 'true');

  // Pan and zoom move one transform; the buttons zoom and re-centre.
  const view = page.getByTestId('map-view');
  // The fit follows the map's box, which settles once the route panel below has laid out: read it when two reads in
  // a row agree (it moved between the route and this read once in CI).
  let last: string | null = null;
  await expect.poll(async () => { const t = await view.getAttribute('transform'); const settled = t === last; last = t; return settled; }, { intervals: [100] }).toBe(true);
  const fitted = last!;
  await page.getByTestId('map-zoom-in').click();
  await expect(view).not.toHaveAttribute('transform', fitted!);
  await page.getByTestId('map-recentre').click();
  await expect(view).toHaveAttribute('transform', fitted!);

  expectNoProblems(problems);

  // Back home, then a store the map does not have (as if the catalog named a shop the map lacks). The browser logs
  // the refusal's HTTP 400 itself; that one line is the only console error allowed.
  await page.getByTestId('map-back').click();
  await expect(screen(page)).toHaveAttribute('data-screen', 'home');
  await page.route('**/api/v1/map.route', (route) => route.continue({ postData: JSON.stringify({ ...route.request().postDataJSON(), to: 's-not-on-the-map' }) }));
  await page.getByTestId('search-input').fill('火锅');
  await expect(page.getByTestId('store-row')).toHaveCount(1);
  await page.getByTestId('take-me-there').click();
  await expect(screen(page)).toHaveAttribute('data-screen', 'map');
  await expect(page.getByTestId('route-error')).toHaveText('地图上暂时找不到这个地点，请咨询服务台');
  await page.unroute('**/api/v1/map.route');
  expect(problems.consoleErrors).toEqual([expect.stringContaining('status of 400')]);
  expectNoProblems({ ...problems, consoleErrors: [] });
});

test('a promotion with a store takes the shopper there', async ({ page }) => {
  const problems = await watchForProblems(page);
  await home(page);
  const go = page.locator('[data-testid="promotion-take-me-there"][data-store-id="s-hotpot"]');
  await go.click();
  await expect(screen(page)).toHaveAttribute('data-screen', 'map');
  await expect(page.getByTestId('route-title')).toHaveText('前往 蜀香火锅');
  await expect(steps(page).filter({ hasText: '乘电梯到 5F' })).toHaveCount(1);
  expectNoProblems(problems);
});

const sizes = [
  { orientation: 'portrait', width: 1080, height: 1920 },
  { orientation: 'landscape', width: 1920, height: 1080 },
] as const;

for (const size of sizes) {
  test(`map screenshots at ${size.width}x${size.height} in Chinese and English`, async ({ page }) => {
    const problems = await watchForProblems(page);
    await page.setViewportSize({ width: size.width, height: size.height });
    await home(page);
    if (size.orientation === 'landscape') await saveScreenshot(page, 'landscape-home-map-entry');
    await takeMeThere(page, '粤海', 's-cantonese');
    await expect(page.getByTestId('route-qr')).toBeVisible();
    if (size.orientation === 'landscape') await saveScreenshot(page, 'landscape-map-route');
    await steps(page).filter({ hasText: '乘扶梯到 5F' }).click();
    await expect(page.getByTestId('level-5F')).toHaveAttribute('aria-pressed', 'true');
    if (size.orientation === 'landscape') await saveScreenshot(page, 'landscape-map-5f');

    await page.getByTestId('lang-en').click();
    await expect(page.getByTestId('route-title')).toHaveText('To Canton Harbour');
    await expect(steps(page).last()).toHaveText(/Arrive at/);
    await page.getByTestId('level-1F').click();
    await expect(page.getByTestId('route-line')).toHaveCount(1);
    await saveScreenshot(page, `${size.orientation}-map-route-en`);
    await page.getByTestId('step-free').click();
    await page.getByTestId('nearest-nursing').click();
    await expect(page.getByTestId('route-title')).toHaveText(/Nursing/);
    await expect(page.getByTestId('route-qr')).toBeVisible();
    await saveScreenshot(page, `${size.orientation}-map-nursing-en`);
    expectNoProblems(problems);
  });
}
