// The demo mall's indoor map as a real IMDF 1.0.0 archive (zip): 星河广场 / Galaxy Plaza, 7 levels B1-6F, the plan in
// demo-layout.ts, the catalog's 36 stores as occupants in units on their floors. Deterministic: ids are UUID-shaped
// hashes of names, no randomness, a fixed timestamp, so the same catalog always gives the same bytes.
//
//   node_modules/.bin/node hq-sim/src/map/demo-map.ts OUT.zip
//
// Modelling choices: the nursing room (母婴室) is a `room` unit with a `babychanging` amenity in it (IMDF has no
// nursing-room unit category); the service desk is a room with an `information` amenity; the lifts are joined by
// `traversal` relationships while escalators and stairs are left to overlap inference, so both connector sources are
// exercised. Each occupant carries its catalog store id as IMDF `correlation_id`, and occupantIdForStore(storeId)
// gives the occupant's id, so the catalog can name its occupant.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';
import type { Store } from '../../../contracts/catalog.ts';
import type { Point } from '../../../contracts/venue.ts';
import { demoCatalog } from '../../../common/demo/catalog.ts';
import { ATM_POINT, DEMO_LEVELS, KIOSK_RECT, OUTLINE, middle, planLevel, rectRing, type DemoLevel } from './demo-layout.ts';
import { projection } from './geo.ts';
import { demoSpaces, PARKING_LEVEL, planParkingLevel } from './demo-parking.ts';

/** The venue's display point and the origin of its local metres (a made-up site in Shanghai). */
export const DEMO_ORIGIN = { lng: 121.4737, lat: 31.2304 };
const CREATED = '2026-01-01T00:00:00Z';

/** A UUID-shaped id derived from a name (sha1, version-5 layout), stable across runs and machines. */
export function stableId(name: string): string {
  const h = createHash('sha1').update(`atrium-demo-map:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

/** The IMDF occupant id of a catalog store in the demo map. */
export const occupantIdForStore = (storeId: string): string => stableId(`occupant:${storeId}`);
/** The IMDF unit id of the shop a catalog store is in. */
export const unitIdForStore = (storeId: string): string => stableId(`shop-unit:${storeId}`);
/** The demo's directory kiosk (an IMDF `kiosk` feature at the 1F entrance). */
export const DEMO_KIOSK_ID = stableId('kiosk:1F-entrance');
export const DEMO_VENUE_ID = stableId('venue');
/** The IMDF amenity id of a car park space (B2-118) on the demo map's B2. */
export const spaceAmenityId = (code: string): string => stableId(`amenity:B2:space:${code}`);

type Feature = { type: 'Feature'; id: string; feature_type: string; geometry: unknown; properties: Record<string, unknown> };

const proj = projection(DEMO_ORIGIN);
/** Metres to [lng, lat], rounded to 1e-7 degrees (about 1 cm), as a survey export would be. */
const ll = (p: Point): [number, number] => proj.toLngLat(p).map((v) => Math.round(v * 1e7) / 1e7) as [number, number];
const polygon = (ring: Point[]) => ({ type: 'Polygon', coordinates: [ring.map(ll)] });
const point = (p: Point) => ({ type: 'Point', coordinates: ll(p) });
const labels = (zh: string, en: string) => ({ 'zh-Hans': zh, en });
const feature = (featureType: string, id: string, geometry: unknown, properties: Record<string, unknown>): Feature => ({ type: 'Feature', id, feature_type: featureType, geometry, properties });

/** IMDF occupant categories for the catalog's store categories. */
const OCCUPANT_CATEGORY: Record<Store['category'], string> = {
  fashion: 'clothing', beauty: 'beauty', dining: 'restaurant', cafe: 'cafe', kids: 'toys', sports: 'sportinggoods',
  electronics: 'electronics', home: 'homefurnishings', jewelry: 'jewelry', services: 'services', supermarket: 'grocery', cinema: 'movietheater',
};

/** Shop slots in the order stores fill them: alternating north and south sides, west to east. */
const SLOT_ORDER = [0, 6, 1, 7, 2, 8, 3, 9, 4, 10, 5, 11];

export type DemoMap = { manifest: Record<string, unknown>; collections: Record<string, Feature[]> };

/** Every feature of the demo map, by feature type. */
export function demoMapFeatures(stores: readonly Store[] = demoCatalog(new Date(CREATED)).stores): DemoMap {
  const out: Record<string, Feature[]> = {
    address: [], venue: [], building: [], footprint: [], level: [], unit: [], opening: [], amenity: [], anchor: [], occupant: [], kiosk: [], relationship: [],
  };
  const add = (f: Feature) => out[f.feature_type]!.push(f);
  const addressId = stableId('address');
  const buildingId = stableId('building');
  const outline = rectRing(OUTLINE);
  add(feature('address', addressId, null, { address: '人民大道 1 号', locality: '上海', province: 'CN-SH', country: 'CN', postal_code: '200001', unit: null, postal_code_ext: null, postal_code_vanity: null }));
  add(feature('venue', DEMO_VENUE_ID, polygon(outline), {
    category: 'shoppingcenter', restriction: null, name: labels('星河广场', 'Galaxy Plaza'), alt_name: null, hours: 'Mo-Su 10:00-22:00',
    phone: null, website: null, display_point: point([0, 0]), address_id: addressId,
  }));
  add(feature('building', buildingId, null, { name: labels('星河广场', 'Galaxy Plaza'), alt_name: null, category: 'unspecified', restriction: null, display_point: point([0, 0]), address_id: addressId }));
  add(feature('footprint', stableId('footprint'), polygon(outline), { category: 'ground', name: null, building_ids: [buildingId] }));

  const liftUnits: Record<string, string[]> = { 'lift-west': [], 'lift-east': [] };
  // The car park (B2) first: the lifts' traversals run bottom to top.
  addParkingLevel(outline, buildingId, add, liftUnits);
  for (const level of DEMO_LEVELS) {
    const levelId = stableId(`level:${level.short}`);
    add(feature('level', levelId, polygon(outline), {
      category: 'unspecified', restriction: null, outdoor: false, ordinal: level.ordinal, name: labels(level.zh, level.en),
      short_name: labels(level.short, level.short), display_point: point([0, 0]), address_id: null, building_ids: [buildingId],
    }));
    addLevel(level, levelId, stores.filter((s) => s.floor === level.short), add, liftUnits);
  }
  for (const [key, units] of Object.entries(liftUnits)) {
    // One traversal per lift: bottom stop as origin, the floors between as intermediaries, top stop as destination.
    add(feature('relationship', stableId(`relationship:${key}`), null, {
      category: 'traversal', direction: 'undirected', hours: null,
      origin: { id: units[0], feature_type: 'unit' },
      intermediary: units.slice(1, -1).map((id) => ({ id, feature_type: 'unit' })),
      destination: { id: units[units.length - 1], feature_type: 'unit' },
    }));
  }
  const manifest = { version: '1.0.0', created: CREATED, generated_by: 'Atrium hq-sim/src/map/demo-map.ts', language: 'zh-Hans', extensions: null };
  return { manifest, collections: out };
}

function addLevel(level: DemoLevel, levelId: string, stores: readonly Store[], add: (f: Feature) => void, liftUnits: Record<string, string[]>): void {
  const shopFor = new Map<number, Store>();
  const sorted = [...stores].sort((a, b) => a.unit.localeCompare(b.unit));
  if (sorted.length > SLOT_ORDER.length) throw new Error(`demo map: ${level.short} has ${sorted.length} stores but ${SLOT_ORDER.length} shop slots`);
  sorted.forEach((store, i) => shopFor.set(SLOT_ORDER[i]!, store));
  let walkwayId = '';
  for (const unit of planLevel(level)) {
    const store = unit.slot === undefined ? undefined : shopFor.get(unit.slot);
    const unitId = store ? unitIdForStore(store.id) : stableId(`unit:${level.short}:${unit.key}`);
    if (unit.key === 'walkway') walkwayId = unitId;
    if (unit.key in liftUnits) liftUnits[unit.key]!.push(unitId);
    const name = store ? labels(store.unit, store.unit) : unit.name ? labels(unit.name.zh, unit.name.en) : null;
    const centre = middle(unit.ring);
    add(feature('unit', unitId, polygon(unit.ring), {
      category: unit.category, restriction: unit.category === 'nonpublic' ? 'restricted' : null, accessibility: null, name, alt_name: null,
      level_id: levelId, display_point: unit.key === 'walkway' ? point([0, 0]) : point(centre),
    }));
    unit.doors.forEach((door, i) => {
      add(feature('opening', stableId(`opening:${level.short}:${unit.key}:${i}`), { type: 'LineString', coordinates: [ll(door.a), ll(door.b)] }, {
        category: door.category ?? 'pedestrian', accessibility: null, access_control: null, door: { type: 'open', automatic: false, material: null },
        name: null, alt_name: null, display_point: null, level_id: levelId,
      }));
    });
    const amenity = (key: string, category: string, zh: string, en: string, at: Point) =>
      add(feature('amenity', stableId(`amenity:${level.short}:${key}`), point(at), {
        category, accessibility: null, name: labels(zh, en), alt_name: null, hours: null, phone: null, website: null, unit_ids: [unitId], address_id: null, correlation_id: null,
      }));
    if (unit.category === 'restroom') amenity(unit.key, 'restroom', '洗手间', 'Restrooms', centre);
    if (unit.key === 'nursing-room') amenity(unit.key, 'babychanging', '母婴室', 'Nursing room', centre);
    if (unit.key === 'service-desk') amenity(unit.key, 'information', '服务台', 'Service desk', centre);
    if (store) {
      const anchorId = stableId(`anchor:${store.id}`);
      add(feature('anchor', anchorId, point(centre), { address_id: null, unit_id: unitId }));
      add(feature('occupant', occupantIdForStore(store.id), null, {
        name: labels(store.name.zh, store.name.en ?? store.name.zh), category: OCCUPANT_CATEGORY[store.category], anchor_id: anchorId,
        hours: 'Mo-Su 10:00-22:00', phone: store.phone ?? null, website: null, validity: null, correlation_id: store.id,
      }));
    }
  }
  if (level.ordinal === 0) {
    add(feature('amenity', stableId('amenity:1F:atm'), point(ATM_POINT), {
      category: 'atm', accessibility: null, name: labels('自助银行 ATM', 'ATM'), alt_name: null, hours: null, phone: null, website: null, unit_ids: [walkwayId], address_id: null, correlation_id: null,
    }));
    const [x0, y0, x1, y1] = KIOSK_RECT;
    add(feature('kiosk', DEMO_KIOSK_ID, polygon(rectRing(KIOSK_RECT)), {
      name: labels('导视屏 · 南入口', 'Directory kiosk, south entrance'), alt_name: null, anchor_id: null, level_id: levelId, display_point: point([(x0 + x1) / 2, (y0 + y1) / 2]),
    }));
  }
}

/** B2, the car park (demo-parking.ts): its units and openings, and one `parking` amenity per numbered space. */
function addParkingLevel(outline: Point[], buildingId: string, add: (f: Feature) => void, liftUnits: Record<string, string[]>): void {
  const levelId = stableId(`level:${PARKING_LEVEL.short}`);
  add(feature('level', levelId, polygon(outline), {
    category: 'parking', restriction: null, outdoor: false, ordinal: PARKING_LEVEL.ordinal, name: labels(PARKING_LEVEL.zh, PARKING_LEVEL.en),
    short_name: labels(PARKING_LEVEL.short, PARKING_LEVEL.short), display_point: point([0, 0]), address_id: null, building_ids: [buildingId],
  }));
  let hallId = '';
  for (const unit of planParkingLevel()) {
    const unitId = stableId(`unit:${PARKING_LEVEL.short}:${unit.key}`);
    if (unit.key === 'parking') hallId = unitId;
    if (unit.key in liftUnits) liftUnits[unit.key]!.push(unitId);
    add(feature('unit', unitId, polygon(unit.ring), {
      category: unit.category, restriction: unit.category === 'nonpublic' ? 'restricted' : null, accessibility: null,
      name: unit.name ? labels(unit.name.zh, unit.name.en) : null, alt_name: null, level_id: levelId, display_point: point(middle(unit.ring)),
    }));
    unit.doors.forEach((door, i) => {
      add(feature('opening', stableId(`opening:${PARKING_LEVEL.short}:${unit.key}:${i}`), { type: 'LineString', coordinates: [ll(door.a), ll(door.b)] }, {
        category: 'pedestrian', accessibility: null, access_control: null, door: { type: 'open', automatic: false, material: null },
        name: null, alt_name: null, display_point: null, level_id: levelId,
      }));
    });
  }
  for (const space of demoSpaces()) {
    add(feature('amenity', spaceAmenityId(space.code), point(space.point), {
      category: 'parking', accessibility: null, name: labels(`车位 ${space.code}`, `Space ${space.code}`), alt_name: null, hours: null, phone: null,
      website: null, unit_ids: [hallId], address_id: null, correlation_id: space.code,
    }));
  }
}

/** The demo map as zip bytes: manifest.json plus one <feature_type>.geojson FeatureCollection per type. */
export function demoMapZip(stores?: readonly Store[]): Uint8Array {
  const { manifest, collections } = demoMapFeatures(stores);
  const files: Record<string, Uint8Array> = { 'manifest.json': strToU8(JSON.stringify(manifest, null, 1)) };
  for (const [type, features] of Object.entries(collections)) files[`${type}.geojson`] = strToU8(JSON.stringify({ type: 'FeatureCollection', features }));
  // A fixed mtime: zip entries otherwise carry the time they were made, and the bytes would change on every run.
  return zipSync(files, { level: 6, mtime: new Date(CREATED) });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = process.argv[2];
  if (!out) {
    console.error('usage: node hq-sim/src/map/demo-map.ts OUT.zip');
    process.exit(64);
  }
  const bytes = demoMapZip();
  writeFileSync(out, bytes);
  console.log(`wrote ${out} (${bytes.length} bytes): the Galaxy Plaza demo map, IMDF 1.0.0`);
}
