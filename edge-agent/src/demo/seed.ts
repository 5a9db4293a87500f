import type { Db } from '../db/open.ts';
import type { Logger } from '../../../common/node/log.ts';
import { replaceCatalog } from '../catalog/repo.ts';
import { catalogInfo } from '../catalog/info.ts';
import { upsertMembers } from '../members/cache.ts';
import { demoCardNumber, demoCatalog, demoMembers } from '../../../common/demo/catalog.ts';
import { cardHash, newCardSalt } from '../../../common/node/card-hash.ts';
import { DEFAULT_MALL_TIME_ZONE } from '../../../common/time-zone.ts';
import { cacheCard, cardSalt, setCardSalt } from '../members/cards.ts';
import { offerCatalog, offerCatalogChanged, replaceOfferRules } from '../catalog/offers.ts';
import { seedDemoStaffIfNone } from '../staff/demo-staff.ts';

/**
 * Seeds the demo mall into an empty database; a database that already has a catalog is left alone (except that
 * a demo database from before members gets the demo's offer rules and cards). The demo's
 * card salt is made here (HQ's snapshot brings the real one and replaces it), with the demo members' cards
 * (`62` + 14-digit member number, e.g. M1003 -> 6200000000001003) hashed under it.
 */
export function seedDemoIfEmpty(db: Db, log: Logger, now: Date = new Date(), timeZone: string = DEFAULT_MALL_TIME_ZONE): boolean {
  const info = catalogInfo(db);
  const catalog = demoCatalog(now);
  const members = demoMembers(now, timeZone).map(({ note: _note, ...member }) => member);
  const seedCards = () => {
    const salt = newCardSalt();
    setCardSalt(db, salt);
    for (const m of members) cacheCard(db, cardHash(salt, demoCardNumber(m.id)), m.id, now);
  };
  if (info) {
    // A demo database from before members (schema 2): give it the demo's offer rules and cards once.
    if (info.mallId === catalog.mallId && info.version === catalog.version && cardSalt(db) === null && offerCatalog(db).rules.length === 0) {
      db.transaction(() => {
        replaceOfferRules(db, catalog.offerRules, catalog.experiments);
        seedCards();
      })();
      offerCatalogChanged();
      log.info('demo members upgraded', { rules: catalog.offerRules.length });
    }
    // Still the demo's own catalog (HQ's would have replaced it, staff included): its staff, if it has none yet.
    if (info.mallId === catalog.mallId && info.version === catalog.version && seedDemoStaffIfNone(db, cardSalt(db))) log.info('demo staff seeded');
    return false;
  }
  db.transaction(() => {
    replaceCatalog(db, catalog, undefined, now);
    upsertMembers(db, members, now);
    seedCards();
    seedDemoStaffIfNone(db, cardSalt(db));
  })();
  log.info('demo catalog seeded', { mallId: catalog.mallId, stores: catalog.stores.length, campaigns: catalog.campaigns.length, coupons: catalog.coupons.length, members: members.length, rules: catalog.offerRules.length });
  return true;
}
