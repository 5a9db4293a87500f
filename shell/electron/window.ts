// One kiosk window: full screen on its display, kiosk mode, no frame, menu or title bar, locked-down
// webPreferences, shown once painted. Recovery and heartbeats live in windows.ts; the lock-down in lockdown.ts.
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import type { Rect } from './displays.ts';
import { kioskWebPreferences } from './security.ts';

export const KIOSK_BACKGROUND = '#000000';

export function kioskWindowOptions(preloadPath: string, opts: { packaged: boolean; bounds?: Rect }): BrowserWindowConstructorOptions {
  return {
    title: 'Atrium',
    ...(opts.bounds ?? {}),
    show: false,
    frame: false,
    fullscreen: true,
    kiosk: true,
    autoHideMenuBar: true,
    resizable: false,
    movable: false,
    minimizable: false,
    maximizable: false,
    closable: false,
    skipTaskbar: true,
    backgroundColor: KIOSK_BACKGROUND,
    webPreferences: kioskWebPreferences(preloadPath, opts),
  };
}

/** Moves a kiosk window to another display (hot-plug): out of full screen, onto the display, back in. */
export function moveToDisplay(win: BrowserWindow, bounds: Rect): void {
  win.setKiosk(false);
  win.setFullScreen(false);
  win.setBounds(bounds);
  win.setFullScreen(true);
  win.setKiosk(true);
}
