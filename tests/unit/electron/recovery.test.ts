// The self-healing policy shared by the Electron shell and the browser kiosk: the recovery ladder and its
// budget, the page-heartbeat watchdog, and the relaunch state kept across an app relaunch (real files).
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HeartbeatWatchdog } from '../../../shell/core/heartbeat.ts';
import { appRelaunchAllowed, readRecoveryState, writeRecoveryState } from '../../../shell/electron/recovery-state.ts';
import { browserBudget, browserExitBudget, causeOfGone, electronBudget, RecoveryLadder } from '../../../shell/core/recovery.ts';

const MIN = 60_000;

describe('RecoveryLadder', () => {
  it('Electron: reload x3, relaunch the window, relaunch the app, then slow reloads with the budget marked spent', () => {
    const ladder = new RecoveryLadder(electronBudget);
    const steps = Array.from({ length: 7 }, (_, i) => ladder.next('renderer-crashed', i * 1000));
    expect(steps.map((s) => [s.action, s.attempt, s.budgetExhausted, s.delayMs])).toEqual([
      ['page-reload', 1, false, 1000], ['page-reload', 2, false, 1000], ['page-reload', 3, false, 1000],
      ['window-relaunch', 4, false, 1000], ['app-relaunch', 5, false, 0],
      ['page-reload', 6, true, 60_000], ['page-reload', 7, true, 60_000],
    ]);
    expect(ladder.exhausted(7000)).toBe(true);
    expect(ladder.exhausted(7000 + 10 * MIN)).toBe(false);
  });

  it('forgets failures older than the budget window: a crash a week apart starts at the bottom again', () => {
    const ladder = new RecoveryLadder(electronBudget);
    for (let i = 0; i < 3; i++) ladder.next('renderer-crashed', i);
    const later = ladder.next('renderer-crashed', 11 * MIN);
    expect([later.action, later.attempt]).toEqual(['page-reload', 1]);
  });

  it('a vetoed step (app relaunch budget spent) drops straight to the slow path', () => {
    const ladder = new RecoveryLadder(electronBudget, (action) => action !== 'app-relaunch');
    const steps = Array.from({ length: 5 }, (_, i) => ladder.next('heartbeat-missed', i));
    expect(steps.at(-1)).toMatchObject({ action: 'page-reload', cause: 'heartbeat-missed', attempt: 5, budgetExhausted: true, delayMs: 60_000 });
  });

  it('browser kiosk: reload x3, relaunch the browser x2, then slow reloads; a dead browser is always relaunched', () => {
    const page = new RecoveryLadder(browserBudget);
    expect(Array.from({ length: 6 }, (_, i) => page.next('renderer-killed', i).action)).toEqual(['page-reload', 'page-reload', 'page-reload', 'browser-relaunch', 'browser-relaunch', 'page-reload']);
    const exit = new RecoveryLadder(browserExitBudget);
    const exits = Array.from({ length: 6 }, (_, i) => exit.next('browser-exited', i));
    expect(exits.map((e) => e.action)).toEqual(Array(6).fill('browser-relaunch'));
    expect(exits.map((e) => e.budgetExhausted)).toEqual([false, false, false, false, false, true]);
    expect(exits[5]!.delayMs).toBe(60_000);
  });

  it('maps Electron’s render-process-gone reasons to causes; a clean exit needs no recovery', () => {
    expect(causeOfGone('clean-exit')).toBeNull();
    expect(causeOfGone('crashed')).toBe('renderer-crashed');
    expect(causeOfGone('abnormal-exit')).toBe('renderer-crashed');
    expect(causeOfGone('killed')).toBe('renderer-killed');
    expect(causeOfGone('oom')).toBe('renderer-oom');
    expect(causeOfGone('launch-failed')).toBe('load-failed');
    expect(causeOfGone('memory-eviction')).toBe('renderer-gone');
  });
});

describe('HeartbeatWatchdog', () => {
  it('is disarmed until the first beat, then misses after the timeout while the agent is up', () => {
    const w = new HeartbeatWatchdog({ timeoutMs: 30_000 });
    w.agentUp(true, 0);
    expect(w.missed(100_000)).toBe(false); // never beat: the page is left to its own retry loop
    w.beat(100_000);
    expect(w.armed()).toBe(true);
    expect(w.missed(130_000)).toBe(false);
    expect(w.missed(130_001)).toBe(true);
    w.disarm();
    expect(w.missed(200_000)).toBe(false);
  });

  it('does not count silence while the agent is down, and gives the page a full timeout after it is back', () => {
    const w = new HeartbeatWatchdog({ timeoutMs: 30_000 });
    w.agentUp(true, 0);
    w.beat(0);
    w.agentUp(false, 10_000);
    expect(w.missed(100_000)).toBe(false);
    w.agentUp(true, 100_000);
    expect(w.missed(129_000)).toBe(false);
    expect(w.missed(130_001)).toBe(true);
  });
});

describe('recovery state across an app relaunch (real files)', () => {
  const dir = () => mkdtempSync(path.join(tmpdir(), 'atrium-recovery-'));
  const rec = (id: string) => ({ type: 'shell-recovery' as const, id, at: '2026-11-27T10:00:00.000Z', shell: 'electron' as const, action: 'app-relaunch' as const, cause: 'renderer-crashed' as const, role: 'guide' as const, attempt: 5, budgetExhausted: false, detail: 'x' });

  it('round-trips, with the file readable only by its owner', () => {
    const file = path.join(dir(), 'sub', 'recovery.json');
    writeRecoveryState(file, { relaunches: [1, 2], pending: [rec('abcdefgh1')] });
    expect(readRecoveryState(file)).toEqual({ relaunches: [1, 2], pending: [rec('abcdefgh1')] });
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('a missing, damaged or wrong-shaped file counts as empty (and loses nothing else)', () => {
    const d = dir();
    expect(readRecoveryState(path.join(d, 'none.json'))).toEqual({ relaunches: [], pending: [] });
    writeFileSync(path.join(d, 'bad.json'), '{"relaunches": [1,');
    expect(readRecoveryState(path.join(d, 'bad.json'))).toEqual({ relaunches: [], pending: [] });
    writeFileSync(path.join(d, 'shape.json'), JSON.stringify({ relaunches: ['yesterday'], pending: [] }));
    expect(readRecoveryState(path.join(d, 'shape.json'))).toEqual({ relaunches: [], pending: [] });
  });

  it('allows 3 app relaunches per hour', () => {
    const now = 10 * 60 * MIN;
    expect(appRelaunchAllowed({ relaunches: [now - MIN, now - 2 * MIN], pending: [] }, now)).toBe(true);
    expect(appRelaunchAllowed({ relaunches: [now - MIN, now - 2 * MIN, now - 3 * MIN], pending: [] }, now)).toBe(false);
    expect(appRelaunchAllowed({ relaunches: [now - 61 * MIN, now - 62 * MIN, now - 3 * MIN], pending: [] }, now)).toBe(true);
  });
});
