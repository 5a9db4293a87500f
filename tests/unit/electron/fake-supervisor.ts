// A stand-in for AgentSupervisor in kiosk.test.ts, so the shell's reactions (windows, recoveries, quit) can be
// driven event by event. The real supervisor is tested on its own with real child processes (supervisor.test.ts)
// and together with the shell and the real agent (kiosk-real-agent.test.ts).
import { EventEmitter } from 'node:events';
import { vi, type Mock } from 'vitest';
import type { ShellRecovery } from '../../../contracts/shell.ts';
import type { SupervisorEvents, SupervisorOptions } from '../../../shell/core/supervisor.ts';

export class FakeSupervisor extends EventEmitter<SupervisorEvents> {
  static instances: FakeSupervisor[] = [];
  opts: SupervisorOptions;
  port: number | null = null;
  ready = false;
  start: Mock<() => void> = vi.fn();
  stop: Mock<() => Promise<void>> = vi.fn(async () => {});
  notify: Mock<(r: ShellRecovery) => void> = vi.fn();
  constructor(opts: SupervisorOptions) {
    super();
    this.opts = opts;
    FakeSupervisor.instances.push(this);
  }
  isReady(): boolean {
    return this.ready;
  }
  waitReady(timeoutMs = 20_000): Promise<number> {
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('not ready')), timeoutMs);
      this.once('ready', ({ port }) => {
        clearTimeout(t);
        resolve(port);
      });
    });
  }
  /** What the real supervisor does when the agent logs its ready line. */
  agentReady(port: number, pid = 4242) {
    this.port = port;
    this.ready = true;
    this.emit('ready', { port, pid });
  }
  /** What the real supervisor does when the agent exits and a restart is scheduled. */
  agentCrashed(code = 1, attempt = 1, delayMs = 500) {
    this.ready = false;
    this.port = null;
    this.emit('exit', { code, signal: null, pid: 4242 });
    this.emit('restart', { attempt, delayMs });
  }
  /** The recoveries the shell reported, in order. */
  recoveries(): ShellRecovery[] {
    return this.notify.mock.calls.map((c) => c[0]);
  }
}
