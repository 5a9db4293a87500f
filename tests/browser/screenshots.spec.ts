// Screenshots of the guide screen at kiosk sizes, for people to open and judge: attract loop, home screen and
// a directory search, in portrait (1080x1920 guide screen) and landscape (1920x1080). Saved to
// reports/screenshots/<orientation>-<screen>.png.
import { expect, test } from '@playwright/test';
import { activeSlide, expectNoProblems, openPairedKiosk, saveScreenshot, screen, startAgentProcess, watchForProblems, type AgentProcess } from './support/kiosk.ts';
import { skipWithout } from './support/needs.ts';

skipWithout();

let agent: AgentProcess;
test.beforeAll(async () => { agent = await startAgentProcess(); });
test.afterAll(async () => { await agent.stop(); });

const sizes = [
  { orientation: 'portrait', width: 1080, height: 1920 },
  { orientation: 'landscape', width: 1920, height: 1080 },
] as const;

for (const size of sizes) {
  test(`screenshots at ${size.width}x${size.height} (${size.orientation})`, async ({ page }) => {
    const problems = await watchForProblems(page);
    await page.setViewportSize({ width: size.width, height: size.height });
    await openPairedKiosk(page, agent);
    // No wait for the slide's entrance: saveScreenshot takes its picture with animations finished (disabled).
    await expect(activeSlide(page)).toBeVisible();
    await saveScreenshot(page, `${size.orientation}-attract`);

    await page.getByTestId('attract').click();
    await expect(screen(page)).toHaveAttribute('data-screen', 'home');
    await expect(page.getByTestId('attract')).toHaveCount(0);
    await expect(page.getByTestId('store-row')).toHaveCount(36);
    await saveScreenshot(page, `${size.orientation}-home`);

    await page.getByTestId('search-input').fill('咖啡');
    await expect(page.getByTestId('store-row')).toHaveCount(1);
    await expect(page.getByTestId('store-name')).toHaveText('豆子咖啡');
    await page.getByTestId('search-input').blur();
    await saveScreenshot(page, `${size.orientation}-search`);
    expectNoProblems(problems);
  });
}

test('screenshots of the English home, the member panel and the status screens (portrait)', async ({ page, browser }) => {
  const problems = await watchForProblems(page);
  await openPairedKiosk(page, agent);
  await page.getByTestId('attract').click();
  await page.getByTestId('lang-en').click();
  await expect(page.getByTestId('mall-name')).toHaveText('Galaxy Plaza');
  await page.getByTestId('category-dining').click();
  await expect(page.getByTestId('store-row')).toHaveCount(7);
  await saveScreenshot(page, 'portrait-home-en');

  await page.getByTestId('member-scan-open').click();
  await expect(page.getByTestId('member-panel')).toBeVisible(); // its rise: finished by saveScreenshot (animations disabled)
  await saveScreenshot(page, 'portrait-member-en');
  await page.getByTestId('member-panel-close').click();
  await page.getByTestId('lang-zh').click();
  await page.getByTestId('member-scan-open').click();
  await expect(page.getByTestId('member-panel')).toBeVisible();
  await expect(page.getByTestId('lang-zh')).toHaveAttribute('aria-pressed', 'true');
  await saveScreenshot(page, 'portrait-member');
  expectNoProblems(problems);

  const other = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
  await other.goto(agent.url);
  await expect(screen(other)).toHaveAttribute('data-screen', 'not-paired');
  await saveScreenshot(other, 'portrait-not-paired');
  await other.goto(await agent.pairUrl());
  await expect(screen(other)).toHaveAttribute('data-screen', 'attract');
  await other.route('**/api/v1/**', (route) => route.abort('connectionrefused'));
  await other.getByTestId('attract').click();
  await expect(screen(other)).toHaveAttribute('data-screen', 'unavailable');
  await expect(other.getByTestId('retry-now')).toBeEnabled();
  await saveScreenshot(other, 'portrait-unavailable');
  await other.close();
});
