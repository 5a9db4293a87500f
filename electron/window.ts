// The kiosk window: fullscreen, kiosk mode, no menu, locked-down webPreferences; shown once painted; a crashed
// or killed renderer is reloaded so the screen never stays blank.
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import type { Logger } from './log.ts';
import { kioskWebPreferences } from './security.ts';

export const KIOSK_BACKGROUND = '#000000';

export function kioskWindowOptions(preloadPath: string, opts: { packaged: boolean }): BrowserWindowConstructorOptions {
  return {
    title: 'Atrium',
    show: false,
    fullscreen: true,
    kiosk: true,
    autoHideMenuBar: true,
    backgroundColor: KIOSK_BACKGROUND,
    webPreferences: kioskWebPreferences(preloadPath, opts),
  };
}

export type KioskWindowDeps = {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => BrowserWindow;
  preloadPath: string;
  packaged: boolean;
  /** The URL to show again after a renderer crash (the agent's port may have changed since). */
  currentUrl: () => string | null;
  log?: Logger;
  reloadDelayMs?: number;
};

export function createKioskWindow(deps: KioskWindowDeps): BrowserWindow {
  const win = new deps.BrowserWindow(kioskWindowOptions(deps.preloadPath, { packaged: deps.packaged }));
  win.removeMenu();
  win.once('ready-to-show', () => win.show());
  const contents = win.webContents;
  // Touch screens: no pinch zoom.
  contents.setVisualZoomLevelLimits(1, 1).catch(() => {});
  contents.on('render-process-gone', (_event, details) => {
    deps.log?.error('kiosk page process gone', { reason: details.reason, exitCode: details.exitCode });
    if (details.reason === 'clean-exit') return;
    setTimeout(() => {
      const url = deps.currentUrl();
      if (!win.isDestroyed() && url) loadKioskUrl(win, url, deps.log);
    }, deps.reloadDelayMs ?? 1000);
  });
  contents.on('unresponsive', () => deps.log?.warn('kiosk page unresponsive'));
  contents.on('responsive', () => deps.log?.info('kiosk page responsive again'));
  return win;
}

export function loadKioskUrl(win: BrowserWindow, url: string, log?: Logger): void {
  log?.info('loading kiosk page', { url });
  win.loadURL(url).catch((err: unknown) => log?.error('kiosk page failed to load', { url, err }));
}
