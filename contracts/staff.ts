// The staff console: signing in (a PIN from HQ's staff credentials, or a staff card), the display settings a staff
// member may override on the spot, status, actions and diagnostics, and the audit record every staff action leaves
// (in the kiosk's SQLite and, as a `staff.audit` event, at HQ). Local API methods are merged into contracts/api.ts.
import { z } from 'zod';
import { DisplayConfig, DisplayConfigPatch, TIME_OF_DAY } from './config.ts';
import { SyncStatus } from './sync-status.ts';
import { ContentSummary } from './mqtt-payloads.ts';
import { PrinterStatus } from './queue.ts';

/** A staff session ends after this long without a staff action (the page signs out on its own too). */
export const STAFF_IDLE_SEC = 120;
/** Failed sign-ins in a row (PIN or card, any staff member) before sign-in is locked on this kiosk. */
export const STAFF_MAX_FAILURES = 5;
/** How long sign-in stays locked after STAFF_MAX_FAILURES failures (kept in SQLite: a restart does not reset it). */
export const STAFF_LOCKOUT_SEC = 300;
/** How long a finger must rest on the staff corner (top left) before the sign-in opens. */
export const STAFF_LONG_PRESS_MS = 3000;

const Timestamp = z.iso.datetime({ offset: true });
const StaffId = z.string().regex(/^[A-Za-z0-9_-]{1,48}$/);
const StaffSession = z.string().regex(/^[A-Za-z0-9_-]{32,64}$/);

export const StaffRole = z.enum(['staff', 'manager', 'technician']);
export const StaffMember = z.object({ staffId: StaffId, name: z.string(), role: StaffRole });
export type StaffMember = z.infer<typeof StaffMember>;

// ---- settings: one schema with HQ's desired config (DisplayConfig) ----

export const SettingField = DisplayConfig.keyof();
export type SettingField = z.infer<typeof SettingField>;
export const settingFields: readonly SettingField[] = SettingField.options;

/** The schema of one setting's value without its default: a staff member sets a value, nothing is filled in. */
export function settingSchema(field: SettingField): z.ZodType {
  let schema: z.ZodType = DisplayConfig.shape[field];
  while (schema instanceof z.ZodDefault || schema instanceof z.ZodOptional) schema = schema.unwrap() as z.ZodType;
  return schema;
}

/** The pattern of a time of day in settings (contracts/config.ts ScreenOffHours). */
export const HH_MM_PATTERN = TIME_OF_DAY.source;

/** What a setting accepts, read from its schema (JSON Schema of it), so the form and its messages follow the contract. */
export type SettingRule =
  | { kind: 'choice'; options: string[] }
  | { kind: 'boolean' }
  | { kind: 'integer'; min: number; max: number }
  | { kind: 'text'; minLength: number; maxLength: number; pattern: string | null }
  | { kind: 'object'; nullable: boolean; fields: { name: string; required: boolean; rule: SettingRule }[] }
  | { kind: 'list'; nullable: boolean; item: SettingRule; minItems: number; maxItems: number };

type JsonSchema = {
  type?: string; enum?: unknown[]; minimum?: number; maximum?: number; minLength?: number; maxLength?: number; pattern?: string;
  properties?: Record<string, JsonSchema>; required?: string[]; anyOf?: JsonSchema[];
  items?: JsonSchema; minItems?: number; maxItems?: number;
};

function ruleOf(s: JsonSchema): SettingRule {
  if (s.anyOf) {
    const nonNull = s.anyOf.filter((o) => o.type !== 'null');
    const inner = nonNull.length === 1 ? ruleOf(nonNull[0]!) : null;
    if (inner?.kind === 'object' || inner?.kind === 'list') return { ...inner, nullable: nonNull.length < s.anyOf.length };
    throw new Error('settings: unsupported union in DisplayConfig');
  }
  if (s.enum) return { kind: 'choice', options: s.enum.map(String) };
  switch (s.type) {
    case 'boolean':
      return { kind: 'boolean' };
    case 'integer':
      return { kind: 'integer', min: s.minimum ?? Number.MIN_SAFE_INTEGER, max: s.maximum ?? Number.MAX_SAFE_INTEGER };
    case 'string':
      return { kind: 'text', minLength: s.minLength ?? 0, maxLength: s.maxLength ?? 10_000, pattern: s.pattern ?? null };
    case 'object':
      return {
        kind: 'object',
        nullable: false,
        fields: Object.entries(s.properties ?? {}).map(([name, p]) => ({ name, required: (s.required ?? []).includes(name), rule: ruleOf(p) })),
      };
    case 'array':
      if (!s.items) throw new Error('settings: a list setting needs an item schema');
      return { kind: 'list', nullable: false, item: ruleOf(s.items), minItems: s.minItems ?? 0, maxItems: s.maxItems ?? 1000 };
    default:
      throw new Error(`settings: unsupported schema type ${String(s.type)}`);
  }
}

const rules = new Map<SettingField, SettingRule>();
export function settingRule(field: SettingField): SettingRule {
  let rule = rules.get(field);
  if (!rule) {
    rule = ruleOf(z.toJSONSchema(settingSchema(field), { io: 'input', unrepresentable: 'any' }) as JsonSchema);
    rules.set(field, rule);
  }
  return rule;
}

/** What a setting allows, in plain English (the agent's messages; the page words it in the shopper's language). */
export function describeAllowed(rule: SettingRule): string {
  switch (rule.kind) {
    case 'choice':
      return `one of ${rule.options.join(', ')}`;
    case 'boolean':
      return 'true or false';
    case 'integer':
      return `a whole number from ${rule.min} to ${rule.max}`;
    case 'text':
      return rule.pattern === HH_MM_PATTERN ? 'a time of day HH:MM (00:00-23:59)' : `text of ${rule.minLength}-${rule.maxLength} characters`;
    case 'object': {
      const parts = rule.fields.map((f) => `${f.name}${f.required ? '' : ' (optional)'}: ${describeAllowed(f.rule)}`);
      return `${rule.nullable ? 'none, or ' : ''}{ ${parts.join('; ')} }`;
    }
    case 'list':
      return `${rule.nullable ? 'none, or ' : ''}a list of ${rule.minItems}-${rule.maxItems} items, each ${describeAllowed(rule.item)}`;
  }
}


// ---- audit ----

export const StaffAuditAction = z.enum([
  'sign-in', 'sign-in-refused', 'locked-out', 'sign-out',
  'setting-changed', 'setting-cleared', 'override-superseded',
  'action', 'diagnostics-exported',
]);
export type StaffAuditAction = z.infer<typeof StaffAuditAction>;

/** Payload of the `staff.audit` event HQ receives (DeviceEvent.payload). Never a PIN or a card number. */
export const StaffAuditPayload = z.object({
  /** The kiosk's own sequence number of this audit entry. */
  auditSeq: z.number().int().positive(),
  /** Who did it; null when nobody was signed in (a refused sign-in with an unknown card, a lock-out, HQ superseding an override). */
  staffId: StaffId.nullable(),
  action: StaffAuditAction,
  details: z.record(z.string(), z.unknown()),
  at: Timestamp,
});
export type StaffAuditPayload = z.infer<typeof StaffAuditPayload>;

// ---- local API ----

export const SignInRefusal = z.enum(['wrong_pin', 'unknown_staff', 'unknown_card', 'locked_out', 'no_staff']);
export type SignInRefusal = z.infer<typeof SignInRefusal>;

const SignInState = z.object({
  /** Sign-in attempts left before the lock-out. */
  failuresLeft: z.number().int().nonnegative(),
  /** Set while sign-in is locked on this kiosk. */
  lockedUntil: Timestamp.nullable(),
});

export const StaffSignInParams = z.discriminatedUnion('method', [
  z.object({ method: z.literal('pin'), staffId: StaffId, pin: z.string().regex(/^\d{4,12}$/, 'a PIN is 4-12 digits') }).strict(),
  z.object({ method: z.literal('card'), code: z.string().min(1).max(64, 'a staff card number is at most 64 characters') }).strict(),
]);

export const StaffSignInResult = z.discriminatedUnion('status', [
  z.object({ status: z.literal('signed-in'), staffSession: StaffSession, staff: StaffMember, idleTimeoutSec: z.number().int().positive() }),
  z.object({ status: z.literal('refused'), reason: SignInRefusal }).extend(SignInState.shape),
]);
export type StaffSignInResult = z.infer<typeof StaffSignInResult>;

export const SettingSource = z.enum(['default', 'local-config', 'hq', 'staff']);
export type SettingSource = z.infer<typeof SettingSource>;

export const SettingOverride = z.object({
  field: SettingField,
  value: z.unknown(),
  staffId: z.string().nullable(),
  setAt: Timestamp,
  /** HQ's desired version when it was set; the override holds until HQ sends a newer version that changes this field. */
  hqVersion: z.number().int().nonnegative(),
});
export type SettingOverride = z.infer<typeof SettingOverride>;

export const StaffSettings = z.object({
  /** The settings in force. */
  effective: DisplayConfig,
  /** Built-in defaults overlaid with the agent's config file and environment. */
  base: DisplayConfig,
  hq: z.object({ version: z.number().int(), issuedAt: z.string(), config: DisplayConfigPatch }).nullable(),
  overrides: z.array(SettingOverride),
  sources: z.record(SettingField, SettingSource),
});
export type StaffSettings = z.infer<typeof StaffSettings>;

export const StaffAuditEntry = z.object({ seq: z.number().int(), at: z.string(), staffId: z.string().nullable(), action: StaffAuditAction, details: z.record(z.string(), z.unknown()) });
export type StaffAuditEntry = z.infer<typeof StaffAuditEntry>;

export const StaffStatus = z.object({
  deviceId: z.string(),
  mallId: z.string(),
  agentVersion: z.string(),
  uptimeSec: z.number(),
  sync: SyncStatus.extend({ hqConfigured: z.boolean() }),
  catalog: z.object({ version: z.number().int(), stores: z.number().int(), campaigns: z.number().int(), coupons: z.number().int(), staff: z.number().int(), attract: z.number().int() }),
  config: z.object({ desiredVersion: z.number().int(), overrides: z.array(SettingField) }),
  audit: z.array(StaffAuditEntry),
  /** The signage content cache (the heartbeat's figures); absent from older agents. */
  content: ContentSummary.optional(),
  /** The queue-ticket receipt printer as last found (contracts/queue.ts); absent from older agents. */
  printer: PrinterStatus.optional(),
});
export type StaffStatus = z.infer<typeof StaffStatus>;

export const StaffAction = z.enum(['sync-now', 'reload-ui', 'restart-agent']);
export type StaffAction = z.infer<typeof StaffAction>;

const session = { staffSession: StaffSession };

export const staffApiMethods = {
  /** Who can sign in here (names for the PIN path) and whether sign-in is locked. No session needed. */
  'staff.roster': {
    params: z.object({}).strict(),
    result: z.object({ staff: z.array(StaffMember), cardSignIn: z.boolean() }).extend(SignInState.shape),
  },
  'staff.signIn': { params: StaffSignInParams, result: StaffSignInResult },
  'staff.signOut': { params: z.object({ ...session, reason: z.enum(['button', 'idle']) }).strict(), result: z.object({}) },
  /** Staff input on the page keeps the session alive (reads the page repeats, staff.settings and staff.status, do not). */
  'staff.keepAlive': { params: z.object(session).strict(), result: z.object({ expiresAt: z.string() }) },
  'staff.settings': { params: z.object(session).strict(), result: StaffSettings },
  /** Overrides one setting on this kiosk; the value must pass the setting's schema (the message says what is allowed). */
  'staff.setSetting': {
    params: z.object({ ...session, field: SettingField, value: z.unknown() }).strict().superRefine((p, ctx) => {
      const r = settingSchema(p.field).safeParse(p.value);
      if (r.success) return;
      const allowed = describeAllowed(settingRule(p.field));
      for (const issue of r.error.issues) ctx.addIssue({ code: 'custom', path: ['value', ...issue.path], message: `${issue.message}; ${p.field} allows ${allowed}` });
    }),
    result: StaffSettings,
  },
  /** Drops the local override: the setting follows HQ (or the kiosk's own config) again. */
  'staff.clearSetting': { params: z.object({ ...session, field: SettingField }).strict(), result: StaffSettings },
  'staff.status': { params: z.object(session).strict(), result: StaffStatus },
  /** The same code paths as HQ's commands of the same name. */
  'staff.action': {
    params: z.object({ ...session, action: StaffAction }).strict(),
    result: z.object({ status: z.enum(['done', 'failed', 'rejected']), detail: z.string().nullable() }),
  },
  /** Logs and status as one JSON document, without member data; a copy stays in the kiosk's data folder. */
  'staff.diagnostics': {
    params: z.object(session).strict(),
    result: z.object({ fileName: z.string(), savedTo: z.string(), diagnostics: z.record(z.string(), z.unknown()) }),
  },
} as const;
