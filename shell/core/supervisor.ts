// Starts the edge agent and keeps it running: restart with capped exponential backoff after a crash, reset the
// backoff once it has been up for a while, stop it with SIGTERM (then SIGKILL). No Electron import: the same
// supervisor runs under both shells, wired once in supervise.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { backoffDelay, defaultBackoff, type Backoff } from '../../contracts/backoff.ts';
import { ShellRecoveryAck, ShellRequest, type ShellRecovery, type ShellReply } from '../../contracts/shell.ts';

/** Serves the agent's requests over Node IPC (e.g. a screenshot of the kiosk UI); absent = none can be served. */
export type ShellRequestHandler = (req: ShellRequest) => Promise<ShellReply>;

export type SupervisorEvents = {
  ready: [{ port: number; pid: number }];
  exit: [{ code: number | null; signal: NodeJS.Signals | null; pid: number }];
  restart: [{ attempt: number; delayMs: number }];
  line: [string];
  'gave-up': [{ attempts: number }];
};

export type SupervisorOptions = {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  backoff?: Backoff;
  /** After this long up, a crash counts as the first again. */
  stableMs?: number;
  /** Give up after this many restarts in a row without reaching stableMs (0 = never). */
  maxRestarts?: number;
  stopTimeoutMs?: number;
  random?: () => number;
  spawnFn?: typeof spawn;
  onShellRequest?: ShellRequestHandler;
};

export class AgentSupervisor extends EventEmitter<SupervisorEvents> {
  private child: ChildProcess | null = null;
  private attempt = 0;
  private stopping = false;
  private timer: NodeJS.Timeout | null = null;
  private startedAt = 0;
  private readonly opts: SupervisorOptions;
  /** Recoveries not yet acknowledged by the agent, oldest first, each with the child it was last sent to. */
  private readonly outgoing: Array<{ recovery: ShellRecovery; sentTo: ChildProcess | null }> = [];
  private agentReady = false;
  port: number | null = null;

  constructor(opts: SupervisorOptions) {
    super();
    this.opts = opts;
  }

  start(): void {
    this.stopping = false;
    this.launch();
  }

  /** Resolves with the port the next time the agent reports ready. */
  waitReady(timeoutMs = 20_000): Promise<number> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`edge agent not ready within ${timeoutMs} ms`)), timeoutMs);
      this.once('ready', ({ port }) => {
        clearTimeout(timer);
        resolve(port);
      });
    });
  }

  /** True between the agent's ready line and its exit. */
  isReady(): boolean {
    return this.agentReady;
  }

  /**
   * Tells the agent about a recovery (it records a shell.recovery event for HQ and acknowledges it). Sent while
   * the agent is ready; kept (the newest 100) until acknowledged, and sent again to the next agent process when
   * the one it went to exits first. The agent records by event id, so a re-send is never a second event.
   */
  notify(recovery: ShellRecovery): void {
    this.outgoing.push({ recovery, sentTo: null });
    if (this.outgoing.length > 100) this.outgoing.splice(0, this.outgoing.length - 100);
    this.flush();
  }

  /** Recoveries the agent has not acknowledged yet. */
  pendingNotices(): number {
    return this.outgoing.length;
  }

  private flush(): void {
    const child = this.child;
    if (!child || !this.agentReady || !child.connected) return;
    for (const item of this.outgoing) {
      if (item.sentTo === child) continue;
      item.sentTo = child;
      child.send(item.recovery, (err: Error | null) => {
        if (err) item.sentTo = null; // the agent went away mid-send: the next one gets it
      });
    }
  }

  private acknowledged(msg: unknown): boolean {
    const ack = ShellRecoveryAck.safeParse(msg);
    if (!ack.success) return false;
    const i = this.outgoing.findIndex((o) => o.recovery.id === ack.data.id);
    if (i >= 0) this.outgoing.splice(i, 1);
    return true;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const kill = setTimeout(() => child.kill('SIGKILL'), this.opts.stopTimeoutMs ?? 5000);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill('SIGTERM');
    });
  }

  private async answerShellRequest(child: ChildProcess, msg: unknown): Promise<void> {
    const reply = await shellReplyFor(msg, this.opts.onShellRequest);
    if (!reply) {
      this.emit('line', 'ignored a malformed message from the agent on the shell channel');
      return;
    }
    if (child.connected) child.send(reply);
  }

  private launch() {
    const spawnFn = this.opts.spawnFn ?? spawn;
    const child = spawnFn(this.opts.command, this.opts.args, { cwd: this.opts.cwd, env: this.opts.env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    this.child = child;
    child.on('message', (msg: unknown) => {
      if (!this.acknowledged(msg)) void this.answerShellRequest(child, msg);
    });
    this.startedAt = Date.now();
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        this.emit('line', line);
        const port = readyPort(line);
        if (port !== null) {
          this.port = port;
          this.agentReady = true;
          this.emit('ready', { port, pid: child.pid ?? 0 });
          this.flush();
        }
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) this.emit('line', line);
    });
    child.once('error', (err) => this.emit('line', `failed to start the agent: ${err.message}`));
    child.once('exit', (code, signal) => {
      this.agentReady = false;
      this.emit('exit', { code, signal, pid: child.pid ?? 0 });
      this.child = null;
      this.port = null;
      if (this.stopping) return;
      if (Date.now() - this.startedAt >= (this.opts.stableMs ?? 60_000)) this.attempt = 0;
      this.attempt += 1;
      const max = this.opts.maxRestarts ?? 0;
      if (max > 0 && this.attempt > max) {
        this.emit('gave-up', { attempts: this.attempt - 1 });
        return;
      }
      const delayMs = backoffDelay(this.attempt, this.opts.backoff ?? defaultBackoff, this.opts.random);
      this.emit('restart', { attempt: this.attempt, delayMs });
      this.timer = setTimeout(() => this.launch(), delayMs);
    });
  }
}

export async function shellReplyFor(msg: unknown, handler: ShellRequestHandler | undefined): Promise<ShellReply | null> {
  const req = ShellRequest.safeParse(msg);
  if (!req.success) return null;
  if (!handler) return { type: 'screenshot', requestId: req.data.requestId, ok: false, error: 'this kiosk shell cannot capture the UI' };
  try {
    return await handler(req.data);
  } catch (err) {
    return { type: 'screenshot', requestId: req.data.requestId, ok: false, error: (err as Error).message.slice(0, 500) };
  }
}

/** The agent logs `{"msg":"agent ready","port":N}` once it serves; anything else is not a ready line. */
export function readyPort(line: string): number | null {
  if (!line.includes('agent ready')) return null;
  try {
    const rec = JSON.parse(line) as { msg?: unknown; port?: unknown };
    return rec.msg === 'agent ready' && typeof rec.port === 'number' ? rec.port : null;
  } catch {
    return null;
  }
}
