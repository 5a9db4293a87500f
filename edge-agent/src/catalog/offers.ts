// HQ's offer rules and experiments (from catalog snapshots and the demo seed), and what the decision engine reads:
// parsed once per catalog version, since a member home or a claim needs them all.
import { Coupon, Store } from '../../../contracts/catalog.ts';
import { Experiment, OfferRule } from '../../../contracts/members.ts';
import type { Db } from '../db/open.ts';
import { catalogInfoKey } from './info.ts';

/** Replaces the rules and experiments; called inside the snapshot's transaction. The experiment order is kept. */
export function replaceOfferRules(db: Db, rules: readonly OfferRule[], experiments: readonly Experiment[]): void {
  db.exec('DELETE FROM offer_rules; DELETE FROM experiments;');
  const rule = db.prepare('INSERT INTO offer_rules (id, coupon_id, priority, doc) VALUES (?, ?, ?, ?)');
  for (const r of rules) rule.run(r.id, r.couponId, r.priority, JSON.stringify(r));
  const exp = db.prepare('INSERT INTO experiments (id, position, doc) VALUES (?, ?, ?)');
  experiments.forEach((e, i) => exp.run(e.id, i, JSON.stringify(e)));
}

/** Adds or replaces rules by id (a catalog delta); called inside the delta's transaction. */
export function upsertOfferRules(db: Db, rules: readonly OfferRule[]): void {
  const stmt = db.prepare('INSERT INTO offer_rules (id, coupon_id, priority, doc) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET coupon_id = excluded.coupon_id, priority = excluded.priority, doc = excluded.doc');
  for (const r of rules) stmt.run(r.id, r.couponId, r.priority, JSON.stringify(r));
}

export type OfferCatalog = {
  rules: OfferRule[];
  experiments: Experiment[];
  coupons: ReadonlyMap<string, Coupon>;
  stores: ReadonlyMap<string, Store>;
};

let cached: { db: Db; key: string; value: OfferCatalog } | null = null;

/**
 * Rules, experiments, coupons and stores as the engine wants them. Cached by the catalog row in meta (its version
 * changes with every snapshot and delta); `offerCatalogChanged` drops the cache for writes that keep the version.
 */
export function offerCatalog(db: Db): OfferCatalog {
  const key = catalogInfoKey(db);
  if (cached && cached.db === db && cached.key === key) return cached.value;
  const docs = (sql: string) => (db.prepare(sql).all() as { doc: string }[]).map((r) => JSON.parse(r.doc) as unknown);
  const value: OfferCatalog = {
    rules: docs('SELECT doc FROM offer_rules ORDER BY id').map((d) => OfferRule.parse(d)),
    experiments: docs('SELECT doc FROM experiments ORDER BY position').map((d) => Experiment.parse(d)),
    coupons: new Map(docs('SELECT doc FROM coupons').map((d) => Coupon.parse(d)).map((c) => [c.id, c])),
    stores: new Map(docs('SELECT doc FROM stores').map((d) => Store.parse(d)).map((s) => [s.id, s])),
  };
  cached = { db, key, value };
  return value;
}

export function offerCatalogChanged(): void {
  cached = null;
}
