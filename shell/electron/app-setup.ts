// The Electron app before and around 'ready', as named steps of runKiosk (kiosk.ts): what must happen before the
// app is ready (the privileged atrium:// scheme, the kiosk's Chromium switches, the single-instance lock, the
// display mapping), the app-wide lock-down listeners, and where things live (checkout or packaged app).
import { app, Menu, protocol } from 'electron';
import path from 'node:path';
import { EXIT } from '../../common/exit-codes.ts';
import { DisplayMapError, parseDisplayMap, type DisplayMap } from '../../contracts/shell-config.ts';
import type { ShellLogger } from '../core/log.ts';
import { appScheme } from './app-protocol.ts';
import { kioskSwitches } from './lockdown.ts';
import { APP_ORIGIN } from './origin.ts';
import { lockDownWebContents } from './security.ts';

/**
 * Step 1, before 'ready'. Returns the display mapping (null: one window on the primary display), or 'stop' when
 * this instance must not run: another kiosk holds the lock (this one quits), or ATRIUM_DISPLAYS is invalid (exit 78).
 */
export function prepareApp(env: NodeJS.ProcessEnv, log: ShellLogger): { map: DisplayMap | null } | 'stop' {
  protocol.registerSchemesAsPrivileged([appScheme]);
  for (const [name, value] of kioskSwitches) app.commandLine.appendSwitch(name, value);
  if (!app.requestSingleInstanceLock()) {
    log.warn('another Atrium kiosk is already running on this machine; quitting');
    app.quit();
    return 'stop';
  }
  try {
    return { map: parseDisplayMap(env.ATRIUM_DISPLAYS) };
  } catch (err) {
    if (!(err instanceof DisplayMapError)) throw err;
    log.error('invalid display mapping; fix ATRIUM_DISPLAYS and start the kiosk again', { reason: err.message });
    app.exit(EXIT.badConfig);
    return 'stop';
  }
}

/** Step 2: no menu, every webContents locked to the app's origin, a second start focuses the first window. */
export function lockDownApp(log: ShellLogger, focusFirstWindow: () => void): void {
  Menu.setApplicationMenu(null);
  app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents, APP_ORIGIN, log));
  app.on('second-instance', focusFirstWindow);
  // Without a listener Electron would quit when the last display is unplugged; the kiosk waits for one instead.
  app.on('window-all-closed', () => log.warn('no kiosk window is open (no display connected?); waiting for a display'));
}

export type KioskPaths = {
  appRoot: string;
  packaged: boolean;
  /** resources/ of a packaged app (the agent, its Node, the UI and the models are shipped there); appRoot otherwise. */
  resources: string;
  uiDir: string;
  userData: string;
};

/** Step 3, after 'ready': where the UI, the agent and the shell's own state live. */
export function kioskPaths(env: NodeJS.ProcessEnv): KioskPaths {
  const appRoot = app.getAppPath();
  const packaged = app.isPackaged;
  const resources = process.resourcesPath ?? appRoot;
  const uiDir = env.ATRIUM_UI_DIR || (packaged ? path.join(resources, 'agent', 'dist', 'renderer') : path.join(appRoot, 'dist', 'renderer'));
  return { appRoot, packaged, resources, uiDir, userData: app.getPath('userData') };
}
