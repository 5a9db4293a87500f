// The one supervision wiring of both kiosk shells (electron/kiosk.ts and browser/kiosk.ts): the edge agent runs
// under AgentSupervisor; its ready line is awaited; after a crash the supervisor restarts it with backoff, and a
// restart of an agent that had been ready is reported to HQ as an agent-restart recovery (through the agent, once
// it is back); an agent that exits with a fatal code (common/exit-codes.ts: bad configuration, data folder) before
// it was ever ready is not restarted: the shell ends with that code, since only a person can fix it.
import { randomBytes } from 'node:crypto';
import { FATAL_EXIT_CODES } from '../../common/exit-codes.ts';
import type { ShellRecovery } from '../../contracts/shell.ts';
import type { AgentCommand } from './agent-command.ts';
import type { ShellLogger } from './log.ts';
import { recoveryRecord } from './recovery.ts';
import { AgentSupervisor, type ShellRequestHandler } from './supervisor.ts';

/** The per-start API secret: the agent gets it in its environment, the kiosk page through the shell. */
export function newSessionSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** http://127.0.0.1:PORT for the agent's port. */
export function agentOrigin(port: number): string {
  return new URL(`http://127.0.0.1:${port}`).origin;
}

export type SuperviseOptions = {
  shell: ShellRecovery['shell'];
  agent: AgentCommand;
  cwd: string;
  /** The agent's whole environment (each shell decides what it passes on, and adds the secret). */
  env: NodeJS.ProcessEnv;
  log: ShellLogger;
  onShellRequest?: ShellRequestHandler;
  /** Each time the agent reports ready; `restarted` is false the first time. */
  onReady: (ready: { port: number; pid: number; restarted: boolean }) => void;
  /** Ends the shell with this code; called once the agent is stopped (it cannot start, or restarts were given up). */
  exit: (code: number) => void;
  /** Called once when the agent is not ready this long after start() (the Electron shell opens its windows anyway). */
  notReadyAfter?: { ms: number; then: () => void };
};

export type SupervisedAgent = {
  supervisor: AgentSupervisor;
  /** Starts the agent (logged with `details`); the wiring above is already in place. */
  start(details?: Record<string, unknown>): void;
  /** True once the agent has been ready at least once. */
  everReady(): boolean;
  /** http://127.0.0.1:PORT of the agent while it is up, null while it is down or restarting. */
  origin(): string | null;
};

export function superviseAgent(opts: SuperviseOptions): SupervisedAgent {
  const { log } = opts;
  const supervisor = new AgentSupervisor({
    command: opts.agent.command,
    args: opts.agent.args,
    cwd: opts.cwd,
    env: opts.env,
    maxRestarts: 0,
    ...(opts.onShellRequest ? { onShellRequest: opts.onShellRequest } : {}),
  });
  let everReady = false;
  let lastExit = '';

  supervisor.on('exit', ({ code, signal, pid }) => {
    lastExit = `agent pid ${pid} exited (code ${code}, signal ${signal})`;
    log.warn('edge agent exited', { code, signal, pid });
    if (!everReady && code !== null && FATAL_EXIT_CODES.has(code)) {
      log.error('the edge agent cannot start; fix the problem it reported and start the kiosk again', { code });
      void supervisor.stop().finally(() => opts.exit(code));
    }
  });
  supervisor.on('restart', ({ attempt, delayMs }) => {
    log.warn('restarting the edge agent', { attempt, delayMs });
    if (!everReady) return;
    const decision = { action: 'agent-restart', cause: 'agent-exited', attempt, budgetExhausted: false } as const;
    supervisor.notify(recoveryRecord(opts.shell, decision, { at: Date.now(), detail: `${lastExit}; restart ${attempt} after ${delayMs} ms` }));
  });
  supervisor.on('gave-up', ({ attempts }) => {
    log.error('gave up restarting the edge agent', { attempts });
    opts.exit(1);
  });
  supervisor.on('ready', ({ port, pid }) => {
    log.info('edge agent ready', { port, pid, restarted: everReady });
    const restarted = everReady;
    everReady = true;
    opts.onReady({ port, pid, restarted });
  });

  return {
    supervisor,
    start: (details = {}) => {
      log.info('starting the edge agent', { command: opts.agent.command, args: opts.agent.args, ...details });
      supervisor.start();
      const slow = opts.notReadyAfter;
      if (!slow) return;
      supervisor.waitReady(slow.ms).catch(() => slow.then());
    },
    everReady: () => everReady,
    origin: () => (supervisor.isReady() && supervisor.port !== null ? agentOrigin(supervisor.port) : null),
  };
}
