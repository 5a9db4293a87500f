// How the Electron kiosk ends, as named steps of runKiosk (kiosk.ts): an app relaunch (the last rung of a
// window's recovery ladder; under systemd an exit that Restart=always turns into a fresh kiosk), and a quit (the
// agent is stopped first, once, whatever asked: the window manager, SIGINT/SIGTERM, or app.quit()).
import { app } from 'electron';
import type { ShellRecovery } from '../../contracts/shell.ts';
import type { ShellLogger } from '../core/log.ts';
import type { SdNotifier } from '../core/sd-notify.ts';
import type { AgentSupervisor } from '../core/supervisor.ts';
import { readRecoveryState, writeRecoveryState } from './recovery-state.ts';

/** Exit code for "relaunch me" under systemd (EX_TEMPFAIL): the unit's Restart=always starts a fresh kiosk. */
export const RELAUNCH_EXIT_CODE = 75;

/** What the lifecycle shares with the rest of the shell: once quitting, displays and windows are left alone. */
export type KioskState = { quitting: boolean };

export type LifecycleDeps = {
  state: KioskState;
  log: ShellLogger;
  sd: SdNotifier;
  supervisor: AgentSupervisor;
  closeWindows: () => void;
  /** The recovery-state file (recovery-state.ts) that carries the relaunch budget and unreported recoveries. */
  stateFile: string;
};

/** Relaunches the whole app; the recovery is kept on disk and reported by the next run once its agent is up. */
export function appRelauncher(deps: LifecycleDeps): (record: ShellRecovery) => void {
  return (record) => {
    const saved = readRecoveryState(deps.stateFile);
    saved.relaunches.push(Date.now());
    saved.pending.push(record);
    writeRecoveryState(deps.stateFile, saved);
    deps.log.error('relaunching the kiosk app', { cause: record.cause, role: record.role, underSystemd: deps.sd.enabled });
    deps.state.quitting = true;
    deps.closeWindows();
    void deps.supervisor.stop().finally(() => {
      // Under systemd a relaunched child would be killed with the old cgroup: exit and let Restart=always start a fresh kiosk.
      if (deps.sd.enabled) return app.exit(RELAUNCH_EXIT_CODE);
      app.relaunch();
      app.exit(0);
    });
  };
}

/** Recoveries recorded before an app relaunch are handed to the supervisor (sent once the new agent is up). */
export function reportCarriedRecoveries(stateFile: string, notify: (record: ShellRecovery) => void): void {
  const carried = readRecoveryState(stateFile);
  if (carried.pending.length === 0) return;
  for (const record of carried.pending) notify(record);
  writeRecoveryState(stateFile, { ...carried, pending: [] });
}

/** On quit: tell systemd, stop the timers and the agent, then let Electron quit (the first quit is held until then). */
export function stopAgentOnQuit(deps: LifecycleDeps & { stopTimers: () => void; handleSignals: boolean }): void {
  let phase: 'running' | 'stopping' | 'stopped' = 'running';
  app.on('before-quit', (event) => {
    if (phase === 'stopped') return;
    event.preventDefault();
    if (phase === 'stopping') return;
    phase = 'stopping';
    deps.state.quitting = true;
    deps.sd.stopping();
    deps.stopTimers();
    deps.log.info('stopping the edge agent');
    void deps.supervisor.stop().finally(() => {
      phase = 'stopped';
      deps.closeWindows();
      deps.log.info('edge agent stopped; quitting');
      app.quit();
    });
  });
  if (deps.handleSignals) {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => app.quit());
  }
}
