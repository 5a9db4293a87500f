// Config precedence: defaults < config file/env < HQ's desired config < staff override; an override holds until HQ
// sends a newer desired version that changes that field (or staff clear it). Pure rule as a table, then on a real
// SQLite file through the agent's own applyDesiredConfig / effectiveDisplay, as MQTT and set-config use them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DisplayConfig } from '../../../contracts/config.ts';
import type { DesiredConfig } from '../../../contracts/mqtt.ts';
import { StaffAuditPayload } from '../../../contracts/staff.ts';
import { openDatabase, type Db } from '../../../edge-agent/src/db/open.ts';
import { clearOverride, listOverrides, mergeDisplay, setOverride, supersedes } from '../../../edge-agent/src/settings/overrides.ts';
import { applyDesiredConfig, desiredConfig } from '../../../edge-agent/src/settings/desired.ts';
import { effectiveDisplay } from '../../../edge-agent/src/settings/effective.ts';
import { freshDataDir } from '../../support/agent-process.ts';

const defaults = DisplayConfig.parse({});
const desired = (version: number, config: DesiredConfig['config']): DesiredConfig => ({ version, issuedAt: '2026-11-27T04:00:00.000Z', config });

describe('mergeDisplay: each later source wins', () => {
  it.each([
    ['defaults only', {}, undefined, {}, defaults.idleTimeoutSec],
    ['config file / env over defaults', { idleTimeoutSec: 90 }, undefined, {}, 90],
    ['HQ over the config file', { idleTimeoutSec: 90 }, { idleTimeoutSec: 120 }, {}, 120],
    ['staff over HQ', { idleTimeoutSec: 90 }, { idleTimeoutSec: 120 }, { idleTimeoutSec: 30 }, 30],
    ['staff over the config file when HQ says nothing', { idleTimeoutSec: 90 }, { language: 'en' as const }, { idleTimeoutSec: 30 }, 30],
  ])('%s', (_name, file, hq, staff, idle) => {
    const base = DisplayConfig.parse(file);
    expect(mergeDisplay(base, hq, staff).idleTimeoutSec).toBe(idle);
  });
});

describe('supersedes: when a newer desired config takes a field back', () => {
  const o = { field: 'role' as const, hqVersion: 3, hqValue: 'guide' };
  it.each([
    ['a newer version setting a different value', desired(4, { role: 'wall' }), o, true],
    ['a newer version re-sending the same value', desired(4, { role: 'guide' }), o, false],
    ['a newer version that does not mention the field', desired(4, { language: 'en' }), o, false],
    ['the same version again', desired(3, { role: 'wall' }), o, false],
    ['an older version', desired(2, { role: 'wall' }), o, false],
    ['HQ setting a field it had no value for when the override was made', desired(4, { role: 'guide' }), { ...o, hqValue: undefined }, true],
    ['object values compared by content, not key order', desired(4, { privacyNotice: { en: 'b', zh: 'a' } }), { field: 'privacyNotice' as const, hqVersion: 3, hqValue: { zh: 'a', en: 'b' } }, false],
  ])('%s -> %s', (_name, d, override, expected) => {
    expect(supersedes(d, override)).toBe(expected);
  });
});

describe('on the kiosk database', () => {
  let db: Db;
  const base = DisplayConfig.parse({ idleTimeoutSec: 90, orientation: 'portrait' });
  const now = new Date('2026-11-27T04:00:00Z');
  const audit = () => db.prepare('SELECT action, staff_id AS staffId, details FROM staff_audit ORDER BY seq').all() as { action: string; staffId: string | null; details: string }[];
  const outboxAudit = () => (db.prepare("SELECT payload FROM outbox WHERE type = 'staff.audit' ORDER BY seq").all() as { payload: string }[]).map((r) => StaffAuditPayload.parse(JSON.parse(r.payload)));

  beforeEach(() => {
    db = openDatabase(freshDataDir('atrium-precedence-'));
  });
  afterEach(() => db.close());

  it('a staff override beats HQ; HQ re-sending or changing other fields leaves it; HQ changing that field takes it back', () => {
    expect(applyDesiredConfig(db, desired(1, { role: 'guide', idleTimeoutSec: 120 }), now)).toBe('applied');
    expect(effectiveDisplay(db, base)).toMatchObject({ role: 'guide', idleTimeoutSec: 120, orientation: 'portrait' });

    setOverride(db, { field: 'role', value: 'wall', staffId: 'staff-li', hqVersion: 1, hqValue: 'guide' }, now);
    setOverride(db, { field: 'orientation', value: 'landscape', staffId: 'staff-li', hqVersion: 1, hqValue: undefined }, now);
    expect(effectiveDisplay(db, base)).toMatchObject({ role: 'wall', idleTimeoutSec: 120, orientation: 'landscape' });

    // HQ v2: same role, new idle timeout -> the role override holds.
    applyDesiredConfig(db, desired(2, { role: 'guide', idleTimeoutSec: 45 }), now);
    expect(effectiveDisplay(db, base)).toMatchObject({ role: 'wall', idleTimeoutSec: 45, orientation: 'landscape' });
    expect(listOverrides(db).map((o) => o.field)).toEqual(['orientation', 'role']);

    // A stale or repeated version changes nothing.
    expect(applyDesiredConfig(db, desired(2, { role: 'wall', orientation: 'auto' }), now)).toBe('stale');
    expect(listOverrides(db).map((o) => o.field)).toEqual(['orientation', 'role']);

    // HQ v3 changes the role on purpose: HQ's value wins from now on; the orientation override is untouched.
    applyDesiredConfig(db, desired(3, { role: 'guide', idleTimeoutSec: 45 }), now); // same as before: still held
    expect(effectiveDisplay(db, base).role).toBe('wall');
    applyDesiredConfig(db, desired(4, { role: 'wall', idleTimeoutSec: 45 }), now); // same value as staff's, but HQ changed it
    expect(listOverrides(db).map((o) => o.field)).toEqual(['orientation']);
    applyDesiredConfig(db, desired(5, { role: 'guide' }), now);
    expect(effectiveDisplay(db, base)).toMatchObject({ role: 'guide', orientation: 'landscape', idleTimeoutSec: 90 });

    // The take-back is audited, locally and for HQ, naming whose override it was.
    const superseded = audit().filter((a) => a.action === 'override-superseded');
    expect(superseded).toHaveLength(1);
    expect(JSON.parse(superseded[0]!.details)).toEqual({ field: 'role', staffValue: 'wall', setBy: 'staff-li', hqValue: 'wall', hqVersion: 4 });
    expect(outboxAudit().filter((p) => p.action === 'override-superseded').map((p) => p.details.field)).toEqual(['role']);
  });

  it('clearing an override returns the field to HQ (or to the config file when HQ says nothing)', () => {
    applyDesiredConfig(db, desired(1, { idleTimeoutSec: 120 }), now);
    setOverride(db, { field: 'idleTimeoutSec', value: 20, staffId: 'mgr-zhao', hqVersion: 1, hqValue: 120 }, now);
    setOverride(db, { field: 'orientation', value: 'landscape', staffId: 'mgr-zhao', hqVersion: 1, hqValue: undefined }, now);
    expect(effectiveDisplay(db, base)).toMatchObject({ idleTimeoutSec: 20, orientation: 'landscape' });
    expect(clearOverride(db, 'idleTimeoutSec')).toBe(true);
    expect(clearOverride(db, 'orientation')).toBe(true);
    expect(clearOverride(db, 'orientation')).toBe(false);
    expect(effectiveDisplay(db, base)).toMatchObject({ idleTimeoutSec: 120, orientation: 'portrait' });
  });

  it('an override survives reopening the database, and a stored value the schema no longer accepts is ignored', () => {
    setOverride(db, { field: 'attractIntervalSec', value: 12, staffId: 'staff-li', hqVersion: 0, hqValue: undefined }, now);
    db.prepare("INSERT INTO setting_overrides (field, value, staff_id, set_at, hq_version, hq_value) VALUES ('idleTimeoutSec', '5', 'x', ?, 0, NULL)").run(now.toISOString());
    db.prepare("INSERT INTO setting_overrides (field, value, staff_id, set_at, hq_version, hq_value) VALUES ('brightness', '50', 'x', ?, 0, NULL)").run(now.toISOString());
    const dir = db.name.replace(/\/atrium\.db$/, '');
    db.close();
    db = openDatabase(dir);
    expect(listOverrides(db).map((o) => [o.field, o.value])).toEqual([['attractIntervalSec', 12]]);
    expect(effectiveDisplay(db, base)).toMatchObject({ attractIntervalSec: 12, idleTimeoutSec: 90 });
    expect(desiredConfig(db)).toBeNull();
  });
});
