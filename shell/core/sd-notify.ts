// systemd integration without a native module: READY=1 once the kiosk shows its page, WATCHDOG=1 every half
// WatchdogSec while the kiosk is healthy, STOPPING=1 on the way out. Node cannot send the unix datagram itself,
// so each message goes through `systemd-notify --pid=<our pid>` (the unit sets NotifyAccess=all so systemd takes
// it from that helper). Outside systemd (no NOTIFY_SOCKET) every call does nothing. No Electron import: both
// shells use it.
import { spawn } from 'node:child_process';

export type SdNotifier = {
  /** True under a systemd unit with Type=notify (NOTIFY_SOCKET set). */
  enabled: boolean;
  /** Half of WatchdogSec in ms, or null when the unit has no watchdog (or it is meant for another process). */
  watchdogIntervalMs: number | null;
  notify(...assignments: string[]): void;
  ready(status?: string): void;
  watchdog(): void;
  stopping(): void;
};

export type SdNotifyOptions = {
  env?: NodeJS.ProcessEnv;
  pid?: number;
  spawnFn?: typeof spawn;
  onError?: (message: string) => void;
};

export function watchdogInterval(env: NodeJS.ProcessEnv, pid: number): number | null {
  const usec = Number(env.WATCHDOG_USEC);
  if (!env.WATCHDOG_USEC || !Number.isFinite(usec) || usec <= 0) return null;
  if (env.WATCHDOG_PID && Number(env.WATCHDOG_PID) !== pid) return null;
  return Math.max(500, Math.floor(usec / 2000));
}

/** Arguments for systemd-notify; each assignment is KEY=VALUE with no newline. */
export function notifyArgs(pid: number, assignments: string[]): string[] {
  for (const a of assignments) if (!/^[A-Z_]+=[^\n]*$/.test(a)) throw new Error(`not a systemd notify assignment: ${JSON.stringify(a)}`);
  return [`--pid=${pid}`, ...assignments];
}

export function sdNotifier(opts: SdNotifyOptions = {}): SdNotifier {
  const env = opts.env ?? process.env;
  const pid = opts.pid ?? process.pid;
  const spawnFn = opts.spawnFn ?? spawn;
  const enabled = Boolean(env.NOTIFY_SOCKET);
  let warned = false;
  const notify = (...assignments: string[]) => {
    if (!enabled) return;
    const child = spawnFn('systemd-notify', notifyArgs(pid, assignments), { stdio: 'ignore', env: { PATH: env.PATH ?? '/usr/bin:/bin', NOTIFY_SOCKET: env.NOTIFY_SOCKET } });
    const fail = (why: string) => {
      if (warned) return;
      warned = true;
      opts.onError?.(`systemd-notify ${assignments.join(' ')} failed: ${why}`);
    };
    child.once('error', (err) => fail(err.message));
    child.once('exit', (code) => {
      if (code !== 0) fail(`exit code ${code}`);
    });
  };
  return {
    enabled,
    watchdogIntervalMs: enabled ? watchdogInterval(env, pid) : null,
    notify,
    ready: (status) => notify('READY=1', ...(status ? [`STATUS=${status.replace(/\n/g, ' ')}`] : [])),
    watchdog: () => notify('WATCHDOG=1'),
    stopping: () => notify('STOPPING=1'),
  };
}

/**
 * Feeds the systemd watchdog every half WatchdogSec while `healthy()` says so (a kiosk whose recovery budget is
 * spent stops feeding it, and systemd restarts the whole kiosk). Returns the function that stops feeding.
 */
export function feedWatchdog(sd: SdNotifier, healthy: () => boolean): () => void {
  if (!sd.watchdogIntervalMs) return () => {};
  const timer = setInterval(() => {
    if (healthy()) sd.watchdog();
  }, sd.watchdogIntervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
