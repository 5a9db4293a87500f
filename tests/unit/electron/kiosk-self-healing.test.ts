// The Electron shell's self-healing (shell/electron/kiosk.ts) against fakes, as kiosk.test.ts: renderer crashes, hung
// pages, stopped heartbeats and agent crashes are recovered and reported. Split from kiosk.test.ts (size).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { HEARTBEAT_CHANNEL } from '../../../shell/electron/ipc.ts';
import { RELAUNCH_EXIT_CODE } from '../../../shell/electron/kiosk.ts';
import { app, FakeBrowserWindow, ipcMain } from './fake-electron.ts';
import { fakeSd, gone, live, mainFrameEvent, start, useKioskFakes } from './kiosk-harness.ts';

vi.mock('electron', async () => (await import('./fake-electron.ts')).electronModule());
vi.mock('../../../shell/core/supervisor.ts', async () => ({ AgentSupervisor: (await import('./fake-supervisor.ts')).FakeSupervisor }));

useKioskFakes();

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

