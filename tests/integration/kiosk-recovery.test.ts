// The browser-kiosk path's self-healing, for real: the real edge agent under the real supervisor, Debian
// Chromium (headless) opened and kept alive by KioskBrowserKeeper over its DevTools pipe, the built UI with its
// heartbeat hook. The page's renderer is crashed (DevTools Page.crash), killed (SIGKILL on its pid), frozen
// (a busy loop: the heartbeat stops), and the browser itself is killed; each time the kiosk must come back to
// the attract screen, and every recovery must land in the agent's outbox as a shell.recovery event for HQ.
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ShellRecovery } from '../../contracts/shell.ts';
import type { ShellLogger as Logger } from '../../shell/core/log.ts';
import { processTree } from '../../scripts/proc-tree.ts';
import { startBrowserKiosk, type BrowserKiosk } from '../../shell/browser/kiosk.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = mkdtempSync(path.join(tmpdir(), 'atrium-kiosk-recovery-'));
const logs: Array<Record<string, unknown>> = [];
const log: Logger = {
  debug: () => {},
  info: (msg, f) => void logs.push({ level: 'info', msg, ...f }),
  warn: (msg, f) => void logs.push({ level: 'warn', msg, ...f }),
  error: (msg, f) => void logs.push({ level: 'error', msg, ...f }),
  raw: () => {},
};
const ATTRACT = '[data-screen="attract"]';
const HEARTBEAT_TIMEOUT_MS = 15_000;
let kiosk: BrowserKiosk;

const browser = () => kiosk.keeper.current()!;
const recoveries = (): ShellRecovery[] => kiosk.keeper.recoveries;
async function backOnAttract(afterRecoveries: number, timeout = 45_000) {
  await vi.waitFor(() => expect(recoveries().length).toBeGreaterThanOrEqual(afterRecoveries), { timeout, interval: 200 });
  await kiosk.keeper.waitFor(ATTRACT, timeout);
}
function rendererPids(): number[] {
  return processTree(browser().pid).filter((p) => p.cmdline.includes('--type=renderer')).map((p) => p.pid);
}

beforeAll(async () => {
  if (!existsSync(path.join(root, 'dist/renderer/index.html'))) throw new Error('dist/renderer is missing: run npm run build');
  kiosk = startBrowserKiosk({
    root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ATRIUM_DATA_DIR: dataDir, ATRIUM_API_PORT: '0', ATRIUM_UI_DIR: path.join(root, 'dist/renderer') },
    log,
    openBrowser: true,
    extraArgs: ['--headless', '--disable-gpu', '--window-size=1080,1920'],
    say: () => {},
    heartbeatTimeoutMs: HEARTBEAT_TIMEOUT_MS,
  });
  await kiosk.supervisor.waitReady(20_000);
  await vi.waitFor(() => expect(kiosk.keeper.current()).not.toBeNull(), { timeout: 10_000 });
  await kiosk.interactive();
}, 60_000);

afterAll(async () => {
  await kiosk?.stop();
});

describe('browser kiosk self-healing in real Chromium', () => {
  it('a renderer crashed through DevTools (Page.crash) is reloaded back to the attract screen', async () => {
    const pid = browser().pid;
    await browser().crashPage();
    await backOnAttract(1);
    expect(recoveries()[0]).toMatchObject({ shell: 'browser', action: 'page-reload', cause: 'renderer-crashed', attempt: 1, budgetExhausted: false });
    expect(browser().pid).toBe(pid); // the same browser: only the page was reloaded
  }, 120_000);

  it('a renderer killed by its pid (SIGKILL) is reloaded too', async () => {
    const pids = rendererPids();
    expect(pids.length).toBeGreaterThan(0);
    for (const pid of pids) process.kill(pid, 'SIGKILL');
    await backOnAttract(2);
    expect(recoveries()[1]).toMatchObject({ action: 'page-reload', cause: expect.stringMatching(/^renderer-(killed|crashed)$/), attempt: 2 });
    expect(rendererPids().some((p) => pids.includes(p))).toBe(false);
  }, 120_000);

  it('a frozen page (busy loop) stops its heartbeat, has its renderer crashed by the shell and comes back', async () => {
    await browser().evaluate('setTimeout(() => { for (;;) {} }, 0); true');
    const frozeAt = Date.now();
    await backOnAttract(3, HEARTBEAT_TIMEOUT_MS + 30_000);
    expect(Date.now() - frozeAt).toBeGreaterThanOrEqual(HEARTBEAT_TIMEOUT_MS - 1000);
    expect(recoveries()[2]).toMatchObject({ action: 'page-reload', cause: 'heartbeat-missed', attempt: 3 });
    expect(recoveries()).toHaveLength(3); // the crash the shell caused itself is not counted again
    // The page is alive: its main thread answers.
    expect(await browser().evaluate<number>('1 + 1')).toBe(2);
  }, 120_000);

  it('a killed browser is relaunched with a fresh pairing and shows the attract screen again', async () => {
    const old = browser().pid;
    process.kill(old, 'SIGKILL');
    await vi.waitFor(() => expect(kiosk.keeper.current()?.pid ?? old).not.toBe(old), { timeout: 45_000, interval: 200 });
    await backOnAttract(4);
    expect(recoveries()[3]).toMatchObject({ action: 'browser-relaunch', cause: 'browser-exited', attempt: 1 });
    // Paired and talking to the agent: the attract screen shows the mall's promotions from the API.
    expect(await browser().evaluate<boolean>(`document.querySelector('${ATTRACT}') !== null`)).toBe(true);
  }, 120_000);

  it('every recovery is logged and recorded in the agent’s outbox for HQ, once each', async () => {
    await vi.waitFor(() => expect(kiosk.supervisor.pendingNotices()).toBe(0), { timeout: 10_000 });
    const db = new Database(path.join(dataDir, 'atrium.db'), { readonly: true });
    try {
      const rows = db.prepare("SELECT event_id AS id, payload FROM outbox WHERE type = 'shell.recovery' ORDER BY seq").all() as { id: string; payload: string }[];
      expect(rows.map((r) => r.id)).toEqual(recoveries().map((r) => r.id));
      expect(rows.map((r) => (JSON.parse(r.payload) as { cause: string }).cause)).toEqual(recoveries().map((r) => r.cause));
    } finally {
      db.close();
    }
    expect(logs.filter((l) => l.msg === 'kiosk recovery')).toHaveLength(recoveries().length);
  }, 30_000);
});
