// Screenshots of the member screens at kiosk sizes, for people to open and judge: the member home in portrait
// (1080x1920) and landscape (1920x1080), in both languages, and the scan panel showing a refusal with the camera
// preview. Saved to reports/screenshots/.
import { expect, test } from '@playwright/test';
import { expectNoProblems, openPairedKiosk, saveScreenshot, screen, watchForProblems } from './support/kiosk.ts';
import { launchWithCamera, startMemberAgent, type MemberAgent } from './support/members.ts';
import { clipDir, makeQrClip } from './support/qrClip.ts';
import { scanWithWedge } from './support/wedge.ts';
import { skipWithout } from './support/needs.ts';

skipWithout();

let m: MemberAgent;
test.beforeAll(async () => { m = await startMemberAgent(); });
test.afterAll(async () => { await m.agent.stop(); });

const sizes = [
  { orientation: 'portrait', width: 1080, height: 1920, member: ['M1005', 'silver'] },
  { orientation: 'landscape', width: 1920, height: 1080, member: ['M1002', 'silver'] },
] as const;

for (const size of sizes) {
  test(`member home at ${size.width}x${size.height} (${size.orientation})`, async ({ page }) => {
    const problems = await watchForProblems(page);
    await page.setViewportSize({ width: size.width, height: size.height });
    await openPairedKiosk(page, m.agent);
    await scanWithWedge(page, m.token(size.member[0], size.member[1]));
    await expect(screen(page)).toHaveAttribute('data-screen', 'member');
    // One claimed coupon in the wallet, and (portrait) one exchange waiting for HQ.
    await page.locator('[data-testid="offer"][data-action="claim"]').first().getByTestId('offer-take').click();
    await page.getByTestId('claim-done').click();
    if (size.orientation === 'portrait') {
      await page.locator('[data-testid="offer"][data-coupon-id="c-test-multi"]').getByTestId('offer-take').click();
      await page.getByTestId('claim-confirm-button').click();
      await page.getByTestId('claim-done').click();
      await expect(page.getByTestId('points-pending')).toBeVisible();
    }
    await expect(page.getByTestId('wallet-item').first()).toBeVisible();
    // The claim dialog has closed; its fade and the wallet's entrance are finished by saveScreenshot (animations disabled).
    await expect(page.getByTestId('claim-done')).toHaveCount(0);
    await saveScreenshot(page, `${size.orientation}-member-home`);
    await page.getByTestId('lang-en').click();
    await expect(page.getByTestId('member-name')).toContainText('Hello');
    await saveScreenshot(page, `${size.orientation}-member-home-en`);
    await page.getByTestId('member-home').locator('.member-home__body').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    if (size.orientation === 'portrait') await saveScreenshot(page, `${size.orientation}-member-wallet-en`);
    expectNoProblems(problems);
  });
}

test('scan panel with a refusal and the camera preview (portrait)', async () => {
  const iat = Math.floor(Date.now() / 1000) - 900;
  const clip = makeQrClip(clipDir(), 'expired', m.token('M1003', 'gold', { iat, exp: iat + 60 }));
  const { browser, page } = await launchWithCamera(clip);
  try {
    const problems = await watchForProblems(page);
    await openPairedKiosk(page, m.agent);
    await page.getByTestId('attract').click();
    await page.getByTestId('member-scan-open').click();
    await expect(page.getByTestId('scan-message')).toHaveAttribute('data-reason', 'expired', { timeout: 20_000 });
    await expect(page.getByTestId('member-panel')).toBeVisible();
    await saveScreenshot(page, 'portrait-scan-refused');
    expectNoProblems(problems);
  } finally {
    await browser.close();
  }
});
