// IMDF (OGC 20-094) features to Atrium's venue model (contracts/venue.ts): the pure half of the importer. It takes
// the features however they were read (see imdf-read.ts), says what it did about each one that was not right, and
// returns either a whole, valid venue or none: never half a map, and never a throw, whatever it is given.
import { formatZodError } from '../../../contracts/zod-errors.ts';
import { Venue, type Point, type Polygon, type VenueAmenity, type VenueKiosk, type VenueLevel, type VenueOccupant, type VenueOpening, type VenueUnit } from '../../../contracts/venue.ts';
import type { LocalizedText } from '../../../contracts/catalog.ts';
import { connectorsFromOverlap, connectorsFromRelationships, type RelationshipInput } from './connectors.ts';
import { interiorPoint, largestPolygon, pointInPolygon, projection, type Origin } from './geo.ts';
import {
  isFeatureType, readDisplayPoint, readId, readLabels, readLine, readPoint, readPolygonal, readProps, readRef, str,
  type ImdfFeatureType, type LngLatPosition, type Problem, type Props,
} from './imdf-parts.ts';

export type { Problem } from './imdf-parts.ts';

/** Features read, per feature_type (as repaired; `(none)` for those with no usable type). */
export type ImportCounts = Record<string, number>;
export type ImportResult = { venue: Venue | null; problems: Problem[]; counts: ImportCounts };

type Feature = { id: string; type: ImdfFeatureType; geometry: unknown; props: Props };

const MAX_METRES = 100_000;
const METRES_NOTE = 'lies more than 100 km from the venue origin';

/** Convert IMDF features (from any container) to a venue. `manifest` is accepted for its language, if ever needed. */
export function importImdf(features: readonly unknown[], _manifest?: unknown): ImportResult {
  const problems: Problem[] = [];
  const counts: ImportCounts = {};
  try {
    return { venue: convert(Array.isArray(features) ? features : [], problems, counts), problems, counts };
  } catch (e) {
    // Nothing above is meant to throw; if something does, the map is refused rather than the caller crashed.
    problems.push({ id: null, featureType: null, severity: 'fatal', reason: `internal error while importing: ${e instanceof Error ? e.message : String(e)}` });
    return { venue: null, problems, counts };
  }
}

/** Pass 1: every feature gets an id and a known feature_type, or is reported and left out. */
function triage(raw: readonly unknown[], problems: Problem[], counts: ImportCounts): Feature[] {
  const out: Feature[] = [];
  const seen = new Map<string, string>();
  for (const [i, item] of raw.entries()) {
    const f = readProps(item);
    const props = readProps(f.properties);
    const givenType = f.feature_type ?? props.feature_type;
    const typeName = typeof givenType === 'string' ? givenType.slice(0, 40) : null;
    const id = readId(f.id ?? props.id);
    const report = (severity: Problem['severity'], reason: string, type = typeName) => problems.push({ id, featureType: type, severity, reason });
    if (Object.keys(f).length === 0) { report('skipped', `feature #${i + 1} is not a GeoJSON feature object`); continue; }
    if (id === null) {
      const shown = typeof f.id === 'string' ? ` ("${f.id.slice(0, 40)}")` : '';
      counts['(none)'] = (counts['(none)'] ?? 0) + 1;
      report('skipped', `feature #${i + 1} has no usable id${shown}: ids are 1-64 letters, digits, _ . : -`);
      continue;
    }
    let type: ImdfFeatureType;
    if (isFeatureType(givenType)) type = givenType;
    else if (givenType === undefined || givenType === null || givenType === '') {
      const looksLikeUnit = readPolygonal(f.geometry).ok && str(props.category) !== null && readId(props.level_id) !== null;
      if (!looksLikeUnit) {
        counts['(none)'] = (counts['(none)'] ?? 0) + 1;
        report('skipped', 'feature_type missing, and the feature does not look like a unit');
        continue;
      }
      type = 'unit';
      report('repaired', 'feature_type missing; taken as a unit (a polygon with a unit category and a level_id)', 'unit');
    } else {
      counts['(none)'] = (counts['(none)'] ?? 0) + 1;
      report('skipped', `unknown feature_type "${typeName ?? String(givenType).slice(0, 40)}"`);
      continue;
    }
    counts[type] = (counts[type] ?? 0) + 1;
    const first = seen.get(id);
    if (first !== undefined) { report('skipped', `duplicate id: already used by a ${first}; this one left out`, type); continue; }
    seen.set(id, type);
    out.push({ id, type, geometry: f.geometry, props });
  }
  return out;
}

function convert(raw: readonly unknown[], problems: Problem[], counts: ImportCounts): Venue | null {
  const features = triage(raw, problems, counts);
  const known = new Map(features.map((f) => [f.id, f.type]));
  const of = (type: ImdfFeatureType) => features.filter((f) => f.type === type);
  const report = (f: Feature, severity: Problem['severity'], reason: string) => problems.push({ id: f.id, featureType: f.type, severity, reason });
  const fatal = (reason: string) => {
    problems.push({ id: null, featureType: null, severity: 'fatal', reason });
    return null;
  };
  const labels = (f: Feature, key: string): LocalizedText | null => {
    const r = readLabels(f.props[key]);
    if (r.note) report(f, 'repaired', key === 'name' ? r.note : `${key}: ${r.note}`);
    return r.text;
  };
  const addresses = new Set(of('address').map((f) => f.id));
  for (const f of features) {
    const address = f.props.address_id;
    if (address !== undefined && address !== null && !addresses.has(readRef(address) ?? '')) {
      report(f, 'repaired', `address_id ${String(readRef(address) ?? address).slice(0, 64)} points to no address; ignored`);
    }
  }

  // ---- the venue and the origin of the local metres ----
  const venues = of('venue');
  const venueFeature = venues[0] ?? null;
  for (const extra of venues.slice(1)) report(extra, 'skipped', 'a second venue feature; the first one is used');
  const levelFeatures = of('level').map((f) => ({ f, geo: readPolygonal(f.geometry) }));
  let origin: Origin | null = null;
  let venueName: LocalizedText = { zh: '未命名场所', en: 'Unnamed venue' };
  if (venueFeature) {
    venueName = labels(venueFeature, 'name') ?? venueName;
    const dp = readDisplayPoint(venueFeature.props.display_point);
    const geo = readPolygonal(venueFeature.geometry);
    if (dp) origin = { lng: dp[0], lat: dp[1] };
    else if (geo.ok) origin = meanOf(geo.value.map((p) => p[0] ?? []).flat());
  } else {
    problems.push({ id: null, featureType: 'venue', severity: 'repaired', reason: 'no venue feature: the map is named "Unnamed venue" and measured from the middle of its levels' });
  }
  origin ??= meanOf(levelFeatures.flatMap(({ geo }) => (geo.ok ? geo.value.map((p) => p[0] ?? []).flat() : [])));
  if (!origin) return fatal(levelFeatures.length === 0 ? 'the map has no level features' : 'no level has a usable outline, so the map has no levels');
  const proj = projection(origin);
  const project = (p: LngLatPosition): Point | null => {
    const m = proj.toMetres(p);
    return Math.abs(m[0]) <= MAX_METRES && Math.abs(m[1]) <= MAX_METRES ? m : null;
  };
  const projectPolygons = (polys: LngLatPosition[][][]): Polygon[] | null => {
    const out: Polygon[] = [];
    for (const poly of polys) {
      const rings: Point[][] = [];
      for (const ring of poly) {
        const pts = ring.map(project);
        if (pts.some((p) => p === null)) return null;
        rings.push(pts as Point[]);
      }
      out.push(rings);
    }
    return out;
  };
  /** Geometry read and projected, or reported (and null) if unusable. */
  const polygonsOf = (f: Feature): Polygon[] | null => {
    const geo = readPolygonal(f.geometry);
    if (!geo.ok) {
      report(f, 'skipped', geo.reason);
      return null;
    }
    if (geo.note) report(f, 'repaired', geo.note);
    const polys = projectPolygons(geo.value);
    if (!polys) report(f, 'skipped', `the geometry ${METRES_NOTE}`);
    return polys;
  };
  const pointOf = (f: Feature): Point | null => {
    const geo = readPoint(f.geometry);
    if (!geo.ok) {
      report(f, 'skipped', geo.reason);
      return null;
    }
    const p = project(geo.value);
    if (!p) report(f, 'skipped', `the point ${METRES_NOTE}`);
    return p;
  };
  const displayPoint = (f: Feature): Point | null => {
    const dp = readDisplayPoint(f.props.display_point);
    return dp ? project(dp) : null;
  };
  const levelRef = (f: Feature, levels: ReadonlyMap<string, VenueLevel>): VenueLevel | null => {
    const ref = f.props.level_id;
    const id = readRef(ref);
    const level = id ? levels.get(id) : undefined;
    if (level) return level;
    if (ref === undefined || ref === null) report(f, 'skipped', 'no level_id');
    else report(f, 'skipped', `level_id ${String(id ?? ref).slice(0, 64)} points to no ${id && known.get(id) === 'level' ? 'usable level' : 'level'}`);
    return null;
  };
  const category = (f: Feature, fallback: string): string => {
    const c = str(f.props.category);
    if (c && c.length <= 64) return c;
    report(f, 'repaired', `category missing or unusable; taken as "${fallback}"`);
    return fallback;
  };

  // ---- levels ----
  const levels = new Map<string, VenueLevel>();
  for (const { f } of levelFeatures) {
    const ordinal = f.props.ordinal;
    if (typeof ordinal !== 'number' || !Number.isInteger(ordinal) || ordinal < -20 || ordinal > 200) {
      report(f, 'skipped', `ordinal missing or not an integer from -20 to 200 (${JSON.stringify(ordinal) ?? 'missing'})`);
      continue;
    }
    const outline = polygonsOf(f);
    if (!outline) continue;
    const derived = { zh: ordinal < 0 ? `B${-ordinal}` : `${ordinal + 1}F` };
    let name = labels(f, 'name');
    let shortName = labels(f, 'short_name');
    if (!name || !shortName) report(f, 'repaired', `${!name && !shortName ? 'name and short_name' : !name ? 'name' : 'short_name'} missing; ${shortName ?? name ? 'used the other' : `called it ${derived.zh}`}`);
    name ??= shortName ?? derived;
    shortName ??= name.zh.length <= 8 ? name : derived;
    levels.set(f.id, { id: f.id, ordinal, name, shortName, outline });
  }
  if (levels.size === 0) return fatal(levelFeatures.length === 0 ? 'the map has no level features' : `none of the ${levelFeatures.length} level features is usable, so the map has no levels`);
  const ordinals = new Map([...levels.values()].map((l) => [l.id, l.ordinal]));

  // ---- units and openings ----
  const units = new Map<string, VenueUnit>();
  for (const f of of('unit')) {
    const level = levelRef(f, levels);
    const polygons = level && polygonsOf(f);
    if (!level || !polygons) continue;
    units.set(f.id, { id: f.id, levelId: level.id, category: category(f, 'unspecified'), name: labels(f, 'name'), polygons, displayPoint: displayPoint(f) ?? interiorPoint(largestPolygon(polygons)) });
  }
  if (units.size === 0) return fatal('the map has no usable units: there is nothing to draw or route through');
  const openings = new Map<string, VenueOpening>();
  for (const f of of('opening')) {
    const level = levelRef(f, levels);
    if (!level) continue;
    const geo = readLine(f.geometry);
    if (!geo.ok) { report(f, 'skipped', geo.reason); continue; }
    if (geo.note) report(f, 'repaired', geo.note);
    const line = geo.value.map(project);
    if (line.some((p) => p === null)) { report(f, 'skipped', `the geometry ${METRES_NOTE}`); continue; }
    openings.set(f.id, { id: f.id, levelId: level.id, category: category(f, 'pedestrian'), line: line as Point[] });
  }
  const unitAt = (p: Point, levelId: string | null) => [...units.values()].find((u) => (levelId === null || u.levelId === levelId) && u.polygons.some((poly) => pointInPolygon(p, poly)));

  // ---- amenities ----
  const amenities: VenueAmenity[] = [];
  for (const f of of('amenity')) {
    const point = pointOf(f);
    if (!point) continue;
    const refs = Array.isArray(f.props.unit_ids) ? f.props.unit_ids : [];
    const unitIds: string[] = [];
    for (const ref of refs) {
      const id = readRef(ref);
      if (id && units.has(id)) unitIds.push(id);
      else report(f, 'repaired', `unit_id ${String(id ?? ref).slice(0, 64)} points to no unit; dropped`);
    }
    const levelIdProp = readRef(f.props.level_id);
    const levelId = units.get(unitIds[0] ?? '')?.levelId ?? (levelIdProp && levels.has(levelIdProp) ? levelIdProp : null) ?? unitAt(point, null)?.levelId ?? null;
    if (!levelId) { report(f, 'skipped', 'the amenity is in no unit and names no level'); continue; }
    amenities.push({ id: f.id, levelId, category: category(f, 'unspecified'), name: labels(f, 'name'), point, unitIds });
  }

  // ---- anchors, occupants, kiosks ----
  const anchors = new Map<string, { unit: VenueUnit; point: Point }>();
  for (const f of of('anchor')) {
    const point = pointOf(f);
    if (!point) continue;
    const id = readRef(f.props.unit_id);
    const unit = id ? units.get(id) : undefined;
    if (!unit) { report(f, 'skipped', id ? `unit_id ${id} points to no unit` : 'no unit_id'); continue; }
    anchors.set(f.id, { unit, point });
  }
  const occupants: VenueOccupant[] = [];
  for (const f of of('occupant')) {
    const anchorId = readRef(f.props.anchor_id);
    const anchor = anchorId ? anchors.get(anchorId) : undefined;
    if (!anchorId || !anchor) { report(f, 'skipped', anchorId ? `anchor_id ${anchorId} points to no ${known.get(anchorId) === 'anchor' ? 'usable anchor' : 'anchor'}` : 'no anchor_id'); continue; }
    const name = labels(f, 'name');
    if (!name) { report(f, 'skipped', 'the occupant has no name'); continue; }
    occupants.push({ id: f.id, name, category: category(f, 'unspecified'), unitId: anchor.unit.id, anchorId, point: anchor.point });
  }
  const kiosks: VenueKiosk[] = [];
  for (const f of of('kiosk')) {
    const level = levelRef(f, levels);
    const polygons = level && polygonsOf(f);
    if (!level || !polygons) continue;
    const anchorId = readRef(f.props.anchor_id);
    if (f.props.anchor_id !== undefined && f.props.anchor_id !== null && !(anchorId && anchors.has(anchorId))) report(f, 'repaired', `anchor_id ${String(anchorId ?? f.props.anchor_id).slice(0, 64)} points to no anchor; ignored`);
    const point = displayPoint(f) ?? (anchorId ? anchors.get(anchorId)?.point : undefined) ?? interiorPoint(largestPolygon(polygons));
    kiosks.push({ id: f.id, levelId: level.id, name: labels(f, 'name'), point });
  }

  // ---- connectors ----
  const rels: RelationshipInput[] = of('relationship').map((f) => ({ id: f.id, props: f.props }));
  const fromRelationships = connectorsFromRelationships(rels, { units, openings, ordinals, known }, problems);
  const connectors = [...fromRelationships.connectors, ...connectorsFromOverlap(units.values(), ordinals, fromRelationships.used)];

  const venue = {
    id: venueFeature?.id ?? 'venue',
    name: venueName,
    origin: { lng: origin.lng, lat: origin.lat },
    levels: [...levels.values()].sort((a, b) => a.ordinal - b.ordinal),
    units: [...units.values()],
    openings: [...openings.values()],
    amenities,
    occupants,
    kiosks,
    connectors,
  };
  const checked = Venue.safeParse(venue);
  if (!checked.success) return fatal(`the converted map is not a valid venue: ${formatZodError(checked.error, { first: true })}`);
  return checked.data;
}

/** The mean of some positions (a fine origin for a building-sized map), or null if there are none. */
function meanOf(points: readonly LngLatPosition[]): Origin | null {
  if (points.length === 0) return null;
  return { lng: points.reduce((s, p) => s + p[0], 0) / points.length, lat: points.reduce((s, p) => s + p[1], 0) / points.length };
}
