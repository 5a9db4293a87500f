// Shared set-up of the Electron shell's orchestration tests (kiosk.test.ts, kiosk-self-healing.test.ts): a captured
// logger, a fake systemd notifier, start() with the fakes, and the before/after hooks (useKioskFakes). Each test file
// still declares its own vi.mock calls (vitest hoists them per file).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, vi } from 'vitest';
import { runKiosk, type KioskOptions } from '../../../shell/electron/kiosk.ts';
import type { ShellLogger as Logger } from '../../../shell/core/log.ts';
import type { SdNotifier } from '../../../shell/core/sd-notify.ts';
import { app, FakeBrowserWindow, fakeEvent, resetElectronFakes } from './fake-electron.ts';
import { FakeSupervisor } from './fake-supervisor.ts';

export function captureLog() {
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

export function fakeSd(enabled = false): SdNotifier & { calls: string[][] } {
  const calls: string[][] = [];
  const notify = (...a: string[]) => void calls.push(a);
  return { enabled, watchdogIntervalMs: enabled ? 1000 : null, calls, notify, ready: (status) => notify('READY=1', ...(status ? [`STATUS=${status}`] : [])), watchdog: () => notify('WATCHDOG=1'), stopping: () => notify('STOPPING=1') };
}

export const baseEnv = { PATH: '/usr/bin', HOME: '/home/kiosk', ATRIUM_MALL_ID: 'mall-7', ATRIUM_API_SECRET: 'inherited-must-not-win', ELECTRON_ENABLE_LOGGING: '1', SOME_TOKEN: 'x' };
let uiDir = '';

export async function start(extra: Partial<Omit<KioskOptions, 'sd'>> & { env?: Record<string, string>; sd?: ReturnType<typeof fakeSd> } = {}) {
  const cap = captureLog();
  const sd = extra.sd ?? fakeSd();
  const kiosk = await runKiosk({ handleSignals: false, preloadPath: '/app/preload.cjs', heartbeatTimeoutMs: 30_000, hangGraceMs: 10_000, ...extra, sd, env: { ...baseEnv, ATRIUM_UI_DIR: uiDir, ...extra.env }, log: cap.log });
  const sup = FakeSupervisor.instances.at(-1)!;
  return { kiosk: kiosk!, sup, sd, ...cap };
}

export const mainFrameEvent = (w: FakeBrowserWindow) => ({ sender: w.webContents, senderFrame: w.webContents.mainFrame });
export const gone = (w: FakeBrowserWindow, reason: string) => w.webContents.emit('render-process-gone', fakeEvent(), { reason, exitCode: 139 });
export const live = () => FakeBrowserWindow.instances.filter((w) => !w.destroyed);

/** Registers the hooks that reset the fakes and give each test a fresh user-data and UI folder. */
export function useKioskFakes(): void {
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
}

/** The UI folder of the current test (made by useKioskFakes' beforeEach). */
export const currentUiDir = (): string => uiDir;
