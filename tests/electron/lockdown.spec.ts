// Lock-down in the real Electron kiosk: shortcuts that would reload, zoom, open devtools or go back do nothing;
// window.open opens nothing; closing the window is refused. Skipped where the Electron binary is missing.
import { expect, test } from '@playwright/test';
import { launchKiosk, skipWithoutElectron } from './launch.ts';

test('reload, zoom, devtools, history and close shortcuts do nothing; no new windows', async () => {
  skipWithoutElectron();
  const app = await launchKiosk();
  try {
    const page = await app.firstWindow();
    await expect(page.locator('[data-screen="attract"]')).toBeVisible({ timeout: 20_000 });
    // A marker that a reload would wipe.
    await page.evaluate(() => { (window as unknown as { marker: number }).marker = 42; });
    for (const key of ['F5', 'Control+R', 'Control+Shift+R', 'F12', 'Control+Shift+I', 'Alt+ArrowLeft', 'Control+W', 'Alt+F4', 'Control+=', 'Control+-', 'F11']) {
      await page.keyboard.press(key);
    }
    await page.waitForTimeout(1000);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    const state = await app.evaluate(({ BrowserWindow, webContents }) => {
      const w = BrowserWindow.getAllWindows()[0]!;
      return { windows: BrowserWindow.getAllWindows().length, devtools: w.webContents.isDevToolsOpened(), zoom: w.webContents.getZoomLevel(), fullscreen: w.isFullScreen(), contents: webContents.getAllWebContents().length };
    });
    expect(state).toMatchObject({ windows: 1, devtools: false, zoom: 0, fullscreen: true });

    await page.evaluate(() => window.open('atrium://app/', '_blank'));
    await page.waitForTimeout(500);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);

    // The window manager's close (what Alt+F4 sends) is refused while the app is not quitting.
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.close());
    await page.waitForTimeout(500);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  } finally {
    await app.close();
  }
});
