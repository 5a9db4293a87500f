// Screenshots of the staff console at the guide screen's size (1080x1920) into reports/screenshots/: the sign-in
// (roster, keypad with a refusal), each console page, in Chinese and one in English. Chromium's fake camera (its
// built-in test pattern) feeds the camera test page, whose camera must be off again once the page is left; the
// scanner test page tells a scanner burst from typing and keeps scans away from member identification.
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { chromiumArgs } from './playwright.config.ts';
import { openPairedKiosk, saveScreenshot, startAgentProcess, type AgentProcess } from './support/kiosk.ts';
import { cameraTrackStates, recordCameraStreams } from './support/members.ts';
import { enterPin, li, openStaffSignIn } from './support/staff.ts';
import { scanWithWedge } from './support/wedge.ts';
import { skipWithout } from './support/needs.ts';

skipWithout();

let agent: AgentProcess;
let browser: Browser;
let page: Page;

test.beforeAll(async () => {
  agent = await startAgentProcess();
  browser = await chromium.launch({
    executablePath: process.env.ATRIUM_CHROMIUM ?? '/usr/bin/chromium',
    args: [...chromiumArgs, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
  });
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', hasTouch: true, permissions: ['camera'] });
  page = await context.newPage();
});
test.afterAll(async () => {
  await browser?.close();
  await agent?.stop();
});

test('the staff console at 1080x1920', async () => {
  test.setTimeout(120_000);
  const identifies: string[] = [];
  page.on('request', (r) => { if (r.url().endsWith('/member.identify')) identifies.push(r.url()); });
  await recordCameraStreams(page);
  await openPairedKiosk(page, agent);
  await openStaffSignIn(page);
  await saveScreenshot(page, 'staff-signin-roster');
  await page.getByTestId(`staff-${li.staffId}`).click();
  await enterPin(page, '111111');
  await expect(page.getByTestId('staff-signin-message')).toContainText('密码错误');
  await page.getByTestId('pin-key-2').click();
  await page.getByTestId('pin-key-4').click();
  await saveScreenshot(page, 'staff-signin-pin-refused');
  await page.getByTestId('pin-clear').click();
  await enterPin(page, li.pin);
  await expect(page.getByTestId('staff-console')).toBeVisible();
  await expect(page.getByTestId('setting-role')).toBeVisible();
  await page.getByTestId('setting-idleTimeoutSec-input').fill('5');
  await expect(page.getByTestId('setting-idleTimeoutSec-message')).toContainText('10–600');
  await saveScreenshot(page, 'staff-console-settings');
  // The rest of the form: the privacy notice (two texts) and screen-off hours (none, or from/to).
  await page.getByTestId('setting-screenOffHours-enabled').click();
  await page.getByTestId('setting-screenOffHours-from').fill('22:00');
  await page.getByTestId('setting-screenOffHours-to').fill('8:00');
  await page.getByTestId('setting-screenOffHours').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('setting-screenOffHours-message')).toContainText('HH:MM');
  await saveScreenshot(page, 'staff-console-settings-lower');

  await page.getByTestId('staff-tab-status').click();
  await expect(page.getByTestId('status-hq-value')).toBeVisible();
  await expect(page.getByTestId('status-model-value')).toHaveText('正常', { timeout: 20_000 });
  await saveScreenshot(page, 'staff-console-status');

  await page.getByTestId('staff-tab-actions').click();
  await page.getByTestId('action-sync-now-run').click();
  await expect(page.getByTestId('action-sync-now-outcome')).toBeVisible();
  await saveScreenshot(page, 'staff-console-actions');

  await page.getByTestId('staff-tab-scanner').click();
  await scanWithWedge(page, '9900000000000101');
  await scanWithWedge(page, 'ATRIUM-TEST-42', { gapMs: 60 });
  await expect(page.getByTestId('scanner-reading')).toHaveCount(2);
  await expect(page.getByTestId('scanner-reading').nth(0)).toHaveAttribute('data-verdict', 'slow');
  await expect(page.getByTestId('scanner-reading').nth(1)).toHaveAttribute('data-verdict', 'scanner');
  await expect(page.getByTestId('scanner-text').nth(1)).toHaveText('9900000000000101');
  expect(identifies).toEqual([]);
  await saveScreenshot(page, 'staff-console-scanner');

  await page.getByTestId('staff-tab-camera').click();
  await expect(page.getByTestId('staff-camera')).toHaveAttribute('data-camera', 'running');
  await expect(page.getByTestId('camera-info')).toContainText('帧/秒');
  // The preview shows a camera frame (the next one presented after this point) before the screenshot.
  await page.getByTestId('camera-preview').evaluate((v) => new Promise<void>((resolve) => (v as HTMLVideoElement).requestVideoFrameCallback(() => resolve())));
  await saveScreenshot(page, 'staff-console-camera');

  expect(await cameraTrackStates(page)).toEqual(['live']);
  await page.getByTestId('staff-lang-en').click();
  await page.getByTestId('staff-tab-settings').click();
  // Leaving the camera page turned the camera off.
  expect(await cameraTrackStates(page)).toEqual(['ended']);
  await saveScreenshot(page, 'staff-console-settings-en');
  await page.getByTestId('staff-sign-out').click();
});
