// Vertical connectors (lifts, escalators, stairs, ramps) for the venue model, from two sources:
// - IMDF `relationship` features (category traversal, elevator, escalator, stairs or ramp) that name the units they
//   join through origin / intermediary / destination: what the map's author said, so they win;
// - otherwise connector units that overlap on adjacent ordinals (a shaft drawn on every floor). Lifts, stairs and
//   ramps stacked floor over floor become one connector with a stop per level; escalators pair up, each with the
//   nearest overlapping escalator unit on the next level, because an escalator runs between two floors only.
// Pure: the importer hands in the converted units and levels.
import { createHash } from 'node:crypto';
import type { ConnectorKind, Point, VenueConnector, VenueOpening, VenueUnit } from '../../../contracts/venue.ts';
import { boundaryDistance, distance, multiOverlap } from './geo.ts';
import { readRef, str, type Problem, type Props } from './imdf-parts.ts';

const KINDS: readonly ConnectorKind[] = ['elevator', 'escalator', 'stairs', 'ramp'];
const RELATIONSHIP_CATEGORIES = new Set(['traversal', 'traversal.path', 'elevator', 'escalator', 'stairs', 'ramp']);

export const connectorKind = (category: string): ConnectorKind | null => {
  const c = category.toLowerCase();
  return (KINDS as readonly string[]).includes(c) ? (c as ConnectorKind) : null;
};

export type ConnectorContext = {
  units: ReadonlyMap<string, VenueUnit>;
  openings: ReadonlyMap<string, VenueOpening>;
  ordinals: ReadonlyMap<string, number>;
  /** Every id the input held, so a reference to a skipped feature reads differently from one to nothing at all. */
  known: ReadonlyMap<string, string>;
};

type Stop = VenueConnector['stops'][number];

const stopOf = (u: VenueUnit): Stop => ({ levelId: u.levelId, unitId: u.id, point: [u.displayPoint[0], u.displayPoint[1]] as Point });

/** A stable id for a connector the importer made up (IMDF ids are up to 64 characters, so hash rather than join). */
function madeUpId(kind: ConnectorKind, unitIds: string[]): string {
  return `ov-${kind}-${createHash('sha1').update(unitIds.join('|')).digest('hex').slice(0, 16)}`;
}

/** The unit an opening named by a relationship belongs to: the nearest unit on its level, connector units first. */
function unitForOpening(opening: VenueOpening, ctx: ConnectorContext): VenueUnit | null {
  const a = opening.line[0]!;
  const b = opening.line[opening.line.length - 1]!;
  const mid: Point = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
  let best: { unit: VenueUnit; score: number } | null = null;
  for (const unit of ctx.units.values()) {
    if (unit.levelId !== opening.levelId) continue;
    const d = Math.min(...unit.polygons.map((p) => boundaryDistance(mid, p)));
    if (d > 1) continue;
    const score = d + (connectorKind(unit.category) ? 0 : 10);
    if (!best || score < best.score) best = { unit, score };
  }
  return best?.unit ?? null;
}

export type RelationshipInput = { id: string; props: Props };

/** Connectors from relationship features; returns them with the units they cover (left out of overlap inference). */
export function connectorsFromRelationships(rels: readonly RelationshipInput[], ctx: ConnectorContext, problems: Problem[]): { connectors: VenueConnector[]; used: Set<string> } {
  const connectors: VenueConnector[] = [];
  const used = new Set<string>();
  for (const rel of rels) {
    const category = str(rel.props.category)?.toLowerCase() ?? '';
    if (!RELATIONSHIP_CATEGORIES.has(category)) continue;
    const skip = (reason: string) => problems.push({ id: rel.id, featureType: 'relationship', severity: 'skipped', reason });
    const intermediary = Array.isArray(rel.props.intermediary) ? rel.props.intermediary : [];
    const refs = [rel.props.origin, ...intermediary, rel.props.destination].filter((r) => r !== null && r !== undefined);
    const units: VenueUnit[] = [];
    let dangling: string | null = null;
    for (const ref of refs) {
      const id = readRef(ref);
      const unit = id ? ctx.units.get(id) : undefined;
      const opening = id ? ctx.openings.get(id) : undefined;
      const resolved = unit ?? (opening ? unitForOpening(opening, ctx) : null);
      if (resolved) units.push(resolved);
      else if (id && !ctx.known.has(id)) dangling ??= id;
    }
    if (dangling !== null) problems.push({ id: rel.id, featureType: 'relationship', severity: 'repaired', reason: `reference ${dangling} points to no feature; left out` });
    // One stop per level: where a level has several referenced units, the connector unit is the stop.
    const perLevel = new Map<string, VenueUnit>();
    for (const u of units) {
      const have = perLevel.get(u.levelId);
      if (!have || (!connectorKind(have.category) && connectorKind(u.category))) perLevel.set(u.levelId, u);
    }
    if (perLevel.size < 2) {
      // A traversal within one level is a path, not a connector: nothing to report unless references were lost.
      if (dangling !== null || refs.length === 0) skip('the relationship joins fewer than 2 levels');
      continue;
    }
    const kind = connectorKind(category) ?? units.map((u) => connectorKind(u.category)).find((k) => k !== null) ?? null;
    if (!kind) {
      skip('the traversal joins levels through no elevator, escalator, stairs or ramp unit');
      continue;
    }
    const ord = (u: VenueUnit) => ctx.ordinals.get(u.levelId) ?? 0;
    const stops = [...perLevel.values()].sort((a, b) => ord(a) - ord(b) || a.id.localeCompare(b.id));
    const origin = units[0]!;
    const destination = units[units.length - 1]!;
    const directed = str(rel.props.direction) === 'directed' && ord(origin) !== ord(destination);
    const direction = !directed ? 'both' : ord(destination) > ord(origin) ? 'up' : 'down';
    for (const s of stops) used.add(s.id);
    for (const u of units) if (connectorKind(u.category)) used.add(u.id);
    connectors.push({ id: rel.id, kind, stops: stops.map(stopOf), direction, source: 'relationship' });
  }
  return { connectors, used };
}

/** Connectors inferred from connector units that overlap on adjacent ordinals (units in `exclude` are taken). */
export function connectorsFromOverlap(allUnits: Iterable<VenueUnit>, ordinals: ReadonlyMap<string, number>, exclude: ReadonlySet<string>): VenueConnector[] {
  const ord = (u: VenueUnit) => ordinals.get(u.levelId) ?? 0;
  const byKind = new Map<ConnectorKind, VenueUnit[]>();
  for (const u of allUnits) {
    const kind = connectorKind(u.category);
    if (!kind || exclude.has(u.id)) continue;
    byKind.set(kind, [...(byKind.get(kind) ?? []), u]);
  }
  const connectors: VenueConnector[] = [];
  for (const kind of KINDS) {
    const units = (byKind.get(kind) ?? []).sort((a, b) => ord(a) - ord(b) || a.id.localeCompare(b.id));
    const above = (u: VenueUnit) => units.filter((v) => ord(v) === ord(u) + 1 && multiOverlap(u.polygons, v.polygons));
    if (kind === 'escalator') {
      const seen = new Set<string>();
      for (const u of units) {
        const v = above(u).sort((a, b) => distance(u.displayPoint, a.displayPoint) - distance(u.displayPoint, b.displayPoint))[0];
        if (!v || seen.has(`${u.id}|${v.id}`)) continue;
        seen.add(`${u.id}|${v.id}`);
        connectors.push({ id: madeUpId(kind, [u.id, v.id]), kind, stops: [stopOf(u), stopOf(v)], direction: 'both', source: 'overlap' });
      }
      continue;
    }
    // Lifts, stairs and ramps: join the links into shafts (union-find), one connector per clean stack.
    const links: [VenueUnit, VenueUnit][] = units.flatMap((u) => above(u).map((v): [VenueUnit, VenueUnit] => [u, v]));
    const parent = new Map(units.map((u) => [u.id, u.id]));
    const find = (id: string): string => {
      let root = id;
      while (parent.get(root) !== root) root = parent.get(root)!;
      parent.set(id, root);
      return root;
    };
    for (const [a, b] of links) parent.set(find(a.id), find(b.id));
    const groups = new Map<string, VenueUnit[]>();
    for (const u of units) if (links.some(([a, b]) => a === u || b === u)) groups.set(find(u.id), [...(groups.get(find(u.id)) ?? []), u]);
    for (const group of groups.values()) {
      const clean = new Set(group.map(ord)).size === group.length;
      if (clean) {
        connectors.push({ id: madeUpId(kind, group.map((u) => u.id)), kind, stops: group.map(stopOf), direction: 'both', source: 'overlap' });
        continue;
      }
      // Two units of one shaft on the same level: fall back to a connector per overlapping pair.
      for (const [a, b] of links.filter(([a]) => group.includes(a))) {
        connectors.push({ id: madeUpId(kind, [a.id, b.id]), kind, stops: [stopOf(a), stopOf(b)], direction: 'both', source: 'overlap' });
      }
    }
  }
  return connectors;
}
