// HQ's desired display config as stored on the kiosk, and applying a newer one (which may take back staff overrides).
import { DesiredConfig } from '../../../contracts/mqtt.ts';
import type { Db } from '../db/open.ts';
import { metaJson, setMetaJson } from '../db/meta.ts';
import { supersedeOverrides } from './overrides.ts';

/** applied: stored; stale: a version at or below the one in force, nothing changed. */
export type DesiredOutcome = 'applied' | 'stale';

const DESIRED_KEY = 'config.desired';

export function desiredConfig(db: Db): DesiredConfig | null {
  return metaJson(db, DESIRED_KEY, DesiredConfig);
}

export function applyDesiredConfig(db: Db, desired: DesiredConfig, now: Date = new Date()): DesiredOutcome {
  return db.transaction((): DesiredOutcome => {
    const current = desiredConfig(db);
    if (current && current.version >= desired.version) return 'stale';
    setMetaJson(db, DESIRED_KEY, desired);
    // A newer desired config takes back the fields HQ changed since a staff member overrode them (overrides.ts).
    supersedeOverrides(db, desired, now);
    return 'applied';
  })();
}
