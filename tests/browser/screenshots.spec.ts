// Screenshots of the guide screen at kiosk sizes, for people to open and judge: attract loop, home screen and
// a directory search, in portrait (1080x1920 guide screen) and landscape (1920x1080).
import { expect, test } from '@playwright/test';
import { activeSlide, expectNoProblems, openPairedKiosk, saveScreenshot, screen, startAgentProcess, watchForProblems, type AgentProcess } from './support/kiosk.ts';

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
    await expect(activeSlide(page)).toBeVisible();
    await page.waitForTimeout(1200); // let the entrance animation settle
    await saveScreenshot(page, `${size.orientation}-attract`);

    await page.getByTestId('attract').click();
    await expect(screen(page)).toHaveAttribute('data-screen', 'home');
    await expect(page.getByTestId('attract')).toHaveCount(0);
    await expect(page.getByTestId('store-row')).toHaveCount(36);
    await saveScreenshot(page, `${size.orientation}-home`);

    await page.getByTestId('search-input').fill('咖啡');
    await expect(page.getByTestId('store-row')).toHaveCount(1);
    await page.getByTestId('floor-1F').click();
    await expect(page.getByTestId('store-row')).toHaveCount(1);
    await page.getByTestId('search-input').fill('');
    await page.getByTestId('category-cafe').click();
    await expect(page.getByTestId('store-row')).toHaveCount(1);
    await page.getByTestId('floor-all').click();
    await expect(page.getByTestId('store-row')).toHaveCount(4);
    await saveScreenshot(page, `${size.orientation}-search`);
    expectNoProblems(problems);
  });
}
