// Structured logs of the Electron main process: one JSON object per line on stdout, in the same shape as the
// agent's (ts, level, component, msg, fields), so one log collector reads both. Never log the session secret.
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export type Logger = {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** Writes a line as it is (the agent's own JSON log lines are forwarded untouched). */
  raw(line: string): void;
};

export function createLogger(component = 'electron', write: (line: string) => void = (l) => void process.stdout.write(l)): Logger {
  const emit = (level: LogLevel, msg: string, fields?: LogFields) => {
    write(JSON.stringify({ ts: new Date().toISOString(), level, component, msg, ...fields }, errorReplacer) + '\n');
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    raw: (line) => write(line.endsWith('\n') ? line : line + '\n'),
  };
}

function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message };
  return value;
}
