// The real Electron kiosk: launches dist/electron/electron/main.js with the Electron binary and checks the window
// shows the attract screen and that the page sees exactly window.atrium.getSession and no Node. Needs
// `npm run build` first, and a display (xvfb-run -a on a headless Linux box). Where the Electron binary is
// missing (here: the electron package cannot download it), the test is SKIPPED, not passed.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';
import { electronBinary } from '../../scripts/electron-binary.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const mainJs = path.join(root, 'dist/electron/electron/main.js');
const binary = electronBinary(root);

test('Electron kiosk window shows the attract screen with a one-function bridge and no Node', async () => {
  test.skip(!binary.path, `Electron binary not available here: ${binary.reason}`);
  // With a binary, a missing build is a setup error, not a reason to skip.
  expect(existsSync(mainJs), `${mainJs} is missing: run npm run build`).toBe(true);
  expect(existsSync(path.join(root, 'dist/renderer/index.html')), 'dist/renderer is missing: run npm run build').toBe(true);

  const args = [root];
  // Chromium refuses to start as root without --no-sandbox (CI runs as root).
  if (process.getuid?.() === 0) args.unshift('--no-sandbox');
  const app = await electron.launch({
    executablePath: binary.path!,
    args,
    cwd: root,
    env: {
      ...process.env,
      ATRIUM_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'atrium-electron-e2e-')),
      ATRIUM_API_PORT: '0',
    } as Record<string, string>,
    timeout: 30_000,
  });
  try {
    const page = await app.firstWindow();
    await expect(page.locator('[data-screen="attract"]')).toBeVisible({ timeout: 20_000 });
    expect(page.url()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);

    const bridge = await page.evaluate(() => ({
      keys: Object.keys((window as { atrium?: object }).atrium ?? {}),
      getSession: typeof (window as { atrium?: { getSession?: unknown } }).atrium?.getSession,
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
    }));
    expect(bridge).toEqual({ keys: ['getSession'], getSession: 'function', require: 'undefined', process: 'undefined' });
    const secret = await page.evaluate(async () => (await (window as unknown as { atrium: { getSession(): Promise<{ secret: string }> } }).atrium.getSession()).secret);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // One window, in kiosk mode. (contextIsolation/sandbox show in the page above: no require, no process.)
    const win = await app.evaluate(({ BrowserWindow }) => {
      const all = BrowserWindow.getAllWindows();
      return { count: all.length, kiosk: all[0]!.isKiosk(), fullscreen: all[0]!.isFullScreen() };
    });
    expect(win).toEqual({ count: 1, kiosk: true, fullscreen: true });

    // Navigation away from the agent's origin is refused.
    const before = page.url();
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe(before);
  } finally {
    await app.close();
  }
});
