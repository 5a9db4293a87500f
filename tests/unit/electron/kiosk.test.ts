// The Electron shell's orchestration (electron/kiosk.ts, run by electron/main.ts) against fakes: `electron` is
// mocked because its binary cannot be downloaded here, and AgentSupervisor is replaced by a fake driven event by
// event. kiosk-real-agent.test.ts runs the same shell with the real supervisor and the real edge agent.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runKiosk } from '../../../electron/kiosk.ts';
import type { Logger } from '../../../electron/log.ts';
import { SESSION_CHANNEL } from '../../../electron/session-ipc.ts';
import { app, defaultSession, FakeBrowserWindow, fakeEvent, ipcMain, Menu, resetElectronFakes } from './fake-electron.ts';
import { FakeSupervisor } from './fake-supervisor.ts';

vi.mock('electron', async () => (await import('./fake-electron.ts')).electronModule());
vi.mock('../../../electron/supervisor.ts', async () => ({ AgentSupervisor: (await import('./fake-supervisor.ts')).FakeSupervisor }));

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

const env = { PATH: '/usr/bin', HOME: '/home/kiosk', ATRIUM_MALL_ID: 'mall-7', ATRIUM_API_SECRET: 'inherited-must-not-win', ELECTRON_ENABLE_LOGGING: '1', SOME_TOKEN: 'x' };

async function start() {
  const cap = captureLog();
  const kiosk = await runKiosk({ env, log: cap.log, handleSignals: false, preloadPath: '/app/preload.cjs' });
  const sup = FakeSupervisor.instances.at(-1)!;
  return { kiosk: kiosk!, sup, ...cap };
}

const mainFrameEvent = (w: FakeBrowserWindow) => ({ sender: w.webContents, senderFrame: w.webContents.mainFrame });

beforeEach(() => {
  resetElectronFakes();
  FakeSupervisor.instances = [];
});
afterEach(() => vi.useRealTimers());

describe('Electron shell (electron module and supervisor mocked)', () => {
  it('quits at once when another instance holds the single-instance lock', async () => {
    app.lock = false;
    const cap = captureLog();
    expect(await runKiosk({ env, log: cap.log, handleSignals: false })).toBeNull();
    expect(app.quit).toHaveBeenCalled();
    expect(FakeSupervisor.instances).toHaveLength(0);
    expect(cap.records()[0]).toMatchObject({ level: 'warn', msg: expect.stringContaining('already running') });
  });

  it('starts the agent with a fresh secret, free port and ATRIUM_* settings, and no other variables', async () => {
    const { sup } = await start();
    expect(app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(Menu.setApplicationMenu).toHaveBeenCalledWith(null);
    expect(sup.start).toHaveBeenCalledTimes(1);
    expect(sup.opts.args).toEqual(['/opt/atrium/edge-agent/src/main.ts']);
    expect(sup.opts.cwd).toBe('/opt/atrium');
    const e = sup.opts.env;
    expect(e.ATRIUM_API_SECRET).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url
    expect(e.ATRIUM_API_SECRET).not.toBe('inherited-must-not-win');
    expect(e.ATRIUM_API_PORT).toBe('0');
    expect(e.ATRIUM_MALL_ID).toBe('mall-7');
    expect(e.ATRIUM_DATA_DIR).toBe('/var/lib/atrium-test/data');
    expect(e.ATRIUM_UI_DIR).toBe('/opt/atrium/dist/renderer');
    expect(e.PATH).toBe('/usr/bin');
    expect(e.SOME_TOKEN).toBeUndefined();
    expect(e.ELECTRON_ENABLE_LOGGING).toBeUndefined();
    expect(sup.opts.maxRestarts).toBe(0);
  });

  it('a packaged app runs the compiled agent with Electron as Node, from the resources folder', async () => {
    app.isPackaged = true;
    // Electron sets process.resourcesPath; plain Node (this test) does not.
    const proc = process as { resourcesPath?: string };
    proc.resourcesPath = '/opt/Atrium/resources';
    try {
      const { sup } = await start();
      expect(sup.opts.command).toBe(process.execPath);
      expect(sup.opts.env.ELECTRON_RUN_AS_NODE).toBe('1');
      expect(sup.opts.args).toEqual(['/opt/Atrium/resources/agent/edge-agent/src/main.js']);
      expect(sup.opts.cwd).toBe('/opt/Atrium/resources');
      expect(sup.opts.env.ATRIUM_UI_DIR).toBe('/opt/Atrium/resources/agent/dist/renderer');
      sup.agentReady(41234);
      expect(FakeBrowserWindow.instances[0]!.options.webPreferences.devTools).toBe(false);
    } finally {
      delete proc.resourcesPath;
    }
  });

  it('opens no window before the agent is ready, then exactly one kiosk window on the agent URL', async () => {
    const { sup } = await start();
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    sup.agentReady(41234);
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    const w = FakeBrowserWindow.instances[0]!;
    expect(w.loaded).toEqual(['http://127.0.0.1:41234/']);
    expect(w.options).toMatchObject({ kiosk: true, fullscreen: true, autoHideMenuBar: true, show: false });
    expect(w.options.webPreferences).toMatchObject({ preload: '/app/preload.cjs', contextIsolation: true, sandbox: true, nodeIntegration: false, devTools: true });
    expect(w.menuRemoved).toBe(true);
    expect(w.webContents.zoomLimits).toEqual([1, 1]);
    w.emit('ready-to-show');
    expect(w.shown).toBe(true);
  });

  it('locks down the kiosk window’s webContents (via web-contents-created) for the current origin', async () => {
    const { sup } = await start();
    sup.agentReady(41234);
    const wc = FakeBrowserWindow.instances[0]!.webContents;
    const away = fakeEvent({ url: 'https://evil.example/' });
    wc.emit('will-navigate', away);
    expect(away.defaultPrevented).toBe(true);
    const home = fakeEvent({ url: 'http://127.0.0.1:41234/guide' });
    wc.emit('will-navigate', home);
    expect(home.defaultPrevented).toBe(false);
    expect(wc.windowOpenHandler!({ url: 'http://127.0.0.1:41234/' })).toEqual({ action: 'deny' });
  });

  it('hands the secret the agent got to the kiosk main frame only', async () => {
    const { sup } = await start();
    sup.agentReady(41234);
    const w = FakeBrowserWindow.instances[0]!;
    await expect(ipcMain.invoke(SESSION_CHANNEL, mainFrameEvent(w))).resolves.toEqual({ secret: sup.opts.env.ATRIUM_API_SECRET });
    const other = new FakeBrowserWindow({});
    other.webContents.mainFrame.url = 'http://127.0.0.1:41234/';
    await expect(ipcMain.invoke(SESSION_CHANNEL, mainFrameEvent(other))).rejects.toThrow(/not a kiosk window/);
  });

  it('applies CSP and camera-only permissions to the default session for the agent origin', async () => {
    const { sup } = await start();
    sup.agentReady(41234);
    expect(defaultSession.headersFor('http://127.0.0.1:41234/', {})['Content-Security-Policy']?.[0]).toContain("default-src 'none'");
    const camera = { isMainFrame: true, requestingUrl: 'http://127.0.0.1:41234/', mediaTypes: ['video'] };
    expect(defaultSession.request('media', camera)).toBe(true);
    expect(defaultSession.request('media', { ...camera, mediaTypes: ['audio'] })).toBe(false);
  });

  it('follows the agent to a new port after a restart: reloads the same window and moves the trusted origin', async () => {
    const { sup, records } = await start();
    sup.agentReady(41234);
    const w = FakeBrowserWindow.instances[0]!;
    sup.emit('exit', { code: 1, signal: null, pid: 4242 });
    sup.emit('restart', { attempt: 1, delayMs: 500 });
    sup.agentReady(41999, 4343);
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect(w.loaded).toEqual(['http://127.0.0.1:41234/', 'http://127.0.0.1:41999/']);
    await expect(ipcMain.invoke(SESSION_CHANNEL, mainFrameEvent(w))).resolves.toHaveProperty('secret');
    const camera = { isMainFrame: true, mediaTypes: ['video'] };
    expect(defaultSession.request('media', { ...camera, requestingUrl: 'http://127.0.0.1:41234/' })).toBe(false);
    expect(defaultSession.request('media', { ...camera, requestingUrl: 'http://127.0.0.1:41999/' })).toBe(true);
    // Supervisor events are logged as JSON lines.
    const msgs = records().map((r) => [r.level, r.msg]);
    expect(msgs).toContainEqual(['warn', 'edge agent exited']);
    expect(msgs).toContainEqual(['warn', 'restarting the edge agent']);
    expect(records().find((r) => r.msg === 'restarting the edge agent')).toMatchObject({ attempt: 1, delayMs: 500 });
    expect(records().filter((r) => r.msg === 'edge agent ready').map((r) => r.port)).toEqual([41234, 41999]);
  });

  it('does not reload when the agent comes back on the same port', async () => {
    const { sup } = await start();
    sup.agentReady(41234);
    sup.agentReady(41234, 5000);
    expect(FakeBrowserWindow.instances[0]!.loaded).toEqual(['http://127.0.0.1:41234/']);
  });

  it('forwards the agent’s JSON log lines untouched and wraps other output; never logs the secret', async () => {
    const { sup, lines } = await start();
    const agentLine = '{"ts":"t","level":"info","component":"agent","msg":"agent ready","port":1}';
    sup.emit('line', agentLine);
    sup.emit('line', 'plain text from the agent');
    sup.agentReady(41234);
    expect(lines).toContain(agentLine);
    expect(lines.map((l) => JSON.parse(l))).toContainEqual(expect.objectContaining({ msg: 'agent output', line: 'plain text from the agent' }));
    expect(lines.join('\n')).not.toContain(sup.opts.env.ATRIUM_API_SECRET!);
    for (const l of lines) expect(() => JSON.parse(l)).not.toThrow();
  });

  it('reloads the page after the renderer process crashes', async () => {
    vi.useFakeTimers();
    const { sup } = await start();
    sup.agentReady(41234);
    const w = FakeBrowserWindow.instances[0]!;
    w.webContents.emit('render-process-gone', fakeEvent(), { reason: 'crashed', exitCode: 139 });
    await vi.advanceTimersByTimeAsync(1500);
    expect(w.loaded).toEqual(['http://127.0.0.1:41234/', 'http://127.0.0.1:41234/']);
  });

  it('stops the agent before quitting, once', async () => {
    const { sup } = await start();
    sup.agentReady(41234);
    let finishStop!: () => void;
    sup.stop.mockImplementation(() => new Promise<void>((r) => (finishStop = r)));
    app.quit();
    expect(app.quitted).toBe(false); // held back until the agent is down
    app.quit(); // a second quit while stopping does not stop twice
    expect(sup.stop).toHaveBeenCalledTimes(1);
    finishStop();
    await vi.waitFor(() => expect(app.quitted).toBe(true));
    expect(sup.stop).toHaveBeenCalledTimes(1);
  });

  it('quits when the kiosk window is closed (the service manager restarts the kiosk)', async () => {
    const { sup } = await start();
    sup.agentReady(41234);
    FakeBrowserWindow.instances[0]!.close();
    app.emit('window-all-closed');
    await vi.waitFor(() => expect(app.quitted).toBe(true));
    expect(sup.stop).toHaveBeenCalled();
  });

  it('exits with the agent’s code when it cannot start at all (bad configuration) instead of looping', async () => {
    const { sup } = await start();
    sup.emit('exit', { code: 78, signal: null, pid: 1 });
    await vi.waitFor(() => expect(app.exit).toHaveBeenCalledWith(78));
    expect(sup.stop).toHaveBeenCalled();
  });

  it('keeps restarting after a crash once the agent has been ready (exit 78 later is not fatal)', async () => {
    const { sup } = await start();
    sup.agentReady(41234);
    sup.emit('exit', { code: 78, signal: null, pid: 1 });
    await new Promise((r) => setTimeout(r, 20));
    expect(app.exit).not.toHaveBeenCalled();
  });
});

describe('electron/main.ts entry', () => {
  it('runs the shell on import: takes the single-instance lock and starts the supervisor', async () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const onSignal = vi.spyOn(process, 'once');
    try {
      await import('../../../electron/main.ts');
      await vi.waitFor(() => expect(FakeSupervisor.instances).toHaveLength(1));
      expect(app.requestSingleInstanceLock).toHaveBeenCalled();
      expect(FakeSupervisor.instances[0]!.start).toHaveBeenCalled();
      expect(onSignal.mock.calls.map((c) => c[0])).toEqual(expect.arrayContaining(['SIGINT', 'SIGTERM']));
      expect(FakeSupervisor.instances[0]!.opts.env.ATRIUM_API_SECRET).toMatch(/^[A-Za-z0-9_-]{43}$/);
    } finally {
      write.mockRestore();
      for (const s of ['SIGINT', 'SIGTERM'] as const) for (const l of onSignal.mock.calls.filter((c) => c[0] === s)) process.removeListener(s, l[1] as () => void);
      onSignal.mockRestore();
    }
  });
});
