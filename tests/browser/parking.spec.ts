// Find my car in real Chromium against the real agent and the HQ simulator on Mosquitto (as `npm start` runs them):
// the plate typed on the on-screen keys (a wrong key explained as typed), HQ's answer with the plate masked, the
// entry photo only after the shopper confirms, the payment QR (read back by zbarimg), and "Take me to my car"
// drawing the route to B2-118; in Chinese and English, at the 1080x1920 portrait guide screen and a 1920x1080
// landscape one (the orientation follows the window), with screenshots of each.
import { expect, test, type Page } from '@playwright/test';
import type { DemoHq } from '../../hq-sim/src/demo-hq.ts';
import type { AgentProcess } from '../support/agent-process.ts';
import { startAgentWithDemoHq } from './support/demoHq.ts';
import { expectNoProblems, openPairedKiosk, saveScreenshot, screen, watchForProblems } from './support/kiosk.ts';
import { zbarRead } from './support/qrClip.ts';
import { skipWithout } from './support/needs.ts';

skipWithout('mosquitto');

let hq: DemoHq;
let agent: AgentProcess;

test.beforeAll(async () => {
  ({ hq, agent } = await startAgentWithDemoHq('atrium-parking-ui-'));
});

test.afterAll(async () => {
  await agent?.stop();
  await hq?.stop();
});

async function openParking(page: Page, lang: 'zh' | 'en'): Promise<void> {
  await openPairedKiosk(page, agent);
  await page.getByTestId('attract').click();
  await expect(screen(page)).toHaveAttribute('data-screen', 'home');
  if (lang === 'en') await page.getByTestId('lang-en').click();
  await page.getByTestId('parking-open').click();
  await expect(screen(page)).toHaveAttribute('data-screen', 'parking');
}

async function typePlate(page: Page, plate: string): Promise<void> {
  for (const ch of plate) await page.getByTestId(`plate-key-${ch}`).click();
}

const sizes = [
  { orientation: 'portrait', width: 1080, height: 1920 },
  { orientation: 'landscape', width: 1920, height: 1080 },
] as const;

for (const size of sizes) for (const lang of ['zh', 'en'] as const) {
  test(`plate on the keys → masked result → photo after confirming → payment QR → route to the car (${lang}, ${size.width}x${size.height})`, async ({ page }) => {
    const problems = await watchForProblems(page);
    await page.setViewportSize({ width: size.width, height: size.height });
    await openParking(page, lang);
    const t = (zh: string, en: string) => (lang === 'en' ? en : zh);
    // portrait-parking-plate.png, landscape-parking-plate-en.png, ...
    const shot = (name: string) => saveScreenshot(page, `${size.orientation}-parking-${name}${lang === 'en' ? '-en' : ''}`);

    // The province keys first; then letters and digits, with no I or O key at all.
    await expect(page.getByTestId('plate-keys')).toHaveAttribute('data-mode', 'province');
    await expect(page.getByTestId('plate-key-京')).toBeVisible();
    await shot('provinces');
    await page.getByTestId('plate-key-沪').click();
    await expect(page.getByTestId('plate-keys')).toHaveAttribute('data-mode', 'serial');
    await expect(page.getByTestId('plate-key-I')).toHaveCount(0);
    await expect(page.getByTestId('plate-key-O')).toHaveCount(0);
    // A digit where the issuing office's letter goes is explained at once, and the search stays off.
    await page.getByTestId('plate-key-1').click();
    await expect(page.getByTestId('plate-message')).toHaveText(t('第二位应为字母（发牌机关代号）', 'The second character is a letter (the issuing office)'));
    await expect(page.getByTestId('parking-search')).toBeDisabled();
    await page.getByTestId('plate-delete').click();
    await typePlate(page, 'AD1234');
    await expect(page.getByTestId('parking-search')).toBeEnabled(); // 7 characters make an ordinary plate already
    await typePlate(page, '8');
    await expect(page.getByTestId('plate-boxes')).toHaveAttribute('data-status', 'complete');
    await expect(page.getByTestId('plate-boxes')).toContainText('沪AD12348');
    await shot('plate');
    await page.getByTestId('parking-search').click();

    const result = page.getByTestId('parking-found');
    await expect(result).toBeVisible();
    await expect(page.getByTestId('parking-masked-plate')).toHaveText('沪A·D****8');
    await expect(page.locator('body')).not.toContainText('沪AD12348');
    await expect(page.getByTestId('parking-where')).toHaveText(t('B2 · B 区 · B2-118 车位', 'B2 · zone B · space B2-118'));
    await expect(page.getByTestId('parking-fee')).toHaveText('¥15');
    await expect(page.getByTestId('parking-payable')).toHaveText('¥15');
    // The entry photo waits for the shopper to say it is their car.
    await expect(page.getByTestId('parking-photo')).toHaveCount(0);
    await page.getByTestId('parking-confirm').click();
    await expect(page.getByTestId('parking-photo')).toBeVisible();
    const qr = page.getByTestId('parking-pay-qr');
    await expect(qr).toBeVisible();
    const file = test.info().outputPath(`pay-${lang}-${size.orientation}.png`);
    await qr.locator('svg').screenshot({ path: file });
    const url = await qr.getAttribute('data-url');
    expect(url).toMatch(/^https:\/\/pay\.atrium\.example\/parking\?quote=/);
    expect(zbarRead(file)).toEqual([url]);
    await shot('result');

    await page.getByTestId('parking-take-me').click();
    await expect(screen(page)).toHaveAttribute('data-screen', 'map');
    await expect(page.getByTestId('route-line').first()).toBeVisible();
    await expect(page.getByTestId('route-title')).toHaveText(t('前往 车位 B2-118', 'To Space B2-118'));
    await shot('route');
    // The plate is gone with the screen: back home and into find-my-car again shows empty boxes.
    await page.getByTestId('map-back').click();
    await page.getByTestId('parking-open').click();
    await expect(page.getByTestId('plate-boxes')).toHaveAttribute('data-status', 'incomplete');
    expectNoProblems(problems);
  });
}

test('an unknown plate gets HQ`s refusal; HQ gone gets "unavailable" with no figures (1920x1080 wall size too)', async ({ page }) => {
  const problems = await watchForProblems(page);
  await page.setViewportSize({ width: 1080, height: 1920 });
  await openParking(page, 'zh');
  await typePlate(page, '苏E54321');
  await page.getByTestId('parking-search').click();
  await expect(page.getByTestId('parking-not-found')).toContainText('苏E·5***1');
  await page.getByTestId('parking-again').click();
  await hq.simulator.stop();
  try {
    await typePlate(page, '沪AD12348');
    await page.getByTestId('parking-search').click();
    await expect(page.getByTestId('parking-unavailable')).toHaveText(/停车服务暂不可用，请到服务台咨询/);
    await expect(page.getByTestId('parking-fee')).toHaveCount(0);
    await saveScreenshot(page, 'portrait-parking-unavailable');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.getByTestId('lang-en').click();
    await expect(page.getByTestId('parking-unavailable')).toContainText('Parking service unavailable, please ask the service desk');
    await saveScreenshot(page, 'landscape-parking-unavailable-en');
  } finally {
    await hq.simulator.start();
  }
  expectNoProblems(problems);
});
