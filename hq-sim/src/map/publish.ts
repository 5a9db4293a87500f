// The map HQ publishes for a mall: an IMDF archive imported into the venue model (imdf-read.ts), versioned in HQ's
// store (a new version only when the venue's hash changes) and hashed as the kiosk checks it. A map that does not
// import is never published: kiosks keep the last good one.
import { z } from 'zod';
import type { Venue, VenueMap } from '../../../contracts/venue.ts';
import { venueHash } from '../../../common/node/venue-hash.ts';
import type { HqData } from '../hq-data.ts';
import { demoMapZip } from '../../../common/node/imdf/demo-map.ts';
import { importImdfBytes, importImdfPath } from '../../../common/node/imdf/imdf-read.ts';

export type LoadedMap = { venue: Venue; source: string } | { venue: null; source: string; reason: string };

/** The map at `file` (an IMDF zip, folder or FeatureCollection), or the demo mall's when no file is given. */
export function loadMap(file?: string): LoadedMap {
  const source = file ?? 'the demo map (星河广场)';
  const result = file ? importImdfPath(file) : importImdfBytes('demo-map.zip', demoMapZip());
  if (result.venue) return { venue: result.venue, source };
  const fatal = result.problems.find((p) => p.severity === 'fatal');
  return { venue: null, source, reason: fatal?.reason ?? 'the map is not usable' };
}

/** The retained message for `venue`: the stored version when HQ published this very venue before, else one more. */
export function mapMessage(data: HqData, venue: Venue, now: Date = new Date()): VenueMap {
  const sha256 = venueHash(venue);
  const key = `map.${data.mallId}`;
  const stored = parseStored(data.store.meta(key));
  // HQ's first map is version 2: a demo kiosk seeds the demo map as version 1 (edge-agent/src/demo/map.ts).
  const version = stored?.sha256 === sha256 ? stored.version : (stored?.version ?? 1) + 1;
  if (stored?.sha256 !== sha256) data.store.setMeta(key, JSON.stringify({ version, sha256 }));
  return { mallId: data.mallId, version, sha256, publishedAt: now.toISOString(), venue };
}

const StoredMapVersion = z.object({ version: z.number().int().positive(), sha256: z.string() });

function parseStored(text: string | null): z.infer<typeof StoredMapVersion> | null {
  if (!text) return null;
  try {
    return StoredMapVersion.safeParse(JSON.parse(text)).data ?? null;
  } catch {
    return null; // a damaged row: numbering starts again above nothing
  }
}
