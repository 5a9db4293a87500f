import type { Db } from '../db/open.ts';
import type { Logger } from '../log.ts';
import { catalogInfo, replaceCatalog } from '../catalog/repo.ts';
import { upsertMembers } from '../members/cache.ts';
import { demoCatalog, demoMembers } from './catalog.ts';

/** Seeds the demo mall into an empty database; a database that already has a catalog is left alone. */
export function seedDemoIfEmpty(db: Db, log: Logger, now: Date = new Date()): boolean {
  if (catalogInfo(db)) return false;
  const catalog = demoCatalog(now);
  replaceCatalog(db, catalog);
  upsertMembers(db, demoMembers(now).map(({ note: _note, ...member }) => member), now);
  log.info('demo catalog seeded', { mallId: catalog.mallId, stores: catalog.stores.length, campaigns: catalog.campaigns.length, coupons: catalog.coupons.length });
  return true;
}
