// The mall's indoor map on the kiosk: HQ's last good VenueMap, kept in SQLite so wayfinding works with HQ gone. A map
// for another mall, an older or repeated version, or one whose hash does not match its content never replaces it.
import { VenueMap, type Venue } from '../../../contracts/venue.ts';
import { parsedVenueHash } from '../../../common/node/venue-hash.ts';
import type { Db } from '../db/open.ts';

export type MapOutcome = 'applied' | 'stale' | 'wrong-mall' | 'bad-hash';

export function applyVenueMap(db: Db, map: VenueMap, mallId: string, now: Date = new Date()): MapOutcome {
  if (map.mallId !== mallId) return 'wrong-mall';
  // The payload was parsed with the contract, so this is the same text HQ hashed.
  if (parsedVenueHash(map.venue) !== map.sha256) return 'bad-hash';
  return db.transaction((): MapOutcome => {
    const current = db.prepare('SELECT version FROM venue_map WHERE id = 1').get() as { version: number } | undefined;
    if (current && current.version >= map.version) return 'stale';
    db.prepare(
      `INSERT INTO venue_map (id, mall_id, version, sha256, published_at, received_at, doc) VALUES (1, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET mall_id = excluded.mall_id, version = excluded.version, sha256 = excluded.sha256,
         published_at = excluded.published_at, received_at = excluded.received_at, doc = excluded.doc`,
    ).run(map.mallId, map.version, map.sha256, map.publishedAt, now.toISOString(), JSON.stringify(map));
    cached = null;
    return 'applied';
  })();
}

export type StoredMap = { version: number; sha256: string; venue: Venue };

let cached: { db: Db; sha256: string; map: StoredMap } | null = null;

/**
 * The stored map, parsed once per version (a venue of thousands of units takes a while to parse; routes and the
 * page ask often). A row that no longer parses reads as no map (an older agent's or a damaged row): HQ's retained
 * map arrives again at the next connect and replaces it.
 */
export function storedMap(db: Db): StoredMap | null {
  const row = db.prepare('SELECT sha256, doc FROM venue_map WHERE id = 1').get() as { sha256: string; doc: string } | undefined;
  if (!row) return null;
  if (cached && cached.db === db && cached.sha256 === row.sha256) return cached.map;
  let json: unknown;
  try {
    json = JSON.parse(row.doc);
  } catch {
    return null;
  }
  const parsed = VenueMap.safeParse(json);
  if (!parsed.success) return null;
  const map = { version: parsed.data.version, sha256: parsed.data.sha256, venue: parsed.data.venue };
  cached = { db, sha256: row.sha256, map };
  return map;
}

/** Version and hash only, for health and the heartbeat (cheap: no parse). */
export function mapInfo(db: Db): { version: number; sha256: string } | null {
  return (db.prepare('SELECT version, sha256 FROM venue_map WHERE id = 1').get() as { version: number; sha256: string } | undefined) ?? null;
}
