// Applying what HQ sends, atomically and idempotently by version: a stale or repeated version changes nothing.
import type { CatalogDelta, CatalogSnapshot, DesiredConfig } from '../../../contracts/mqtt.ts';
import type { DisplayConfig } from '../../../contracts/config.ts';
import { catalogInfo, replaceCatalog, setCatalogInfo, upsertCatalogRows } from '../catalog/repo.ts';
import type { Db } from '../db/open.ts';
import { upsertOfferRules } from '../catalog/offers.ts';
import { setCardSalt } from '../members/cards.ts';
import { listOverrides, mergeDisplay, overrideValues, supersedeOverrides } from '../staff/overrides.ts';

export type ApplyOutcome = 'applied' | 'stale' | 'wrong-mall' | 'gap';

export function applySnapshot(db: Db, snap: CatalogSnapshot, mallId: string, now: Date = new Date()): ApplyOutcome {
  if (snap.mallId !== mallId) return 'wrong-mall';
  const applied = replaceCatalog(db, snap, () => {
    db.exec('DELETE FROM hq_keys; DELETE FROM staff; DELETE FROM attract;');
    const key = db.prepare('INSERT INTO hq_keys (kid, public_key, not_after) VALUES (?, ?, ?)');
    for (const k of snap.hqKeys) key.run(k.kid, k.publicKey, k.notAfter);
    const staff = db.prepare('INSERT INTO staff (staff_id, doc) VALUES (?, ?)');
    for (const s of snap.staff) staff.run(s.staffId, JSON.stringify(s));
    const attract = db.prepare('INSERT INTO attract (id, position, doc) VALUES (?, ?, ?)');
    snap.attract.forEach((a, i) => attract.run(a.id, i, JSON.stringify(a)));
    setCardSalt(db, snap.cardSalt);
  }, now);
  return applied ? 'applied' : 'stale';
}

/** A delta applies only on top of exactly its fromVersion; an older one is stale, a newer one leaves a gap. */
export function applyDelta(db: Db, delta: CatalogDelta, mallId: string, now: Date = new Date()): ApplyOutcome {
  if (delta.mallId !== mallId) return 'wrong-mall';
  return db.transaction((): ApplyOutcome => {
    const info = catalogInfo(db);
    const current = info?.mallId === mallId ? info.version : 0;
    if (delta.toVersion <= current) return 'stale';
    if (delta.fromVersion !== current || !info) return 'gap';
    const del = (table: string, ids: string[]) => {
      const stmt = db.prepare(`DELETE FROM ${table} WHERE id = ?`);
      for (const id of ids) stmt.run(id);
    };
    del('stores', delta.remove.stores);
    del('campaigns', delta.remove.campaigns);
    del('coupons', delta.remove.coupons);
    del('offer_rules', delta.remove.offerRules);
    upsertCatalogRows(db, delta.upsert, now);
    upsertOfferRules(db, delta.upsert.offerRules);
    setCatalogInfo(db, { ...info, version: delta.toVersion });
    return 'applied';
  })();
}

const DESIRED_KEY = 'config.desired';

export function desiredConfig(db: Db): DesiredConfig | null {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(DESIRED_KEY) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as DesiredConfig) : null;
}

export function applyDesiredConfig(db: Db, desired: DesiredConfig, now: Date = new Date()): ApplyOutcome {
  return db.transaction((): ApplyOutcome => {
    const current = desiredConfig(db);
    if (current && current.version >= desired.version) return 'stale';
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(DESIRED_KEY, JSON.stringify(desired));
    // A newer desired config takes back the fields HQ changed since a staff member overrode them (staff/overrides.ts).
    supersedeOverrides(db, desired, now);
    return 'applied';
  })();
}

/**
 * The display config in force: defaults < the agent's config file < environment (together `base`) < HQ's desired
 * config < staff overrides on this kiosk (see staff/overrides.ts for when HQ takes a field back).
 */
export function effectiveDisplay(db: Db, base: DisplayConfig): DisplayConfig {
  const desired = desiredConfig(db);
  return mergeDisplay(base, desired?.config, overrideValues(listOverrides(db)));
}

/** Records an HQ message id once; false when it was seen before (a replayed command). */
export function rememberInbox(db: Db, key: string, now: Date = new Date()): boolean {
  return db.prepare('INSERT OR IGNORE INTO inbox (message_key, received_at) VALUES (?, ?)').run(key, now.toISOString()).changes === 1;
}

export function meta(db: Db, key: string): string | null {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function setMeta(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}
