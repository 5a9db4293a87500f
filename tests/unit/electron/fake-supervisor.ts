// A stand-in for AgentSupervisor in kiosk.test.ts, so the shell's reactions (window, reload, quit) can be driven
// event by event. The real supervisor is tested on its own with real child processes (supervisor.test.ts) and
// together with the shell and the real agent (kiosk-real-agent.test.ts).
import { EventEmitter } from 'node:events';
import { vi, type Mock } from 'vitest';
import type { SupervisorEvents, SupervisorOptions } from '../../../electron/supervisor.ts';

export class FakeSupervisor extends EventEmitter<SupervisorEvents> {
  static instances: FakeSupervisor[] = [];
  opts: SupervisorOptions;
  port: number | null = null;
  start: Mock<() => void> = vi.fn();
  stop: Mock<() => Promise<void>> = vi.fn(async () => {});
  constructor(opts: SupervisorOptions) {
    super();
    this.opts = opts;
    FakeSupervisor.instances.push(this);
  }
  waitReady(): Promise<number> {
    return new Promise((resolve) => this.once('ready', ({ port }) => resolve(port)));
  }
  /** What the real supervisor does when the agent logs its ready line. */
  agentReady(port: number, pid = 4242) {
    this.port = port;
    this.emit('ready', { port, pid });
  }
}
