// The Electron shell's orchestration (shell/electron/kiosk.ts, run by shell/electron/main.ts) against fakes: `electron` is
// mocked because its binary cannot be downloaded here, and AgentSupervisor is replaced by a fake driven event by
// event. kiosk-real-agent.test.ts runs the same shell with the real supervisor and the real edge agent.
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { HIDE_CURSOR_CSS } from '../../../shell/electron/displays.ts';
import { HEARTBEAT_CHANNEL, SESSION_CHANNEL } from '../../../shell/electron/ipc.ts';
import { runKiosk } from '../../../shell/electron/kiosk.ts';
import { app, defaultSession, FakeBrowserWindow, ipcMain, Menu, protocol, screen, type PermissionRequestDetails } from './fake-electron.ts';
import { FakeSupervisor } from './fake-supervisor.ts';
import { baseEnv, captureLog, currentUiDir, fakeSd, live, mainFrameEvent, start, useKioskFakes } from './kiosk-harness.ts';

vi.mock('electron', async () => (await import('./fake-electron.ts')).electronModule());
vi.mock('../../../shell/core/supervisor.ts', async () => ({ AgentSupervisor: (await import('./fake-supervisor.ts')).FakeSupervisor }));

useKioskFakes();

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
    expect(e.ATRIUM_UI_DIR).toBe(currentUiDir());
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
