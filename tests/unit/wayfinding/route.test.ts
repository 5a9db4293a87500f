// Routes on hand-made floor plans: walkway-style and rooms-and-openings maps, blocked units, a concave outline,
// several floors with escalators (one-way), lifts and stairs, step-free mode, nearest-of-a-kind by route cost,
// place resolution and every error code. Plans are drawn in metres with venue-kit's rectangles.
import { describe, expect, it } from 'vitest';
import type { Point, Route, Venue } from '../../../contracts/venue.ts';
import { Route as RouteSchema } from '../../../contracts/venue.ts';
import { toLocal } from '../../../common/geo.ts';
import { segmentEnters, segmentInside } from '../../../edge-agent/src/wayfinding/geometry.ts';
import { wayGraph } from '../../../edge-agent/src/wayfinding/graph.ts';
import { findRoute, type RouteRequest, type RouteResult } from '../../../edge-agent/src/wayfinding/route.ts';
import type { ResolveOptions } from '../../../edge-agent/src/wayfinding/places.ts';
import { connector, level, opening, poly, rect, unit, venue } from '../../support/venue-kit.ts';

function ok(r: RouteResult): Route {
  if (!r.ok) throw new Error(`expected a route, got ${r.error.code}: ${r.error.message}`);
  expect(RouteSchema.safeParse(r.route).success).toBe(true);
  return r.route;
}

const allPoints = (r: Route) => r.legs.flatMap((l) => l.path);
const segments = (r: Route) => r.legs.flatMap((l) => l.path.slice(1).map((p, i) => [l.path[i]!, p] as [Point, Point]));
const strictlyInside = (p: Point, x0: number, y0: number, x1: number, y1: number) => p[0] > x0 && p[0] < x1 && p[1] > y0 && p[1] < y1;

// ---- walkway style: a corridor with shops opening onto it ----
const walkway = venue({
  levels: [level('L1', 0, rect(0, 0, 40, 20))],
  units: [
    unit('corridor', 'L1', 'walkway', rect(0, 8, 40, 12)),
    unit('s1', 'L1', 'room', rect(0, 12, 10, 20)),
    unit('s2', 'L1', 'room', rect(30, 12, 40, 20)),
    unit('s3', 'L1', 'room', rect(10, 0, 20, 8), '母婴室', 'Nursing room'),
    unit('s4', 'L1', 'room', rect(10, 12, 30, 20)),
  ],
  openings: [opening('o1', 'L1', [4, 12], [6, 12]), opening('o2', 'L1', [34, 12], [36, 12]), opening('o3', 'L1', [14, 8], [16, 8]), opening('o4', 'L1', [18, 12], [20, 12])],
  occupants: [
    { id: 'occ-1', name: { zh: '蜀香火锅', en: 'Shu Xiang Hotpot' }, category: 'restaurant', unitId: 's1', anchorId: 'a1', point: [5, 16] },
    { id: 'occ-2', name: { zh: '星光书店', en: 'Starlight Books' }, category: 'shopping', unitId: 's2', anchorId: 'a2', point: [35, 16] },
  ],
  amenities: [{ id: 'atm-1', levelId: 'L1', category: 'atm', name: null, point: [38, 10], unitIds: ['corridor'] }],
  kiosks: [{ id: 'kiosk-1', levelId: 'L1', name: null, point: [20, 10] }],
});
const here = { levelId: 'L1', point: [20, 10] as Point };

describe('walkway-style map', () => {
  it('walks the corridor from the kiosk into the shop, with steps in both languages', () => {
    const r = ok(findRoute(walkway, { to: 'occ-2' }, { here }));
    expect(r.legs).toHaveLength(1);
    expect(r.legs[0]!.path).toEqual([[20, 10], [35, 12], [35, 16]]);
    expect(r.metres).toBeCloseTo(15.13 + 4, 1);
    expect(r.seconds).toBe(Math.round(r.metres / 1.2));
    expect(r.connectors).toEqual([]);
    expect(r.steps.map((s) => s.text.zh)).toEqual(['直行约 15 米后左转', '直行几米', '到达 星光书店']);
    expect(r.steps.map((s) => s.text.en)).toEqual(['Go straight about 15 m, then turn left', 'Go straight a few metres', 'Arrive at Starlight Books']);
    expect(r.to).toMatchObject({ ref: 'occ-2', levelId: 'L1', name: { zh: '星光书店' } });
    expect(r.from.name).toEqual({ zh: '您的位置', en: 'You are here' });
  });

  it('goes shop to shop by the corridor, not through the shop between them', () => {
    const r = ok(findRoute(walkway, { from: 'occ-1', to: 'occ-2' }));
    for (const p of allPoints(r).slice(1, -1)) expect(strictlyInside(p, 0, 12, 40, 20)).toBe(false);
  });

  it('gives each leg the map’s own longitude/latitude for its path', () => {
    const r = ok(findRoute(walkway, { to: 'occ-1' }, { here }));
    const leg = r.legs[0]!;
    expect(leg.lngLat).toHaveLength(leg.path.length);
    leg.lngLat.forEach((ll, i) => {
      const back = toLocal(walkway.origin, ll);
      expect(Math.hypot(back[0] - leg.path[i]![0], back[1] - leg.path[i]![1])).toBeLessThan(0.01);
    });
  });

  it.each<[string, string, string]>([
    ['a unit (named after its occupant)', 's1', '蜀香火锅'],
    ['an occupant', 'occ-1', '蜀香火锅'],
    ['an amenity', 'atm-1', ''],
    ['a kiosk', 'kiosk-1', ''],
    ['a catalog store through the resolver', 'store-7', '星光书店'],
  ])('resolves %s', (_n, to, name) => {
    const r = ok(findRoute(walkway, { from: 'here', to }, { here, storeToFeature: (id) => (id === 'store-7' ? 'occ-2' : null) }));
    expect(r.to.ref).toBe(to);
    expect(r.to.name?.zh ?? '').toBe(name);
  });

  it('routes between two places in the same unit in a straight line', () => {
    const r = ok(findRoute(walkway, { from: 'kiosk-1', to: 'atm-1' }));
    expect(r.legs[0]!.path).toEqual([[20, 10], [38, 10]]);
    expect(r.steps.map((s) => s.kind)).toEqual(['walk', 'arrive']);
  });
});

describe('errors', () => {
  const cases: [string, Venue | null, RouteRequest, ResolveOptions, string, string | undefined][] = [
    ['no map', null, { to: 's1' }, { here }, 'no_map', undefined],
    ['unknown destination', walkway, { to: 'nope' }, { here }, 'unknown_place', 'nope'],
    ['unknown origin', walkway, { from: 'gone', to: 's1' }, {}, 'unknown_place', 'gone'],
    ['a store the resolver does not know', walkway, { to: 'store-9' }, { here, storeToFeature: () => null }, 'unknown_place', 'store-9'],
    ['a store pointing at a missing feature', walkway, { to: 'store-9' }, { here, storeToFeature: () => 'ghost' }, 'unknown_place', 'store-9'],
    ['here without a position', walkway, { to: 's1' }, {}, 'unknown_place', 'here'],
    ['here on a level the map lacks', walkway, { to: 's1' }, { here: { levelId: 'L9', point: [1, 1] } }, 'unknown_level', 'here'],
    ['an unknown kind', walkway, { to: 'nearest:spa' }, { here }, 'unknown_place', 'nearest:spa'],
    ['nearest as the origin', walkway, { from: 'nearest:atm', to: 's1' }, { here }, 'unknown_place', 'nearest:atm'],
    ['a kind the map has none of', walkway, { to: 'nearest:restroom' }, { here }, 'unknown_place', 'nearest:restroom'],
  ];
  it.each(cases)('%s', (_n, v, req, opts, code, ref) => {
    const r = findRoute(v, req, opts);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe(code);
    expect(r.error.ref).toBe(ref);
    expect(r.error.message.length).toBeGreaterThan(10);
  });

  it('says no_route when the place is walled off', () => {
    const v = { ...walkway, units: [...walkway.units, unit('closed', 'L1', 'room', rect(22, 0, 28, 6))] };
    expect(findRoute(v, { to: 'closed' }, { here })).toMatchObject({ ok: false, error: { code: 'no_route' } });
  });

  it('enters a room drawn with no door at all across the wall it shares with a walkable unit', () => {
    const v = { ...walkway, units: [...walkway.units, unit('doorless', 'L1', 'room', rect(20, 0, 30, 8))] };
    // Seam doors every few metres along the shared wall: the one at (21.7, 8) lies on the straight line.
    expect(ok(findRoute(v, { to: 'doorless' }, { here })).legs[0]!.path).toEqual([[20, 10], [25, 4]]);
  });
});

// ---- rooms and openings: no walkways, rooms joined by doors ----
const rooms = (withCorridor: boolean) =>
  venue({
    levels: [level('L1', 0, rect(0, 0, 30, withCorridor ? 14 : 10))],
    units: [
      unit('r1', 'L1', 'room', rect(0, 0, 10, 10)),
      unit('r2', 'L1', 'room', rect(10, 0, 20, 10)),
      unit('r3', 'L1', 'room', rect(20, 0, 30, 10)),
      ...(withCorridor ? [unit('hall', 'L1', 'walkway', rect(0, 10, 30, 14))] : []),
    ],
    openings: [
      opening('d12', 'L1', [10, 4], [10, 6]),
      opening('d23', 'L1', [20, 4], [20, 6]),
      ...(withCorridor ? [opening('h1', 'L1', [4, 10], [6, 10]), opening('h2', 'L1', [14, 10], [16, 10]), opening('h3', 'L1', [24, 10], [26, 10])] : []),
    ],
  });

describe('rooms-and-openings map', () => {
  it('passes through a room when the map gives no other way', () => {
    const r = ok(findRoute(rooms(false), { from: 'r1', to: 'r3' }));
    expect(r.legs[0]!.path).toEqual([[5, 5], [25, 5]]);
    expect(r.metres).toBe(20);
  });

  it('prefers the corridor when there is one', () => {
    const r = ok(findRoute(rooms(true), { from: 'r1', to: 'r3' }));
    for (const p of allPoints(r)) expect(strictlyInside(p, 10, 0, 20, 10)).toBe(false);
    expect(r.legs[0]!.path).toEqual([[5, 5], [5, 10], [25, 10], [25, 5]]);
    expect(r.steps.map((s) => s.kind)).toEqual(['turn-right', 'turn-right', 'walk', 'arrive']);
  });
});

describe('maps that leave things out', () => {
  it('enters doorless shops across their wall with the corridor, never through the shop between', () => {
    const v = venue({
      levels: [level('L1', 0, rect(0, 0, 30, 14))],
      units: [
        unit('a', 'L1', 'room', rect(0, 0, 10, 10)),
        unit('b', 'L1', 'room', rect(10, 0, 20, 10)),
        unit('c', 'L1', 'room', rect(20, 0, 30, 10)),
        unit('hall', 'L1', 'walkway', rect(0, 10, 30, 14)),
      ],
    });
    const r = ok(findRoute(v, { from: 'a', to: 'c' }));
    for (const p of allPoints(r)) expect(strictlyInside(p, 10, 0, 20, 10)).toBe(false);
    expect(r.metres).toBeLessThan(27);
  });

  it('joins a kiosk drawn just outside every unit to the nodes a few metres away', () => {
    const r = ok(findRoute(walkway, { to: 'occ-2' }, { here: { levelId: 'L1', point: [25, 7] } }));
    expect(r.legs[0]!.path[0]).toEqual([25, 7]);
  });

  it('walks straight through a wide opening instead of funnelling through its middle', () => {
    const v = venue({
      levels: [level('L1', 0, rect(0, 0, 20, 40))],
      units: [unit('south', 'L1', 'lobby', rect(0, 0, 20, 20)), unit('north', 'L1', 'lobby', rect(0, 20, 20, 40))],
      openings: [opening('mouth', 'L1', [0, 20], [20, 20])],
      amenities: [{ id: 'x', levelId: 'L1', category: 'atm', name: null, point: [2, 35], unitIds: [] }],
    });
    const r = ok(findRoute(v, { to: 'x' }, { here: { levelId: 'L1', point: [2, 5] } }));
    expect(r.metres).toBeLessThan(30.5);
  });
});

// ---- blocked units ----
describe('blocked units', () => {
  it('goes round an open-to-below void drawn over the lobby', () => {
    const v = venue({
      levels: [level('L1', 0, rect(0, 0, 30, 30))],
      units: [unit('lobby', 'L1', 'lobby', rect(0, 0, 30, 30)), unit('void', 'L1', 'opentobelow', rect(8, 8, 22, 22))],
      amenities: [{ id: 'info', levelId: 'L1', category: 'information', name: null, point: [26, 15], unitIds: [] }],
    });
    const r = ok(findRoute(v, { to: 'info' }, { here: { levelId: 'L1', point: [4, 15] } }));
    for (const [a, b] of segments(r)) expect(segmentEnters(a, b, v.units[1]!.polygons)).toBe(false);
    expect(r.metres).toBeGreaterThan(22);
  });

  it.each(['nonpublic', 'structure', 'opentobelow', 'unenclosedarea.nonpublic'])('never through a %s unit, even with doors', (category) => {
    const v = venue({
      levels: [level('L1', 0, rect(0, 0, 30, 30))],
      units: [
        unit('a', 'L1', 'room', rect(0, 0, 10, 10)),
        unit('back', 'L1', category, rect(10, 0, 20, 10)),
        unit('b', 'L1', 'room', rect(20, 0, 30, 10)),
        unit('hall', 'L1', 'walkway', rect(0, 20, 30, 30)),
        unit('west', 'L1', 'walkway', rect(0, 10, 4, 20)),
        unit('east', 'L1', 'walkway', rect(26, 10, 30, 20)),
      ],
      openings: [opening('x1', 'L1', [10, 4], [10, 6]), opening('x2', 'L1', [20, 4], [20, 6]), opening('w', 'L1', [1, 10], [3, 10]), opening('e', 'L1', [27, 10], [29, 10])],
    });
    const r = ok(findRoute(v, { from: 'a', to: 'b' }));
    for (const p of allPoints(r)) expect(strictlyInside(p, 10, 0, 20, 10)).toBe(false);
    const cut = { ...v, units: v.units.filter((u) => u.id !== 'west') };
    expect(findRoute(cut, { from: 'a', to: 'b' })).toMatchObject({ ok: false, error: { code: 'no_route' } });
  });
});

// ---- a concave outline ----
describe('the level outline', () => {
  const ell = poly([0, 0], [30, 0], [30, 10], [10, 10], [10, 30], [0, 30]);
  it.each([
    ['the walkway is the L', ell],
    ['the walkway is drawn as a rectangle over the L (the outline still rules)', rect(0, 0, 30, 30)],
  ])('never leaves an L-shaped level: %s', (_n, shape) => {
    const v = venue({
      levels: [level('L1', 0, ell)],
      units: [unit('w', 'L1', 'walkway', shape)],
      amenities: [{ id: 'wc', levelId: 'L1', category: 'restroom', name: null, point: [5, 25], unitIds: [] }],
    });
    const r = ok(findRoute(v, { to: 'wc' }, { here: { levelId: 'L1', point: [25, 5] } }));
    expect(r.legs[0]!.path.length).toBeGreaterThanOrEqual(3);
    for (const [a, b] of segments(r)) expect(segmentInside(a, b, [ell])).toBe(true);
    expect(r.steps.some((s) => s.kind === 'turn-right')).toBe(true);
    expect(r.metres).toBeLessThan(45);
  });
});

// ---- several floors ----
function floors(opts: { lift?: boolean; stairsOnly?: boolean; downAt?: number } = {}): Venue {
  const lv = (id: string, ord: number) => level(id, ord, rect(0, 0, 60, 20));
  const stop = (levelId: string, x: number) => ({ levelId, unitId: `w-${levelId}`, point: [x, 10] as Point });
  const connectors = opts.stairsOnly
    ? [connector('stairs', 'stairs', [stop('G', 30), stop('F1', 30)])]
    : [
        connector('esc-up', 'escalator', [stop('G', 10), stop('F1', 12)], 'up'),
        connector('esc-down', 'escalator', [stop('G', opts.downAt ?? 58), stop('F1', opts.downAt ?? 58)], 'down'),
        ...(opts.lift === false ? [] : [connector('lift', 'elevator', [stop('G', 30), stop('F1', 30), stop('F2', 30)])]),
      ];
  return venue({
    levels: [lv('G', 0), lv('F1', 1), lv('F2', 2)],
    units: ['G', 'F1', 'F2'].map((id) => unit(`w-${id}`, id, 'walkway', rect(0, 0, 60, 20))),
    amenities: [
      { id: 'g-spot', levelId: 'G', category: 'information', name: { zh: '服务台', en: 'Service desk' }, point: [8, 5], unitIds: [] },
      { id: 'f1-spot', levelId: 'F1', category: 'atm', name: null, point: [15, 10], unitIds: [] },
      { id: 'f2-spot', levelId: 'F2', category: 'atm', name: null, point: [30, 15], unitIds: [] },
    ],
    connectors,
  });
}

describe('several floors', () => {
  it('takes the up escalator when it is the cheaper way, with a leg per level', () => {
    const r = ok(findRoute(floors(), { to: 'f1-spot' }, { here: { levelId: 'G', point: [5, 10] } }));
    expect(r.connectors).toEqual(['esc-up']);
    expect(r.legs.map((l) => [l.levelId, l.ordinal, l.connector?.id ?? null])).toEqual([['G', 0, 'esc-up'], ['F1', 1, null]]);
    expect(r.legs[0]!.connector).toEqual({ id: 'esc-up', kind: 'escalator', toLevelId: 'F1' });
    expect(r.steps.find((s) => s.kind === 'connector')!.text).toEqual({ zh: '乘扶梯到 2F', en: 'Take the escalator to 2F' });
    expect(r.seconds).toBe(Math.round(r.metres / 1.2 + 20));
  });

  it('never rides an escalator against its direction', () => {
    const r = ok(findRoute(floors(), { from: 'f1-spot', to: 'g-spot' }));
    expect(r.connectors).toEqual(['lift']);
    const noLift = ok(findRoute(floors({ lift: false }), { from: 'f1-spot', to: 'g-spot' }));
    expect(noLift.connectors).toEqual(['esc-down']);
    expect(noLift.steps.find((s) => s.kind === 'connector')!.text.en).toBe('Take the escalator to 1F');
  });

  it('rides the lift through several floors, paying its wait once', () => {
    const r = ok(findRoute(floors(), { from: 'g-spot', to: 'f2-spot' }));
    expect(r.connectors).toEqual(['lift']);
    expect(r.legs.map((l) => l.levelId)).toEqual(['G', 'F2']);
    expect(r.seconds).toBe(Math.round(r.metres / 1.2 + 45 + 2 * 5));
    expect(r.steps.find((s) => s.kind === 'connector')!.text).toEqual({ zh: '乘电梯到 3F', en: 'Take the lift to 3F' });
  });

  it('step-free mode takes the lift instead of the escalator', () => {
    const r = ok(findRoute(floors(), { to: 'f1-spot', accessible: true }, { here: { levelId: 'G', point: [5, 10] } }));
    expect(r.accessible).toBe(true);
    expect(r.connectors).toEqual(['lift']);
  });

  it('says clearly when there is no step-free way', () => {
    const v = floors({ stairsOnly: true });
    const stairs = ok(findRoute(v, { from: 'g-spot', to: 'f1-spot' }));
    expect(stairs.steps.find((s) => s.kind === 'connector')!.text).toEqual({ zh: '走楼梯到 2F', en: 'Take the stairs to 2F' });
    const r = findRoute(v, { from: 'g-spot', to: 'f1-spot', accessible: true });
    expect(r).toMatchObject({ ok: false, error: { code: 'no_step_free_route', message: 'no step-free way; the route needs stairs or an escalator' } });
    expect(findRoute(v, { from: 'g-spot', to: 'f2-spot' })).toMatchObject({ ok: false, error: { code: 'no_route' } });
  });

  it('step-free mode keeps out of stairs and steps units on a level', () => {
    const v = venue({
      levels: [level('L1', 0, rect(0, 0, 30, 20))],
      units: [unit('a', 'L1', 'walkway', rect(0, 0, 10, 20)), unit('steps', 'L1', 'steps', rect(10, 0, 20, 10)), unit('ramp', 'L1', 'ramp', rect(10, 10, 20, 20)), unit('b', 'L1', 'walkway', rect(20, 0, 30, 20))],
      kiosks: [{ id: 'k', levelId: 'L1', name: null, point: [5, 5] }],
      amenities: [{ id: 't', levelId: 'L1', category: 'atm', name: null, point: [25, 5], unitIds: [] }],
    });
    expect(ok(findRoute(v, { from: 'k', to: 't' })).metres).toBe(20);
    const r = ok(findRoute(v, { from: 'k', to: 't', accessible: true }));
    for (const p of allPoints(r)) expect(strictlyInside(p, 10, 0, 20, 10)).toBe(false);
  });
});

// ---- nearest of a kind ----
describe('nearest of a kind', () => {
  // Restroom A is right behind the kiosk's wall but its door opens on the back corridor; B is farther but on the way.
  const v = venue({
    levels: [level('L1', 0, rect(0, 0, 40, 22))],
    units: [
      unit('main', 'L1', 'walkway', rect(0, 0, 40, 10)),
      unit('link', 'L1', 'walkway', rect(0, 10, 4, 18)),
      unit('back', 'L1', 'walkway', rect(0, 18, 40, 22)),
      unit('wc-a', 'L1', 'restroom.female', rect(16, 10, 24, 18), '洗手间 A', 'Restroom A'),
    ],
    openings: [opening('wa', 'L1', [19, 18], [21, 18])],
    amenities: [
      { id: 'wc-b', levelId: 'L1', category: 'restroom.unisex', name: null, point: [38, 5], unitIds: ['main'] },
      { id: 'nurse', levelId: 'L1', category: 'room', name: { zh: '母婴室', en: 'Parents room' }, point: [2, 20], unitIds: ['back'] },
    ],
  });
  const kiosk = { levelId: 'L1', point: [20, 5] as Point };

  it('picks the restroom cheapest to walk to, not the nearest as the crow flies', () => {
    const r = ok(findRoute(v, { to: 'nearest:restroom' }, { here: kiosk }));
    expect(r.to).toMatchObject({ ref: 'wc-b', name: { zh: '洗手间', en: 'Restroom' } });
    expect(r.metres).toBeCloseTo(18, 0);
    const back = ok(findRoute(v, { to: 'nearest:restroom' }, { here: { levelId: 'L1', point: [20, 20] } }));
    expect(back.to.ref).toBe('wc-a');
  });

  it('finds a nursing room by its name (母婴)', () => {
    expect(ok(findRoute(v, { to: 'nearest:nursing' }, { here: kiosk })).to.ref).toBe('nurse');
  });
});

describe('the graph', () => {
  it('is built once per venue object and rebuilt for a new one', () => {
    const g = wayGraph(walkway);
    expect(wayGraph(walkway)).toBe(g);
    expect(wayGraph({ ...walkway })).not.toBe(g);
    expect(g.graph.getNodesCount()).toBeGreaterThan(4);
  });

  it('leaves no query nodes behind', () => {
    const g = wayGraph(walkway);
    const before = [g.graph.getNodesCount(), g.graph.getLinksCount()];
    ok(findRoute(walkway, { from: 'occ-1', to: 'occ-2' }));
    findRoute(walkway, { to: 'nope' }, { here });
    expect([g.graph.getNodesCount(), g.graph.getLinksCount()]).toEqual(before);
  });
});
