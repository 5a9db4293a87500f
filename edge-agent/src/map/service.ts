// The map for the page: the stored venue (store.ts), "you are here", where each catalog store is on it, and routes
// (wayfinding/, pure) with their hand-off link for the phone. Refusals are domain errors the API turns into codes.
import type { ApiParsedParams, ApiResult } from '../../../contracts/api.ts';
import type { Store } from '../../../contracts/catalog.ts';
import type { DisplayConfig } from '../../../contracts/config.ts';
import type { Point, Venue } from '../../../contracts/venue.ts';
import { offerCatalog } from '../catalog/offers.ts';
import type { Db } from '../db/open.ts';
import { DomainError } from '../errors.ts';
import { featureIndex } from '../wayfinding/places.ts';
import { findRoute, type Here } from '../wayfinding/route.ts';
import { storedMap } from './store.ts';

export type MapServiceOptions = { db: Db; mallId: string; display: () => DisplayConfig };

export type StoreOnMap = { storeId: string; featureId: string; levelId: string; point: Point };

export class MapService {
  private readonly o: MapServiceOptions;

  constructor(opts: MapServiceOptions) {
    this.o = opts;
  }

  venue(params: ApiParsedParams<'map.venue'>): ApiResult<'map.venue'> {
    const map = storedMap(this.o.db);
    if (!map) return { status: 'none' };
    if (params.knownSha256 === map.sha256) return { status: 'unchanged', version: map.version };
    const here = this.here(map.venue);
    return {
      status: 'map', version: map.version, sha256: map.sha256, venue: map.venue, bearingDeg: this.o.display().mapBearingDeg,
      here: here ? { levelId: here.levelId, point: here.point, kioskId: here.kioskId } : null,
      stores: this.storesOnMap(map.venue),
    };
  }

  route(params: ApiParsedParams<'map.route'>): ApiResult<'map.route'> {
    const map = storedMap(this.o.db);
    if (!map) throw new DomainError('unavailable', 'no_map', 'this kiosk has no map yet: HQ has not sent one');
    const stores = offerCatalog(this.o.db).stores;
    const result = findRoute(map.venue, params, {
      here: this.here(map.venue),
      storeToFeature: (id) => {
        const store = stores.get(id);
        return store ? storeFeature(map.venue, store) : null;
      },
    });
    if (!result.ok) {
      const { code, message } = result.error;
      if (code === 'no_map') throw new DomainError('unavailable', 'no_map', message);
      if (code === 'unknown_place' || code === 'unknown_level') throw new DomainError('invalid', 'unknown_place', message);
      throw new DomainError('conflict', code, message);
    }
    const from = params.from === 'here' ? (this.here(map.venue)?.kioskId ?? 'here') : params.from;
    return { route: result.route, shareUrl: shareUrl(this.o.display().routeShareUrl, { mall: this.o.mallId, from, to: result.route.to.ref, stepFree: params.accessible ? '1' : '0' }) };
  }

  /** The configured feature (mapKioskId), else the map's only kiosk feature. */
  private here(venue: Venue): (Here & { kioskId: string | null }) | null {
    const configured = this.o.display().mapKioskId;
    if (configured) {
      const place = featureIndex(venue).find(configured) ?? openingPlace(venue, configured);
      return place ? { levelId: place.levelId, point: place.point, kioskId: configured } : null;
    }
    const only = venue.kiosks.length === 1 ? venue.kiosks[0]! : null;
    return only ? { levelId: only.levelId, point: only.point, kioskId: only.id } : null;
  }

  private storesOnMap(venue: Venue): StoreOnMap[] {
    const ix = featureIndex(venue);
    const out: StoreOnMap[] = [];
    for (const store of offerCatalog(this.o.db).stores.values()) {
      const featureId = storeFeature(venue, store);
      const place = featureId ? ix.find(featureId) : null;
      if (featureId && place) out.push({ storeId: store.id, featureId, levelId: place.levelId, point: place.point });
    }
    return out;
  }
}

/**
 * A store's feature: its mapRef (occupant, then unit) when this map has it, else the unit named like the store's unit
 * number on its floor (a catalog that predates the map, or a map from another source).
 */
export function storeFeature(venue: Venue, store: Store): string | null {
  const ix = featureIndex(venue);
  for (const id of [store.mapRef?.occupantId, store.mapRef?.unitId]) if (id && ix.find(id)) return id;
  const levels = new Set(venue.levels.filter((l) => l.shortName.zh === store.floor || l.shortName.en === store.floor).map((l) => l.id));
  const unit = venue.units.find((u) => levels.has(u.levelId) && (u.name?.zh === store.unit || u.name?.en === store.unit));
  return unit?.id ?? null;
}

function openingPlace(venue: Venue, id: string): { levelId: string; point: Point } | null {
  const o = venue.openings.find((x) => x.id === id);
  if (!o) return null;
  const a = o.line[0]!;
  const b = o.line[o.line.length - 1]!;
  return { levelId: o.levelId, point: [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2] };
}

/** Fills {mall} {from} {to} {stepFree} in HQ's link template: place ids only, nothing about the shopper. */
export function shareUrl(template: string, values: Record<'mall' | 'from' | 'to' | 'stepFree', string>): string {
  return template.replace(/\{(mall|from|to|stepFree)\}/g, (_, k: keyof typeof values) => encodeURIComponent(values[k]));
}
