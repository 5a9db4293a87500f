// Every IPC message from a page is checked for its sender and sending frame before anything is done with it.
// The `electron` module is mocked (its binary cannot be downloaded here): the fake ipcMain calls the registered
// handlers the way Electron would, with an event carrying sender and senderFrame.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { HEARTBEAT_CHANNEL, IPC_CHANNELS, registerIpc, senderRefusal, SESSION_CHANNEL } from '../../../shell/electron/ipc.ts';
import type { ShellLogger as Logger } from '../../../shell/core/log.ts';
import { asIpcEvent, asIpcMain, FakeFrame, FakeWebContents, ipcMain, resetElectronFakes } from './fake-electron.ts';

vi.mock('electron', async () => (await import('./fake-electron.ts')).electronModule());

const APP = 'atrium://app';
const SECRET = 's3cret-per-start';

describe('IPC sender checks', () => {
  let kiosk: FakeWebContents;
  let wall: FakeWebContents;
  let beats: FakeWebContents[];
  let refusals: Array<Record<string, unknown>>;
  beforeEach(() => {
    resetElectronFakes();
    kiosk = new FakeWebContents();
    kiosk.mainFrame.url = `${APP}/`;
    wall = new FakeWebContents();
    wall.mainFrame.url = `${APP}/?role=wall`;
    beats = [];
    refusals = [];
    const log = { warn: (_m: string, f: Record<string, unknown>) => refusals.push(f) } as unknown as Logger;
    registerIpc(asIpcMain(ipcMain), { secret: SECRET, allowed: APP, isKioskContents: (wc) => (wc as unknown) === kiosk || (wc as unknown) === wall, onHeartbeat: (wc) => beats.push(wc as unknown as FakeWebContents), log });
  });

  it('registers exactly the two channels the preload uses', () => {
    expect([...ipcMain.handlers.keys(), ...ipcMain.listeners.keys()].sort()).toEqual([...IPC_CHANNELS].sort());
  });

  it('answers the main frame of each kiosk window on the app origin', async () => {
    await expect(ipcMain.invoke(SESSION_CHANNEL, { sender: kiosk, senderFrame: kiosk.mainFrame })).resolves.toEqual({ secret: SECRET });
    await expect(ipcMain.invoke(SESSION_CHANNEL, { sender: wall, senderFrame: wall.mainFrame })).resolves.toEqual({ secret: SECRET });
    ipcMain.send(HEARTBEAT_CHANNEL, { sender: wall, senderFrame: wall.mainFrame });
    expect(beats).toEqual([wall]);
  });

  const bad: Array<[string, () => { sender: FakeWebContents; senderFrame: FakeFrame | null }, RegExp]> = [
    ['a sub-frame of the kiosk window, same origin', () => ({ sender: kiosk, senderFrame: new FakeFrame(`${APP}/frame`, kiosk.mainFrame) }), /not the main frame/],
    ['a top-level frame that is not the window’s main frame', () => ({ sender: kiosk, senderFrame: new FakeFrame(`${APP}/`) }), /not the main frame/],
    ['a frame in another renderer process', () => ({ sender: kiosk, senderFrame: Object.assign(new FakeFrame(`${APP}/`, null, 999), { frameToken: kiosk.mainFrame.frameToken }) }), /not the main frame/],
    ['another webContents (not a kiosk window)', () => { const s = new FakeWebContents(); s.mainFrame.url = `${APP}/`; return { sender: s, senderFrame: s.mainFrame }; }, /not a kiosk window/],
    ['a frame that is gone', () => ({ sender: kiosk, senderFrame: null }), /gone/],
    ['the main frame showing another origin', () => { kiosk.mainFrame.url = 'https://evil.example/'; return { sender: kiosk, senderFrame: kiosk.mainFrame }; }, /origin https:\/\/evil.example/],
    ['the main frame on the agent’s http origin', () => { kiosk.mainFrame.url = 'http://127.0.0.1:41234/'; return { sender: kiosk, senderFrame: kiosk.mainFrame }; }, /is not the app's/],
    ['the main frame on file://', () => { kiosk.mainFrame.url = 'file:///etc/passwd'; return { sender: kiosk, senderFrame: kiosk.mainFrame }; }, /origin none/],
  ];
  it.each(bad)('refuses %s on both channels, and logs why', async (_name, event, why) => {
    await expect(ipcMain.invoke(SESSION_CHANNEL, event())).rejects.toThrow(why);
    ipcMain.send(HEARTBEAT_CHANNEL, event());
    expect(beats).toEqual([]);
    expect(refusals.map((r) => r.channel)).toEqual([SESSION_CHANNEL, HEARTBEAT_CHANNEL]);
    expect(String(refusals[0]!.reason)).toMatch(why);
  });

  it('never answers before an origin is known', () => {
    expect(senderRefusal(asIpcEvent({ sender: kiosk, senderFrame: kiosk.mainFrame }), () => null, () => true)).toMatch(/not the app's/);
  });
});
