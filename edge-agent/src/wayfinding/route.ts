// Routing over the walkable-space graph (graph.ts): resolve both ends, join them to the cached graph for the length of
// one query, run A*, and turn the node path into a Route (legs per level in local metres and longitude/latitude,
// connectors used, metres, seconds, steps in zh-CN and English). Errors come back as a typed result, never thrown.
//
// Why ngraph.path rather than graphology: ngraph.path has A* with a caller-supplied heuristic (and NBA*), a `blocked`
// hook (step-free mode and one-way escalators without a second graph), is small and maintained, and works on
// ngraph.graph directly; graphology-shortest-path offers only Dijkstra variants, which would explore the whole
// mall for every query.
import path from 'ngraph.path';
import type { Link, Node } from 'ngraph.graph';
import type { ConnectorKind, Point, Route, RouteLeg, RouteStep, Venue } from '../../../contracts/venue.ts';
import { toLngLat } from '../../../common/geo.ts';
import { connectorStepFree, levelChangeCost, WALK_M_PER_S } from './costs.ts';
import { dist, locateMulti } from './geometry.ts';
import { containingUnit, nearestFirst, nearestOf, visible, wayGraph, type LevelInfo, type Member, type UnitInfo, type WayGraph, type WayLink, type WayNode } from './graph.ts';
import { resolvePlace, type Place, type ResolveOptions } from './places.ts';
import { dropCollinear, legSteps } from './steps.ts';

export type { Here, ResolveOptions } from './places.ts';

export interface RouteRequest {
  from?: string;
  to: string;
  accessible?: boolean;
}

export interface RouteOptions extends ResolveOptions {
  /** Search without the heuristic (plain Dijkstra): slower, for tests that check A*'s answers are the cheapest. */
  exhaustive?: boolean;
}

export type RouteErrorCode = 'no_map' | 'unknown_place' | 'unknown_level' | 'no_route' | 'no_step_free_route';

export interface RouteError {
  code: RouteErrorCode;
  message: string;
  /** The place reference the error is about (unknown_place, unknown_level). */
  ref?: string;
  levelId?: string;
}

export type RouteResult = { ok: true; route: Route } | { ok: false; error: RouteError };

const FROM = -1;
const TARGET = -2;
/** A place that lies in no walkable unit (a kiosk drawn on a wall) joins graph nodes this close. */
const SNAP_METRES = 5;

interface Query {
  accessible: boolean;
  free: Set<string>;
  targets: WayNode[];
  /** fixed + perLevel × n for each kind of connector this query may use. */
  terms: { fixed: number; perLevel: number }[];
  /** Per target, metres from it to the nearest usable stop on its level. */
  targetToStop: number[];
  /** Per graph node, metres to the nearest usable stop on its level (graph.ts toStop for this mode). */
  toStop: Float64Array;
  stops: Map<string, Point[]>;
  exhaustive: boolean;
}

/**
 * The heuristic's vertical part: the least a change of `levels` can cost. From a floor node it is the cheapest
 * kind's fixed + perLevel × levels; from inside a lift car the boarding half of the wait is paid, so it is the
 * alighting half plus the ride. Each is a minimum of lines whose slope is at most the per-level cost of any link
 * that can change the level there, which keeps A* consistent (its closed set stays correct).
 */
function levelCost(q: Query, levels: number, inCar: boolean): number {
  if (levels === 0) return inCar ? LIFT.fixed / 2 : 0;
  if (inCar) return LIFT.fixed / 2 + LIFT.perLevel * levels;
  let best = Infinity;
  for (const t of q.terms) best = Math.min(best, t.fixed + t.perLevel * levels);
  return best;
}
const LIFT = levelChangeCost('elevator');

interface Finder {
  query: Query;
  find: (from: number, to: number) => Node<WayNode>[];
}

const finders = new WeakMap<WayGraph, Finder>();

/** One A* finder per graph (ngraph.path pools its search state); the query it serves is swapped in per call. */
function finderFor(wg: WayGraph): Finder {
  let f = finders.get(wg);
  if (f) return f;
  const query: Query = { accessible: false, free: new Set(), targets: [], terms: [], targetToStop: [], toStop: wg.toStop[0], stops: wg.stops.all, exhaustive: false };
  const finder = path.aStar<WayNode, WayLink>(wg.graph, {
    // ngraph.path calls these with (neighbour, current, link).
    blocked(_to, from, link) {
      const d = link.data;
      if (query.accessible && !d.stepFree) return true;
      return d.vertical && d.oneWay && link.fromId !== from.id;
    },
    distance(_to, _from, link) {
      const d = link.data;
      if (d.vertical) return d.cost;
      return d.metres * (query.free.has(d.unitId) ? 1 : d.factor);
    },
    heuristic(n) {
      const a = n.data;
      if (a.kind === 'target' || query.exhaustive) return 0;
      let best = Infinity;
      let fromHere = -1;
      // A plain loop: this runs for every node A* touches, so no closures here.
      for (let i = 0; i < query.targets.length; i++) {
        const t = query.targets[i]!;
        const levels = Math.abs(a.ordinal - t.ordinal);
        const vertical = levelCost(query, levels, a.kind === 'car');
        let h = Math.hypot(a.x - t.x, a.y - t.y) + vertical;
        if (levels > 0) {
          // Another floor: at least the walk to a stop here, the change of level, and the walk from a stop there.
          if (fromHere < 0) fromHere = typeof n.id === 'number' && n.id >= 0 ? query.toStop[n.id]! : nearestOf(query.stops.get(a.levelId), a.x, a.y);
          h = Math.max(h, fromHere + vertical + query.targetToStop[i]!);
        }
        if (h < best) best = h;
      }
      return best;
    },
  });
  f = { query, find: (a, b) => finder.find(a, b) };
  finders.set(wg, f);
  return f;
}

/** A route between two places, or why there is none. `venue` null means the kiosk has no map yet. */
export function findRoute(venue: Venue | null | undefined, req: RouteRequest, opts: RouteOptions = {}): RouteResult {
  if (!venue) return fail('no_map', 'this kiosk has no map yet');
  const wg = wayGraph(venue);
  const from = resolvePlace(venue, req.from ?? 'here', opts, false);
  if (!from.ok) return fail('unknown_place', from.message, { ref: from.ref });
  const to = resolvePlace(venue, req.to, opts, true);
  if (!to.ok) return fail('unknown_place', to.message, { ref: to.ref });
  const start = from.places[0]!;
  if (!wg.levels.has(start.levelId)) return fail('unknown_level', `level "${start.levelId}" is not on this map`, { ref: start.ref, levelId: start.levelId });
  const targets = to.places.filter((p) => wg.levels.has(p.levelId));
  if (targets.length === 0) {
    const p = to.places[0]!;
    return fail('unknown_level', `level "${p.levelId}" is not on this map`, { ref: p.ref, levelId: p.levelId });
  }
  const accessible = req.accessible ?? false;
  const exhaustive = opts.exhaustive ?? false;
  const found = search(wg, start, targets, accessible, exhaustive);
  if (found) return { ok: true, route: buildRoute(wg, start, found, accessible) };
  if (accessible && search(wg, start, targets, false, exhaustive)) {
    return fail('no_step_free_route', 'no step-free way; the route needs stairs or an escalator');
  }
  return fail('no_route', `no walkable way from "${start.ref}" to "${req.to}" on this map`);
}

function fail(code: RouteErrorCode, message: string, extra: Partial<RouteError> = {}): RouteResult {
  return { ok: false, error: { code, message, ...extra } };
}

interface Found {
  nodes: WayNode[];
  links: WayLink[];
  target: Place;
}

/** A* from one place to the cheapest of the targets; the graph is restored before returning. */
function search(wg: WayGraph, start: Place, targets: Place[], accessible: boolean, exhaustive: boolean): Found | null {
  const { graph } = wg;
  const temp: number[] = [];
  const extra = new Map<string, Member[]>();
  const finder = finderFor(wg);
  try {
    const free = new Set<string>();
    const targetNodes: WayNode[] = [];
    const byNode = new Map<number, Place>();
    targets.forEach((t, i) => {
      const id = -10 - i;
      const u = attach(wg, t, id, extra);
      temp.push(id);
      if (u === undefined) return;
      if (u) free.add(u.unit.id);
      targetNodes.push(graph.getNode(id)!.data);
      byNode.set(id, t);
    });
    if (targetNodes.length === 0) return null;
    let goal = -10;
    if (targets.length > 1) {
      goal = TARGET;
      graph.addNode(TARGET, { x: 0, y: 0, levelId: '', ordinal: 0, kind: 'target' });
      temp.push(TARGET);
      for (const id of byNode.keys()) graph.addLink(id, TARGET, { vertical: false, metres: 0, unitId: '', factor: 1, stepFree: true });
    }
    const su = attach(wg, start, FROM, extra);
    temp.push(FROM);
    if (su === undefined) return null;
    if (su) free.add(su.unit.id);
    const terms = [...wg.kinds].filter((k) => !accessible || connectorStepFree(k)).map(levelChangeCost);
    const stops = accessible ? wg.stops.stepFree : wg.stops.all;
    const targetToStop = targetNodes.map((t) => nearestOf(stops.get(t.levelId), t.x, t.y));
    Object.assign(finder.query, { accessible, free, targets: targetNodes, terms, exhaustive, stops, targetToStop, toStop: wg.toStop[accessible ? 1 : 0] });
    const found = finder.find(FROM, goal).reverse();
    if (found.length < 2 || found[0]!.id !== FROM) return null;
    if (goal === TARGET) found.pop();
    const links: WayLink[] = [];
    for (let i = 0; i + 1 < found.length; i++) {
      const a = found[i]!.id;
      const b = found[i + 1]!.id;
      const link = (graph.getLink(a, b) ?? graph.getLink(b, a)) as Link<WayLink>;
      links.push(link.data);
    }
    return { nodes: found.map((n) => n.data), links, target: byNode.get(found[found.length - 1]!.id as number)! };
  } finally {
    for (const id of temp) if (graph.hasNode(id)) graph.removeNode(id);
  }
}

/**
 * Join a place to the graph as node `id`: linked to every node of its unit it can walk straight to. Returns the
 * unit (null when it was snapped to nearby nodes instead), or undefined when it could not be joined at all.
 */
function attach(wg: WayGraph, place: Place, id: number, extra: Map<string, Member[]>): UnitInfo | null | undefined {
  const lv = wg.levels.get(place.levelId)!;
  const own = place.unitId ? wg.units.get(place.unitId) : undefined;
  let u: UnitInfo | null = own && own.cost.factor !== null && own.unit.levelId === lv.level.id ? own : null;
  let point = place.point;
  if (u && locateMulti(point, u.polys) < 0) {
    // An anchor drawn outside its unit: use the unit's display point, or whatever unit the point is in.
    if (locateMulti(u.unit.displayPoint, u.polys) >= 0) point = u.unit.displayPoint;
    else u = null;
  }
  u ??= containingUnit(lv, point);
  const data: WayNode = { x: point[0], y: point[1], levelId: lv.level.id, ordinal: lv.level.ordinal, kind: 'place' };
  wg.graph.addNode(id, data);
  if (!u) return snap(wg, lv, id, point) ? null : undefined;
  const members = [...u.members, ...(extra.get(u.unit.id) ?? [])];
  let joined = 0;
  for (const j of nearestFirst(members, point).slice(0, 64)) {
    const m = members[j]!;
    if (!visible(lv, u, point, m.probe)) continue;
    const other = wg.graph.getNode(m.id)!.data;
    wg.graph.addLink(id, m.id, { vertical: false, metres: Math.hypot(other.x - point[0], other.y - point[1]), unitId: u.unit.id, factor: u.cost.factor!, stepFree: u.cost.stepFree });
    joined++;
  }
  extra.set(u.unit.id, [...(extra.get(u.unit.id) ?? []), { id, probe: point }]);
  return joined > 0 || members.length === 0 ? u : snap(wg, lv, id, point) ? null : undefined;
}

/** Last resort for a point outside every walkable unit: join the closest nodes of its level within a few metres. */
function snap(wg: WayGraph, lv: LevelInfo, id: number, point: Point): boolean {
  const seen = new Set<number>();
  for (const u of lv.units) {
    for (const m of u.members) {
      const d = dist(m.probe, point);
      if (d > SNAP_METRES || seen.has(m.id)) continue;
      seen.add(m.id);
      wg.graph.addLink(id, m.id, { vertical: false, metres: d, unitId: u.unit.id, factor: u.cost.factor!, stepFree: u.cost.stepFree });
    }
  }
  return seen.size > 0;
}

interface LegDraft {
  levelId: string;
  points: Point[];
  /** The unit each segment walks in ('' for none). */
  units: string[];
  connector: { id: string; kind: ConnectorKind; toLevelId: string } | null;
}

function buildRoute(wg: WayGraph, start: Place, found: Found, accessible: boolean): Route {
  const { nodes, links, target } = found;
  const drafts: LegDraft[] = [{ levelId: nodes[0]!.levelId, points: [[nodes[0]!.x, nodes[0]!.y]], units: [], connector: null }];
  const connectors: string[] = [];
  let rideSeconds = 0;
  for (let i = 0; i < links.length; i++) {
    const link = links[i]!;
    const b = nodes[i + 1]!;
    const leg = drafts[drafts.length - 1]!;
    if (!link.vertical) {
      leg.points.push([b.x, b.y]);
      leg.units.push(link.unitId);
      continue;
    }
    // A ride: follow the vertical links to where the walking starts again.
    let k = i;
    while (k < links.length && links[k]!.vertical) rideSeconds += (links[k++] as { seconds: number }).seconds;
    const off = nodes[k]!;
    leg.connector = { id: link.connectorId, kind: link.kind, toLevelId: off.levelId };
    connectors.push(link.connectorId);
    drafts.push({ levelId: off.levelId, points: [[off.x, off.y]], units: [], connector: null });
    i = k - 1;
  }
  const legs: RouteLeg[] = [];
  const steps: RouteStep[] = [];
  let metres = 0;
  for (const [n, d] of drafts.entries()) {
    const lv = wg.levels.get(d.levelId)!;
    const pts = dropCollinear(smooth(wg, lv, d.points, d.units));
    const m = pts.slice(1).reduce((s, p, i) => s + dist(pts[i]!, p), 0);
    metres += m;
    legs.push({
      levelId: d.levelId,
      ordinal: lv.level.ordinal,
      path: pts.map((p) => [round2(p[0]), round2(p[1])] as Point),
      lngLat: pts.map((p) => toLngLat(wg.venue.origin, p)),
      metres: round1(m),
      connector: d.connector,
    });
    const end = d.connector
      ? { connector: { kind: d.connector.kind, toLevel: wg.levels.get(d.connector.toLevelId)!.level.shortName } }
      : { arrive: n === drafts.length - 1 ? target.name : null };
    steps.push(...legSteps(d.levelId, pts, end));
  }
  // For nearest:<kind> the target's ref is the feature chosen, so the caller can tell which restroom it is.
  const place = (p: Place) => ({ ref: p.ref, name: p.name, levelId: p.levelId, point: p.point });
  return {
    from: place(start),
    to: place(target),
    accessible,
    legs,
    connectors,
    metres: round1(metres),
    seconds: Math.round(metres / WALK_M_PER_S + rideSeconds),
    steps,
  };
}

/**
 * Pull the path straight: from each point, jump to the farthest later point reachable in a straight line inside the
 * same unit the skipped segments walk in (so the cost never rises and no wall is crossed).
 */
function smooth(wg: WayGraph, lv: LevelInfo, points: Point[], units: string[]): Point[] {
  if (points.length <= 2) return points;
  const out: Point[] = [points[0]!];
  let i = 0;
  while (i < points.length - 1) {
    let runEnd = i;
    while (runEnd < units.length && units[runEnd] === units[i] && units[i] !== '') runEnd++;
    const u = wg.units.get(units[i]!);
    let j = i + 1;
    if (u) {
      for (let k = runEnd; k > i + 1; k--) {
        if (visible(lv, u, points[i]!, points[k]!)) {
          j = k;
          break;
        }
      }
    }
    out.push(points[j]!);
    i = j;
  }
  return out;
}

const round1 = (m: number) => Math.round(m * 10) / 10;
const round2 = (m: number) => Math.round(m * 100) / 100;
