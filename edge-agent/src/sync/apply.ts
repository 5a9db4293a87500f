// Applying what HQ sends, atomically and idempotently by version: a stale or repeated version changes nothing.
import type { CatalogDelta, CatalogSnapshot } from '../../../contracts/mqtt.ts';
import { replaceParsedCatalog, upsertCatalogRows } from '../catalog/repo.ts';
import { catalogInfo, setCatalogInfo } from '../catalog/info.ts';
import type { Db } from '../db/open.ts';
import { upsertOfferRules } from '../catalog/offers.ts';
import { setCardSalt } from '../members/cards.ts';
import { removeAssets, setWallArtwork, upsertAssets } from '../content/assets.ts';
import { recordRefusedAssets } from '../content/refusals.ts';

export type ApplyOutcome = 'applied' | 'stale' | 'wrong-mall' | 'gap';

export function applySnapshot(db: Db, snap: CatalogSnapshot, mallId: string, now: Date = new Date()): ApplyOutcome {
  if (snap.mallId !== mallId) return 'wrong-mall';
  // `snap` was parsed on receipt (CatalogSnapshot, whose catalog fields are Catalog's): not parsed a second time.
  const applied = replaceParsedCatalog(db, snap, () => {
    db.exec('DELETE FROM hq_keys; DELETE FROM staff; DELETE FROM attract;');
    const key = db.prepare('INSERT INTO hq_keys (kid, public_key, not_after) VALUES (?, ?, ?)');
    for (const k of snap.hqKeys) key.run(k.kid, k.publicKey, k.notAfter);
    const staff = db.prepare('INSERT INTO staff (staff_id, doc) VALUES (?, ?)');
    for (const s of snap.staff) staff.run(s.staffId, JSON.stringify(s));
    const attract = db.prepare('INSERT INTO attract (id, position, doc) VALUES (?, ?, ?)');
    snap.attract.forEach((a, i) => attract.run(a.id, i, JSON.stringify(a)));
    setCardSalt(db, snap.cardSalt);
    // Content assets and the wall's artwork: the content manager fetches what they name (edge-agent/src/content/).
    upsertAssets(db, snap.assets ?? [], { replace: true });
    recordRefusedAssets(db, snap.refusedAssets ?? [], { replace: true });
    setWallArtwork(db, snap.wallArtwork ?? []);
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
    upsertAssets(db, delta.upsert.assets ?? [], { replace: false });
    removeAssets(db, delta.remove.assets ?? []);
    recordRefusedAssets(db, delta.upsert.refusedAssets ?? [], {
      replace: false, cleared: [...(delta.upsert.assets ?? []).map((a) => a.sha256), ...(delta.remove.assets ?? [])],
    });
    setCatalogInfo(db, { ...info, version: delta.toVersion });
    return 'applied';
  })();
}

/** Records an HQ message id once; false when it was seen before (a replayed command). */
export function rememberInbox(db: Db, key: string, now: Date = new Date()): boolean {
  return db.prepare('INSERT OR IGNORE INTO inbox (message_key, received_at) VALUES (?, ?)').run(key, now.toISOString()).changes === 1;
}
