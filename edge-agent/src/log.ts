// Structured logs: one JSON object per line on stdout. Never log secrets, member data or request bodies.
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type Logger = {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  /** Printed whatever the level: lines a supervisor waits for (e.g. "agent ready"). */
  always(msg: string, fields?: Record<string, unknown>): void;
  child(component: string): Logger;
};

export function createLogger(level: LogLevel = 'info', component = 'agent', write: (line: string) => void = (l) => process.stdout.write(l)): Logger {
  const emit = (lvl: LogLevel, msg: string, fields?: Record<string, unknown>, force = false) => {
    if (!force && rank[lvl] < rank[level]) return;
    const record = { ts: new Date().toISOString(), level: lvl, component, msg, ...fields };
    write(JSON.stringify(record, errorReplacer) + '\n');
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    always: (m, f) => emit('info', m, f, true),
    child: (c) => createLogger(level, `${component}.${c}`, write),
  };
}

function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}
