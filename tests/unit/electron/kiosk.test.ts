// The Electron shell's orchestration (shell/electron/kiosk.ts, run by shell/electron/main.ts) against fakes: `electron` is
// mocked because its binary cannot be downloaded here, and AgentSupervisor is replaced by a fake driven event by
// event. kiosk-real-agent.test.ts runs the same shell with the real supervisor and the real edge agent.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HIDE_CURSOR_CSS } from '../../../shell/electron/displays.ts';
import { HEARTBEAT_CHANNEL, SESSION_CHANNEL } from '../../../shell/electron/ipc.ts';
import { RELAUNCH_EXIT_CODE, runKiosk, type KioskOptions } from '../../../shell/electron/kiosk.ts';
import type { ShellLogger as Logger } from '../../../shell/core/log.ts';
import type { SdNotifier } from '../../../shell/core/sd-notify.ts';
import { app, defaultSession, FakeBrowserWindow, fakeEvent, ipcMain, Menu, protocol, resetElectronFakes, screen, type PermissionRequestDetails } from './fake-electron.ts';
import { FakeSupervisor } from './fake-supervisor.ts';

vi.mock('electron', async () => (await import('./fake-electron.ts')).electronModule());
vi.mock('../../../shell/core/supervisor.ts', async () => ({ AgentSupervisor: (await import('./fake-supervisor.ts')).FakeSupervisor }));

function captureLog() {
  const lines: string[] = [];
  const log: Logger = {
    debug: (msg, f) => lines.push(JSON.stringify({ level: 'debug', msg, ...f })),
    info: (msg, f) => lines.push(JSON.stringify({ level: 'info', msg, ...f })),
    warn: (msg, f) => lines.push(JSON.stringify({ level: 'warn', msg, ...f })),
    error: (msg, f) => lines.push(JSON.stringify({ level: 'error', msg, ...f })),
    raw: (line) => lines.push(line),
  };
  return { log, lines, records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

function fakeSd(enabled = false): SdNotifier & { calls: string[][] } {
  const calls: string[][] = [];
  const notify = (...a: string[]) => void calls.push(a);
  return { enabled, watchdogIntervalMs: enabled ? 1000 : null, calls, notify, ready: (status) => notify('READY=1', ...(status ? [`STATUS=${status}`] : [])), watchdog: () => notify('WATCHDOG=1'), stopping: () => notify('STOPPING=1') };
}

const baseEnv = { PATH: '/usr/bin', HOME: '/home/kiosk', ATRIUM_MALL_ID: 'mall-7', ATRIUM_API_SECRET: 'inherited-must-not-win', ELECTRON_ENABLE_LOGGING: '1', SOME_TOKEN: 'x' };
let uiDir: string;

async function start(extra: Partial<Omit<KioskOptions, 'sd'>> & { env?: Record<string, string>; sd?: ReturnType<typeof fakeSd> } = {}) {
  const cap = captureLog();
  const sd = extra.sd ?? fakeSd();
  const kiosk = await runKiosk({ handleSignals: false, preloadPath: '/app/preload.cjs', heartbeatTimeoutMs: 30_000, hangGraceMs: 10_000, ...extra, sd, env: { ...baseEnv, ATRIUM_UI_DIR: uiDir, ...extra.env }, log: cap.log });
  const sup = FakeSupervisor.instances.at(-1)!;
  return { kiosk: kiosk!, sup, sd, ...cap };
}

const mainFrameEvent = (w: FakeBrowserWindow) => ({ sender: w.webContents, senderFrame: w.webContents.mainFrame });
const gone = (w: FakeBrowserWindow, reason: string) => w.webContents.emit('render-process-gone', fakeEvent(), { reason, exitCode: 139 });
const live = () => FakeBrowserWindow.instances.filter((w) => !w.destroyed);

beforeEach(() => {
  resetElectronFakes();
  FakeSupervisor.instances = [];
  app.userData = mkdtempSync(path.join(tmpdir(), 'atrium-shell-'));
  uiDir = mkdtempSync(path.join(tmpdir(), 'atrium-ui-'));
  writeFileSync(path.join(uiDir, 'index.html'), '<!doctype html><div id="root"></div>');
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('Electron shell start-up (electron module and supervisor mocked)', () => {
  it('quits at once when another instance holds the single-instance lock', async () => {
    app.lock = false;
    const cap = captureLog();
    expect(await runKiosk({ env: baseEnv, log: cap.log, handleSignals: false, sd: fakeSd() })).toBeNull();
    expect(app.quit).toHaveBeenCalled();
    expect(FakeSupervisor.instances).toHaveLength(0);
    expect(cap.records()[0]).toMatchObject({ level: 'warn', msg: expect.stringContaining('already running') });
  });

  it('refuses a bad ATRIUM_DISPLAYS with exit 78 and a message naming it, before starting anything', async () => {
    const cap = captureLog();
    expect(await runKiosk({ env: { ...baseEnv, ATRIUM_DISPLAYS: 'guide:1,lobby:2' }, log: cap.log, handleSignals: false, sd: fakeSd() })).toBeNull();
    expect(app.exit).toHaveBeenCalledWith(78);
    expect(FakeSupervisor.instances).toHaveLength(0);
    expect(cap.records().find((r) => r.level === 'error')).toMatchObject({ reason: expect.stringContaining('ATRIUM_DISPLAYS') });
  });

  it('registers atrium:// as a privileged, secure, CSP-bound scheme and the kiosk switches before ready', async () => {
    await start();
    expect(protocol.privileged).toEqual([expect.objectContaining({ scheme: 'atrium', privileges: expect.objectContaining({ standard: true, secure: true, bypassCSP: false, allowServiceWorkers: false }) })]);
    expect(app.switches).toContainEqual(['disable-pinch', undefined]);
    expect(app.switches).toContainEqual(['overscroll-history-navigation', '0']);
    expect(protocol.handlers.has('atrium')).toBe(true);
    expect(Menu.setApplicationMenu).toHaveBeenCalledWith(null);
  });

  it('starts the agent with a fresh secret, free port and ATRIUM_* settings, and no other variables', async () => {
    const { sup } = await start();
    expect(sup.start).toHaveBeenCalledTimes(1);
    expect(sup.opts.args).toEqual(['/opt/atrium/edge-agent/src/main.ts']);
    expect(sup.opts.cwd).toBe('/opt/atrium');
    const e = sup.opts.env;
    expect(e.ATRIUM_API_SECRET).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(e.ATRIUM_API_SECRET).not.toBe('inherited-must-not-win');
    expect(e.ATRIUM_API_PORT).toBe('0');
    expect(e.ATRIUM_MALL_ID).toBe('mall-7');
    expect(e.ATRIUM_DATA_DIR).toBe(path.join(app.userData, 'data'));
    expect(e.ATRIUM_UI_DIR).toBe(uiDir);
    expect(e.SOME_TOKEN).toBeUndefined();
    expect(e.ELECTRON_ENABLE_LOGGING).toBeUndefined();
    expect(e.ELECTRON_RUN_AS_NODE).toBeUndefined();
    expect(sup.opts.maxRestarts).toBe(0);
  });

  it('a packaged app runs the agent on the Node shipped beside it (never Electron as Node), with its models', async () => {
    app.isPackaged = true;
    const proc = process as { resourcesPath?: string };
    proc.resourcesPath = '/opt/Atrium/resources';
    try {
      const { sup } = await start({ env: { ATRIUM_UI_DIR: '' } as Record<string, string> });
      expect(sup.opts.command).toBe('/opt/Atrium/resources/agent/node/bin/node');
      expect(sup.opts.args).toEqual(['/opt/Atrium/resources/agent/edge-agent/src/main.ts']);
      expect(sup.opts.env.ELECTRON_RUN_AS_NODE).toBeUndefined();
      expect(sup.opts.cwd).toBe('/opt/Atrium/resources');
      expect(sup.opts.env.ATRIUM_MODELS_DIR).toBe('/opt/Atrium/resources/agent/models');
      sup.agentReady(41234);
      expect(FakeBrowserWindow.instances[0]!.options.webPreferences?.devTools).toBe(false);
      const wc = FakeBrowserWindow.instances[0]!.webContents;
      wc.emit('devtools-opened');
      expect(wc.devToolsClosed).toBe(1);
    } finally {
      delete proc.resourcesPath;
    }
  });
});

describe('windows and displays', () => {
  it('opens no window before the agent is ready, then one full-screen kiosk window on atrium://app/', async () => {
    const { sup, sd } = await start();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    sup.agentReady(41234);
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    const w = FakeBrowserWindow.instances[0]!;
    expect(w.loaded).toEqual(['atrium://app/']);
    expect(w.options).toMatchObject({ kiosk: true, fullscreen: true, frame: false, closable: false, autoHideMenuBar: true, show: false, x: 0, y: 0, width: 1080, height: 1920 });
    expect(w.options.webPreferences).toMatchObject({ preload: '/app/preload.cjs', contextIsolation: true, sandbox: true, nodeIntegration: false, devTools: true });
    expect(w.menuRemoved).toBe(true);
    expect(w.webContents.zoomLimits).toEqual([1, 1]);
    w.emit('ready-to-show');
    expect(w.shown).toBe(true);
    // The first display is a touch screen: the pointer is hidden once the page has loaded; systemd hears READY.
    w.webContents.emit('did-finish-load');
    expect(w.webContents.insertedCss).toEqual([HIDE_CURSOR_CSS]);
    expect(sd.calls).toContainEqual(['READY=1', 'STATUS=kiosk page shown']);
  });

  it('opens the windows anyway when the agent is not ready in time (the page shows "unavailable")', async () => {
    vi.useFakeTimers();
    await start({ readyWarningMs: 5000 });
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(5001);
    expect(FakeBrowserWindow.instances).toHaveLength(1);
  });

  it('one window per configured display, each with its role, following hot-plug', async () => {
    vi.useFakeTimers();
    screen.displays = [
      { id: 10, bounds: { x: 0, y: 0, width: 1080, height: 1920 }, touchSupport: 'available' },
      { id: 20, bounds: { x: 1080, y: 0, width: 3840, height: 2160 }, touchSupport: 'unavailable' },
    ];
    screen.primaryId = 10;
    const { sup } = await start({ env: { ATRIUM_DISPLAYS: 'guide:1,wall:2' } });
    sup.agentReady(41234);
    const [guide, wall] = FakeBrowserWindow.instances;
    expect(guide!.loaded).toEqual(['atrium://app/?role=guide']);
    expect(wall!.loaded).toEqual(['atrium://app/?role=wall']);
    expect(wall!.options).toMatchObject({ x: 1080, width: 3840 });
    wall!.webContents.emit('did-finish-load');
    expect(wall!.webContents.insertedCss).toEqual([]); // not a touch screen: the pointer stays

    // The wall's screen is unplugged: its window goes, the guide stays.
    screen.displays = [screen.displays[0]!];
    screen.emit('display-removed');
    await vi.advanceTimersByTimeAsync(600);
    expect(wall!.destroyed).toBe(true);
    expect(live()).toEqual([guide]);

    // Plugged back in (another id, to the left this time): a new wall window on it.
    screen.displays.push({ id: 30, bounds: { x: -1920, y: 0, width: 1920, height: 1080 }, touchSupport: 'unknown' });
    screen.emit('display-added');
    await vi.advanceTimersByTimeAsync(600);
    expect(live()).toHaveLength(2);
    expect(live()[1]!.loaded).toEqual(['atrium://app/?role=wall']);
    expect(live()[1]!.options).toMatchObject({ x: -1920, width: 1920 });

    // The guide's display changes resolution: the same window moves to the new bounds.
    screen.displays[0] = { ...screen.displays[0]!, bounds: { x: 0, y: 0, width: 1920, height: 1080 } };
    screen.emit('display-metrics-changed');
    await vi.advanceTimersByTimeAsync(600);
    expect(guide!.bounds).toEqual({ x: 0, y: 0, width: 1920, height: 1080 });
    expect(guide!.fullScreen && guide!.kioskMode).toBe(true);
  });

  it('does not quit when every window is gone (no display); the kiosk waits for one', async () => {
    const { sup, records } = await start();
    sup.agentReady(41234);
    app.emit('window-all-closed');
    expect(app.quit).not.toHaveBeenCalled();
    expect(records().some((r) => String(r.msg).includes('waiting for a display'))).toBe(true);
  });

  it('refuses to close a kiosk window (Alt+F4, the window manager) unless the app is quitting', async () => {
    const { sup } = await start();
    sup.agentReady(41234);
    const w = FakeBrowserWindow.instances[0]!;
    expect(w.tryClose()).toBe(false);
    expect(w.destroyed).toBe(false);
    app.quit();
    await vi.waitFor(() => expect(app.quitted).toBe(true));
    expect(w.destroyed).toBe(true);
  });
});

describe('IPC and the app protocol', () => {
  it('hands the secret the agent got to each kiosk window’s main frame only; heartbeats only from kiosk windows', async () => {
    const { sup, records } = await start({ env: { ATRIUM_DISPLAYS: 'guide:1' } });
    sup.agentReady(41234);
    const w = FakeBrowserWindow.instances[0]!;
    await expect(ipcMain.invoke(SESSION_CHANNEL, mainFrameEvent(w))).resolves.toEqual({ secret: sup.opts.env.ATRIUM_API_SECRET });
    const other = new FakeBrowserWindow({});
    other.webContents.mainFrame.url = 'atrium://app/';
    await expect(ipcMain.invoke(SESSION_CHANNEL, mainFrameEvent(other))).rejects.toThrow(/not a kiosk window/);
    ipcMain.send(HEARTBEAT_CHANNEL, mainFrameEvent(other));
    expect(records().filter((r) => r.msg === 'ipc message refused').map((r) => r.channel)).toEqual([SESSION_CHANNEL, HEARTBEAT_CHANNEL]);
  });

  it('applies CSP and camera-only permissions for atrium://app to the default session', async () => {
    const { sup } = await start();
    sup.agentReady(41234);
    expect(defaultSession.headersFor('atrium://app/', {})['Content-Security-Policy']?.[0]).toContain("default-src 'none'");
    const camera: PermissionRequestDetails = { isMainFrame: true, requestingUrl: 'atrium://app/?role=wall', mediaTypes: ['video'] };
    expect(defaultSession.request('media', camera)).toBe(true);
    expect(defaultSession.request('media', { ...camera, requestingUrl: 'http://127.0.0.1:41234/' })).toBe(false);
    expect(defaultSession.request('media', { ...camera, mediaTypes: ['audio'] })).toBe(false);
  });

  it('serves the built UI from disk, and answers API calls with a network error while the agent is down', async () => {
    const { sup } = await start();
    const handler = protocol.handlers.get('atrium')!;
    const page = await handler(new Request('atrium://app/member/home'));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const down = await handler(new Request('atrium://app/api/v1/kiosk.bootstrap', { method: 'POST', body: '{}' }));
    expect(down.type).toBe('error');
    sup.agentReady(41234);
    sup.ready = false;
    expect((await handler(new Request('atrium://app/health'))).type).toBe('error');
  });
});

describe('self-healing', () => {
  it('a crashed renderer is reloaded 3 times, then its window relaunched, then the app relaunched; each reported', async () => {
    vi.useFakeTimers();
    const { sup, records } = await start();
    sup.agentReady(41234);
    const first = FakeBrowserWindow.instances[0]!;
    for (let i = 1; i <= 3; i++) {
      gone(first, 'crashed');
      await vi.advanceTimersByTimeAsync(1000);
      expect(first.loaded).toHaveLength(1 + i);
    }
    gone(first, 'oom');
    await vi.advanceTimersByTimeAsync(1000);
    expect(first.destroyed).toBe(true);
    expect(live()).toHaveLength(1);
    const second = live()[0]!;
    expect(second).not.toBe(first);
    expect(second.loaded).toEqual(['atrium://app/']);
    gone(second, 'killed');
    await vi.waitFor(() => expect(app.relaunch).toHaveBeenCalled());
    await vi.waitFor(() => expect(app.exit).toHaveBeenCalledWith(0));
    expect(sup.stop).toHaveBeenCalled();

    const reported = sup.recoveries();
    expect(reported.map((r) => [r.action, r.cause, r.attempt])).toEqual([
      ['page-reload', 'renderer-crashed', 1], ['page-reload', 'renderer-crashed', 2], ['page-reload', 'renderer-crashed', 3],
      ['window-relaunch', 'renderer-oom', 4],
    ]);
    for (const r of reported) expect(r).toMatchObject({ type: 'shell-recovery', shell: 'electron', role: null, budgetExhausted: false });
    // The app relaunch is reported by the next process: it waits in recovery.json.
    const state = JSON.parse(readFileSync(path.join(app.userData, 'recovery.json'), 'utf8')) as { relaunches: number[]; pending: Array<{ action: string; cause: string }> };
    expect(state.relaunches).toHaveLength(1);
    expect(state.pending).toEqual([expect.objectContaining({ action: 'app-relaunch', cause: 'renderer-killed', attempt: 5 })]);
    expect(records().filter((r) => r.msg === 'kiosk recovery')).toHaveLength(5);
  });

  it('under systemd an app relaunch exits with 75 and lets Restart=always start a fresh kiosk', async () => {
    vi.useFakeTimers();
    const { sup } = await start({ sd: fakeSd(true) });
    sup.agentReady(41234);
    for (let i = 0; i < 5; i++) {
      gone(live()[0]!, 'crashed');
      await vi.advanceTimersByTimeAsync(1000);
    }
    await vi.waitFor(() => expect(app.exit).toHaveBeenCalledWith(RELAUNCH_EXIT_CODE));
    expect(app.relaunch).not.toHaveBeenCalled();
  });

  it('reports the recoveries a relaunched app carried over, once, and clears them', async () => {
    mkdirSync(app.userData, { recursive: true });
    const carried = { type: 'shell-recovery', id: 'carried0001', at: new Date().toISOString(), shell: 'electron', action: 'app-relaunch', cause: 'renderer-crashed', role: 'wall', attempt: 5, budgetExhausted: false, detail: 'x' };
    writeFileSync(path.join(app.userData, 'recovery.json'), JSON.stringify({ relaunches: [Date.now()], pending: [carried] }));
    const { sup } = await start();
    expect(sup.recoveries()).toEqual([carried]);
    expect(JSON.parse(readFileSync(path.join(app.userData, 'recovery.json'), 'utf8'))).toEqual({ relaunches: [expect.any(Number)], pending: [] });
  });

  it('once the app-relaunch budget is spent, falls back to slow reloads and stops feeding the systemd watchdog', async () => {
    vi.useFakeTimers();
    const now = Date.now();
    writeFileSync(path.join(app.userData, 'recovery.json'), JSON.stringify({ relaunches: [now - 1000, now - 2000, now - 3000], pending: [] }));
    const { sup, sd } = await start({ sd: fakeSd(true) });
    sup.agentReady(41234);
    for (let i = 0; i < 4; i++) {
      gone(live()[0]!, 'crashed');
      await vi.advanceTimersByTimeAsync(1000);
    }
    await vi.advanceTimersByTimeAsync(1000);
    const fed = sd.calls.filter((c) => c[0] === 'WATCHDOG=1').length;
    expect(fed).toBeGreaterThan(0);
    const w = live()[0]!;
    gone(w, 'crashed');
    expect(sup.recoveries().at(-1)).toMatchObject({ action: 'page-reload', attempt: 5, budgetExhausted: true });
    expect(app.relaunch).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(59_000);
    expect(w.loaded).toHaveLength(1); // slow path: not yet
    expect(sd.calls.filter((c) => c[0] === 'WATCHDOG=1').length).toBe(fed); // no longer fed
    await vi.advanceTimersByTimeAsync(1000);
    expect(w.loaded).toHaveLength(2);
  });

  it('a page unresponsive past the grace period has its renderer killed and is reloaded; one that recovers is left alone', async () => {
    vi.useFakeTimers();
    const { sup } = await start();
    sup.agentReady(41234);
    const w = FakeBrowserWindow.instances[0]!;
    w.webContents.emit('unresponsive');
    await vi.advanceTimersByTimeAsync(5000);
    w.webContents.emit('responsive');
    await vi.advanceTimersByTimeAsync(20_000);
    expect(w.webContents.forcedCrashes).toBe(0);
    expect(sup.recoveries()).toEqual([]);

    w.webContents.emit('unresponsive');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(w.webContents.forcedCrashes).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(w.loaded).toEqual(['atrium://app/', 'atrium://app/']);
    // The 'render-process-gone' the shell caused itself is not counted as a second failure.
    expect(sup.recoveries().map((r) => [r.action, r.cause])).toEqual([['page-reload', 'unresponsive']]);
  });

  it('a page whose heartbeat stops while the agent is up is reloaded; silence while the agent is down, or before the first beat, is not', async () => {
    vi.useFakeTimers();
    const { sup } = await start();
    sup.agentReady(41234);
    const w = FakeBrowserWindow.instances[0]!;
    w.webContents.mainFrame.url = 'atrium://app/';
    await vi.advanceTimersByTimeAsync(60_000); // never beat: the page is left to its own retries
    expect(w.webContents.forcedCrashes).toBe(0);

    const beat = () => ipcMain.send(HEARTBEAT_CHANNEL, mainFrameEvent(w));
    for (let i = 0; i < 6; i++) {
      beat();
      await vi.advanceTimersByTimeAsync(5000);
    }
    sup.ready = false; // the agent is down: the page shows "unavailable", silence is expected
    await vi.advanceTimersByTimeAsync(60_000);
    expect(w.webContents.forcedCrashes).toBe(0);

    sup.ready = true; // back: the page has 30 s from now to beat
    await vi.advanceTimersByTimeAsync(25_000);
    expect(w.webContents.forcedCrashes).toBe(0);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(w.webContents.forcedCrashes).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(w.loaded).toEqual(['atrium://app/', 'atrium://app/']);
    expect(sup.recoveries().map((r) => [r.action, r.cause])).toEqual([['page-reload', 'heartbeat-missed']]);
  });

  it('an agent crash after it was ready is reported as an agent-restart recovery (sent once it is back)', async () => {
    const { sup, records } = await start();
    sup.agentReady(41234);
    sup.agentCrashed(1, 1, 500);
    expect(sup.recoveries()).toEqual([expect.objectContaining({ action: 'agent-restart', cause: 'agent-exited', role: null, attempt: 1, detail: expect.stringContaining('code 1') })]);
    sup.agentReady(41999, 4343);
    expect(FakeBrowserWindow.instances).toHaveLength(1); // the page's origin did not move: nothing to reload
    expect(FakeBrowserWindow.instances[0]!.loaded).toEqual(['atrium://app/']);
    expect(records().filter((r) => r.msg === 'edge agent ready').map((r) => r.port)).toEqual([41234, 41999]);
  });
});

describe('logs and quitting', () => {
  it('forwards the agent’s JSON log lines untouched and wraps other output; never logs the secret', async () => {
    const { sup, lines } = await start();
    const agentLine = '{"ts":"t","level":"info","component":"agent","msg":"agent ready","port":1}';
    sup.emit('line', agentLine);
    sup.emit('line', 'plain text from the agent');
    sup.agentReady(41234);
    expect(lines).toContain(agentLine);
    expect(lines.map((l) => JSON.parse(l))).toContainEqual(expect.objectContaining({ msg: 'agent output', line: 'plain text from the agent' }));
    expect(lines.join('\n')).not.toContain(sup.opts.env.ATRIUM_API_SECRET!);
  });

  it('stops the agent before quitting, once, and tells systemd it is stopping', async () => {
    const { sup, sd } = await start({ sd: fakeSd(true) });
    sup.agentReady(41234);
    let finishStop!: () => void;
    sup.stop.mockImplementation(() => new Promise<void>((r) => (finishStop = r)));
    app.quit();
    expect(app.quitted).toBe(false);
    app.quit();
    expect(sup.stop).toHaveBeenCalledTimes(1);
    finishStop();
    await vi.waitFor(() => expect(app.quitted).toBe(true));
    expect(sd.calls).toContainEqual(['STOPPING=1']);
  });

  it('exits with the agent’s code when it cannot start at all (bad configuration) instead of looping', async () => {
    const { sup } = await start();
    sup.emit('exit', { code: 78, signal: null, pid: 1 });
    await vi.waitFor(() => expect(app.exit).toHaveBeenCalledWith(78));
  });

  it('keeps restarting after a crash once the agent has been ready (exit 78 later is not fatal)', async () => {
    const { sup, records } = await start();
    sup.agentReady(41234);
    sup.emit('exit', { code: 78, signal: null, pid: 1 });
    // The shell decides on the exit event itself: it logs the exit, and the fatal path would stop the supervisor
    // there and then (app.exit follows that stop), so no stop means no exit is coming.
    expect(records()).toContainEqual(expect.objectContaining({ level: 'warn', msg: 'edge agent exited', code: 78 }));
    expect(sup.stop).not.toHaveBeenCalled();
    expect(app.exit).not.toHaveBeenCalled();
  });
});

describe('shell/electron/main.ts entry', () => {
  it('runs the shell on import: takes the single-instance lock and starts the supervisor', async () => {
    const onSignal = vi.spyOn(process, 'once');
    try {
      await import('../../../shell/electron/main.ts');
      await vi.waitFor(() => expect(FakeSupervisor.instances).toHaveLength(1));
      expect(app.requestSingleInstanceLock).toHaveBeenCalled();
      expect(FakeSupervisor.instances[0]!.start).toHaveBeenCalled();
      expect(onSignal.mock.calls.map((c) => c[0])).toEqual(expect.arrayContaining(['SIGINT', 'SIGTERM']));
    } finally {
      for (const s of ['SIGINT', 'SIGTERM'] as const) for (const l of onSignal.mock.calls.filter((c) => c[0] === s)) process.removeListener(s, l[1] as () => void);
    }
  });
});
