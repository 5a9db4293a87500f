// HQ's reload-ui command raises the agent's reloadSeq; the page reloads itself, but never under a shopper's
// finger: it waits for the session to end. (The signal is raised here by editing the agent's real answer,
// since sending the command needs HQ over MQTT.)
import { expect, test } from '@playwright/test';
import { expectNoProblems, openPairedKiosk, screen, startAgentProcess, watchForProblems, type AgentProcess } from './support/kiosk.ts';
import { skipWithout } from './support/needs.ts';

skipWithout();

let agent: AgentProcess;
test.beforeAll(async () => { agent = await startAgentProcess({ env: { ATRIUM_IDLE_TIMEOUT_SEC: '10' } }); });
test.afterAll(async () => { await agent.stop(); });

test('a reload signal reloads the page once the shopper has gone', async ({ page }) => {
  const problems = await watchForProblems(page);
  let extraReloads = 0;
  let bumpedAnswers = 0;
  await page.route('**/api/v1/kiosk.signals', async (route) => {
    try {
      const response = await route.fetch();
      const body = (await response.json()) as { ok: boolean; data: { reloadSeq: number; configVersion: number } };
      body.data.reloadSeq += extraReloads;
      if (extraReloads > 0) bumpedAnswers += 1;
      await route.fulfill({ response, json: body });
    } catch {
      // A poll still in flight when the page reloads (or the test ends) is dropped with it.
    }
  });
  await page.clock.install();
  await openPairedKiosk(page, agent);
  await page.evaluate(() => { (window as unknown as { beforeReload?: boolean }).beforeReload = true; });
  const stillSamePage = () => page.evaluate(() => (window as unknown as { beforeReload?: boolean }).beforeReload === true);

  await page.getByTestId('attract').click();
  await page.getByTestId('search-input').fill('咖啡');
  extraReloads = 1;
  // Several polls see the signal, but the shopper is still here: no reload.
  for (let i = 0; i < 3; i++) {
    await page.clock.fastForward(2_600);
    await page.getByTestId('floor-1F').click();
  }
  await expect(page.getByTestId('search-input')).toHaveValue('咖啡');
  expect(bumpedAnswers).toBeGreaterThan(0);
  expect(await stillSamePage()).toBe(true);

  // The shopper leaves: back to the attract loop, then the reload.
  const reloaded = page.waitForEvent('load');
  await page.clock.fastForward(11_000);
  await reloaded;
  await expect(screen(page)).toHaveAttribute('data-screen', 'attract');
  expect(await stillSamePage()).toBe(false);
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  expectNoProblems(problems);
});
