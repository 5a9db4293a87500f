// The shopper's path on a guide screen, against a real agent: attract loop → touch → home → find a store by
// name, by category and by floor → walk away → the idle timeout returns to the attract loop and forgets it all.
// The whole flow must run without console errors, page errors or CSP violations.
import { expect, test } from '@playwright/test';
import { activeSlide, expectNoProblems, openPairedKiosk, screen, startAgentProcess, watchForProblems, type AgentProcess } from './support/kiosk.ts';
import { skipWithout } from './support/needs.ts';

skipWithout();

let agent: AgentProcess;
test.beforeAll(async () => { agent = await startAgentProcess({ env: { ATRIUM_IDLE_TIMEOUT_SEC: '10' } }); });
test.afterAll(async () => { await agent.stop(); });

test('attract → home → directory search by name, category and floor → idle back to attract, session forgotten', async ({ page }) => {
  const problems = await watchForProblems(page);
  await page.clock.install();
  await openPairedKiosk(page, agent);
  await expect(activeSlide(page)).toBeVisible();
  await expect(page.getByTestId('attract-invite')).toContainText('轻触屏幕开始');

  // The first touch lands where the home screen's "English" button will be: it must only wake the screen.
  const english = { x: 1080 - 120, y: 75 };
  await page.mouse.click(english.x, english.y);
  await expect(screen(page)).toHaveAttribute('data-screen', 'home');
  await expect(page.getByTestId('attract')).toHaveCount(0);
  await expect(page.getByTestId('mall-name')).toHaveText('星河广场');
  await expect(page.getByTestId('lang-zh')).toHaveAttribute('aria-pressed', 'true');

  const rows = page.getByTestId('store-row');
  const names = page.getByTestId('store-name');
  await expect(rows).toHaveCount(36);
  await expect(page.getByTestId('store-count')).toHaveText('共 36 家店铺');

  // By name, as the shopper types.
  await page.getByTestId('search-input').fill('咖啡');
  await expect(names).toHaveText(['豆子咖啡']);
  await expect(rows.first()).toContainText('1F');
  await expect(rows.first()).toContainText('1F-11');
  await expect(rows.first()).toContainText('咖啡甜品');
  await page.getByTestId('search-clear').click();
  await expect(page.getByTestId('search-input')).toHaveValue('');
  await expect(rows).toHaveCount(36);

  // By category chip, with counts from the agent.
  const dining = page.getByTestId('category-dining');
  await expect(dining).toContainText('7');
  await dining.click();
  await expect(dining).toHaveAttribute('aria-pressed', 'true');
  await expect(rows).toHaveCount(7);

  // And by floor: the 5th-floor restaurants, in unit order; the chips now count 5th-floor stores only.
  await page.getByTestId('floor-5F').click();
  await expect(page.getByTestId('floor-5F')).toHaveAttribute('aria-pressed', 'true');
  await expect(names).toHaveText(['蜀香火锅', '鮨一寿司', '粤海酒家', '炭火烤肉', '素心餐厅']);
  await expect(page.getByTestId('category-cafe')).toHaveAttribute('data-count', '1');
  await expect(page.getByTestId('category-fashion')).toBeDisabled();

  // Nothing matches: say so and offer a way out.
  await page.getByTestId('search-input').fill('不存在的店');
  await expect(page.getByTestId('store-list-empty')).toBeVisible();
  await page.getByTestId('clear-filters').click();
  await expect(rows).toHaveCount(36);
  await expect(page.getByTestId('category-all')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('floor-all')).toHaveAttribute('aria-pressed', 'true');

  // A promotion card finds its store.
  await page.locator('[data-testid="promotion-card"][data-campaign-id="cp-hotpot-night"]').click();
  await expect(page.getByTestId('search-input')).toHaveValue('蜀香火锅');
  await expect(names).toHaveText(['蜀香火锅']);

  // Leave a session behind: scrolled list, typed search, English, open member panel.
  await page.getByTestId('search-clear').click();
  await expect(rows).toHaveCount(36);
  const list = page.getByTestId('store-list');
  await list.evaluate((el) => { el.scrollTop = 600; });
  expect(await list.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
  await page.getByTestId('search-input').fill('咖啡');
  await expect(names).toHaveText(['豆子咖啡']);
  await page.getByTestId('lang-en').click();
  await expect(page.getByTestId('mall-name')).toHaveText('Galaxy Plaza');
  await page.getByTestId('member-scan-open').click();
  await expect(page.getByTestId('member-panel')).toBeVisible();
  await expect(page.getByTestId('member-panel')).toContainText('use the scanner, or tap your membership card');

  // Walk away. Input is recorded at 1 s resolution, so "not yet" is checked well inside the 10 s timeout.
  await page.clock.fastForward(7_000);
  await expect(screen(page)).toHaveAttribute('data-screen', 'home');
  await page.clock.fastForward(4_000);
  await expect(screen(page)).toHaveAttribute('data-screen', 'attract');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByTestId('attract-invite')).toContainText('轻触屏幕开始');

  // The next shopper finds a fresh screen.
  await page.getByTestId('attract').click();
  await expect(screen(page)).toHaveAttribute('data-screen', 'home');
  await expect(page.getByTestId('search-input')).toHaveValue('');
  await expect(page.getByTestId('mall-name')).toHaveText('星河广场');
  await expect(page.getByTestId('member-panel')).toHaveCount(0);
  await expect(rows).toHaveCount(36);
  expect(await page.getByTestId('store-list').evaluate((el) => el.scrollTop)).toBe(0);

  expectNoProblems(problems);
});

test('a key press wakes the attract loop too, and touches keep the session alive', async ({ page }) => {
  const problems = await watchForProblems(page);
  await page.clock.install();
  await openPairedKiosk(page, agent);
  await page.keyboard.press('Enter');
  await expect(screen(page)).toHaveAttribute('data-screen', 'home');

  // Touch every 6 s for 18 s: never idle for 10 s, so still home.
  // Touch the 2F floor chip by its position: a raw touch, as a shopper's finger would (no actionability waits,
  // which depend on animation frames the installed fake clock holds back).
  const box = (await page.getByTestId('floor-2F').boundingBox())!;
  for (let i = 0; i < 3; i++) {
    await page.clock.fastForward(6_000);
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect(screen(page)).toHaveAttribute('data-screen', 'home');
  }
  await page.clock.fastForward(11_000);
  await expect(screen(page)).toHaveAttribute('data-screen', 'attract');
  expectNoProblems(problems);
});

test('the member-code panel explains itself, tries the camera (none here) and closes', async ({ page }) => {
  const problems = await watchForProblems(page);
  await openPairedKiosk(page, agent);
  await page.getByTestId('attract').click();
  await page.getByTestId('member-scan-open').click();
  const panel = page.getByTestId('member-panel');
  await expect(panel).toBeVisible();
  await expect(panel).toContainText('扫描会员码');
  await expect(panel).toContainText('也可以在扫码器上扫码，或刷会员卡');
  // This browser has no camera: the panel says so and points to the scanner instead of waiting for ever.
  await expect(page.getByTestId('member-camera')).toHaveAttribute('data-status', 'unavailable');
  await expect(page.getByTestId('member-camera')).toContainText('请使用扫码器扫码或刷会员卡');
  await page.getByTestId('member-panel-close').click();
  await expect(panel).toHaveCount(0);
  expectNoProblems(problems);
});
