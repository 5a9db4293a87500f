// Building the retained catalog snapshot HQ publishes for a mall: the catalog (with HQ's offer rules and
// experiments) plus attract-loop items, HQ's public keys, staff credentials and the mall's card salt. Pure: the
// same inputs give the same snapshot.
import type { Campaign, Catalog } from '../../contracts/catalog.ts';
import { CatalogSnapshot, type HqPublicKey, type StaffCredential } from '../../contracts/mqtt.ts';

type AttractItem = CatalogSnapshot['attract'][number];
const SEGMENT = /^[A-Za-z0-9_-]{1,48}$/;

/**
 * One attract item per campaign running at `now`, highest priority first, then a standing announcement.
 * Attract ids and campaign references are topic-safe segments, so a campaign whose id is not one is left out.
 */
export function attractItems(campaigns: Campaign[], now: Date, durationSec = 7): AttractItem[] {
  const t = now.getTime();
  const running = campaigns
    .filter((c) => Date.parse(c.startsAt) <= t && t < Date.parse(c.endsAt) && SEGMENT.test(c.id) && c.id.length <= 46)
    .sort((a, b) => b.priority - a.priority || a.id.localeCompare(b.id));
  const items: AttractItem[] = running.map((c) => ({
    id: `a-${c.id}`,
    campaignId: c.id,
    kind: 'campaign',
    title: { zh: c.title.zh.slice(0, 200), ...(c.title.en ? { en: c.title.en.slice(0, 200) } : {}) },
    durationSec,
  }));
  items.push({
    id: 'a-opening-hours',
    campaignId: null,
    kind: 'announcement',
    title: { zh: '商场营业时间 10:00-22:00，欢迎光临', en: 'Open daily 10:00-22:00. Welcome!' },
    durationSec,
  });
  return items;
}

export type SnapshotInput = {
  catalog: Catalog;
  version: number;
  publishedAt: Date;
  hqKeys: HqPublicKey[];
  staff: StaffCredential[];
  /** The mall's card-hash salt, so kiosks can hash a card they read the way HQ does; null when HQ hands out no cards. */
  cardSalt: string | null;
  attract?: AttractItem[];
};

/** The snapshot as it goes on the wire, parsed with the contract so HQ never publishes what kiosks would refuse. */
export function buildSnapshot(input: SnapshotInput): CatalogSnapshot {
  return CatalogSnapshot.parse({
    ...input.catalog,
    version: input.version,
    publishedAt: input.publishedAt.toISOString(),
    attract: input.attract ?? attractItems(input.catalog.campaigns, input.publishedAt),
    hqKeys: input.hqKeys,
    staff: input.staff,
    cardSalt: input.cardSalt,
  });
}
