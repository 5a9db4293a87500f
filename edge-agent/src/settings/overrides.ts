// Settings a staff member overrode on this kiosk, and the precedence rule between them and HQ:
//
//   built-in defaults < config file < environment < HQ's desired config < a staff override
//
// A staff override holds until HQ publishes a NEWER desired config that sets that field to a value DIFFERENT
// from the one HQ had for it when the override was made (HQ changed that setting on purpose since), or until a
// staff member clears it. HQ re-sending the same value, or changing other fields, leaves the override alone.
import { DisplayConfig } from '../../../contracts/config.ts';
import type { DesiredConfig } from '../../../contracts/mqtt.ts';
import { SettingField, settingSchema, type SettingOverride } from '../../../contracts/staff.ts';
import type { Db } from '../db/open.ts';
import { recordAudit } from '../audit.ts';

/** An override as stored: with HQ's value for the field when it was made (undefined when HQ had none). */
export type StoredOverride = SettingOverride & { hqValue: unknown };

/** The merge itself: each later source replaces whole fields of the earlier ones. */
export function mergeDisplay(base: DisplayConfig, hq: Partial<DisplayConfig> | undefined, overrides: Partial<DisplayConfig>): DisplayConfig {
  return DisplayConfig.parse({ ...base, ...(hq ?? {}), ...overrides });
}

/** Same JSON value, whatever the key order. */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
}

/** The rule above, for one override: does this desired config take the field back for HQ? */
export function supersedes(desired: Pick<DesiredConfig, 'version' | 'config'>, o: Pick<StoredOverride, 'field' | 'hqVersion' | 'hqValue'>): boolean {
  if (desired.version <= o.hqVersion) return false;
  const hqNow = desired.config[o.field];
  return hqNow !== undefined && !sameValue(hqNow, o.hqValue);
}

type Row = { field: string; value: string; staffId: string | null; setAt: string; hqVersion: number; hqValue: string | null };

/** The stored overrides that still fit the schema (one stored by an older agent and no longer valid is skipped). */
export function listOverrides(db: Db): StoredOverride[] {
  const rows = db.prepare('SELECT field, value, staff_id AS staffId, set_at AS setAt, hq_version AS hqVersion, hq_value AS hqValue FROM setting_overrides ORDER BY field').all() as Row[];
  const out: StoredOverride[] = [];
  for (const r of rows) {
    const field = SettingField.safeParse(r.field);
    if (!field.success) continue;
    const value = settingSchema(field.data).safeParse(JSON.parse(r.value));
    if (!value.success) continue;
    out.push({ field: field.data, value: value.data, staffId: r.staffId, setAt: r.setAt, hqVersion: r.hqVersion, hqValue: r.hqValue === null ? undefined : JSON.parse(r.hqValue) });
  }
  return out;
}

export function overrideValues(overrides: readonly StoredOverride[]): Partial<DisplayConfig> {
  return Object.fromEntries(overrides.map((o) => [o.field, o.value])) as Partial<DisplayConfig>;
}

export function setOverride(db: Db, o: Omit<StoredOverride, 'setAt'>, now: Date): void {
  db.prepare(
    `INSERT INTO setting_overrides (field, value, staff_id, set_at, hq_version, hq_value) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(field) DO UPDATE SET value = excluded.value, staff_id = excluded.staff_id, set_at = excluded.set_at,
       hq_version = excluded.hq_version, hq_value = excluded.hq_value`,
  ).run(o.field, JSON.stringify(o.value), o.staffId, now.toISOString(), o.hqVersion, o.hqValue === undefined ? null : JSON.stringify(o.hqValue));
}

export function clearOverride(db: Db, field: SettingField): boolean {
  return db.prepare('DELETE FROM setting_overrides WHERE field = ?').run(field).changes > 0;
}

/**
 * Called inside the transaction that stores a newer desired config: drops the overrides it supersedes, each with an
 * audit entry (and so a `staff.audit` event for HQ). Returns the fields HQ took back.
 */
export function supersedeOverrides(db: Db, desired: DesiredConfig, now: Date = new Date()): SettingField[] {
  const dropped: SettingField[] = [];
  for (const o of listOverrides(db)) {
    if (!supersedes(desired, o)) continue;
    db.prepare('DELETE FROM setting_overrides WHERE field = ?').run(o.field);
    recordAudit(db, {
      staffId: null,
      action: 'override-superseded',
      details: { field: o.field, staffValue: o.value, setBy: o.staffId, hqValue: desired.config[o.field], hqVersion: desired.version },
    }, now);
    dropped.push(o.field);
  }
  return dropped;
}
