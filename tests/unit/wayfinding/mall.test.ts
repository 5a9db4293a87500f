// Routing across the generated 10-level, ~2,000-unit mall (tests/support/venue-gen.ts, the bench's map): a route from
// the basement to the top floor works, stays inside every level's outline, and A* with its heuristic finds routes as
// cheap as a search without one (so the heuristic never overestimates). Timing lives in bench/route-bench-draft.ts.
import { describe, expect, it } from 'vitest';
import type { Point, Route } from '../../../contracts/venue.ts';
import { segmentInside } from '../../../edge-agent/src/wayfinding/geometry.ts';
import { wayGraph } from '../../../edge-agent/src/wayfinding/graph.ts';
import { findRoute, type RouteRequest, type RouteResult } from '../../../edge-agent/src/wayfinding/route.ts';
import { generateMall } from '../../support/venue-gen.ts';

const mall = generateMall();

function ok(r: RouteResult): Route {
  if (!r.ok) throw new Error(`expected a route, got ${r.error.code}: ${r.error.message}`);
  return r.route;
}

describe('the generated mall', () => {
  it('has 10 levels and about 2,000 units', () => {
    expect(mall.levels).toHaveLength(10);
    expect(mall.units.length).toBeGreaterThanOrEqual(2000);
    const g = wayGraph(mall);
    expect(g.graph.getNodesCount()).toBeGreaterThan(2000);
  });

  it('routes from a B1 shop to a 9F shop across the mall, inside every outline', () => {
    const r = ok(findRoute(mall, { from: 'lv0-A3-occ', to: 'lv9-D47-occ' }));
    expect(r.legs[0]!.levelId).toBe('lv0');
    expect(r.legs[r.legs.length - 1]!.levelId).toBe('lv9');
    expect(r.connectors.length).toBeGreaterThan(0);
    expect(r.steps[r.steps.length - 1]!.text.en).toBe('Arrive at 9F Shop D47');
    for (const leg of r.legs) {
      const outline = mall.levels.find((l) => l.id === leg.levelId)!.outline;
      leg.path.slice(1).forEach((p, i) => expect(segmentInside(leg.path[i]!, p, outline)).toBe(true));
    }
  });

  it('takes a lift step-free, and finds the nearest restroom across a seam with no opening', () => {
    const lift = ok(findRoute(mall, { from: 'lv0-A3-occ', to: 'lv5-B3-occ', accessible: true }));
    expect(lift.connectors.every((id) => id.startsWith('lift-'))).toBe(true);
    const wc = ok(findRoute(mall, { to: 'nearest:restroom' }, { here: { levelId: 'lv3', point: [20, 15] as Point } }));
    expect(wc.to.ref).toBe('lv3-wc-w');
    expect(wc.legs).toHaveLength(1);
  });

  it('finds routes as cheap as a search without the heuristic', () => {
    let s = 7;
    const pick = () => {
      s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
      return mall.occupants[s % mall.occupants.length]!.id;
    };
    for (let i = 0; i < 60; i++) {
      const req: RouteRequest = i % 6 === 5 ? { to: 'nearest:restroom' } : { from: pick(), to: pick(), accessible: i % 5 === 0 };
      const here = { levelId: `lv${i % 10}`, point: [100, 15] as Point };
      const fast = ok(findRoute(mall, req, { here }));
      const exact = ok(findRoute(mall, req, { here, exhaustive: true }));
      // Same cost; ties may pick another of equally cheap paths, so compare what the cost is made of.
      expect(fast.seconds).toBeLessThanOrEqual(exact.seconds + 1);
      expect(fast.metres).toBeLessThanOrEqual(exact.metres + 0.5);
    }
  });
});
