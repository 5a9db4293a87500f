// Self-healing policy, as pure logic shared by the Electron shell and the browser kiosk (no Electron import):
// a crashed, hung or silent page is first reloaded, then its window (or browser) relaunched, then, in Electron,
// the whole app relaunched, all within a restart budget counted over a sliding time window. Once the budget is
// spent the kiosk does not give up and does not spin either: it keeps reloading slowly and says so.
import { randomUUID } from 'node:crypto';
import type { ShellRecovery, ShellRecoveryAction, ShellRecoveryCause } from '../../contracts/shell.ts';

export type Step = { action: ShellRecoveryAction; times: number; delayMs: number };

export type RecoveryBudget = {
  /** The ladder, climbed one failure at a time within windowMs. */
  steps: Step[];
  /** Failures older than this are forgotten: a kiosk that crashed once last week starts again at the bottom. */
  windowMs: number;
  /** After the ladder: `slowAction` (default page-reload) every slowRetryMs. */
  slowRetryMs: number;
  slowAction?: ShellRecoveryAction;
};

export const electronBudget: RecoveryBudget = {
  steps: [
    { action: 'page-reload', times: 3, delayMs: 1000 },
    { action: 'window-relaunch', times: 1, delayMs: 1000 },
    { action: 'app-relaunch', times: 1, delayMs: 0 },
  ],
  windowMs: 10 * 60_000,
  slowRetryMs: 60_000,
};

export const browserBudget: RecoveryBudget = {
  steps: [
    { action: 'page-reload', times: 3, delayMs: 1000 },
    { action: 'browser-relaunch', times: 2, delayMs: 2000 },
  ],
  windowMs: 10 * 60_000,
  slowRetryMs: 60_000,
};

/** The browser process itself exited: nothing to reload, so every rung relaunches it, more slowly once spent. */
export const browserExitBudget: RecoveryBudget = {
  steps: [{ action: 'browser-relaunch', times: 5, delayMs: 2000 }],
  windowMs: 10 * 60_000,
  slowRetryMs: 60_000,
  slowAction: 'browser-relaunch',
};

export type RecoveryDecision = {
  action: ShellRecoveryAction;
  cause: ShellRecoveryCause;
  delayMs: number;
  /** 1-based count of failures in the current budget window, this one included. */
  attempt: number;
  budgetExhausted: boolean;
};

/** Failure history of one window (or browser) and the decision for the next failure. */
export class RecoveryLadder {
  private failures: number[] = [];
  private lastSlowAt: number | null = null;
  private readonly budget: RecoveryBudget;
  /** May veto a step (e.g. app-relaunch once the persisted relaunch budget is spent); vetoed steps are skipped. */
  private readonly allow: (action: ShellRecoveryAction, now: number) => boolean;

  constructor(budget: RecoveryBudget, allow: (action: ShellRecoveryAction, now: number) => boolean = () => true) {
    this.budget = budget;
    this.allow = allow;
  }

  next(cause: ShellRecoveryCause, now: number): RecoveryDecision {
    this.failures = this.failures.filter((t) => now - t < this.budget.windowMs);
    this.failures.push(now);
    const attempt = this.failures.length;
    let seen = 0;
    for (const step of this.budget.steps) {
      seen += step.times;
      if (attempt <= seen && this.allow(step.action, now)) return { action: step.action, cause, delayMs: step.delayMs, attempt, budgetExhausted: false };
      if (attempt <= seen) break; // vetoed: the rest of the ladder is not cheaper, fall to the slow path
    }
    this.lastSlowAt = now;
    return { action: this.budget.slowAction ?? 'page-reload', cause, delayMs: this.budget.slowRetryMs, attempt, budgetExhausted: true };
  }

  /** True once a failure inside the current window has fallen to the slow path. */
  exhausted(now: number): boolean {
    return this.lastSlowAt !== null && now - this.lastSlowAt < this.budget.windowMs;
  }
}

/** Electron's render-process-gone reasons, as recovery causes (null: a clean exit, nothing to recover). */
export function causeOfGone(reason: string): ShellRecoveryCause | null {
  switch (reason) {
    case 'clean-exit':
      return null;
    case 'crashed':
    case 'abnormal-exit':
      return 'renderer-crashed';
    case 'killed':
      return 'renderer-killed';
    case 'oom':
      return 'renderer-oom';
    case 'launch-failed':
    case 'integrity-failure':
      return 'load-failed';
    default:
      return 'renderer-gone';
  }
}

/** The record of one recovery, as the agent reports it to HQ (a shell.recovery event; the id makes a re-send harmless). */
export function recoveryRecord(
  shell: ShellRecovery['shell'],
  decision: Pick<RecoveryDecision, 'action' | 'cause' | 'attempt' | 'budgetExhausted'>,
  opts: { detail: string; at: number; role?: ShellRecovery['role'] },
): ShellRecovery {
  return {
    type: 'shell-recovery', id: randomUUID().replace(/-/g, ''), at: new Date(opts.at).toISOString(), shell,
    action: decision.action, cause: decision.cause, role: opts.role ?? null, attempt: decision.attempt, budgetExhausted: decision.budgetExhausted,
    detail: opts.detail.slice(0, 300),
  };
}
