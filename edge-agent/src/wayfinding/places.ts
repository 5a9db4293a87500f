// Turning the words of a route request into places on the map: `here` (the kiosk's point, given by the caller), an
// IMDF unit, occupant, amenity or kiosk id, a catalog store id (through the caller's resolver), or `nearest:<kind>`
// (every candidate of that kind; the router picks the one cheapest to reach, not the nearest as the crow flies).
import { NearestKind, type Point, type Venue, type VenueAmenity, type VenueLevel, type VenueUnit } from '../../../contracts/venue.ts';
/** A name in zh-CN with an optional English form (the contracts' LocalizedText). */
type LocalizedText = VenueLevel['name'];

/** One place a route may start or end at. `unitId` is the unit it is in (free to walk through), when known. */
export interface Place {
  ref: string;
  featureId: string | null;
  name: LocalizedText | null;
  levelId: string;
  point: Point;
  unitId: string | null;
}

export interface Here {
  levelId: string;
  point: Point;
  name?: LocalizedText;
}

export interface ResolveOptions {
  here?: Here | null;
  /** Catalog store id → the IMDF occupant or unit it is in, or null when the store is not on the map. */
  storeToFeature?: (storeId: string) => string | null;
}

export type Resolved =
  | { ok: true; places: Place[]; kind: NearestKind | null }
  | { ok: false; code: 'unknown_place'; ref: string; message: string };

const HERE_NAME: LocalizedText = { zh: '您的位置', en: 'You are here' };

const KIND_NAMES: Record<NearestKind, LocalizedText> = {
  restroom: { zh: '洗手间', en: 'Restroom' },
  nursing: { zh: '母婴室', en: 'Nursing room' },
  atm: { zh: 'ATM', en: 'ATM' },
  service: { zh: '服务台', en: 'Service desk' },
  elevator: { zh: '电梯', en: 'Lift' },
};

const named = (name: LocalizedText | null, re: RegExp) => name !== null && (re.test(name.zh) || re.test(name.en ?? ''));
const NURSING_NAME = /nursing|mother|baby ?care|母婴|哺乳/i;
const SERVICE_NAME = /service desk|information|customer service|服务台|问询|咨询/i;

/** Which units and amenities count as a place of this kind. */
export function isOfKind(kind: NearestKind, f: { category: string; name: LocalizedText | null }, isUnit: boolean): boolean {
  const c = f.category.toLowerCase();
  switch (kind) {
    case 'restroom':
      return c.startsWith('restroom');
    case 'nursing':
      return ['babychanging', 'mothersroom', 'lactation', 'nursing', 'nursingroom'].includes(c) || named(f.name, NURSING_NAME);
    case 'atm':
      return !isUnit && (c === 'atm' || c === 'bankatm');
    case 'service':
      return (!isUnit && ['information', 'informationdesk', 'guestservices', 'customerservice', 'servicedesk', 'concierge'].includes(c)) || named(f.name, SERVICE_NAME);
    case 'elevator':
      return c === 'elevator';
  }
}

/** An index of the venue's features by IMDF id, built once per venue with the graph's cache. */
export interface FeatureIndex {
  units: Map<string, VenueUnit>;
  occupantsByUnit: Map<string, LocalizedText>;
  find(id: string): Place | null;
}

const indexes = new WeakMap<Venue, FeatureIndex>();

export function featureIndex(venue: Venue): FeatureIndex {
  let ix = indexes.get(venue);
  if (ix) return ix;
  const units = new Map(venue.units.map((u) => [u.id, u]));
  const occupants = new Map(venue.occupants.map((o) => [o.id, o]));
  const amenities = new Map(venue.amenities.map((a) => [a.id, a]));
  const kiosks = new Map(venue.kiosks.map((k) => [k.id, k]));
  const occupantsByUnit = new Map<string, LocalizedText>();
  for (const o of venue.occupants) if (!occupantsByUnit.has(o.unitId)) occupantsByUnit.set(o.unitId, o.name);
  const find = (id: string): Place | null => {
    const u = units.get(id);
    if (u) return unitPlace(u, id, occupantsByUnit.get(u.id) ?? null);
    const o = occupants.get(id);
    if (o) {
      const ou = units.get(o.unitId);
      return ou ? { ref: id, featureId: id, name: o.name, levelId: ou.levelId, point: o.point, unitId: ou.id } : null;
    }
    const a = amenities.get(id);
    if (a) return amenityPlace(a, id);
    const k = kiosks.get(id);
    if (k) return { ref: id, featureId: id, name: k.name, levelId: k.levelId, point: k.point, unitId: null };
    return null;
  };
  ix = { units, occupantsByUnit, find };
  indexes.set(venue, ix);
  return ix;
}

function unitPlace(u: VenueUnit, ref: string, occupant: LocalizedText | null): Place {
  return { ref, featureId: u.id, name: occupant ?? u.name, levelId: u.levelId, point: u.displayPoint, unitId: u.id };
}

function amenityPlace(a: VenueAmenity, ref: string): Place {
  return { ref, featureId: a.id, name: a.name, levelId: a.levelId, point: a.point, unitId: a.unitIds[0] ?? null };
}

/** Resolve one side of a route request; `nearest:` is allowed only as the destination. */
export function resolvePlace(venue: Venue, ref: string, opts: ResolveOptions, asDestination: boolean): Resolved {
  const unknown = (message: string): Resolved => ({ ok: false, code: 'unknown_place', ref, message });
  if (ref === 'here') {
    if (!opts.here) return unknown('this kiosk has no position on the map (no IMDF kiosk feature and none configured)');
    const { levelId, point, name } = opts.here;
    return { ok: true, kind: null, places: [{ ref, featureId: null, name: name ?? HERE_NAME, levelId, point, unitId: null }] };
  }
  if (ref.startsWith('nearest:')) {
    const parsed = NearestKind.safeParse(ref.slice('nearest:'.length));
    if (!parsed.success) return unknown(`unknown kind of place "${ref}" (restroom, nursing, atm, service or elevator)`);
    if (!asDestination) return unknown(`"${ref}" can only be a destination`);
    const places = nearestCandidates(venue, parsed.data);
    if (places.length === 0) return unknown(`this map has no ${parsed.data} places`);
    return { ok: true, kind: parsed.data, places };
  }
  const ix = featureIndex(venue);
  const direct = ix.find(ref);
  if (direct) return { ok: true, kind: null, places: [direct] };
  const feature = opts.storeToFeature?.(ref) ?? null;
  if (feature !== null) {
    const viaStore = ix.find(feature);
    if (viaStore) return { ok: true, kind: null, places: [{ ...viaStore, ref }] };
    return unknown(`store "${ref}" points at map feature "${feature}", which this map does not have`);
  }
  return unknown(`"${ref}" is no store, unit, occupant, amenity or kiosk on this map`);
}

/** Every place of the kind: units and amenities (an amenity inside a unit of the same kind counts once). */
export function nearestCandidates(venue: Venue, kind: NearestKind): Place[] {
  const ix = featureIndex(venue);
  const out: Place[] = [];
  const unitsTaken = new Set<string>();
  for (const u of venue.units) {
    if (!isOfKind(kind, u, true)) continue;
    unitsTaken.add(u.id);
    out.push({ ...unitPlace(u, u.id, null), name: u.name ?? KIND_NAMES[kind] });
  }
  for (const a of venue.amenities) {
    if (!isOfKind(kind, a, false) || a.unitIds.some((id) => unitsTaken.has(id))) continue;
    out.push({ ...amenityPlace(a, a.id), name: a.name ?? KIND_NAMES[kind] });
  }
  if (kind === 'elevator') {
    for (const c of venue.connectors) {
      if (c.kind !== 'elevator') continue;
      for (const s of c.stops) {
        if (unitsTaken.has(s.unitId)) continue;
        out.push({ ref: c.id, featureId: c.id, name: ix.units.get(s.unitId)?.name ?? KIND_NAMES.elevator, levelId: s.levelId, point: s.point, unitId: s.unitId });
      }
    }
  }
  return out;
}
