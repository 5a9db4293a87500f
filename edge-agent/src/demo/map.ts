// The demo mall's map for a kiosk with no HQ: the same IMDF archive the demo HQ publishes (common/node/imdf/
// demo-map.ts), imported here into the venue model and stored as version 1 (HQ's numbering starts at 2, so any map
// HQ sends replaces it). Seeded once, into a database that has no map.
import type { Logger } from '../../../common/node/log.ts';
import { demoMapZip } from '../../../common/node/imdf/demo-map.ts';
import { importImdfBytes } from '../../../common/node/imdf/imdf-read.ts';
import { venueHash } from '../../../common/node/venue-hash.ts';
import type { Db } from '../db/open.ts';
import { applyVenueMap, mapInfo } from '../map/store.ts';

/** A fixed date: the demo map is the same bytes on every kiosk and every start. */
const DEMO_MAP_PUBLISHED = '2026-01-01T00:00:00.000Z';

export function seedDemoMapIfNone(db: Db, mallId: string, log: Logger): boolean {
  if (mapInfo(db)) return false;
  const imported = importImdfBytes('demo-map.zip', demoMapZip());
  if (!imported.venue) {
    log.warn('demo map could not be imported; the kiosk runs without a map', { problems: imported.problems.slice(0, 3) });
    return false;
  }
  const outcome = applyVenueMap(db, { mallId, version: 1, sha256: venueHash(imported.venue), publishedAt: DEMO_MAP_PUBLISHED, venue: imported.venue }, mallId);
  if (outcome === 'applied') log.info('demo map seeded', { levels: imported.venue.levels.length, units: imported.venue.units.length });
  return outcome === 'applied';
}
