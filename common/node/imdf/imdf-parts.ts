// The small parsers the IMDF importer is built from: the problem report, IMDF LABELS (language maps) to Atrium's
// LocalizedText, GeoJSON geometry checked coordinate by coordinate, and feature references. Each returns a value
// or a reason in words; none throws, whatever the input.
import { z } from 'zod';
import { FeatureId } from '../../../contracts/venue.ts';
import type { LocalizedText } from '../../../contracts/catalog.ts';

/** What the importer did about one feature (or about the whole map when `id` is null). */
export type Problem = { id: string | null; featureType: string | null; severity: 'repaired' | 'skipped' | 'fatal'; reason: string };

/** Every IMDF 1.0.0 feature type; the importer uses some and counts the rest. */
export const IMDF_FEATURE_TYPES = [
  'address', 'amenity', 'anchor', 'building', 'detail', 'fixture', 'footprint', 'geofence', 'kiosk', 'level',
  'occupant', 'opening', 'relationship', 'section', 'unit', 'venue',
] as const;
export type ImdfFeatureType = (typeof IMDF_FEATURE_TYPES)[number];
export const isFeatureType = (s: unknown): s is ImdfFeatureType => typeof s === 'string' && (IMDF_FEATURE_TYPES as readonly string[]).includes(s);

const Props = z.record(z.string(), z.unknown());
export type Props = z.infer<typeof Props>;
export const readProps = (v: unknown): Props => Props.safeParse(v).data ?? {};

export const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

/** A feature id as IMDF gives it (a string, sometimes a number in exports), if Atrium can keep it. */
export function readId(v: unknown): string | null {
  const s = typeof v === 'number' && Number.isFinite(v) ? String(v) : typeof v === 'string' ? v : null;
  return s !== null && FeatureId.safeParse(s).success ? s : null;
}

/** A FEATURE-REFERENCE ({id, feature_type}) or a bare id string. */
export function readRef(v: unknown): string | null {
  if (v !== null && typeof v === 'object' && 'id' in v) return readId(v.id);
  return readId(v);
}

const ZH_KEYS = ['zh-Hans', 'zh', 'zh-CN', 'zh-Hans-CN', 'zh-SG', 'zh-Hant', 'zh-TW', 'zh-HK'];
const EN_KEYS = ['en', 'en-US', 'en-GB', 'en-CN'];
const MAX_TEXT = 500;

export type LabelResult = { text: LocalizedText | null; note: string | null };

/**
 * IMDF LABELS ({"en": ..., "zh-Hans": ...}) to LocalizedText: zh from zh-Hans/zh/zh-CN (then other Chinese tags), en
 * from en. A map with no Chinese uses its English (or first) label as zh, because LocalizedText needs zh. A plain
 * string is not LABELS: it is taken as zh and reported.
 */
export function readLabels(v: unknown): LabelResult {
  if (v === null || v === undefined) return { text: null, note: null };
  const clip = (s: string) => (s.length > MAX_TEXT ? s.slice(0, MAX_TEXT) : s);
  if (typeof v === 'string') {
    const s = str(v);
    return { text: s ? { zh: clip(s) } : null, note: 'name given as a plain string; taken as zh' };
  }
  const parsed = Props.safeParse(v);
  if (!parsed.success || Array.isArray(v)) return { text: null, note: 'name is not a language map; ignored' };
  const labels = parsed.data;
  const pick = (keys: string[]) => keys.map((k) => str(labels[k])).find((s) => s !== null) ?? null;
  const zh = pick(ZH_KEYS) ?? pick(Object.keys(labels).filter((k) => k.toLowerCase().startsWith('zh')));
  const en = pick(EN_KEYS) ?? pick(Object.keys(labels).filter((k) => k.toLowerCase().startsWith('en')));
  const any = Object.values(labels).map(str).find((s) => s !== null) ?? null;
  const main = zh ?? en ?? any;
  if (main === null) return { text: null, note: Object.keys(labels).length ? 'name has no usable label; ignored' : null };
  const long = [main, en].some((s) => s !== null && s.length > MAX_TEXT);
  return { text: en ? { zh: clip(main), en: clip(en) } : { zh: clip(main) }, note: long ? `a name over ${MAX_TEXT} characters was cut short` : null };
}

// ---- geometry ----

/** A position as [lng, lat] in degrees (altitude dropped). */
export type LngLatPosition = [number, number];
export type GeometryResult<T> = { ok: true; value: T; note: string | null } | { ok: false; reason: string };

const fail = (reason: string): { ok: false; reason: string } => ({ ok: false, reason });

function readPosition(v: unknown): LngLatPosition | string {
  if (!Array.isArray(v) || v.length < 2) return 'a position is not [longitude, latitude]';
  const [lng, lat] = v;
  if (typeof lng !== 'number' || typeof lat !== 'number') return 'a coordinate is not a number';
  if (!Number.isFinite(lng) || !Number.isFinite(lat)) return 'a coordinate is not finite';
  if (lng < -180 || lng > 180 || lat < -90 || lat > 90) return `coordinate out of range: [${lng}, ${lat}] is not a longitude/latitude`;
  return [lng, lat];
}

function readPositions(v: unknown): LngLatPosition[] | string {
  if (!Array.isArray(v)) return 'coordinates are not an array';
  const out: LngLatPosition[] = [];
  for (const p of v) {
    const pos = readPosition(p);
    if (typeof pos === 'string') return pos;
    out.push(pos);
  }
  return out;
}

/** A ring: at least 4 positions, closed; an unclosed ring of 3+ distinct points is closed and noted. */
function readRing(v: unknown): { ring: LngLatPosition[]; closed: boolean } | string {
  const ring = readPositions(v);
  if (typeof ring === 'string') return ring;
  const first = ring[0];
  const last = ring[ring.length - 1];
  const isClosed = !!first && !!last && first[0] === last[0] && first[1] === last[1];
  const fixed = isClosed ? ring : first ? [...ring, first] : ring;
  if (fixed.length < 4) return `a ring has ${ring.length} point${ring.length === 1 ? '' : 's'}; a polygon ring needs at least 4`;
  return { ring: fixed, closed: !isClosed };
}

function readPolygon(v: unknown): { polygon: LngLatPosition[][]; closed: boolean } | string {
  if (!Array.isArray(v) || v.length === 0) return 'polygon has no rings';
  const rings: LngLatPosition[][] = [];
  let closed = false;
  for (const r of v) {
    const ring = readRing(r);
    if (typeof ring === 'string') return ring;
    rings.push(ring.ring);
    closed ||= ring.closed;
  }
  return { polygon: rings, closed };
}

const Geometry = z.object({ type: z.string(), coordinates: z.unknown() });

function readTyped(v: unknown): { type: string; coordinates: unknown } | string {
  if (v === null || v === undefined) return 'geometry is missing';
  const g = Geometry.safeParse(v);
  return g.success ? g.data : 'geometry is not a GeoJSON geometry';
}

/** Polygon or MultiPolygon as a list of polygons. */
export function readPolygonal(v: unknown): GeometryResult<LngLatPosition[][][]> {
  const g = readTyped(v);
  if (typeof g === 'string') return fail(g);
  const list = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : null;
  if (list === null) return fail(`geometry is a ${g.type}, expected a Polygon or MultiPolygon`);
  if (!Array.isArray(list) || list.length === 0 || list.every((p) => Array.isArray(p) && p.length === 0)) return fail('geometry is empty');
  const out: LngLatPosition[][][] = [];
  let closed = false;
  for (const p of list) {
    const polygon = readPolygon(p);
    if (typeof polygon === 'string') return fail(`invalid geometry: ${polygon}`);
    out.push(polygon.polygon);
    closed ||= polygon.closed;
  }
  return { ok: true, value: out, note: closed ? 'a polygon ring was not closed; closed it' : null };
}

export function readLine(v: unknown): GeometryResult<LngLatPosition[]> {
  const g = readTyped(v);
  if (typeof g === 'string') return fail(g);
  const line = g.type === 'LineString' ? g.coordinates : g.type === 'MultiLineString' && Array.isArray(g.coordinates) ? g.coordinates[0] : null;
  if (line === null) return fail(`geometry is a ${g.type}, expected a LineString`);
  const positions = readPositions(line);
  if (typeof positions === 'string') return fail(`invalid geometry: ${positions}`);
  if (positions.length < 2) return fail(positions.length === 0 ? 'geometry is empty' : 'a line needs at least 2 points');
  return { ok: true, value: positions, note: g.type === 'MultiLineString' ? 'a MultiLineString opening; took its first line' : null };
}

export function readPoint(v: unknown): GeometryResult<LngLatPosition> {
  const g = readTyped(v);
  if (typeof g === 'string') return fail(g);
  if (g.type !== 'Point') return fail(`geometry is a ${g.type}, expected a Point`);
  if (Array.isArray(g.coordinates) && g.coordinates.length === 0) return fail('geometry is empty');
  const p = readPosition(g.coordinates);
  return typeof p === 'string' ? fail(`invalid geometry: ${p}`) : { ok: true, value: p, note: null };
}

/** An IMDF display_point property, if present and valid (a bad one is just ignored: the importer computes one). */
export function readDisplayPoint(v: unknown): LngLatPosition | null {
  const p = readPoint(v);
  return p.ok ? p.value : null;
}
