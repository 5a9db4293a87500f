// Wayfinding bench: route time (p50/p95 of 200 random routes, several runs) on the demo mall and on a generated
// 10-level mall of ~2,000 units, beside plain Dijkstra (no heuristic) on the same graph; and the IMDF import of that
// mall beside JSON.parse of the same file (what any import pays at least). Goal: route p95 ≤ 5 ms.
import type { Venue } from '../contracts/venue.ts';
import { toLngLat } from '../common/geo.ts';
import { demoMapZip } from '../common/node/imdf/demo-map.ts';
import { importImdf } from '../common/node/imdf/imdf-import.ts';
import { importImdfBytes } from '../common/node/imdf/imdf-read.ts';
import { wayGraph } from '../edge-agent/src/wayfinding/graph.ts';
import { findRoute, type RouteRequest } from '../edge-agent/src/wayfinding/route.ts';
import { generateMall } from '../tests/support/venue-gen.ts';
import { percentile } from './stats.ts';

type Row = { name: string; unit: string; values: number[]; baselineName: string; baseline: number[] };
type Here = { levelId: string; point: [number, number] };

/** 200 requests between random occupants (every tenth to the nearest restroom, every tenth step-free), seeded. */
function requests(venue: Venue, n: number, seed: number): { req: RouteRequest; here: Here }[] {
  let s = seed;
  const rand = (k: number) => (s = (s * 1_103_515_245 + 12_345) % 2_147_483_648) % k;
  const occ = venue.occupants;
  const kiosk = venue.kiosks[0]!;
  const here = { levelId: kiosk.levelId, point: kiosk.point };
  return Array.from({ length: n }, (_, i) => ({
    here,
    req: i % 10 === 0 ? { from: 'here', to: 'nearest:restroom' }
      : i % 10 === 1 ? { from: 'here', to: occ[rand(occ.length)]!.id, accessible: true }
        : { from: occ[rand(occ.length)]!.id, to: occ[rand(occ.length)]!.id },
  }));
}

function timeRoutes(venue: Venue, reqs: { req: RouteRequest; here: Here }[], exhaustive: boolean): { p50: number; p95: number } {
  const times: number[] = [];
  for (const { req, here } of reqs) {
    const t = performance.now();
    findRoute(venue, req, { here, exhaustive });
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

/** The venue back as one IMDF FeatureCollection (features carrying feature_type), as a mall's export would be. */
export function venueToImdf(venue: Venue): unknown[] {
  const ll = (p: readonly [number, number]) => toLngLat(venue.origin, p);
  const poly = (rings: [number, number][][]) => rings.map((r) => r.map(ll));
  const multi = (ps: [number, number][][][]) => (ps.length === 1 ? { type: 'Polygon', coordinates: poly(ps[0]!) } : { type: 'MultiPolygon', coordinates: ps.map(poly) });
  const name = (t: { zh: string; en?: string | undefined } | null) => (t ? { 'zh-Hans': t.zh, ...(t.en ? { en: t.en } : {}) } : null);
  const f = (id: string, type: string, geometry: unknown, properties: Record<string, unknown>) => ({ type: 'Feature', id, feature_type: type, geometry, properties });
  return [
    f('venue-1', 'venue', multi(venue.levels[0]!.outline), { category: 'shoppingcenter', name: name(venue.name), display_point: { type: 'Point', coordinates: [venue.origin.lng, venue.origin.lat] } }),
    ...venue.levels.map((l) => f(l.id, 'level', multi(l.outline), { category: 'unspecified', ordinal: l.ordinal, name: name(l.name), short_name: name(l.shortName), outdoor: false })),
    ...venue.units.map((u) => f(u.id, 'unit', multi(u.polygons), { category: u.category, level_id: u.levelId, name: name(u.name) })),
    ...venue.openings.map((o) => f(o.id, 'opening', { type: 'LineString', coordinates: o.line.map(ll) }, { category: o.category, level_id: o.levelId })),
    ...venue.amenities.map((a) => f(a.id, 'amenity', { type: 'Point', coordinates: ll(a.point) }, { category: a.category, unit_ids: a.unitIds, name: name(a.name) })),
    ...venue.occupants.flatMap((o) => [
      f(`${o.anchorId}`, 'anchor', { type: 'Point', coordinates: ll(o.point) }, { unit_id: o.unitId }),
      f(o.id, 'occupant', null, { category: o.category, anchor_id: o.anchorId, name: name(o.name) }),
    ]),
    ...venue.kiosks.map((k) => f(k.id, 'kiosk', { type: 'Polygon', coordinates: [[[-1, -1], [1, -1], [1, 1], [-1, 1], [-1, -1]].map(([dx, dy]) => ll([k.point[0] + dx!, k.point[1] + dy!]))] }, { level_id: k.levelId, name: name(k.name) })),
  ];
}

export async function mapBench(runs: number): Promise<Row[]> {
  const demo = importImdfBytes('demo-map.zip', demoMapZip()).venue!;
  const big = generateMall();
  const rows: Row[] = [];
  for (const [label, venue] of [[`demo mall (${demo.levels.length} levels, ${demo.units.length} units)`, demo], [`generated mall (${big.levels.length} levels, ${big.units.length} units)`, big]] as const) {
    wayGraph(venue); // built once per map, as on the kiosk
    const astar = { p50: [] as number[], p95: [] as number[] };
    const dijkstra = { p50: [] as number[], p95: [] as number[] };
    timeRoutes(venue, requests(venue, 20, 7), false); // warm-up
    for (let i = 0; i < runs; i++) {
      const reqs = requests(venue, 200, 42 + i);
      const a = timeRoutes(venue, reqs, false);
      const d = timeRoutes(venue, reqs, true);
      astar.p50.push(a.p50);
      astar.p95.push(a.p95);
      dijkstra.p50.push(d.p50);
      dijkstra.p95.push(d.p95);
    }
    rows.push({ name: `map.route p50: ${label}`, unit: 'ms', values: astar.p50, baselineName: 'Dijkstra on the same graph p50', baseline: dijkstra.p50 });
    rows.push({ name: `map.route p95: ${label}`, unit: 'ms', values: astar.p95, baselineName: 'Dijkstra on the same graph p95', baseline: dijkstra.p95 });
  }
  const text = JSON.stringify({ type: 'FeatureCollection', features: venueToImdf(big) });
  const imports: number[] = [];
  const parses: number[] = [];
  for (let i = 0; i < Math.max(3, Math.min(runs, 5)); i++) {
    let t = performance.now();
    const features = (JSON.parse(text) as { features: unknown[] }).features;
    parses.push(performance.now() - t);
    t = performance.now();
    const r = importImdf(features);
    imports.push(performance.now() - t + parses.at(-1)!);
    if (!r.venue) throw new Error(`the generated mall did not import: ${r.problems.find((p) => p.severity === 'fatal')?.reason}`);
  }
  rows.push({ name: `IMDF import: generated mall (${(text.length / 1e6).toFixed(1)} MB, ${big.units.length} units)`, unit: 'ms', values: imports, baselineName: 'JSON.parse of the same file', baseline: parses });
  return rows;
}
