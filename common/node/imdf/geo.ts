// Plane geometry for the IMDF importer: WGS84 longitude/latitude to local metres and back, and the few polygon
// operations the importer needs (area, centroid, a point surely inside, point-in-polygon, overlap).
//
// The projection is equirectangular around the venue origin: x = Δlon·cos(lat0)·R, y = Δlat·R (R the mean Earth
// radius). Across a mall (well under 1 km) its error against the true distance is far below 0.1 %, which is less than
// the drawing error of any indoor survey; a real map projection would buy nothing here.
import type { Point, Polygon } from '../../../contracts/venue.ts';
import { inRing, toLngLat, toLocal } from '../../../common/geo.ts';

/** IUGG mean Earth radius, metres. */
const EARTH_RADIUS = 6_371_008.8;
const RAD = Math.PI / 180;

export type Origin = { lng: number; lat: number };
export type Projection = { toMetres: (lngLat: readonly number[]) => Point; toLngLat: (p: readonly number[]) => [number, number] };

/** The projection around `origin`: lon/lat degrees to [x east, y north] metres, and its inverse. */
export function projection(origin: Origin): Projection {
  // The one projection (common/geo.ts), so routes handed back in longitude/latitude land where the map put them.
  return {
    toMetres: (c) => toLocal(origin, [c[0] ?? 0, c[1] ?? 0]),
    toLngLat: (p) => toLngLat(origin, [p[0] ?? 0, p[1] ?? 0]),
  };
}

/** Great-circle distance in metres (haversine): the yardstick the projection is tested against. */
export function haversineMetres(a: Origin, b: Origin): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLng = (b.lng - a.lng) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS * Math.asin(Math.min(1, Math.sqrt(h)));
}

type Ring = readonly Point[];

/** Signed area of a ring (positive when counter-clockwise). */
export function ringArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[i + 1]!;
    sum += x1 * y2 - x2 * y1;
  }
  return sum / 2;
}

/** Area of a polygon: its outer ring less its holes. */
export function polygonArea(polygon: Polygon): number {
  return polygon.reduce((sum, ring, i) => sum + (i === 0 ? 1 : -1) * Math.abs(ringArea(ring)), 0);
}

/** Centroid of a ring (falls back to the vertex mean for a degenerate ring). */
export function ringCentroid(ring: Ring): Point {
  const a = ringArea(ring);
  if (Math.abs(a) < 1e-9) {
    const n = Math.max(1, ring.length);
    return [ring.reduce((s, p) => s + p[0], 0) / n, ring.reduce((s, p) => s + p[1], 0) / n];
  }
  let cx = 0;
  let cy = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[i + 1]!;
    const f = x1 * y2 - x2 * y1;
    cx += (x1 + x2) * f;
    cy += (y1 + y2) * f;
  }
  return [cx / (6 * a), cy / (6 * a)];
}

export function pointInPolygon(p: Point, polygon: Polygon): boolean {
  const [outer, ...holes] = polygon;
  return !!outer && inRing(p, outer) && !holes.some((h) => inRing(p, h));
}

/** Distance from a point to a segment. */
function segmentDistance(p: Point, a: Point, b: Point): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** Distance from a point to a polygon's boundary (0 on it). */
export function boundaryDistance(p: Point, polygon: Polygon): number {
  let best = Infinity;
  for (const ring of polygon) for (let i = 0; i + 1 < ring.length; i++) best = Math.min(best, segmentDistance(p, ring[i]!, ring[i + 1]!));
  return best;
}

/** Strictly inside: inside and not within `eps` of the boundary (so neighbours sharing an edge do not count). */
function strictlyInside(p: Point, polygon: Polygon, eps = 0.05): boolean {
  return pointInPolygon(p, polygon) && boundaryDistance(p, polygon) > eps;
}

/**
 * A point surely inside the polygon, for labels and route ends: the centroid when it is inside (most shops), else the
 * middle of the widest span of the horizontal line through the centroid (an L- or U-shaped corridor).
 */
export function interiorPoint(polygon: Polygon): Point {
  const outer = polygon[0] ?? [];
  const c = ringCentroid(outer);
  if (strictlyInside(c, polygon)) return c;
  const ys = [c[1], ...outer.map((p) => p[1])].sort((a, b) => a - b);
  // Try the centroid's line first, then lines half-way between vertex heights, so a line never runs along an edge.
  const lines = [c[1], ...ys.slice(1).map((y, i) => (y + ys[i]!) / 2)];
  for (const y of lines) {
    const xs: number[] = [];
    for (const ring of polygon) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const [x1, y1] = ring[i]!;
        const [x2, y2] = ring[i + 1]!;
        if ((y1 > y) !== (y2 > y)) xs.push(x1 + ((y - y1) * (x2 - x1)) / (y2 - y1));
      }
    }
    xs.sort((a, b) => a - b);
    let best: Point | null = null;
    let width = 0;
    for (let i = 0; i + 1 < xs.length; i += 2) {
      if (xs[i + 1]! - xs[i]! > width) {
        width = xs[i + 1]! - xs[i]!;
        best = [(xs[i]! + xs[i + 1]!) / 2, y];
      }
    }
    if (best && width > 1e-6) return best;
  }
  return c;
}

/** The largest polygon of a multipolygon (where a unit's point belongs). */
export function largestPolygon(polygons: readonly Polygon[]): Polygon {
  let best = polygons[0]!;
  for (const p of polygons) if (polygonArea(p) > polygonArea(best)) best = p;
  return best;
}

type Box = { minX: number; minY: number; maxX: number; maxY: number };

export function boundingBox(polygons: readonly Polygon[]): Box {
  const box = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  for (const polygon of polygons) {
    for (const [x, y] of polygon[0] ?? []) {
      box.minX = Math.min(box.minX, x); box.maxX = Math.max(box.maxX, x);
      box.minY = Math.min(box.minY, y); box.maxY = Math.max(box.maxY, y);
    }
  }
  return box;
}

/** Proper crossing of two segments (touching or running along each other does not count). */
function segmentsCross(a: Point, b: Point, c: Point, d: Point): boolean {
  const cross = (o: Point, p: Point, q: Point) => (p[0] - o[0]) * (q[1] - o[1]) - (p[1] - o[1]) * (q[0] - o[0]);
  const d1 = cross(c, d, a);
  const d2 = cross(c, d, b);
  const d3 = cross(a, b, c);
  const d4 = cross(a, b, d);
  const eps = 1e-9;
  return ((d1 > eps && d2 < -eps) || (d1 < -eps && d2 > eps)) && ((d3 > eps && d4 < -eps) || (d3 < -eps && d4 > eps));
}

/**
 * Whether two polygons share some area (not merely an edge or a corner): a vertex or the inner point of one lies
 * strictly inside the other, or their edges properly cross. Stacked copies of one shaft overlap; shops side by side
 * do not.
 */
export function polygonsOverlap(a: Polygon, b: Polygon): boolean {
  const ba = boundingBox([a]);
  const bb = boundingBox([b]);
  if (ba.maxX <= bb.minX || bb.maxX <= ba.minX || ba.maxY <= bb.minY || bb.maxY <= ba.minY) return false;
  if (strictlyInside(interiorPoint(a), b) || strictlyInside(interiorPoint(b), a)) return true;
  const outerA = a[0] ?? [];
  const outerB = b[0] ?? [];
  if (outerA.some((p) => strictlyInside(p, b)) || outerB.some((p) => strictlyInside(p, a))) return true;
  for (let i = 0; i + 1 < outerA.length; i++) {
    for (let j = 0; j + 1 < outerB.length; j++) if (segmentsCross(outerA[i]!, outerA[i + 1]!, outerB[j]!, outerB[j + 1]!)) return true;
  }
  return false;
}

export function multiOverlap(a: readonly Polygon[], b: readonly Polygon[]): boolean {
  return a.some((pa) => b.some((pb) => polygonsOverlap(pa, pb)));
}

export function distance(a: Point, b: Point): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}
