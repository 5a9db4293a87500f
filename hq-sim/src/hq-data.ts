// HQ's data folder: the SQLite store, the Ed25519 signing key, the mall's card salt, the demo members and staff,
// and the catalog snapshot HQ publishes. Opened once by the simulator and by each CLI subcommand.
import type { Catalog } from '../../contracts/catalog.ts';
import { CatalogSnapshot } from '../../contracts/mqtt.ts';
import { demoCatalog, demoExperiments, demoOfferRules } from '../../common/demo/catalog.ts';
import { cardHash } from '../../common/node/card-hash.ts';
import { demoMemberRecords, demoStaffCredentials } from './demo-people.ts';
import { occupantIdForStore, unitIdForStore } from '../../common/node/imdf/demo-map.ts';
import { loadOrCreateSigningKey, type HqSigningKey } from './keys.ts';
import { buildSnapshot } from './snapshot.ts';
import { openHqStore, type HqStore } from './store.ts';

/**
 * HQ's first snapshot is version 2: kiosks seed the same demo catalog as version 1 on first start, and a snapshot
 * must be newer than what a kiosk holds to be applied. Deleting HQ's data folder restarts the numbering, so
 * kiosks that already saw higher versions ignore it until they are reset too.
 */
export const FIRST_HQ_CATALOG_VERSION = 2;

export type HqData = { mallId: string; dataDir: string; store: HqStore; key: HqSigningKey; cardSalt: string; close(): void };

/** `timeZone`: the mall's, for the demo members' birthday month (default Asia/Shanghai, as the kiosk's). */
export function openHqData(dataDir: string, mallId: string, now: Date = new Date(), timeZone?: string): HqData {
  const store = openHqStore(dataDir);
  try {
    const key = loadOrCreateSigningKey(dataDir);
    const cardSalt = store.cardSalt(mallId);
    // Demo members are refreshed on every open: their dates (last visit, birthday month) are relative to today.
    store.upsertMembers(demoMemberRecords(now, timeZone).map((d) => ({ member: d.member, note: d.note, cardHash: cardHash(cardSalt, d.cardNumber) })), now);
    // Staff hashes are made once and kept, so the snapshot does not change on every start.
    if (store.staff().length === 0) store.replaceStaff(demoStaffCredentials(cardSalt));
    return { mallId, dataDir, store, key, cardSalt, close: () => store.close() };
  } catch (err) {
    store.close();
    throw err;
  }
}

/** The demo catalog, for any mall id, each store linked to its occupant and unit on the demo map (map/demo-map.ts). */
export function demoCatalogFor(mallId: string, now: Date): Catalog {
  const catalog = demoCatalog(now);
  return { ...catalog, mallId, stores: catalog.stores.map((s) => ({ ...s, mapRef: { occupantId: occupantIdForStore(s.id), unitId: unitIdForStore(s.id) } })) };
}

/**
 * The snapshot to publish: the stored one, or a first one from the demo catalog. When HQ's keys, staff, card salt,
 * offer rules or experiments changed since it was published (a rotated key, a new PIN, new rules, or a data folder
 * from before they existed), the catalog moves on one version so kiosks take them.
 */
export function currentSnapshot(data: HqData, now: Date = new Date()): { snapshot: CatalogSnapshot; changed: boolean } {
  const hq = { hqKeys: [data.key.hqKey], staff: data.store.staff(), cardSalt: data.cardSalt, offerRules: demoOfferRules(), experiments: demoExperiments() };
  const published = data.store.publishedSnapshot(data.mallId);
  if (!published) {
    const snapshot = buildSnapshot({ catalog: { ...demoCatalogFor(data.mallId, now), offerRules: hq.offerRules, experiments: hq.experiments }, version: FIRST_HQ_CATALOG_VERSION, publishedAt: now, ...hq });
    data.store.savePublishedSnapshot(snapshot);
    return { snapshot, changed: true };
  }
  // Compared in parsed form (schema key order, defaults written out), as the published snapshot was stored.
  const wanted = CatalogSnapshot.parse({ ...published, ...hq });
  const same = (Object.keys(hq) as (keyof typeof hq)[]).every((k) => JSON.stringify(published[k]) === JSON.stringify(wanted[k]));
  if (same) return { snapshot: published, changed: false };
  const catalog = { ...published, offerRules: hq.offerRules, experiments: hq.experiments };
  const snapshot = buildSnapshot({ catalog, version: published.version + 1, publishedAt: now, hqKeys: hq.hqKeys, staff: hq.staff, cardSalt: hq.cardSalt, attract: published.attract });
  data.store.savePublishedSnapshot(snapshot);
  return { snapshot, changed: true };
}
