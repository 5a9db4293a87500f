// The Electron shell: one instance; the edge agent under the supervisor with a fresh per-start secret; the UI on
// the shell's own atrium://app scheme (app-protocol.ts), one locked-down kiosk window per configured display
// (windows.ts) following hot-plug; self-healing pages, agent and app within a restart budget, each recovery
// logged and reported to HQ through the agent; systemd readiness and watchdog; the agent stopped on quit.
import { app, BrowserWindow, ipcMain, Menu, protocol, screen, session } from 'electron';
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { DisplayMapError, parseDisplayMap, type DisplayMap } from '../contracts/shell-config.ts';
import type { ShellRecovery } from '../contracts/shell.ts';
import { agentCommand } from './agent-command.ts';
import { agentEnv } from './agent-env.ts';
import { appProtocolHandler, appScheme } from './app-protocol.ts';
import { HEARTBEAT_INTERVAL_MS } from './heartbeat.ts';
import { registerIpc } from './ipc.ts';
import { kioskSwitches } from './lockdown.ts';
import { createLogger, type Logger } from './log.ts';
import { agentOrigin, APP_ORIGIN, APP_SCHEME } from './origin.ts';
import { appRelaunchAllowed, readRecoveryState, writeRecoveryState } from './recovery-state.ts';
import { applySessionPolicy, lockDownWebContents } from './security.ts';
import { sdNotifier, type SdNotifier } from './sd-notify.ts';
import { AgentSupervisor } from './supervisor.ts';
import { KioskWindows } from './windows.ts';

/** Agent exit codes that a restart will not fix (see edge-agent/src/main.ts): bad configuration, data folder. */
const FATAL_EXIT_CODES = new Set([78, 73]);
/** Exit code for "relaunch me" under systemd (EX_TEMPFAIL): the unit's Restart=always starts a fresh kiosk. */
export const RELAUNCH_EXIT_CODE = 75;

export type KioskOptions = {
  env?: NodeJS.ProcessEnv;
  log?: Logger;
  /** Compiled preload next to the compiled main (dist/electron/electron/preload.cjs). */
  preloadPath?: string;
  /** Quit on SIGINT/SIGTERM (so the agent is stopped too). Tests turn this off. */
  handleSignals?: boolean;
  /** Windows open when the agent is ready, or after this long anyway (the page then shows "unavailable"). */
  readyWarningMs?: number;
  heartbeatTimeoutMs?: number;
  hangGraceMs?: number;
  sd?: SdNotifier;
};

export type Kiosk = {
  supervisor: AgentSupervisor;
  windows: KioskWindows;
  /** http://127.0.0.1:PORT of the agent while it is up. */
  agentOrigin(): string | null;
};

/** Resolves once the agent has been started (not once it is ready); null when another instance runs already or the display mapping is invalid. */
export async function runKiosk(opts: KioskOptions = {}): Promise<Kiosk | null> {
  const env = opts.env ?? process.env;
  const log = opts.log ?? createLogger('electron');
  const sd = opts.sd ?? sdNotifier({ env, onError: (m) => log.warn(m) });

  // Before 'ready': the app scheme's privileges and the kiosk's Chromium switches.
  protocol.registerSchemesAsPrivileged([appScheme]);
  for (const [name, value] of kioskSwitches) app.commandLine.appendSwitch(name, value);
  if (!app.requestSingleInstanceLock()) {
    log.warn('another Atrium kiosk is already running on this machine; quitting');
    app.quit();
    return null;
  }
  let map: DisplayMap | null;
  try {
    map = parseDisplayMap(env.ATRIUM_DISPLAYS);
  } catch (err) {
    if (!(err instanceof DisplayMapError)) throw err;
    log.error('invalid display mapping; fix ATRIUM_DISPLAYS and start the kiosk again', { reason: err.message });
    app.exit(78);
    return null;
  }

  let windows: KioskWindows | null = null;
  let everReady = false;
  let quitting = false;
  let stopping = false;
  let stopped = false;

  Menu.setApplicationMenu(null);
  app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents, APP_ORIGIN, log));
  app.on('second-instance', () => windows?.windows()[0]?.win.focus());
  // Without a listener Electron would quit when the last display is unplugged; the kiosk waits for one instead.
  app.on('window-all-closed', () => log.warn('no kiosk window is open (no display connected?); waiting for a display'));

  await app.whenReady();

  const secret = randomBytes(32).toString('base64url');
  const appRoot = app.getAppPath();
  const packaged = app.isPackaged;
  const resources = process.resourcesPath ?? appRoot;
  const uiDir = env.ATRIUM_UI_DIR || (packaged ? path.join(resources, 'agent', 'dist', 'renderer') : path.join(appRoot, 'dist', 'renderer'));
  const cmd = agentCommand({ appRoot, packaged, resourcesPath: resources });
  const supervisor: AgentSupervisor = new AgentSupervisor({
    command: cmd.command,
    args: cmd.args,
    cwd: packaged ? resources : appRoot,
    env: agentEnv(env, {
      secret,
      commandEnv: cmd.env,
      defaults: {
        ATRIUM_DATA_DIR: path.join(app.getPath('userData'), 'data'),
        ATRIUM_UI_DIR: uiDir,
        ...(packaged ? { ATRIUM_MODELS_DIR: path.join(resources, 'agent', 'models') } : {}),
      },
    }),
    maxRestarts: 0,
    // HQ's capture-screenshot command: the agent asks over IPC; the first kiosk window's contents are captured.
    onShellRequest: async (req) => {
      const first = windows?.windows()[0]?.win;
      if (!first || first.isDestroyed()) return { type: 'screenshot', requestId: req.requestId, ok: false, error: 'no kiosk window is open' };
      const image = await first.webContents.capturePage();
      const size = image.getSize();
      return { type: 'screenshot', requestId: req.requestId, ok: true, png: image.toPNG().toString('base64'), width: size.width, height: size.height };
    },
  });
  const currentAgent = () => (supervisor.isReady() && supervisor.port !== null ? agentOrigin(supervisor.port) : null);

  applySessionPolicy(session.defaultSession, APP_ORIGIN, log);
  protocol.handle(APP_SCHEME, appProtocolHandler({ uiDir, agentOrigin: currentAgent, log }));

  const stateFile = path.join(app.getPath('userData'), 'recovery.json');
  const relaunchApp = (record: ShellRecovery) => {
    const state = readRecoveryState(stateFile);
    state.relaunches.push(Date.now());
    state.pending.push(record);
    writeRecoveryState(stateFile, state);
    log.error('relaunching the kiosk app', { cause: record.cause, role: record.role, underSystemd: sd.enabled });
    quitting = true;
    windows?.closeAll();
    void supervisor.stop().finally(() => {
      // Under systemd a relaunched child would be killed with the old cgroup: exit and let Restart=always start a fresh kiosk.
      if (sd.enabled) return app.exit(RELAUNCH_EXIT_CODE);
      app.relaunch();
      app.exit(0);
    });
  };

  const kioskWindows = new KioskWindows({
    BrowserWindow,
    preloadPath: opts.preloadPath ?? path.join(import.meta.dirname, 'preload.cjs'),
    packaged,
    map,
    log,
    agentUp: () => supervisor.isReady(),
    onRecovery: (record) => supervisor.notify(record),
    relaunchApp,
    appRelaunchAllowed: (now) => appRelaunchAllowed(readRecoveryState(stateFile), now),
    heartbeatTimeoutMs: opts.heartbeatTimeoutMs,
    hangGraceMs: opts.hangGraceMs,
    onFirstLoad: (url) => {
      // The one line `npm start` promises, once the kiosk page has loaded.
      process.stdout.write(`Kiosk UI: ${url} (agent ${currentAgent() ?? 'not up yet'})\n`);
      sd.ready('kiosk page shown');
    },
  });
  windows = kioskWindows;
  registerIpc(ipcMain, { secret, allowed: APP_ORIGIN, isKioskContents: (c) => kioskWindows.has(c), onHeartbeat: (c) => kioskWindows.beat(c), log });

  // Recoveries recorded before an app relaunch are reported now, once the new agent is up.
  const carried = readRecoveryState(stateFile);
  if (carried.pending.length > 0) {
    for (const record of carried.pending) supervisor.notify(record);
    writeRecoveryState(stateFile, { ...carried, pending: [] });
  }

  let windowsOpen = false;
  const syncDisplays = () => {
    if (quitting) return;
    const displays = screen.getAllDisplays().map((d) => ({ id: d.id, bounds: d.bounds, touchSupport: d.touchSupport }));
    const plans = kioskWindows.sync(displays, screen.getPrimaryDisplay().id);
    log.info('kiosk windows', { displays: displays.length, windows: plans.map((p) => ({ key: p.key, role: p.role, displayId: p.displayId, hideCursor: p.hideCursor, fallback: p.fallback })) });
  };
  const openWindows = () => {
    if (windowsOpen) return;
    windowsOpen = true;
    syncDisplays();
  };
  let hotplug: NodeJS.Timeout | null = null;
  for (const event of ['display-added', 'display-removed', 'display-metrics-changed'] as const) {
    screen.on(event as 'display-added', () => {
      if (!windowsOpen) return;
      log.info('display change', { event });
      if (hotplug) clearTimeout(hotplug);
      hotplug = setTimeout(syncDisplays, 500); // one hot-plug sends several events
    });
  }

  let lastExit = '';
  supervisor.on('line', (line) => {
    if (line.startsWith('{')) log.raw(line);
    else log.info('agent output', { line });
  });
  supervisor.on('exit', ({ code, signal, pid }) => {
    lastExit = `agent pid ${pid} exited (code ${code}, signal ${signal})`;
    log.warn('edge agent exited', { code, signal, pid });
    if (!everReady && code !== null && FATAL_EXIT_CODES.has(code)) {
      log.error('the edge agent cannot start; fix the problem it reported and start the kiosk again', { code });
      void supervisor.stop().finally(() => app.exit(code));
    }
  });
  supervisor.on('restart', ({ attempt, delayMs }) => {
    log.warn('restarting the edge agent', { attempt, delayMs });
    if (!everReady) return;
    supervisor.notify({
      type: 'shell-recovery', id: randomUUID().replace(/-/g, ''), at: new Date().toISOString(), shell: 'electron', action: 'agent-restart',
      cause: 'agent-exited', role: null, attempt, budgetExhausted: false, detail: `${lastExit}; restart ${attempt} after ${delayMs} ms`.slice(0, 300),
    });
  });
  supervisor.on('gave-up', ({ attempts }) => {
    log.error('gave up restarting the edge agent', { attempts });
    app.exit(1);
  });
  supervisor.on('ready', ({ port, pid }) => {
    log.info('edge agent ready', { port, pid, restarted: everReady });
    everReady = true;
    openWindows();
  });

  const ticker = setInterval(() => kioskWindows.tick(), HEARTBEAT_INTERVAL_MS);
  ticker.unref();
  const watchdog = sd.watchdogIntervalMs
    ? setInterval(() => {
      // Not fed while a window has spent its recovery budget: systemd then restarts the whole kiosk.
      if (!kioskWindows.exhausted()) sd.watchdog();
    }, sd.watchdogIntervalMs)
    : null;
  watchdog?.unref();

  app.on('before-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    if (stopping) return;
    stopping = true;
    quitting = true;
    sd.stopping();
    clearInterval(ticker);
    if (watchdog) clearInterval(watchdog);
    log.info('stopping the edge agent');
    void supervisor.stop().finally(() => {
      stopped = true;
      kioskWindows.closeAll();
      log.info('edge agent stopped; quitting');
      app.quit();
    });
  });
  if (opts.handleSignals ?? true) {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => app.quit());
  }

  log.info('starting the edge agent', { command: cmd.command, args: cmd.args, packaged, displays: map });
  supervisor.start();
  const readyWarningMs = opts.readyWarningMs ?? 20_000;
  supervisor.waitReady(readyWarningMs).catch(() => {
    log.warn('the edge agent is not ready yet; opening the kiosk windows anyway (they show "unavailable" and retry)', { afterMs: readyWarningMs });
    openWindows();
  });

  return { supervisor, windows: kioskWindows, agentOrigin: currentAgent };
}
