// The real Electron kiosk: launches dist/shell/shell/electron/main.js with the Electron binary and checks the window
// shows the attract screen from atrium://app/ and that the page sees exactly window.atrium.getSession/heartbeat
// and no Node. Needs `npm run build` first, and a display (xvfb-run -a on a headless Linux box). Where the
// Electron binary is missing (here: the electron package cannot download it), the test is SKIPPED, not passed.
import { expect, test } from '@playwright/test';
import { launchKiosk, skipWithoutElectron } from './launch.ts';

test('Electron kiosk window shows the attract screen from atrium://app with a two-function bridge and no Node', async () => {
  skipWithoutElectron();
  const app = await launchKiosk();
  try {
    const page = await app.firstWindow();
    await expect(page.locator('[data-screen="attract"]')).toBeVisible({ timeout: 20_000 });
    expect(page.url()).toBe('atrium://app/');

    const bridge = await page.evaluate(() => ({
      keys: Object.keys((window as { atrium?: object }).atrium ?? {}),
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      secure: window.isSecureContext,
    }));
    expect(bridge).toEqual({ keys: ['getSession', 'heartbeat'], require: 'undefined', process: 'undefined', secure: true });
    const secret = await page.evaluate(async () => (await (window as unknown as { atrium: { getSession(): Promise<{ secret: string }> } }).atrium.getSession()).secret);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const win = await app.evaluate(({ BrowserWindow }) => {
      const all = BrowserWindow.getAllWindows();
      return { count: all.length, kiosk: all[0]!.isKiosk(), fullscreen: all[0]!.isFullScreen(), menu: all[0]!.isMenuBarVisible() };
    });
    expect(win).toEqual({ count: 1, kiosk: true, fullscreen: true, menu: false });

    // Navigation away from atrium://app is refused, also to the agent's own http origin.
    for (const to of ['https://example.com/', 'file:///etc/hostname']) {
      await page.evaluate((url) => { window.location.href = url; }, to);
      await page.waitForTimeout(500);
      expect(page.url()).toBe('atrium://app/');
    }
  } finally {
    await app.close();
  }
});
