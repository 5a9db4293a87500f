// Language switch (中文 ⇄ English, catalog text and dictionary both) and the attract loop's rotation.
import { expect, test } from '@playwright/test';
import { activeSlide, expectNoProblems, openPairedKiosk, screen, startAgentProcess, watchForProblems, type AgentProcess } from './support/kiosk.ts';
import { skipWithout } from './support/needs.ts';

skipWithout();

let agent: AgentProcess;
test.beforeAll(async () => { agent = await startAgentProcess(); });
test.afterAll(async () => { await agent.stop(); });

test('switches to English and back', async ({ page }) => {
  const problems = await watchForProblems(page);
  await openPairedKiosk(page, agent);
  await page.getByTestId('attract').click();
  await expect(screen(page)).toHaveAttribute('data-screen', 'home');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { name: '店铺导览' })).toBeVisible();
  await expect(page.getByTestId('store-name').first()).toHaveText('鲜丰超市');

  await page.getByTestId('lang-en').click();
  await expect(page.getByTestId('lang-en')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByTestId('mall-name')).toHaveText('Galaxy Plaza');
  await expect(page.getByRole('heading', { name: 'Store directory' })).toBeVisible();
  await expect(page.getByTestId('store-name').first()).toHaveText('FreshMart');
  await expect(page.getByTestId('category-cafe')).toContainText('Cafés');
  await expect(page.getByTestId('store-count')).toHaveText('36 stores');
  await expect(page.getByTestId('search-input')).toHaveAttribute('placeholder', /Store name/);
  await expect(page.locator('[data-campaign-id="cp-winter-sale"]')).toContainText('Winter Refresh Sale');
  await page.getByTestId('search-input').fill('coffee');
  await expect(page.getByTestId('store-name')).toHaveText(['Beanstalk Coffee']);
  await expect(page.getByTestId('store-count')).toHaveText('1 store');

  await page.getByTestId('lang-zh').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByTestId('mall-name')).toHaveText('星河广场');
  await expect(page.getByTestId('store-name')).toHaveText(['豆子咖啡']);
  await expect(page.getByTestId('search-input')).toHaveValue('coffee');
  expectNoProblems(problems);
});

test('the attract loop rotates to another promotion after the interval', async ({ page }) => {
  const problems = await watchForProblems(page);
  await page.clock.install();
  await openPairedKiosk(page, agent);
  const slide = activeSlide(page);
  await expect(slide).toHaveAttribute('data-campaign-id', 'cp-winter-sale');
  await expect(slide.getByRole('heading')).toHaveText('冬季焕新季');
  await expect(slide).toContainText('满300减50');
  await expect(page.getByTestId('attract-invite')).toContainText('轻触屏幕开始');
  await expect(page.getByTestId('attract-invite')).toContainText('Touch to start');

  // The demo runs the default 7 s interval.
  await page.clock.fastForward(5_000);
  await expect(slide).toHaveAttribute('data-campaign-id', 'cp-winter-sale');
  await page.clock.fastForward(2_500);
  await expect(slide).not.toHaveAttribute('data-campaign-id', 'cp-winter-sale');
  await expect(slide).toHaveAttribute('data-campaign-id', 'cp-hotpot-night');
  await expect(slide.getByRole('heading')).toHaveText('蜀香火锅 暖冬夜宵');
  await expect(slide).toContainText('5F · 5F-01');
  await expect(page.locator('[data-testid="attract-slide"][data-active="true"]')).toHaveCount(1);
  expectNoProblems(problems);
});
