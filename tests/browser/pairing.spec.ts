// Pairing: a page needs the single-use code from the launcher. Without one, or with one already used, it says
// calmly that it is not paired instead of showing a broken kiosk.
import { expect, test } from '@playwright/test';
import { screen, startAgentProcess, type AgentProcess } from './support/kiosk.ts';
import { skipWithout } from './support/needs.ts';

skipWithout();

let agent: AgentProcess;
test.beforeAll(async () => { agent = await startAgentProcess(); });
test.afterAll(async () => { await agent.stop(); });

test('the bare URL without a pairing code shows the not-paired screen', async ({ page }) => {
  const apiCalls: string[] = [];
  page.on('request', (r) => { if (new URL(r.url()).pathname.startsWith('/api/')) apiCalls.push(r.url()); });
  await page.goto(agent.url);
  await expect(screen(page)).toHaveAttribute('data-screen', 'not-paired');
  await expect(page.getByRole('heading')).toContainText('此屏幕尚未与本机服务配对');
  await expect(page.getByRole('heading')).toContainText('This screen is not paired with the kiosk agent');
  await expect(page.getByText('npm start').first()).toBeVisible();
  expect(apiCalls).toEqual([]);
});

test('a used pairing code does not pair a second page', async ({ browser }) => {
  const url = await agent.pairUrl();
  const firstContext = await browser.newContext();
  const secondContext = await browser.newContext();
  try {
    const first = await firstContext.newPage();
    await first.goto(url);
    await expect(screen(first)).toHaveAttribute('data-screen', 'attract');
    // The code leaves the address bar (and history) once used.
    expect(first.url()).not.toContain('pair=');

    const second = await secondContext.newPage();
    await second.goto(url);
    await expect(screen(second)).toHaveAttribute('data-screen', 'not-paired');

    // The first page stays paired, and keeps its pairing across a reload (session storage, same tab).
    await first.reload();
    await expect(screen(first)).toHaveAttribute('data-screen', 'attract');
  } finally {
    await firstContext.close();
    await secondContext.close();
  }
});
