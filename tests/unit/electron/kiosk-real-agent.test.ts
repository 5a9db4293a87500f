// The Electron shell with the REAL supervisor and the REAL edge agent (a child process on Node 24): only the
// `electron` module is mocked, because its binary cannot be downloaded here. Proves the per-start secret the
// shell hands the page is the one the agent accepts through the atrium://app proxy, that the agent's own Origin
// check still refuses the page's origin sent straight to it, and that a recovery reaches the agent's outbox.
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SESSION_CHANNEL } from '../../../shell/electron/ipc.ts';
import { runKiosk, type Kiosk } from '../../../shell/electron/kiosk.ts';
import type { ShellLogger as Logger } from '../../../shell/core/log.ts';
import { app, FakeBrowserWindow, fakeEvent, ipcMain, protocol, resetElectronFakes } from './fake-electron.ts';

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
const sd = { enabled: false, watchdogIntervalMs: null, notify() {}, ready() {}, watchdog() {}, stopping() {} };

let kiosk: Kiosk;
let agent: string;
let secret: string;

beforeAll(async () => {
  resetElectronFakes();
  app.appPath = repoRoot;
  app.userData = mkdtempSync(path.join(tmpdir(), 'atrium-electron-'));
  kiosk = (await runKiosk({ env: { PATH: process.env.PATH, HOME: process.env.HOME, ATRIUM_DEMO_HQ: '0' }, log, handleSignals: false, sd }))!;
  await kiosk.supervisor.waitReady(20_000);
  agent = kiosk.agentOrigin()!;
  const w = FakeBrowserWindow.instances[0]!;
  ({ secret } = (await ipcMain.invoke(SESSION_CHANNEL, { sender: w.webContents, senderFrame: w.webContents.mainFrame })) as { secret: string });
});

afterAll(async () => {
  await kiosk?.supervisor.stop();
});

const viaApp = (token: string) =>
  protocol.handlers.get('atrium')!(new Request('atrium://app/api/v1/kiosk.bootstrap', {
    method: 'POST', headers: { 'Content-Type': 'application/json', Origin: 'atrium://app', 'Sec-Fetch-Site': 'same-origin', Authorization: `Bearer ${token}` }, body: '{}',
  }));

describe('Electron shell + real edge agent (electron module mocked)', () => {
  it('opens the kiosk window on atrium://app once the agent reports its port', () => {
    expect(agent).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect(FakeBrowserWindow.instances[0]!.loaded).toEqual(['atrium://app/']);
  });

  it('the secret handed to the kiosk page over IPC is the one the agent accepts through the atrium:// proxy', async () => {
    const ok = await viaApp(secret);
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { ok: boolean; data: { mall: { id: string } } };
    expect(body.ok).toBe(true);
    expect(body.data.mall.id).toBeTruthy();
    expect((await viaApp('not-the-secret')).status).toBe(401);
  });

  it('the agent’s own Origin check is unchanged: the page’s origin sent straight to the agent is refused', async () => {
    const direct = await fetch(`${agent}/api/v1/kiosk.bootstrap`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Origin: 'atrium://app', Authorization: `Bearer ${secret}` }, body: '{}',
    });
    expect(direct.status).toBe(403);
    expect(((await direct.json()) as { error: { code: string } }).error.code).toBe('forbidden_origin');
  });

  it('serves the built UI itself, so the page loads whatever the agent’s port', async () => {
    const page = await protocol.handlers.get('atrium')!(new Request('atrium://app/'));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
  });

  it('a renderer crash is reloaded and recorded in the agent’s outbox as shell.recovery, acknowledged once', async () => {
    const w = FakeBrowserWindow.instances[0]!;
    w.webContents.emit('render-process-gone', fakeEvent(), { reason: 'crashed', exitCode: 11 });
    await vi.waitFor(() => expect(w.loaded).toHaveLength(2), { timeout: 5000 });
    await vi.waitFor(() => expect(kiosk.supervisor.pendingNotices()).toBe(0), { timeout: 5000 });
    const db = new Database(path.join(app.userData, 'data', 'atrium.db'), { readonly: true });
    try {
      const rows = db.prepare("SELECT event_id AS id, payload FROM outbox WHERE type = 'shell.recovery'").all() as { id: string; payload: string }[];
      expect(rows).toHaveLength(1);
      expect(JSON.parse(rows[0]!.payload)).toMatchObject({ shell: 'electron', action: 'page-reload', cause: 'renderer-crashed', attempt: 1, budgetExhausted: false, role: null });
    } finally {
      db.close();
    }
    expect(lines.some((l) => l.includes('"component":"agent"') && l.includes('kiosk shell recovered'))).toBe(true);
  });

  it('forwards the agent’s own log lines and never logs the secret', () => {
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
