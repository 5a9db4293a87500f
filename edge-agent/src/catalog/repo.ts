// Catalog cache in SQLite: replace a whole snapshot atomically, and answer the guide screen's queries.
import { Campaign, Catalog, Coupon, Store, type StoreCategory } from '../../../contracts/catalog.ts';
import type { ApiParsedParams, PromotionCard } from '../../../contracts/api.ts';
import type { Db } from '../db/open.ts';
import { catalogInfo, setCatalogInfo } from './info.ts';
import { replaceOfferRules } from './offers.ts';
import { readyCreatives } from './ready-media.ts';
import { choosePlaying, nextChange, type PlayingOptions, type ScheduleScope } from './playing.ts';


/** Replaces the cached catalog in one transaction; returns false (and changes nothing) for a stale version. */
export function replaceCatalog(db: Db, catalog: Catalog, alsoInTransaction?: () => void, now: Date = new Date()): boolean {
  return replaceParsedCatalog(db, Catalog.parse(catalog), alsoInTransaction, now);
}

/**
 * replaceCatalog for a catalog its caller has just parsed with its contract (HQ's snapshot, parsed on receipt): a
 * second zod pass over 15,000 rows cost ~30 ms of each snapshot's apply (issue 16).
 */
export function replaceParsedCatalog(db: Db, parsed: Catalog, alsoInTransaction?: () => void, now: Date = new Date()): boolean {
  return db.transaction(() => {
    const current = catalogInfo(db);
    if (current && current.version >= parsed.version && current.mallId === parsed.mallId) return false;
    db.exec('DELETE FROM stores; DELETE FROM campaigns; DELETE FROM coupons;');
    alsoInTransaction?.();
    upsertCatalogRows(db, parsed, now);
    replaceOfferRules(db, parsed.offerRules, parsed.experiments);
    setCatalogInfo(db, { mallId: parsed.mallId, version: parsed.version, mallName: parsed.mallName });
    return true;
  })();
}

/**
 * Inserts or replaces stores, campaigns and coupons (used by snapshots and deltas, inside their transaction).
 * A coupon's received_at says when HQ's stock figure arrived: claims confirmed before it are already counted in it.
 */
export function upsertCatalogRows(db: Db, rows: Pick<Catalog, 'stores' | 'campaigns' | 'coupons'>, receivedAt: Date = new Date()): void {
  const insStore = db.prepare(
    'INSERT OR REPLACE INTO stores (id, name_zh, name_en, category, floor, unit, search_text, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const s of rows.stores) insStore.run(s.id, s.name.zh, s.name.en ?? null, s.category, s.floor, s.unit, searchText(s), JSON.stringify(s));
  const insCampaign = db.prepare('INSERT OR REPLACE INTO campaigns (id, priority, starts_at, ends_at, doc) VALUES (?, ?, ?, ?, ?)');
  for (const c of rows.campaigns) insCampaign.run(c.id, c.priority, utc(c.startsAt), utc(c.endsAt), JSON.stringify(c));
  const insCoupon = db.prepare('INSERT OR REPLACE INTO coupons (id, store_id, valid_to, doc, received_at) VALUES (?, ?, ?, ?, ?)');
  const at = receivedAt.toISOString();
  for (const c of rows.coupons) insCoupon.run(c.id, c.storeId, utc(c.validTo), JSON.stringify(c), at);
}

/** Timestamps are stored in UTC so SQL string comparison orders them correctly whatever offset HQ used. */
function utc(iso: string): string {
  return new Date(iso).toISOString();
}

function searchText(s: Store): string {
  return [s.name.zh, s.name.en ?? '', s.unit, ...s.keywords].join(' ').toLowerCase();
}

function likePattern(query: string): string {
  return `%${query.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function searchStores(db: Db, params: ApiParsedParams<'stores.search'>) {
  const where: string[] = [];
  const args: unknown[] = [];
  if (params.query) {
    where.push("search_text LIKE ? ESCAPE '\\'");
    args.push(likePattern(params.query));
  }
  if (params.floor) {
    where.push('floor = ?');
    args.push(params.floor);
  }
  const base = where.length ? `WHERE ${where.join(' AND ')}` : '';
  // Category counts ignore the category filter, so the chips show how many each would give.
  const categories = db
    .prepare(`SELECT category, COUNT(*) AS count FROM stores ${base} GROUP BY category ORDER BY count DESC, category`)
    .all(...args) as { category: StoreCategory; count: number }[];
  if (params.category) {
    where.push('category = ?');
    args.push(params.category);
  }
  const filtered = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const rows = db.prepare(`SELECT doc FROM stores ${filtered} ORDER BY floor_rank(floor), unit LIMIT 200`).all(...args) as { doc: string }[];
  return { stores: rows.map((r) => Store.parse(JSON.parse(r.doc))), categories };
}

/** Orders floors B3 < B2 < B1 < 1F < 2F ... */
export function registerFloorRank(db: Db) {
  db.function('floor_rank', { deterministic: true }, (floor: unknown) => floorRank(String(floor)));
}

export function floorRank(floor: string): number {
  const basement = /^B(\d)$/.exec(floor);
  if (basement) return -Number(basement[1]);
  const above = /^(\d)F$/.exec(floor);
  return above ? Number(above[1]) : 99;
}

export function floors(db: Db): string[] {
  const rows = db.prepare('SELECT DISTINCT floor FROM stores ORDER BY floor_rank(floor)').all() as { floor: string }[];
  return rows.map((r) => r.floor);
}

/**
 * Campaigns running at `now`, with their store and coupons resolved: those of `playlist` in its order (ids not in
 * the catalog or not running are skipped), or every running one the schedule lets play here and now (playing.ts),
 * highest priority first, when there is no playlist or none of it is running (an attract loop is never left empty
 * by a stale playlist). `scope` null or absent: no schedule applies (every running campaign, as the staff picker
 * lists them).
 */
export function currentPromotions(db: Db, now: Date, limit: number, playlist?: readonly string[] | null, scope: ScheduleScope | null = null): PromotionCard[] {
  return promotionsNow(db, { now, limit, playlist, scope }).promotions;
}

/**
 * currentPromotions with the attract loop's order over one cycle (campaign ids, repeated by weight) and the next
 * instant that may change by the clock (playing.ts nextChange), for the page to reload then.
 */
export function promotionsNow(db: Db, o: PlayingOptions): { promotions: PromotionCard[]; rotation: string[]; nextChangeAt: string | null } {
  const iso = o.now.toISOString();
  const rows = db
    .prepare('SELECT doc FROM campaigns WHERE starts_at <= ? AND ends_at > ? ORDER BY priority DESC, id')
    .all(iso, iso) as { doc: string }[];
  const running = rows.map((r) => Campaign.parse(JSON.parse(r.doc)));
  const playing = choosePlaying(running, o);
  const upcoming = db.prepare('SELECT MIN(starts_at) AS at FROM campaigns WHERE starts_at > ?').get(iso) as { at: string | null } | undefined;
  const changeAt = nextChange(running, upcoming?.at ? [upcoming.at] : [], o.now, o.scope);
  return { promotions: promotionCards(db, playing.campaigns, o.now), rotation: playing.rotation, nextChangeAt: changeAt?.toISOString() ?? null };
}

function promotionCards(db: Db, campaigns: readonly Campaign[], now: Date): PromotionCard[] {
  const storeById = db.prepare('SELECT doc FROM stores WHERE id = ?');
  const couponById = db.prepare('SELECT doc FROM coupons WHERE id = ?');
  return campaigns.map((c) => {
    const creatives = readyCreatives(db, c.creatives);
    const storeRow = c.storeId ? (storeById.get(c.storeId) as { doc: string } | undefined) : undefined;
    const store = storeRow ? Store.parse(JSON.parse(storeRow.doc)) : null;
    const coupons = c.couponIds
      .map((id) => couponById.get(id) as { doc: string } | undefined)
      .filter((r): r is { doc: string } => r !== undefined)
      .map((r) => Coupon.parse(JSON.parse(r.doc)))
      .filter((cp) => Date.parse(cp.validTo) > now.getTime())
      .map((cp) => ({ id: cp.id, title: cp.title, valueFen: cp.valueFen, minSpendFen: cp.minSpendFen, tiers: cp.tiers }));
    return {
      campaignId: c.id,
      title: c.title,
      subtitle: c.subtitle,
      colours: c.colours,
      store: store ? { id: store.id, name: store.name, floor: store.floor, unit: store.unit } : null,
      endsAt: c.endsAt,
      coupons,
      ...(creatives.length ? { creatives } : {}),
    };
  });
}
