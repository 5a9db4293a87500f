// The Electron shell, in the order it starts: (1) before 'ready', the app scheme, switches, single-instance lock
// and display mapping; (2) the app-wide lock-down; (3) the edge agent under the shared supervision wiring
// (core/supervise.ts) with a fresh per-start secret; (4) the UI on the shell's own atrium://app scheme; (5) one
// locked-down kiosk window per configured display (windows.ts), following hot-plug, healing pages within a
// restart budget, each recovery reported to HQ through the agent; (6) heartbeats and the systemd watchdog; (7) on
// quit, the agent stopped first. main.ts runs it.
import { app, BrowserWindow, ipcMain, protocol, session } from 'electron';
import path from 'node:path';
import { agentCommand } from '../core/agent-command.ts';
import { agentEnv } from '../core/agent-env.ts';
import { HEARTBEAT_INTERVAL_MS } from '../core/heartbeat.ts';
import { createShellLogger, type ShellLogger } from '../core/log.ts';
import { feedWatchdog, sdNotifier, type SdNotifier } from '../core/sd-notify.ts';
import { newSessionSecret, superviseAgent, type SupervisedAgent } from '../core/supervise.ts';
import type { AgentSupervisor, ShellRequestHandler } from '../core/supervisor.ts';
import { appProtocolHandler } from './app-protocol.ts';
import { kioskPaths, lockDownApp, prepareApp, type KioskPaths } from './app-setup.ts';
import { followDisplays } from './display-watch.ts';
import { registerIpc } from './ipc.ts';
import { appRelauncher, reportCarriedRecoveries, stopAgentOnQuit, type KioskState } from './lifecycle.ts';
import { APP_ORIGIN, APP_SCHEME } from './origin.ts';
import { appRelaunchAllowed, readRecoveryState } from './recovery-state.ts';
import { applySessionPolicy } from './security.ts';
import { KioskWindows } from './windows.ts';

export { RELAUNCH_EXIT_CODE } from './lifecycle.ts';

export type KioskOptions = {
  env?: NodeJS.ProcessEnv;
  log?: ShellLogger;
  /** Compiled preload next to the compiled main (dist/shell/shell/electron/preload.cjs). */
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
  const log = opts.log ?? createShellLogger('electron');
  const sd = opts.sd ?? sdNotifier({ env, onError: (m) => log.warn(m) });

  // Before 'ready': the scheme, switches, single-instance lock and display mapping; the app-wide lock-down.
  const prepared = prepareApp(env, log);
  if (prepared === 'stop') return null;
  const state: KioskState = { quitting: false };
  // Made after 'ready'; the listeners registered before it reach the windows through this holder.
  let windows: KioskWindows | null = null;
  lockDownApp(log, () => windows?.windows()[0]?.win.focus());
  await app.whenReady();

  // The agent, under the shared supervision wiring; the windows open once it is ready (or after the warning).
  const paths = kioskPaths(env);
  const secret = newSessionSecret();
  const readyWarningMs = opts.readyWarningMs ?? 20_000;
  const agent = superviseKioskAgent(env, paths, secret, log, {
    windows: () => windows,
    onReady: () => displays.open(),
    onNotReady: () => {
      log.warn('the edge agent is not ready yet; opening the kiosk windows anyway (they show "unavailable" and retry)', { afterMs: readyWarningMs });
      displays.open();
    },
    readyWarningMs,
  });
  const { supervisor } = agent;

  // The UI on atrium://app, and the windows that show it.
  applySessionPolicy(session.defaultSession, APP_ORIGIN, log);
  protocol.handle(APP_SCHEME, appProtocolHandler({ uiDir: paths.uiDir, agentOrigin: agent.origin, log }));

  const stateFile = path.join(paths.userData, 'recovery.json');
  const lifecycle = { state, log, sd, supervisor, stateFile, closeWindows: () => windows?.closeAll() };
  const kioskWindows = new KioskWindows({
    BrowserWindow,
    preloadPath: opts.preloadPath ?? path.join(import.meta.dirname, 'preload.cjs'),
    packaged: paths.packaged,
    map: prepared.map,
    log,
    agentUp: () => supervisor.isReady(),
    onRecovery: (record) => supervisor.notify(record),
    relaunchApp: appRelauncher(lifecycle),
    appRelaunchAllowed: (now) => appRelaunchAllowed(readRecoveryState(stateFile), now),
    heartbeatTimeoutMs: opts.heartbeatTimeoutMs,
    hangGraceMs: opts.hangGraceMs,
    onFirstLoad: (url) => {
      // The one line `npm start` promises, once the kiosk page has loaded.
      process.stdout.write(`Kiosk UI: ${url} (agent ${agent.origin() ?? 'not up yet'})\n`);
      sd.ready('kiosk page shown');
    },
  });
  windows = kioskWindows;
  registerIpc(ipcMain, { secret, allowed: APP_ORIGIN, isKioskContents: (c) => kioskWindows.has(c), onHeartbeat: (c) => kioskWindows.beat(c), log });
  reportCarriedRecoveries(stateFile, (record) => supervisor.notify(record));
  const displays = followDisplays(kioskWindows, state, log);

  // Heartbeats, the systemd watchdog, and the way out.
  const ticker = setInterval(() => kioskWindows.tick(), HEARTBEAT_INTERVAL_MS);
  ticker.unref();
  // Not fed while a window has spent its recovery budget: systemd then restarts the whole kiosk.
  const stopWatchdog = feedWatchdog(sd, () => !kioskWindows.exhausted());
  const stopTimers = () => {
    clearInterval(ticker);
    stopWatchdog();
  };
  stopAgentOnQuit({ ...lifecycle, stopTimers, handleSignals: opts.handleSignals ?? true });

  agent.start({ packaged: paths.packaged, displays: prepared.map });
  return { supervisor, windows: kioskWindows, agentOrigin: agent.origin };
}

/** The edge agent as the Electron shell runs it: its command, its short environment, its logs forwarded. */
function superviseKioskAgent(
  env: NodeJS.ProcessEnv,
  paths: KioskPaths,
  secret: string,
  log: ShellLogger,
  hooks: { windows: () => KioskWindows | null; onReady: () => void; onNotReady: () => void; readyWarningMs: number },
): SupervisedAgent {
  const cmd = agentCommand({ appRoot: paths.appRoot, packaged: paths.packaged, resourcesPath: paths.resources });
  const agent = superviseAgent({
    shell: 'electron',
    agent: cmd,
    cwd: paths.packaged ? paths.resources : paths.appRoot,
    env: agentEnv(env, {
      secret,
      commandEnv: cmd.env,
      defaults: {
        ATRIUM_DATA_DIR: path.join(paths.userData, 'data'),
        ATRIUM_UI_DIR: paths.uiDir,
        ...(paths.packaged ? { ATRIUM_MODELS_DIR: path.join(paths.resources, 'agent', 'models') } : {}),
      },
    }),
    log,
    onShellRequest: screenshotOfFirstWindow(hooks.windows),
    onReady: hooks.onReady,
    exit: (code) => app.exit(code),
    notReadyAfter: { ms: hooks.readyWarningMs, then: hooks.onNotReady },
  });
  agent.supervisor.on('line', (line) => {
    if (line.startsWith('{')) log.raw(line);
    else log.info('agent output', { line });
  });
  return agent;
}

/** HQ's capture-screenshot command: the agent asks over IPC; the first kiosk window's contents are captured. */
function screenshotOfFirstWindow(windows: () => KioskWindows | null): ShellRequestHandler {
  return async (req) => {
    const first = windows()?.windows()[0]?.win;
    if (!first || first.isDestroyed()) return { type: 'screenshot', requestId: req.requestId, ok: false, error: 'no kiosk window is open' };
    const image = await first.webContents.capturePage();
    const size = image.getSize();
    return { type: 'screenshot', requestId: req.requestId, ok: true, png: image.toPNG().toString('base64'), width: size.width, height: size.height };
  };
}
