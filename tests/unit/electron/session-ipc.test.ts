// The atrium:get-session IPC handler answers only the kiosk window's main frame on the app's own origin. The
// `electron` module is mocked (its binary cannot be downloaded here): the fake ipcMain calls the registered
// handler the way Electron would, with an event carrying sender and senderFrame.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { registerSessionHandler, SESSION_CHANNEL, sessionRefusal } from '../../../electron/session-ipc.ts';
import { FakeFrame, FakeWebContents, ipcMain, resetElectronFakes } from './fake-electron.ts';

vi.mock('electron', async () => (await import('./fake-electron.ts')).electronModule());

const APP = 'http://127.0.0.1:41234';
const SECRET = 's3cret-per-start';

describe('atrium:get-session', () => {
  let kiosk: FakeWebContents;
  beforeEach(() => {
    resetElectronFakes();
    kiosk = new FakeWebContents();
    kiosk.mainFrame.url = `${APP}/`;
    registerSessionHandler(ipcMain as any, { secret: SECRET, allowed: APP, isKioskContents: (wc) => (wc as unknown) === kiosk });
  });

  it('answers the main frame of the kiosk window on the app origin', async () => {
    await expect(ipcMain.invoke(SESSION_CHANNEL, { sender: kiosk, senderFrame: kiosk.mainFrame })).resolves.toEqual({ secret: SECRET });
  });

  it('refuses a sub-frame of the kiosk window, even on the same origin', async () => {
    const sub = new FakeFrame(`${APP}/frame`, kiosk.mainFrame);
    await expect(ipcMain.invoke(SESSION_CHANNEL, { sender: kiosk, senderFrame: sub })).rejects.toThrow(/not the main frame/);
  });

  it('refuses a top-level frame that is not this window’s main frame', async () => {
    const other = new FakeFrame(`${APP}/`);
    await expect(ipcMain.invoke(SESSION_CHANNEL, { sender: kiosk, senderFrame: other })).rejects.toThrow(/not the main frame/);
  });

  it('refuses the main frame once it shows a foreign origin', async () => {
    kiosk.mainFrame.url = 'https://evil.example/';
    await expect(ipcMain.invoke(SESSION_CHANNEL, { sender: kiosk, senderFrame: kiosk.mainFrame })).rejects.toThrow(/origin https:\/\/evil.example/);
    kiosk.mainFrame.url = 'http://127.0.0.1:9999/';
    await expect(ipcMain.invoke(SESSION_CHANNEL, { sender: kiosk, senderFrame: kiosk.mainFrame })).rejects.toThrow(/is not the app's/);
  });

  it('refuses another webContents (not a kiosk window) and a frame that is gone', async () => {
    const stranger = new FakeWebContents();
    stranger.mainFrame.url = `${APP}/`;
    await expect(ipcMain.invoke(SESSION_CHANNEL, { sender: stranger, senderFrame: stranger.mainFrame })).rejects.toThrow(/not a kiosk window/);
    await expect(ipcMain.invoke(SESSION_CHANNEL, { sender: kiosk, senderFrame: null })).rejects.toThrow(/gone/);
  });

  it('never answers before the agent origin is known', () => {
    expect(sessionRefusal({ sender: kiosk, senderFrame: kiosk.mainFrame } as any, () => null, () => true)).toMatch(/not the app's/);
  });
});
