// What must survive an app relaunch: when the app was relaunched lately (the relaunch budget), and recoveries
// not yet handed to the agent (a relaunch happens before the agent could record it). One small JSON file in
// Electron's userData folder; a missing or damaged file counts as empty, and is replaced on the next write.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ShellRecovery } from '../../contracts/shell.ts';

export const RecoveryState = z.object({
  relaunches: z.array(z.number().int()).max(100),
  pending: z.array(ShellRecovery).max(100),
});
export type RecoveryState = z.infer<typeof RecoveryState>;

export const APP_RELAUNCH_BUDGET = { max: 3, windowMs: 60 * 60_000 };

export function readRecoveryState(file: string): RecoveryState {
  try {
    const parsed = RecoveryState.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : { relaunches: [], pending: [] };
  } catch {
    return { relaunches: [], pending: [] };
  }
}

export function writeRecoveryState(file: string, state: RecoveryState): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify({ relaunches: state.relaunches.slice(-100), pending: state.pending.slice(-100) }), { mode: 0o600 });
  renameSync(tmp, file);
}

/** True while fewer than `max` app relaunches happened in the last `windowMs`. */
export function appRelaunchAllowed(state: RecoveryState, now: number, budget = APP_RELAUNCH_BUDGET): boolean {
  return state.relaunches.filter((t) => now - t < budget.windowMs).length < budget.max;
}
