// The walkable-space graph of a venue, built once per venue object and cached (routing must not rebuild it per
// query). Per level: nodes at openings (several along a wide one), at seams where open units touch without an opening,
// at reflex corners of walkable units, on a coarse grid inside large open units and at connector stops; an edge joins
// two nodes of the same walkable unit when the straight walk between them stays inside that unit and the level's
// outline and enters no blocked unit. Between levels: connector links (escalator, stairs, ramp; a lift as a car
// node per stop so its wait is paid once per ride). Works for walkway-style maps and rooms-and-openings maps alike:
// a room is just a walkable unit whose edges cost more to pass through.
import createGraph from 'ngraph.graph';
import type { Point, Venue } from '../../../contracts/venue.ts';
import { connectorStepFree, LIFT_WAIT_S, secondsPerLevel, unitCost, WALK_M_PER_S } from './costs.ts';
import { boxesTouch, boxOf, dist, inBox, locateMulti, segmentBox, segmentEnters, segmentInside } from './geometry.ts';
import type { LevelInfo, Member, NodeKind, RideLink, UnitInfo, WalkLink, WayGraph, WayLink, WayNode } from './graph-types.ts';
import { addCorners, addDoor, addGrid, addSeams, samples } from './nodes.ts';

export type { LevelInfo, Member, NodeKind, RideLink, UnitInfo, WalkLink, WayGraph, WayLink, WayNode } from './graph-types.ts';

export function nearestOf(points: readonly Point[] | undefined, x: number, y: number): number {
  let best = Infinity;
  for (const p of points ?? []) best = Math.min(best, Math.hypot(p[0] - x, p[1] - y));
  return best;
}

/** Units with up to this many nodes get every visible pair; larger ones each node's nearest visible neighbours. */
const FULL_LIMIT = 48;
const NEAREST = 8;
const NEAR_RADIUS = 12;
const MAX_TESTS = 40;

const cache = new WeakMap<Venue, WayGraph>();

/** The graph of this venue object, built on first use. A new map version is a new object, hence a new graph. */
export function wayGraph(venue: Venue): WayGraph {
  let g = cache.get(venue);
  if (!g) {
    g = buildWayGraph(venue);
    cache.set(venue, g);
  }
  return g;
}

export function buildWayGraph(venue: Venue): WayGraph {
  const started = performance.now();
  const graph = createGraph<WayNode, WayLink>();
  const nodes: WayNode[] = [];
  const levels = new Map<string, LevelInfo>();
  const units = new Map<string, UnitInfo>();
  const walks = new Map<string, { a: number; b: number; link: WalkLink }>();

  const addNode = (data: WayNode): number => {
    nodes.push(data);
    graph.addNode(nodes.length - 1, data);
    return nodes.length - 1;
  };

  for (const level of venue.levels) levels.set(level.id, { level, outline: level.outline, units: [], blocked: [] });
  for (const unit of venue.units) {
    const info: UnitInfo = { unit, polys: unit.polygons, box: boxOf(unit.polygons), cost: unitCost(unit.category), members: [] };
    units.set(unit.id, info);
    const level = levels.get(unit.levelId);
    if (!level) continue;
    (info.cost.factor === null ? level.blocked : level.units).push(info);
  }

  for (const lv of levels.values()) {
    const node = (p: Point, kind: NodeKind) => addNode({ x: p[0], y: p[1], levelId: lv.level.id, ordinal: lv.level.ordinal, kind });
    // Doors: openings sampled along their line, each sample a member of every walkable unit it borders.
    for (const opening of venue.openings) {
      if (opening.levelId !== lv.level.id) continue;
      for (const { at, normal } of samples(opening.line)) addDoor(lv, at, normal, node);
    }
    // Seams: open units that touch join along the shared edge; a room with no door at all joins its neighbours.
    for (let i = 0; i < lv.units.length; i++) {
      for (let j = i + 1; j < lv.units.length; j++) {
        const a = lv.units[i]!;
        const b = lv.units[j]!;
        if (a.cost.open && b.cost.open && boxesTouch(a.box, b.box, 0.05)) addSeams(lv, a, b, node);
      }
    }
    // Many exported maps draw shops with no openings: such a room joins the open units it shares a wall with, or
    // failing those its walkable neighbours (taken from the list first, so one room's seams don't hide another's).
    const doorless = lv.units.filter((u) => u.members.length === 0);
    for (const a of doorless) {
      const touching = lv.units.filter((b) => b !== a && boxesTouch(a.box, b.box, 0.05));
      const before = a.members.length;
      for (const b of touching) if (b.cost.open) addSeams(lv, a, b, node);
      if (a.members.length > before) continue;
      // Room to room: once per pair when both are doorless.
      for (const b of touching) if (!b.cost.open && !(doorless.includes(b) && doorless.indexOf(b) < doorless.indexOf(a))) addSeams(lv, a, b, node);
    }
    for (const u of lv.units) {
      addCorners(u, node);
      if (u.cost.open) addGrid(u, node);
    }
  }

  // Connector stops join their unit; the vertical links are added after the walks.
  const rides: { a: number; b: number; link: RideLink }[] = [];
  for (const c of venue.connectors) {
    const stops = c.stops
      .map((s) => ({ s, lv: levels.get(s.levelId) }))
      .filter((x): x is { s: (typeof c.stops)[number]; lv: LevelInfo } => x.lv !== undefined)
      .sort((x, y) => x.lv.level.ordinal - y.lv.level.ordinal);
    const ids = stops.map(({ s, lv }) => {
      const id = addNode({ x: s.point[0], y: s.point[1], levelId: lv.level.id, ordinal: lv.level.ordinal, kind: 'stop' });
      const own = units.get(s.unitId);
      const u = own && own.cost.factor !== null && own.unit.levelId === lv.level.id ? own : containingUnit(lv, s.point);
      if (u) u.members.push({ id, probe: s.point });
      return id;
    });
    const stepFree = connectorStepFree(c.kind);
    const vertical = (a: number, b: number, seconds: number, oneWay: boolean) => {
      const na = nodes[a]!;
      const nb = nodes[b]!;
      // The ride's time plus the stops' horizontal distance: never below what the heuristic assumes across it.
      const cost = seconds * WALK_M_PER_S + Math.hypot(na.x - nb.x, na.y - nb.y);
      rides.push({ a, b, link: { vertical: true, cost, seconds, connectorId: c.id, kind: c.kind, stepFree, oneWay } });
    };
    if (c.kind === 'elevator') {
      const cars = ids.map((id) => addNode({ ...nodes[id]!, kind: 'car' }));
      cars.forEach((car, i) => vertical(ids[i]!, car, LIFT_WAIT_S / 2, false));
      for (let i = 0; i + 1 < cars.length; i++) {
        const apart = Math.max(1, Math.abs(nodes[cars[i + 1]!]!.ordinal - nodes[cars[i]!]!.ordinal));
        vertical(cars[i]!, cars[i + 1]!, secondsPerLevel('elevator') * apart, false);
      }
    } else {
      for (let i = 0; i + 1 < ids.length; i++) {
        const lower = ids[i]!;
        const upper = ids[i + 1]!;
        const apart = Math.max(1, Math.abs(nodes[upper]!.ordinal - nodes[lower]!.ordinal));
        const seconds = secondsPerLevel(c.kind) * apart;
        if (c.direction === 'down') vertical(upper, lower, seconds, true);
        else vertical(lower, upper, seconds, c.direction === 'up');
      }
    }
  }

  for (const lv of levels.values()) {
    for (const u of lv.units) {
      for (const [a, b] of linkPairs(lv, u)) {
        if (a.id === b.id) continue;
        const key = a.id < b.id ? `${a.id}:${b.id}` : `${b.id}:${a.id}`;
        const old = walks.get(key);
        if (old && old.link.factor <= u.cost.factor!) continue;
        const metres = Math.hypot(nodes[a.id]!.x - nodes[b.id]!.x, nodes[a.id]!.y - nodes[b.id]!.y);
        walks.set(key, { a: a.id, b: b.id, link: { vertical: false, metres, unitId: u.unit.id, factor: u.cost.factor!, stepFree: u.cost.stepFree } });
      }
    }
  }
  for (const { a, b, link } of walks.values()) graph.addLink(a, b, link);
  for (const { a, b, link } of rides) graph.addLink(a, b, link);

  const kinds = new Set(venue.connectors.map((c) => c.kind));
  const stops = { all: new Map<string, Point[]>(), stepFree: new Map<string, Point[]>() };
  for (const c of venue.connectors) {
    for (const s of c.stops) {
      for (const map of connectorStepFree(c.kind) ? [stops.all, stops.stepFree] : [stops.all]) {
        map.set(s.levelId, [...(map.get(s.levelId) ?? []), s.point]);
      }
    }
  }
  const toStop: [Float64Array, Float64Array] = [new Float64Array(nodes.length), new Float64Array(nodes.length)];
  nodes.forEach((n, i) => {
    toStop[0][i] = nearestOf(stops.all.get(n.levelId), n.x, n.y);
    toStop[1][i] = nearestOf(stops.stepFree.get(n.levelId), n.x, n.y);
  });
  return { venue, graph, nodes, levels, units, kinds, stops, toStop, buildMs: performance.now() - started };
}

/** Can one walk straight from p to q inside unit u, inside the level's outline, entering no blocked unit? */
export function visible(lv: LevelInfo, u: UnitInfo, p: Point, q: Point): boolean {
  if (!segmentInside(p, q, u.polys)) return false;
  if (!segmentInside(p, q, lv.outline)) return false;
  const box = segmentBox(p, q);
  for (const b of lv.blocked) if (boxesTouch(box, b.box) && segmentEnters(p, q, b.polys)) return false;
  return true;
}

/** The pairs of members to link: all visible ones in small units, each one's nearest visible neighbours in large ones. */
function linkPairs(lv: LevelInfo, u: UnitInfo): [Member, Member][] {
  const ms = u.members;
  const out: [Member, Member][] = [];
  if (ms.length <= FULL_LIMIT) {
    for (let i = 0; i < ms.length; i++) {
      for (let j = i + 1; j < ms.length; j++) if (visible(lv, u, ms[i]!.probe, ms[j]!.probe)) out.push([ms[i]!, ms[j]!]);
    }
    return out;
  }
  for (let i = 0; i < ms.length; i++) {
    let found = 0;
    for (const j of nearestFirst(ms, ms[i]!.probe).slice(0, MAX_TESTS)) {
      if (j === i) continue;
      if (found >= NEAREST && dist(ms[i]!.probe, ms[j]!.probe) > NEAR_RADIUS) break;
      if (!visible(lv, u, ms[i]!.probe, ms[j]!.probe)) continue;
      out.push([ms[i]!, ms[j]!]);
      found++;
    }
  }
  return out;
}

/** Member indices by distance from p, nearest first, cut to what the neighbour rule could use. */
export function nearestFirst(members: readonly Member[], p: Point): number[] {
  const d = members.map((m, j) => ({ j, d: dist(m.probe, p) }));
  d.sort((x, y) => x.d - y.d);
  const keep = d.filter((x, k) => k < NEAREST * 2 || x.d <= NEAR_RADIUS);
  return keep.map((x) => x.j);
}

/** The first walkable unit of the level that holds the point (inside or on its edge). */
export function containingUnit(lv: LevelInfo, p: Point): UnitInfo | null {
  let edge: UnitInfo | null = null;
  for (const u of lv.units) {
    if (!inBox(p, u.box, 0.01)) continue;
    const l = locateMulti(p, u.polys);
    if (l > 0) return u;
    if (l === 0 && !edge) edge = u;
  }
  return edge;
}
