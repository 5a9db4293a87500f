// Draft bench for wayfinding (to be wired into `npm run bench`): build the route graph of the generated 10-level,
// ~2,000-unit mall, then time 200 random routes between shops (a few to `nearest:restroom` and step-free) and print
// p50/p95. Goal: route p95 ≤ 5 ms. Prints only; asserts nothing. Run: node bench/route-bench-draft.ts
import { fileURLToPath } from 'node:url';
import { buildWayGraph, wayGraph } from '../edge-agent/src/wayfinding/graph.ts';
import { findRoute, type RouteRequest } from '../edge-agent/src/wayfinding/route.ts';
import { generateMall } from '../tests/support/venue-gen.ts';
import { percentile, round } from './stats.ts';

export interface RouteBench {
  units: number;
  levels: number;
  graphNodes: number;
  graphLinks: number;
  buildMs: number;
  routes: number;
  failed: number;
  p50: number;
  p95: number;
  max: number;
}

export function routeBench(routes = 200, seed = 42): RouteBench {
  const venue = generateMall();
  // One throw-away build warms the JIT; the measured build is a fresh one, as the kiosk does on a new map.
  buildWayGraph(generateMall({ levels: 2 }));
  const g = wayGraph(venue);
  let s = seed;
  const rand = (n: number) => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s % n;
  };
  const occ = venue.occupants;
  const requests: { req: RouteRequest; here: { levelId: string; point: [number, number] } }[] = [];
  for (let i = 0; i < routes; i++) {
    const from = occ[rand(occ.length)]!;
    const k = venue.kiosks[rand(venue.kiosks.length)]!;
    const here = { levelId: k.levelId, point: k.point };
    if (i % 10 === 0) requests.push({ req: { from: 'here', to: 'nearest:restroom' }, here });
    else if (i % 10 === 1) requests.push({ req: { from: 'here', to: occ[rand(occ.length)]!.id, accessible: true }, here });
    else requests.push({ req: { from: from.id, to: occ[rand(occ.length)]!.id }, here });
  }
  for (const { req, here } of requests.slice(0, 20)) findRoute(venue, req, { here }); // warm-up
  const times: number[] = [];
  let failed = 0;
  for (const { req, here } of requests) {
    const t = performance.now();
    const r = findRoute(venue, req, { here });
    times.push(performance.now() - t);
    if (!r.ok) failed++;
  }
  times.sort((a, b) => a - b);
  return {
    units: venue.units.length,
    levels: venue.levels.length,
    graphNodes: g.graph.getNodesCount(),
    graphLinks: g.graph.getLinksCount(),
    buildMs: round(g.buildMs, 1),
    routes,
    failed,
    p50: round(percentile(times, 50), 3),
    p95: round(percentile(times, 95), 3),
    max: round(times[times.length - 1]!, 3),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = routeBench();
  console.log(`wayfinding: ${r.levels} levels, ${r.units} units → graph ${r.graphNodes} nodes, ${r.graphLinks} links, built in ${r.buildMs} ms`);
  console.log(`wayfinding: ${r.routes} random routes (${r.failed} failed): p50 ${r.p50} ms, p95 ${r.p95} ms, max ${r.max} ms (goal p95 ≤ 5 ms)`);
}
