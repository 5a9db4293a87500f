// The Electron shell: one instance, one kiosk window on the local agent's UI. It starts the edge agent under the
// supervisor with a fresh per-start secret, opens the window once the agent reports its port, follows the agent
// to a new port after a restart, hands the secret only to the kiosk page, and stops the agent on quit.
import { app, BrowserWindow, ipcMain, Menu, session, type WebContents } from 'electron';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { agentCommand } from './agent-command.ts';
import { agentEnv } from './agent-env.ts';
import { createLogger, type Logger } from './log.ts';
import { agentOrigin } from './origin.ts';
import { applySessionPolicy, lockDownWebContents } from './security.ts';
import { registerSessionHandler } from './session-ipc.ts';
import { AgentSupervisor } from './supervisor.ts';
import { createKioskWindow, loadKioskUrl } from './window.ts';

/** Agent exit codes that a restart will not fix (see edge-agent/src/main.ts): bad configuration, data folder. */
const FATAL_EXIT_CODES = new Set([78, 73]);

export type KioskOptions = {
  env?: NodeJS.ProcessEnv;
  log?: Logger;
  /** Compiled preload next to the compiled main (dist/electron/electron/preload.cjs). */
  preloadPath?: string;
  /** Quit on SIGINT/SIGTERM (so the agent is stopped too). Tests turn this off. */
  handleSignals?: boolean;
  readyWarningMs?: number;
};

export type Kiosk = {
  supervisor: AgentSupervisor;
  window(): BrowserWindow | null;
  origin(): string | null;
};

/** Resolves once the agent has been started (not once it is ready); null when another instance runs already. */
export async function runKiosk(opts: KioskOptions = {}): Promise<Kiosk | null> {
  const env = opts.env ?? process.env;
  const log = opts.log ?? createLogger('electron');
  if (!app.requestSingleInstanceLock()) {
    log.warn('another Atrium kiosk is already running on this machine; quitting');
    app.quit();
    return null;
  }

  let origin: string | null = null;
  let win: BrowserWindow | null = null;
  const allowed = () => origin;
  const liveWindow = () => (win && !win.isDestroyed() ? win : null);
  const isKioskContents = (contents: WebContents) => liveWindow()?.webContents === contents;

  Menu.setApplicationMenu(null);
  app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents, allowed, log));
  app.on('second-instance', () => {
    const w = liveWindow();
    if (w) {
      if (w.isMinimized()) w.restore();
      w.focus();
    }
  });
  app.on('window-all-closed', () => app.quit());

  await app.whenReady();

  const secret = randomBytes(32).toString('base64url');
  applySessionPolicy(session.defaultSession, allowed, log);
  registerSessionHandler(ipcMain, { secret, allowed, isKioskContents, log });

  const appRoot = app.getAppPath();
  const packaged = app.isPackaged;
  const cmd = agentCommand({ appRoot, packaged, execPath: process.execPath, resourcesPath: process.resourcesPath });
  const supervisor = new AgentSupervisor({
    command: cmd.command,
    args: cmd.args,
    cwd: packaged ? process.resourcesPath : appRoot,
    env: agentEnv(env, {
      secret,
      commandEnv: cmd.env,
      defaults: {
        ATRIUM_DATA_DIR: path.join(app.getPath('userData'), 'data'),
        ATRIUM_UI_DIR: packaged ? path.join(process.resourcesPath, 'agent', 'dist', 'renderer') : path.join(appRoot, 'dist', 'renderer'),
      },
    }),
    maxRestarts: 0,
    // HQ's capture-screenshot command: the agent asks over IPC; the kiosk window's own contents are captured.
    onShellRequest: async (req) => {
      const current = liveWindow();
      if (!current) return { type: 'screenshot', requestId: req.requestId, ok: false, error: 'no kiosk window is open' };
      const image = await current.webContents.capturePage();
      const size = image.getSize();
      return { type: 'screenshot', requestId: req.requestId, ok: true, png: image.toPNG().toString('base64'), width: size.width, height: size.height };
    },
  });

  let everReady = false;
  supervisor.on('line', (line) => {
    if (line.startsWith('{')) log.raw(line);
    else log.info('agent output', { line });
  });
  supervisor.on('exit', ({ code, signal, pid }) => {
    log.warn('edge agent exited', { code, signal, pid });
    if (!everReady && code !== null && FATAL_EXIT_CODES.has(code)) {
      log.error('the edge agent cannot start; fix the problem it reported and start the kiosk again', { code });
      void supervisor.stop().finally(() => app.exit(code));
    }
  });
  supervisor.on('restart', ({ attempt, delayMs }) => log.warn('restarting the edge agent', { attempt, delayMs }));
  supervisor.on('gave-up', ({ attempts }) => {
    log.error('gave up restarting the edge agent', { attempts });
    app.exit(1);
  });
  supervisor.on('ready', ({ port, pid }) => {
    everReady = true;
    const next = agentOrigin(port);
    const moved = next !== origin;
    log.info('edge agent ready', { port, pid, moved: origin !== null && moved });
    origin = next;
    const url = `${next}/`;
    const current = liveWindow();
    if (!current) {
      win = createKioskWindow({
        BrowserWindow,
        preloadPath: opts.preloadPath ?? path.join(import.meta.dirname, 'preload.cjs'),
        packaged,
        currentUrl: () => (origin ? `${origin}/` : null),
        log,
      });
      win.on('closed', () => (win = null));
      // The one line `npm start` promises, once the kiosk page has loaded.
      win.webContents.once('did-finish-load', () => process.stdout.write(`Kiosk UI: ${url}\n`));
      loadKioskUrl(win, url, log);
    } else if (moved) {
      loadKioskUrl(current, url, log);
    }
  });

  let stopped = false;
  let stopping = false;
  app.on('before-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    if (stopping) return;
    stopping = true;
    log.info('stopping the edge agent');
    void supervisor.stop().finally(() => {
      stopped = true;
      log.info('edge agent stopped; quitting');
      app.quit();
    });
  });
  if (opts.handleSignals ?? true) {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => app.quit());
  }

  log.info('starting the edge agent', { command: cmd.command, args: cmd.args, packaged });
  supervisor.start();
  supervisor.waitReady(opts.readyWarningMs ?? 20_000).catch(() => log.warn('the edge agent is not ready yet; still waiting', { afterMs: opts.readyWarningMs ?? 20_000 }));

  return { supervisor, window: liveWindow, origin: allowed };
}
