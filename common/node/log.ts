// The one structured logger of the Node processes (edge agent, kiosk shells, HQ simulator), built on pino.
// Every line is one JSON object: `ts` (ISO), `level` (a word), `component` (dotted: child('db') appends `.db`),
// `msg`, then the fields, in that order (tools read `"msg":"agent ready","port":N`). Errors anywhere in the
// fields become {name, message, stack}. Secrets and member data are redacted by field name (pino's redact), so a
// careless `log.info('x', { token })` still prints no token. Writes are synchronous: a line logged just before
// process.exit() is out. Where the lines go is the destination: stdout by default, or any `write(line)`
// (tests, the HQ simulator's console and ring sinks, lineSink below).
import { pino, type DestinationStream, type Logger as Pino } from 'pino';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export type Logger = {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** Printed whatever the level, as an info line: lines a supervisor waits for (e.g. "agent ready"). */
  always(msg: string, fields?: LogFields): void;
  child(component: string): Logger;
};

/** A parsed log line, for destinations that show lines rather than store them (the HQ simulator's CLI). */
export type LogRecord = { ts: string; level: LogLevel; component: string; msg: string; fields?: LogFields };

/** Field names whose values never reach a log line, at the top level or nested up to two objects deep. */
export const REDACTED_KEYS = [
  'secret', 'apiSecret', 'password', 'token', 'accessToken', 'refreshToken', 'authorization', 'Authorization', 'cookie',
  'pin', 'pinHash', 'cardNumber', 'card', 'cardHash', 'phone', 'mobile', 'email', 'plate', 'nonce', 'signature',
] as const;
export const REDACTED = '[redacted]';

const redactPaths = REDACTED_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);

const levels: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

/**
 * A logger at `level` for `component`. `write` receives each line with its newline; without it lines go to
 * stdout (fd 1, written synchronously).
 */
export function createLogger(level: LogLevel = 'info', component = 'agent', write?: (line: string) => void): Logger {
  const destination: DestinationStream = write ? { write } : pino.destination({ dest: 1, sync: true });
  const base = pino(
    {
      level,
      // `always` sits above every level, so no level setting hides it; it still prints as level "info".
      customLevels: { always: 100 },
      // pino's own level and time keys are left out: ts, level and component are written by `line()` below, in the
      // order the rest of the project reads. The level formatter's empty object opens the line with `{`.
      formatters: { level: () => ({}) },
      timestamp: () => `"ts":"${new Date().toISOString()}"`,
      base: null,
      messageKey: '\u0000msg', // msg is a field we place ourselves, right after component
      errorKey: '\u0000err',
      serializers: { err: (err: unknown) => err }, // not pino's {type, message, stack}: plainErrors() already did it
      redact: { paths: redactPaths, censor: REDACTED },
    },
    destination,
  );
  return facade(base, component);
}

function facade(base: Pino<'always'>, component: string): Logger {
  const emit = (method: LogLevel | 'always', level: LogLevel) => (msg: string, fields?: LogFields) => {
    if (!base.isLevelEnabled(method)) return;
    base[method]({ level, component, msg, ...plainErrors(fields) });
  };
  const logger = Object.fromEntries(levels.map((l) => [l, emit(l, l)])) as Pick<Logger, LogLevel>;
  return { ...logger, always: emit('always', 'info'), child: (c) => facade(base, `${component}.${c}`) };
}

/** Error objects (which JSON would print as {}) as {name, message, stack}, wherever they sit in the fields. */
function plainErrors(fields: LogFields | undefined, depth = 0): LogFields | undefined {
  if (!fields) return fields;
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) out[key] = plainValue(value, depth);
  return out;
}

function plainValue(value: unknown, depth: number): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  if (depth >= 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => plainValue(v, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  return plainErrors(value as LogFields, depth + 1);
}

/** A destination that hands each line over parsed (ts, level, component, msg and the remaining fields). */
export function recordSink(onRecord: (record: LogRecord) => void): (line: string) => void {
  return (line) => {
    const { ts, level, component, msg, ...fields } = JSON.parse(line) as Record<string, unknown>;
    onRecord({
      ts: String(ts),
      level: levels.includes(level as LogLevel) ? (level as LogLevel) : 'info',
      component: String(component),
      msg: String(msg),
      ...(Object.keys(fields).length > 0 ? { fields } : {}),
    });
  };
}
