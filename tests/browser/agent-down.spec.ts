// When the agent stops answering, the screen says "temporarily unavailable" and retries with backoff; when it
// answers again the kiosk comes back by itself. An agent restarted with a new secret needs a new pairing link.
import { expect, test } from '@playwright/test';
import { openPairedKiosk, screen, startAgentProcess, type AgentProcess } from './support/kiosk.ts';
import { skipWithout } from './support/needs.ts';

skipWithout();

let agent: AgentProcess;
test.beforeAll(async () => { agent = await startAgentProcess(); });
test.afterAll(async () => { await agent.stop(); });

test('unreachable agent: unavailable screen, retries with backoff, recovers when it answers again', async ({ page }) => {
  await openPairedKiosk(page, agent);
  // Cut the page off from the API (the agent itself keeps running).
  await page.route('**/api/v1/**', (route) => route.abort('connectionrefused'));
  // The home screen's first directory search finds the agent gone.
  await page.getByTestId('attract').click();
  await expect(screen(page)).toHaveAttribute('data-screen', 'unavailable');
  await expect(page.getByRole('heading')).toContainText('服务暂不可用');
  await expect(page.getByRole('heading')).toContainText('Temporarily unavailable');
  const status = page.getByTestId('retry-status');
  await expect(status).toBeVisible();
  // Backoff: about 1 s, then 2 s, then 4 s... each retry visible as the next attempt number.
  await expect(status).toHaveAttribute('data-attempt', '3', { timeout: 8_000 });

  await page.unroute('**/api/v1/**');
  await expect(screen(page)).toHaveAttribute('data-screen', 'attract', { timeout: 15_000 });
});

test('a stopped agent shows unavailable; restarted with a new secret, the page asks for a new link', async ({ page }) => {
  await openPairedKiosk(page, agent);
  await page.getByTestId('attract').click();
  await expect(screen(page)).toHaveAttribute('data-screen', 'home');
  const { port, dataDir } = agent;
  await agent.stop();

  await page.getByTestId('search-input').fill('面');
  await expect(screen(page)).toHaveAttribute('data-screen', 'unavailable');

  agent = await startAgentProcess({ dataDir, env: { ATRIUM_API_PORT: String(port) } });
  await expect(screen(page)).toHaveAttribute('data-screen', 'not-paired', { timeout: 20_000 });

  // A fresh link opened in the same tab (only the #fragment changes, so no reload) pairs the page again.
  await page.goto(await agent.pairUrl());
  await expect(screen(page)).toHaveAttribute('data-screen', 'attract');
});
