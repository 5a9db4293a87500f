// The bench leaves no process behind, even when it fails: agents, brokers, Chromium and workers it started are all
// descendants of this process, so on any way out (normal end, uncaught error or rejection, Ctrl-C, SIGTERM) they
// are stopped by walking /proc: SIGTERM first with a grace period where there is time, SIGKILL at the very exit.
import { processTree } from '../scripts/proc-tree.ts';

const descendants = (): number[] => processTree(process.pid).slice(1).map((p) => p.pid);

function signalAll(pids: number[], signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      /* gone meanwhile */
    }
  }
}

/** SIGTERM to every descendant, up to `graceMs` for them to go, then SIGKILL to whatever is left. */
export async function stopDescendants(graceMs = 5000): Promise<void> {
  signalAll(descendants(), 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (descendants().length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  signalAll(descendants(), 'SIGKILL');
}

/** Installs the handlers; call once, first thing. */
export function cleanUpOnExit(): void {
  // Last resort, synchronous: whatever is still running when this process exits (a top-level await that rejected
  // ends up here too) is killed outright.
  process.on('exit', () => signalAll(descendants(), 'SIGKILL'));
  let stopping = false;
  const stopAndExit = (code: number) => {
    if (stopping) return; // already on the way out (a stopped agent's hung-up request lands here too)
    stopping = true;
    void stopDescendants().finally(() => process.exit(code));
  };
  const fail = (what: string) => (err: unknown) => {
    if (!stopping) console.error(`bench: ${what}:`, err);
    stopAndExit(1);
  };
  process.on('uncaughtException', fail('uncaught error'));
  process.on('unhandledRejection', fail('unhandled rejection'));
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    process.once(signal, () => {
      console.error(`bench: ${signal}; stopping what the bench started`);
      stopAndExit(code);
    });
  }
}
