// The HQ simulator's log: the same shape as the edge agent's Logger (info/warn/error with fields), so callers can
// pass either. The CLI's live table keeps recent lines in a ring instead of scrolling them over the table.
export type HqLog = {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
};

export type LogLine = { ts: string; level: 'info' | 'warn' | 'error'; msg: string; fields?: Record<string, unknown> };

export function formatLogLine(l: LogLine): string {
  const extra = l.fields && Object.keys(l.fields).length ? ` ${JSON.stringify(l.fields)}` : '';
  return `${l.ts.slice(11, 19)} ${l.level.padEnd(5)} ${l.msg}${extra}`;
}

/** Plain text lines on stderr (stdout stays clean for command output). */
export function consoleLog(write: (line: string) => void = (line) => process.stderr.write(line + '\n')): HqLog {
  const emit = (level: LogLine['level']) => (msg: string, fields?: Record<string, unknown>) =>
    write(formatLogLine({ ts: new Date().toISOString(), level, msg, ...(fields ? { fields } : {}) }));
  return { info: emit('info'), warn: emit('warn'), error: emit('error') };
}

/** Keeps the last `size` lines in memory (for the live fleet table). */
export function ringLog(size = 8): HqLog & { lines(): LogLine[] } {
  const ring: LogLine[] = [];
  const emit = (level: LogLine['level']) => (msg: string, fields?: Record<string, unknown>) => {
    ring.push({ ts: new Date().toISOString(), level, msg, ...(fields ? { fields } : {}) });
    if (ring.length > size) ring.shift();
  };
  return { info: emit('info'), warn: emit('warn'), error: emit('error'), lines: () => [...ring] };
}

export const silentLog: HqLog = { info: () => {}, warn: () => {}, error: () => {} };
