// Catalog deltas: build one from a change, apply it to HQ's own snapshot (exactly as a kiosk applies it, so the
// retained snapshot and a kiosk that followed the deltas hold the same catalog), and an example for the demo.
import type { Coupon, Store } from '../../contracts/catalog.ts';
import type { Asset } from '../../contracts/content.ts';
import { CatalogDelta, CatalogSnapshot } from '../../contracts/mqtt.ts';

export type CatalogChange = {
  upsert?: Partial<CatalogDelta['upsert']>;
  remove?: Partial<CatalogDelta['remove']>;
};

/** The delta that moves `snapshot` one version on with `change`. */
export function buildDelta(snapshot: CatalogSnapshot, change: CatalogChange, publishedAt: Date): CatalogDelta {
  return CatalogDelta.parse({
    mallId: snapshot.mallId,
    fromVersion: snapshot.version,
    toVersion: snapshot.version + 1,
    publishedAt: publishedAt.toISOString(),
    upsert: { stores: [], campaigns: [], coupons: [], ...change.upsert },
    remove: { stores: [], campaigns: [], coupons: [], ...change.remove },
  });
}

function merge<T extends { id: string }>(rows: T[], remove: string[], upsert: T[]): T[] {
  const gone = new Set([...remove, ...upsert.map((r) => r.id)]);
  return [...rows.filter((r) => !gone.has(r.id)), ...upsert];
}

function mergeAssets(rows: Asset[], remove: string[], upsert: Asset[]): Asset[] {
  const gone = new Set([...remove, ...upsert.map((a) => a.sha256)]);
  return [...rows.filter((a) => !gone.has(a.sha256)), ...upsert];
}

/**
 * The snapshot after `delta`. Throws unless the delta starts at the snapshot's version (HQ builds its own deltas,
 * so a mismatch is a bug). Attract items, keys and staff are not part of deltas and stay as they are; assets are upserted by sha256.
 */
export function applyDeltaToSnapshot(snapshot: CatalogSnapshot, delta: CatalogDelta): CatalogSnapshot {
  if (delta.mallId !== snapshot.mallId) throw new Error(`delta for mall ${delta.mallId} applied to ${snapshot.mallId}`);
  if (delta.fromVersion !== snapshot.version) throw new Error(`delta from version ${delta.fromVersion} applied to version ${snapshot.version}`);
  return CatalogSnapshot.parse({
    ...snapshot,
    version: delta.toVersion,
    publishedAt: delta.publishedAt,
    stores: merge(snapshot.stores, delta.remove.stores, delta.upsert.stores),
    campaigns: merge(snapshot.campaigns, delta.remove.campaigns, delta.upsert.campaigns),
    coupons: merge(snapshot.coupons, delta.remove.coupons, delta.upsert.coupons),
    // Assets are named by their sha256: upserted, or removed by remove.assets.
    ...(delta.upsert.assets?.length || delta.remove.assets?.length
      ? { assets: mergeAssets(snapshot.assets ?? [], delta.remove.assets ?? [], delta.upsert.assets ?? []) } : {}),
  });
}

const RENAMED_SUFFIX = { zh: '·旗舰店', en: ' Flagship' };

/**
 * The demo's delta: a new coupon (a flash voucher numbered by the version it arrives in) and a store rename that
 * toggles Tea Whisper between its plain name and "Flagship". Falls back to the first store if that one is gone.
 */
export function exampleDelta(snapshot: CatalogSnapshot, now: Date): CatalogDelta {
  const toVersion = snapshot.version + 1;
  const coupon: Coupon = {
    id: `c-flash-v${toVersion}`,
    storeId: snapshot.stores.some((s) => s.id === 's-dessert') ? 's-dessert' : null,
    kind: 'discount',
    title: { zh: `限时闪购券 满60减15（第${toVersion}波）`, en: `Flash voucher: ¥15 off ¥60 (wave ${toVersion})` },
    minSpendFen: 6000,
    valueFen: 1500,
    pointsCost: 0,
    stock: 50,
    perMemberLimit: 1,
    tiers: ['regular', 'silver', 'gold', 'diamond'],
    validFrom: now.toISOString(),
    validTo: new Date(now.getTime() + 3 * 86_400_000).toISOString(),
  };
  const store = snapshot.stores.find((s) => s.id === 's-bubbletea') ?? snapshot.stores[0];
  const stores: Store[] = [];
  if (store) {
    const renamed = store.name.zh.endsWith(RENAMED_SUFFIX.zh);
    const toggle = (text: string, suffix: string) => (renamed ? (text.endsWith(suffix) ? text.slice(0, -suffix.length) : text) : text + suffix);
    const zh = toggle(store.name.zh, RENAMED_SUFFIX.zh);
    stores.push({ ...store, name: { zh, ...(store.name.en !== undefined ? { en: toggle(store.name.en, RENAMED_SUFFIX.en) } : {}) } });
  }
  return buildDelta(snapshot, { upsert: { stores, coupons: [coupon] } }, now);
}
