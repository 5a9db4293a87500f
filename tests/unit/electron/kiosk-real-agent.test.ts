// The Electron shell with the REAL supervisor and the REAL edge agent (a child process on Node 24): only the
// `electron` module is mocked, because its binary cannot be downloaded here. Proves the per-start secret the
// shell generates is the one the agent accepts, and that the window is pointed at the agent's real port.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runKiosk, type Kiosk } from '../../../electron/kiosk.ts';
import type { Logger } from '../../../electron/log.ts';
import { SESSION_CHANNEL } from '../../../electron/session-ipc.ts';
import { app, FakeBrowserWindow, ipcMain, resetElectronFakes } from './fake-electron.ts';

vi.mock('electron', async () => (await import('./fake-electron.ts')).electronModule());

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const lines: string[] = [];
const log: Logger = {
  debug: (msg, f) => lines.push(JSON.stringify({ msg, ...f })),
  info: (msg, f) => lines.push(JSON.stringify({ msg, ...f })),
  warn: (msg, f) => lines.push(JSON.stringify({ msg, ...f })),
  error: (msg, f) => lines.push(JSON.stringify({ msg, ...f })),
  raw: (line) => lines.push(line),
};

let kiosk: Kiosk;
let origin: string;

beforeAll(async () => {
  resetElectronFakes();
  app.appPath = repoRoot;
  app.userData = mkdtempSync(path.join(tmpdir(), 'atrium-electron-'));
  kiosk = (await runKiosk({ env: { PATH: process.env.PATH, HOME: process.env.HOME }, log, handleSignals: false }))!;
  await kiosk.supervisor.waitReady(20_000);
  origin = kiosk.origin()!;
});

afterAll(async () => {
  await kiosk?.supervisor.stop();
});

describe('Electron shell + real edge agent (electron module mocked)', () => {
  it('opens the kiosk window on the port the agent reported', () => {
    expect(origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect(FakeBrowserWindow.instances[0]!.loaded).toEqual([`${origin}/`]);
  });

  it('the secret handed to the kiosk page over IPC is the one the agent accepts', async () => {
    const w = FakeBrowserWindow.instances[0]!;
    const { secret } = (await ipcMain.invoke(SESSION_CHANNEL, { sender: w.webContents, senderFrame: w.webContents.mainFrame })) as { secret: string };
    const call = (token: string) =>
      fetch(`${origin}/api/v1/kiosk.bootstrap`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: origin, Authorization: `Bearer ${token}` },
        body: '{}',
      });
    const ok = await call(secret);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { ok: boolean }).ok).toBe(true);
    const wrong = await call('not-the-secret');
    expect(wrong.status).toBe(401);
  });

  it('forwards the agent’s own log lines and never logs the secret', async () => {
    const w = FakeBrowserWindow.instances[0]!;
    const { secret } = (await ipcMain.invoke(SESSION_CHANNEL, { sender: w.webContents, senderFrame: w.webContents.mainFrame })) as { secret: string };
    expect(lines.some((l) => l.includes('"component":"agent"') && l.includes('agent ready'))).toBe(true);
    expect(lines.join('\n')).not.toContain(secret);
  });

  it('quitting the app stops the agent process', async () => {
    const pid = (lines.map((l) => JSON.parse(l) as { msg?: string; pid?: number }).find((r) => r.msg === 'edge agent ready'))!.pid!;
    expect(() => process.kill(pid, 0)).not.toThrow();
    app.quit();
    await vi.waitFor(() => expect(app.quitted).toBe(true), { timeout: 10_000 });
    expect(() => process.kill(pid, 0)).toThrow();
  });
});
