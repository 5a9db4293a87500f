// Self-healing in the real Electron kiosk: a crashed renderer and a frozen page both come back to the attract
// screen. Skipped where the Electron binary is missing (then tests/integration/kiosk-recovery.test.ts covers the
// same behaviour for the browser kiosk in real Chromium, and tests/unit/electron/kiosk.test.ts the shell's logic).
import { expect, test } from '@playwright/test';
import { launchKiosk, skipWithoutElectron } from './launch.ts';

test('a crashed renderer is reloaded back to the attract screen', async () => {
  skipWithoutElectron();
  const app = await launchKiosk();
  try {
    const page = await app.firstWindow();
    await expect(page.locator('[data-screen="attract"]')).toBeVisible({ timeout: 20_000 });
    const before = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.webContents.getOSProcessId());
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.webContents.forcefullyCrashRenderer());
    await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.webContents.getOSProcessId()), { timeout: 20_000 }).not.toBe(before);
    const again = await app.firstWindow();
    await expect(again.locator('[data-screen="attract"]')).toBeVisible({ timeout: 20_000 });
  } finally {
    await app.close();
  }
});

test('a frozen page stops its heartbeat and is reloaded', async () => {
  skipWithoutElectron();
  test.setTimeout(120_000);
  const app = await launchKiosk();
  try {
    const page = await app.firstWindow();
    await expect(page.locator('[data-screen="attract"]')).toBeVisible({ timeout: 20_000 });
    const before = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.webContents.getOSProcessId());
    await page.evaluate(() => { setTimeout(() => { for (;;) { /* frozen */ } }, 0); });
    // 30 s of silence, then the shell kills the renderer and loads the page in a fresh one.
    await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.webContents.getOSProcessId()), { timeout: 90_000 }).not.toBe(before);
    await expect((await app.firstWindow()).locator('[data-screen="attract"]')).toBeVisible({ timeout: 20_000 });
  } finally {
    await app.close();
  }
});
