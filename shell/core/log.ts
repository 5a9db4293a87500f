// The shells' log (Electron main, browser kiosk): the project logger (common/node/log.ts: one JSON object per
// line on stdout, `ts`, `level`, `component`, `msg`, fields; secrets redacted) plus `raw`, which forwards the
// agent's own JSON lines untouched so one log collector reads both processes. Never log the session secret.
import { createLogger, type Logger } from '../../common/node/log.ts';

export type ShellLogger = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'> & {
  /** Writes a line as it is (the agent's own JSON log lines are forwarded untouched). */
  raw(line: string): void;
};

/** Every level is printed (the lock-down's refusals are debug lines); `write` defaults to stdout. */
export function createShellLogger(component = 'electron', write?: (line: string) => void): ShellLogger {
  const log = createLogger('debug', component, write);
  const out = write ?? ((line: string) => void process.stdout.write(line));
  return {
    debug: log.debug,
    info: log.info,
    warn: log.warn,
    error: log.error,
    raw: (line) => out(line.endsWith('\n') ? line : line + '\n'),
  };
}
