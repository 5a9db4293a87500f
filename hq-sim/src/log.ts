// The HQ simulator's log: the one project logger (common/node/log.ts: same redaction, same records), with two
// destinations of its own. The CLI prints human-readable lines on stderr (stdout stays clean for command output);
// the live fleet table keeps the recent lines in a ring instead of scrolling them over the table.
import { createLogger, recordSink, type LogRecord, type Logger } from '../../common/node/log.ts';

/** What the simulator needs of a logger; an agent Logger fits too, so callers can pass either. */
export type HqLog = Pick<Logger, 'info' | 'warn' | 'error'>;

export type LogLine = Omit<LogRecord, 'component'>;

export function formatLogLine(l: LogLine): string {
  const extra = l.fields && Object.keys(l.fields).length ? ` ${JSON.stringify(l.fields)}` : '';
  return `${l.ts.slice(11, 19)} ${l.level.padEnd(5)} ${l.msg}${extra}`;
}

/** Plain text lines, on stderr unless `write` is given. */
export function consoleLog(write: (line: string) => void = (line) => process.stderr.write(line + '\n')): HqLog {
  return createLogger('info', 'hq', recordSink((record) => write(formatLogLine(record))));
}

/** Keeps the last `size` lines in memory (for the live fleet table). */
export function ringLog(size = 8): HqLog & { lines(): LogLine[] } {
  const ring: LogLine[] = [];
  const log = createLogger('info', 'hq', recordSink(({ component: _component, ...line }) => {
    ring.push(line);
    if (ring.length > size) ring.shift();
  }));
  return { info: log.info, warn: log.warn, error: log.error, lines: () => [...ring] };
}

export const silentLog: HqLog = createLogger('error', 'hq', () => {});
