// Where the walkable-space graph (graph.ts) puts its nodes: along openings (several on a wide one), at seams where two
// open units touch with no opening drawn, at reflex corners of walkable units and on a coarse grid inside large open
// units. Split from graph.ts, which links the nodes and adds the connectors.
import type { Point } from '../../../contracts/venue.ts';
import { cross, dist, distToBoundary, inBox, locateMulti, type Poly } from './geometry.ts';
import type { LevelInfo, NodeKind, UnitInfo } from './graph-types.ts';

/** Openings are sampled every this many metres, so a wide mouth is not funnelled through its midpoint. */
const DOOR_SPACING = 4;
/** An opening point this close to a unit's boundary belongs to it (imported maps are not exact). */
const DOOR_TOLERANCE = 0.5;
/** How far a door's probe and a corner node sit inside their unit, away from the wall. */
const INSET = 0.3;
/** Grid spacing inside large open units. */
const GRID = 8;
export function samples(line: readonly Point[]): { at: Point; normal: Point }[] {
  const out: { at: Point; normal: Point }[] = [];
  for (let i = 0; i + 1 < line.length; i++) {
    const a = line[i]!;
    const b = line[i + 1]!;
    const len = dist(a, b);
    if (len === 0) continue;
    const normal: Point = [-(b[1] - a[1]) / len, (b[0] - a[0]) / len];
    const n = Math.max(1, Math.round(len / DOOR_SPACING));
    for (let k = 0; k < n; k++) {
      const t = (k + 0.5) / n;
      out.push({ at: [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])], normal });
    }
  }
  return out;
}

export type MakeNode = (p: Point, kind: NodeKind) => number;

/** A point on a boundary, nudged INSET along ±normal into the unit; null when neither side is inside it. */
function probeInto(u: UnitInfo, at: Point, normal: Point): Point | null {
  for (const s of [1, -1]) {
    const p: Point = [at[0] + s * INSET * normal[0], at[1] + s * INSET * normal[1]];
    if (locateMulti(p, u.polys) > 0) return p;
  }
  return locateMulti(at, u.polys) > 0 ? at : null;
}

export function addDoor(lv: LevelInfo, at: Point, normal: Point, node: MakeNode, only?: readonly UnitInfo[]): void {
  const sides: { u: UnitInfo; probe: Point }[] = [];
  for (const u of only ?? lv.units) {
    if (!inBox(at, u.box, DOOR_TOLERANCE) || distToBoundary(at, u.polys) > DOOR_TOLERANCE) continue;
    const probe = probeInto(u, at, normal);
    if (probe) sides.push({ u, probe });
  }
  if (sides.length === 0) return;
  const id = node(at, 'door');
  for (const { u, probe } of sides) u.members.push({ id, probe });
}

/** Where two units share a stretch of boundary (collinear edges overlapping by a metre or more), add doors along it. */
export function addSeams(lv: LevelInfo, a: UnitInfo, b: UnitInfo, node: MakeNode): void {
  for (const [p, q] of edges(a.polys)) {
    const len = dist(p, q);
    if (len < 1) continue;
    const ux = (q[0] - p[0]) / len;
    const uy = (q[1] - p[1]) / len;
    for (const [r, s] of edges(b.polys)) {
      // Both ends of b's edge on the line of a's edge: collinear.
      if (Math.abs(cross(p, q, r)) / len > 0.05 || Math.abs(cross(p, q, s)) / len > 0.05) continue;
      const tr = (r[0] - p[0]) * ux + (r[1] - p[1]) * uy;
      const ts = (s[0] - p[0]) * ux + (s[1] - p[1]) * uy;
      const lo = Math.max(0, Math.min(tr, ts));
      const hi = Math.min(len, Math.max(tr, ts));
      if (hi - lo < 1) continue;
      const line: Point[] = [[p[0] + lo * ux, p[1] + lo * uy], [p[0] + hi * ux, p[1] + hi * uy]];
      for (const { at, normal } of samples(line)) addDoor(lv, at, normal, node, [a, b]);
    }
  }
}

function* edges(polys: readonly Poly[]): Generator<[Point, Point]> {
  for (const poly of polys) for (const ring of poly) for (let i = 0; i + 1 < ring.length; i++) yield [ring[i]!, ring[i + 1]!];
}

/** Corners a path must bend around: reflex vertices of the outer ring and jutting vertices of holes, set in a little. */
export function addCorners(u: UnitInfo, node: MakeNode): void {
  for (const poly of u.polys) {
    poly.forEach((ring, r) => {
      const n = ring.length - 1; // closed ring: last repeats first
      if (n < 3) return;
      let area = 0;
      for (let i = 0; i < n; i++) area += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
      for (let i = 0; i < n; i++) {
        const prev = ring[(i + n - 1) % n]!;
        const v = ring[i]!;
        const next = ring[(i + 1) % n]!;
        const turn = cross(prev, v, next) * Math.sign(area);
        // Outer ring: reflex when turning against its winding; hole: a convex corner of the hole juts into the unit.
        if (r === 0 ? turn >= -1e-9 : turn <= 1e-9) continue;
        const a = dist(prev, v) || 1;
        const b = dist(next, v) || 1;
        const bx = (prev[0] - v[0]) / a + (next[0] - v[0]) / b;
        const by = (prev[1] - v[1]) / a + (next[1] - v[1]) / b;
        const bl = Math.hypot(bx, by) || 1;
        for (const s of [1, -1]) {
          const p: Point = [v[0] + (s * INSET * bx) / bl, v[1] + (s * INSET * by) / bl];
          if (locateMulti(p, u.polys) > 0) {
            u.members.push({ id: node(p, 'corner'), probe: p });
            break;
          }
        }
      }
    });
  }
}

/** A coarse grid across large open units, kept a metre off the walls, so open halls are crossed in straight lines. */
export function addGrid(u: UnitInfo, node: MakeNode): void {
  const w = u.box.maxX - u.box.minX;
  const h = u.box.maxY - u.box.minY;
  if (w <= 2 * GRID && h <= 2 * GRID) return;
  const nx = Math.max(1, Math.round(w / GRID));
  const ny = Math.max(1, Math.round(h / GRID));
  for (let i = 0; i < nx; i++) {
    for (let j = 0; j < ny; j++) {
      const p: Point = [u.box.minX + ((i + 0.5) * w) / nx, u.box.minY + ((j + 0.5) * h) / ny];
      if (locateMulti(p, u.polys) > 0 && distToBoundary(p, u.polys) >= Math.min(1, Math.min(w, h) / 4)) {
        u.members.push({ id: node(p, 'grid'), probe: p });
      }
    }
  }
}
