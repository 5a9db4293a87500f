// The map and the catalog stores it shows, loaded once per page and kept: the venue is large (~150 kB for the demo
// mall) and parsing it is the slow part of opening the map, so app/ loads it while the home screen shows, and a later
// visit asks the agent only whether it changed (knownSha256).
import { useEffect, useState } from 'react';
import type { ApiResult } from '../../../contracts/api.ts';
import type { Store } from '../../../contracts/catalog.ts';
import type { Point, Venue } from '../../../contracts/venue.ts';
import { call } from '../api/client.ts';
import { useReportFailure } from '../api/AgentFailureContext.ts';

export type MapData = {
  sha256: string;
  venue: Venue;
  here: { levelId: string; point: Point } | null;
  bearingDeg: number;
  /** Catalog store by the IMDF unit or occupant it is placed in. */
  storeByFeature: ReadonlyMap<string, Store>;
};

export type MapLoad = { status: 'loading' } | { status: 'none' } | { status: 'error' } | { status: 'ready'; data: MapData };

let cached: { data: MapData; storesKey: string } | null = null;
let pending: Promise<MapData | null> | null = null;

type VenueAnswer = Extract<ApiResult<'map.venue'>, { status: 'map' }>;

function assemble(v: VenueAnswer, stores: readonly Store[]): MapData {
  const byId = new Map(stores.map((s) => [s.id, s]));
  const storeByFeature = new Map<string, Store>();
  for (const place of v.stores) {
    const store = byId.get(place.storeId);
    if (store) storeByFeature.set(place.featureId, store);
  }
  // A store placed through its occupant is drawn on the occupant's unit.
  for (const o of v.venue.occupants) {
    const store = storeByFeature.get(o.id);
    if (store && !storeByFeature.has(o.unitId)) storeByFeature.set(o.unitId, store);
  }
  return { sha256: v.sha256, venue: v.venue, here: v.here, bearingDeg: v.bearingDeg, storeByFeature };
}

/** Loads (or re-checks) the map; null when the kiosk has no map yet. Shared by every caller while in flight. */
export function loadMap(): Promise<MapData | null> {
  pending ??= (async () => {
    const [v, s] = await Promise.all([call('map.venue', cached ? { knownSha256: cached.data.sha256 } : {}), call('stores.search', {})]);
    // The map's hash does not cover the catalog: a store renamed or recoloured since means drawing it again.
    const storesKey = JSON.stringify(s.stores);
    if (v.status === 'none') return (cached = null);
    if (v.status === 'unchanged' && cached?.storesKey === storesKey) return cached.data;
    const full = v.status === 'map' ? v : await call('map.venue', {});
    if (full.status !== 'map') return (cached = null);
    cached = { data: assemble(full, s.stores), storesKey };
    return cached.data;
  })().finally(() => { pending = null; });
  return pending;
}

/** The map for the screen: what is cached at once (so the first frame has the floor), then a re-check. */
export function useMapData(): MapLoad {
  const reportFailure = useReportFailure();
  const [load, setLoad] = useState<MapLoad>(() => (cached ? { status: 'ready', data: cached.data } : { status: 'loading' }));
  useEffect(() => {
    let cancelled = false;
    loadMap().then(
      (data) => { if (!cancelled) setLoad((l) => (data === null ? { status: 'none' } : l.status === 'ready' && l.data === data ? l : { status: 'ready', data })); },
      (err: unknown) => {
        if (cancelled || reportFailure(err)) return;
        console.warn('atrium: the map could not be loaded', err);
        setLoad((l) => (l.status === 'ready' ? l : { status: 'error' }));
      },
    );
    return () => { cancelled = true; };
  }, [reportFailure]);
  return load;
}
