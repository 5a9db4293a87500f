// Plane geometry the route graph needs, in local metres: where a point lies against a polygon with holes, whether a
// straight walk stays inside a (multi)polygon or cuts into one, areas, centroids and distances. Kept small and
// dependency-free on purpose: the graph asks only these few questions, and every one is tested with tables of cases.
import type { Point } from '../../../contracts/venue.ts';
import { inRing } from '../../../common/geo.ts';

export type Ring = readonly Point[];
export type Poly = readonly Ring[];

/** Below this (metres) two points or a point and a line count as touching: map data is drawn to centimetres. */
export const EPS = 1e-6;

export interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export function dist(a: Point, b: Point): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

/** z of (a - o) × (b - o): positive when o→a→b turns left (counter-clockwise). */
export function cross(o: Point, a: Point, b: Point): number {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

export function distToSegment(p: Point, a: Point, b: Point): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** Distance from p to the nearest edge of any ring of the polygons (0 on the boundary). */
export function distToBoundary(p: Point, polys: readonly Poly[]): number {
  let best = Infinity;
  for (const poly of polys) {
    for (const ring of poly) {
      for (let i = 0; i + 1 < ring.length; i++) best = Math.min(best, distToSegment(p, ring[i]!, ring[i + 1]!));
    }
  }
  return best;
}

/** 1 inside, 0 on the boundary (within EPS), -1 outside; holes (rings after the first) are outside. */
export function locate(p: Point, poly: Poly): -1 | 0 | 1 {
  for (const ring of poly) {
    for (let i = 0; i + 1 < ring.length; i++) if (distToSegment(p, ring[i]!, ring[i + 1]!) <= EPS) return 0;
  }
  if (!inRing(p, poly[0]!)) return -1;
  for (let h = 1; h < poly.length; h++) if (inRing(p, poly[h]!)) return -1;
  return 1;
}

/** The best answer over several polygons (a unit or an outline may be a multipolygon). */
export function locateMulti(p: Point, polys: readonly Poly[]): -1 | 0 | 1 {
  let best: -1 | 0 | 1 = -1;
  for (const poly of polys) {
    const l = locate(p, poly);
    if (l === 1) return 1;
    if (l > best) best = l;
  }
  return best;
}

/** Proper crossing: the open segments meet in one point that is an endpoint of neither. */
export function segmentsCross(a: Point, b: Point, c: Point, d: Point): boolean {
  const d1 = cross(c, d, a);
  const d2 = cross(c, d, b);
  const d3 = cross(a, b, c);
  const d4 = cross(a, b, d);
  // Scale the tolerance by the lengths so a vertex lying on the other segment is "touching", not "crossing".
  const e1 = EPS * Math.hypot(d[0] - c[0], d[1] - c[1]);
  const e2 = EPS * Math.hypot(b[0] - a[0], b[1] - a[1]);
  return ((d1 > e1 && d2 < -e1) || (d1 < -e1 && d2 > e1)) && ((d3 > e2 && d4 < -e2) || (d3 < -e2 && d4 > e2));
}

/**
 * Where a→b meets the polygons' boundaries: cut it at every crossing edge and at every vertex lying on it, and
 * return the midpoints of the pieces (with whether any edge was crossed properly). Each piece lies wholly on one
 * side of every boundary, so classifying its midpoint classifies the piece.
 */
function pieces(a: Point, b: Point, polys: readonly Poly[]): { crossed: boolean; mids: Point[] } {
  const ts = [0, 1];
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  let crossed = false;
  for (const poly of polys) {
    for (const ring of poly) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const c = ring[i]!;
        const d = ring[i + 1]!;
        if (segmentsCross(a, b, c, d)) crossed = true;
        if (len2 > 0 && distToSegment(c, a, b) <= EPS) ts.push(((c[0] - a[0]) * dx + (c[1] - a[1]) * dy) / len2);
      }
    }
  }
  ts.sort((x, y) => x - y);
  const mids: Point[] = [];
  for (let i = 0; i + 1 < ts.length; i++) {
    if (ts[i + 1]! - ts[i]! < 1e-9) continue;
    const t = (ts[i]! + ts[i + 1]!) / 2;
    mids.push([a[0] + t * dx, a[1] + t * dy]);
  }
  if (mids.length === 0) mids.push(a);
  return { crossed, mids };
}

/** True when every point of a→b is inside or on the boundary of the polygons (walking along a wall is fine). */
export function segmentInside(a: Point, b: Point, polys: readonly Poly[]): boolean {
  if (locateMulti(a, polys) < 0 || locateMulti(b, polys) < 0) return false;
  const { crossed, mids } = pieces(a, b, polys);
  if (crossed) return false;
  return mids.every((m) => locateMulti(m, polys) >= 0);
}

/** True when some stretch of a→b runs through the polygons' interior (touching a wall or a corner is not entering). */
export function segmentEnters(a: Point, b: Point, polys: readonly Poly[]): boolean {
  if (locateMulti(a, polys) > 0 || locateMulti(b, polys) > 0) return true;
  const { crossed, mids } = pieces(a, b, polys);
  if (crossed) return true;
  return mids.some((m) => locateMulti(m, polys) > 0);
}

/** Signed area of a ring: positive counter-clockwise. */
export function ringArea(ring: Ring): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return s / 2;
}

/** Area of a polygon: its outer ring less its holes, whatever their winding. */
export function polygonArea(poly: Poly): number {
  let a = Math.abs(ringArea(poly[0]!));
  for (let h = 1; h < poly.length; h++) a -= Math.abs(ringArea(poly[h]!));
  return a;
}

/** Area-weighted centroid of polygons with holes; the first vertex when the area is zero. */
export function centroid(polys: readonly Poly[]): Point {
  let sx = 0;
  let sy = 0;
  let sa = 0;
  for (const poly of polys) {
    poly.forEach((ring, r) => {
      const a = ringArea(ring);
      if (a === 0) return;
      // Holes count negatively whatever way they are wound.
      const sign = (r === 0 ? 1 : -1) * Math.sign(a);
      let cx = 0;
      let cy = 0;
      for (let i = 0; i + 1 < ring.length; i++) {
        const p = ring[i]!;
        const q = ring[i + 1]!;
        const f = p[0] * q[1] - q[0] * p[1];
        cx += (p[0] + q[0]) * f;
        cy += (p[1] + q[1]) * f;
      }
      sx += (sign * cx) / 6;
      sy += (sign * cy) / 6;
      sa += sign * a;
    });
  }
  if (sa === 0) return polys[0]![0]![0]!;
  return [sx / sa, sy / sa];
}

export function boxOf(polys: readonly Poly[]): Box {
  const box: Box = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  for (const poly of polys) {
    for (const [x, y] of poly[0]!) {
      if (x < box.minX) box.minX = x;
      if (y < box.minY) box.minY = y;
      if (x > box.maxX) box.maxX = x;
      if (y > box.maxY) box.maxY = y;
    }
  }
  return box;
}

export function boxesTouch(a: Box, b: Box, margin = 0): boolean {
  return a.minX <= b.maxX + margin && b.minX <= a.maxX + margin && a.minY <= b.maxY + margin && b.minY <= a.maxY + margin;
}

export function inBox(p: Point, box: Box, margin = 0): boolean {
  return p[0] >= box.minX - margin && p[0] <= box.maxX + margin && p[1] >= box.minY - margin && p[1] <= box.maxY + margin;
}

/** Bounding box of a segment, for prefiltering against unit boxes. */
export function segmentBox(a: Point, b: Point): Box {
  return { minX: Math.min(a[0], b[0]), minY: Math.min(a[1], b[1]), maxX: Math.max(a[0], b[0]), maxY: Math.max(a[1], b[1]) };
}

