// The agent's recent log lines kept in memory for staff diagnostics. Logs must not carry member data anyway
// (log.ts); scrubLogFields is a second guard for the export: it drops fields whose names suggest member or secret
// data and masks long digit runs (card or phone numbers) inside text.
import type { Logger } from '../../../common/node/log.ts';

export type LogEntry = { ts: string; level: 'debug' | 'info' | 'warn' | 'error'; component: string; msg: string; fields?: Record<string, unknown> };

export class LogRing {
  private readonly items: LogEntry[] = [];
  private readonly size: number;
  constructor(size = 500) {
    this.size = size;
  }

  push(e: LogEntry): void {
    this.items.push(e);
    if (this.items.length > this.size) this.items.splice(0, this.items.length - this.size);
  }

  entries(): LogEntry[] {
    return [...this.items];
  }
}

/** A logger that writes through `base` and keeps every record (at info level and above) in `ring`. */
export function recordingLogger(base: Logger, ring: LogRing, component = 'agent'): Logger {
  const keep = (level: LogEntry['level']) => (msg: string, fields?: Record<string, unknown>) => {
    ring.push({ ts: new Date().toISOString(), level, component, msg, ...(fields ? { fields } : {}) });
    base[level](msg, fields);
  };
  return {
    debug: (msg, fields) => base.debug(msg, fields),
    info: keep('info'),
    warn: keep('warn'),
    error: keep('error'),
    always: (msg, fields) => {
      ring.push({ ts: new Date().toISOString(), level: 'info', component, msg, ...(fields ? { fields } : {}) });
      base.always(msg, fields);
    },
    child: (c) => recordingLogger(base.child(c), ring, `${component}.${c}`),
  };
}

const privateKey = /^(member.*|.*session|card.*|code|token|ref|nonce|secret|password|pin|phone|mobile|email|name|displayName|birthday)$/i;

/** Replaces runs of 8+ digits (card, phone or member numbers) in text. */
export function maskDigits(text: string): string {
  return text.replace(/\d{8,}/g, (d) => `[${d.length} digits]`);
}

export function scrubLogFields(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskDigits(value);
  if (value === null || typeof value !== 'object' || depth > 4) return value;
  if (Array.isArray(value)) return value.map((v) => scrubLogFields(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = privateKey.test(k) ? '[removed]' : scrubLogFields(v, depth + 1);
  return out;
}

export function scrubbedEntries(ring: LogRing): LogEntry[] {
  return ring.entries().map((e) => ({ ...e, msg: maskDigits(e.msg), ...(e.fields ? { fields: scrubLogFields(e.fields) as Record<string, unknown> } : {}) }));
}
