// A kiosk configured for English (ATRIUM_LANGUAGE=en) starts in English and returns to English after a
// shopper switched to Chinese and walked away.
import { expect, test } from '@playwright/test';
import { expectNoProblems, openPairedKiosk, screen, startAgentProcess, watchForProblems, type AgentProcess } from './support/kiosk.ts';
import { skipWithout } from './support/needs.ts';

skipWithout();

let agent: AgentProcess;
test.beforeAll(async () => { agent = await startAgentProcess({ env: { ATRIUM_LANGUAGE: 'en', ATRIUM_IDLE_TIMEOUT_SEC: '10' } }); });
test.afterAll(async () => { await agent.stop(); });

test('the configured language is the default, and the idle reset goes back to it', async ({ page }) => {
  const problems = await watchForProblems(page);
  await page.clock.install();
  await openPairedKiosk(page, agent);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('.attract__invite-main')).toHaveText('Touch to start');
  await page.getByTestId('attract').click();
  await expect(page.getByTestId('mall-name')).toHaveText('Galaxy Plaza');
  await page.getByTestId('lang-zh').click();
  await expect(page.getByTestId('mall-name')).toHaveText('星河广场');
  await page.clock.fastForward(11_000);
  await expect(screen(page)).toHaveAttribute('data-screen', 'attract');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByTestId('attract').click();
  await expect(page.getByTestId('mall-name')).toHaveText('Galaxy Plaza');
  expectNoProblems(problems);
});
