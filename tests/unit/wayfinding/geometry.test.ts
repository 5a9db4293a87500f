// The small pure pieces under routing: plane geometry (graph building trusts it to keep routes inside walls and
// outlines), the local-metres ↔ longitude/latitude projection shared with the IMDF importer, and how steps are
// worded and rounded.
import { describe, expect, it } from 'vitest';
import type { Point } from '../../../contracts/venue.ts';
import { toLngLat, toLocal } from '../../../common/geo.ts';
import {
  centroid, distToSegment, locate, polygonArea, segmentEnters, segmentInside, segmentsCross,
} from '../../../edge-agent/src/wayfinding/geometry.ts';
import { arriveText, connectorText, dropCollinear, legSteps, simplify, spokenMetres, turnDegrees } from '../../../edge-agent/src/wayfinding/steps.ts';
import { poly, rect } from '../../support/venue-kit.ts';

const square = rect(0, 0, 10, 10);
const withHole = [rect(0, 0, 10, 10)[0]!, rect(4, 4, 6, 6)[0]!];
const ell = poly([0, 0], [30, 0], [30, 10], [10, 10], [10, 30], [0, 30]);

describe('locate', () => {
  it.each<[string, Point, typeof square, -1 | 0 | 1]>([
    ['inside', [5, 5], square, 1],
    ['outside', [11, 5], square, -1],
    ['on an edge', [10, 5], square, 0],
    ['on a corner', [0, 0], square, 0],
    ['in the hole', [5, 5], withHole, -1],
    ['on the hole edge', [4, 5], withHole, 0],
    ['around the hole', [2, 5], withHole, 1],
    ['in the L', [5, 25], ell, 1],
    ['in the L notch', [20, 20], ell, -1],
  ])('%s', (_name, p, polygon, expected) => {
    expect(locate(p, polygon)).toBe(expected);
  });
});

describe('segments', () => {
  it.each<[string, Point, Point, Point, Point, boolean]>([
    ['an X crosses', [0, 0], [10, 10], [0, 10], [10, 0], true],
    ['a T touches, does not cross', [0, 0], [10, 0], [5, 0], [5, 5], false],
    ['parallel', [0, 0], [10, 0], [0, 1], [10, 1], false],
    ['collinear overlap', [0, 0], [10, 0], [5, 0], [15, 0], false],
    ['apart', [0, 0], [1, 1], [5, 5], [6, 7], false],
  ])('%s', (_n, a, b, c, d, expected) => {
    expect(segmentsCross(a, b, c, d)).toBe(expected);
  });

  it.each<[string, Point, Point, typeof square, boolean]>([
    ['across a square', [1, 1], [9, 9], square, true],
    ['along its wall', [0, 2], [0, 8], square, true],
    ['corner to corner', [0, 0], [10, 10], square, true],
    ['leaving it', [5, 5], [15, 5], square, false],
    ['through a hole', [1, 5], [9, 5], withHole, false],
    ['along a hole edge', [4, 1], [4, 9], withHole, true],
    ['across the L notch', [25, 5], [5, 25], ell, false],
    ['round the L corner', [25, 5], [10, 10], ell, true],
    ['grazing the reflex corner out', [20, 0], [0, 20], ell, true],
    ['through the reflex corner out', [30, 10], [0, 10], ell, true],
    ['from the corner into the notch', [10, 10], [20, 20], ell, false],
  ])('segmentInside: %s', (_n, a, b, polygon, expected) => {
    expect(segmentInside(a, b, [polygon])).toBe(expected);
  });

  it.each<[string, Point, Point, boolean]>([
    ['through it', [-5, 5], [15, 5], true],
    ['along its wall', [0, -5], [0, 15], false],
    ['touching a corner', [-5, -5], [0, 0], false],
    ['ending inside', [-5, 5], [5, 5], true],
    ['passing by', [-5, -1], [15, -1], false],
  ])('segmentEnters: %s', (_n, a, b, expected) => {
    expect(segmentEnters(a, b, [square])).toBe(expected);
  });

  it('measures distances to segments', () => {
    expect(distToSegment([5, 3], [0, 0], [10, 0])).toBeCloseTo(3);
    expect(distToSegment([-3, 4], [0, 0], [10, 0])).toBeCloseTo(5);
    expect(distToSegment([1, 1], [2, 2], [2, 2])).toBeCloseTo(Math.SQRT2);
  });
});

describe('area and centroid', () => {
  it.each([
    ['square', [square], 100, [5, 5]],
    ['square with a hole', [withHole], 96, [5, 5]],
    ['L', [ell], 500, [11, 11]],
    ['two squares', [rect(0, 0, 2, 2), rect(10, 0, 12, 2)], 8, [6, 1]],
  ] as const)('%s', (_n, polys, area, c) => {
    expect(polys.reduce((s, p) => s + polygonArea(p as never), 0)).toBeCloseTo(area);
    const got = centroid(polys as never);
    expect(got[0]).toBeCloseTo(c[0]);
    expect(got[1]).toBeCloseTo(c[1]);
  });
});

describe('projection (common/geo.ts)', () => {
  const origins = [{ lng: 121.4737, lat: 31.2304 }, { lng: -0.1276, lat: 51.5072 }, { lng: 151.2093, lat: -33.8688 }, { lng: 0, lat: 0 }];
  const points: Point[] = [[0, 0], [123.45, -67.89], [-850, 420], [2000, 2000], [0.004, -0.003]];
  it.each(origins)('round-trips local metres through lng/lat within 1 cm at %o', (origin) => {
    for (const p of points) {
      const back = toLocal(origin, toLngLat(origin, p));
      expect(Math.hypot(back[0] - p[0], back[1] - p[1])).toBeLessThan(0.01);
    }
  });

  it('is equirectangular around the origin: one degree is R·π/180 m north (R the mean Earth radius), that times cos(lat) east', () => {
    const origin = { lng: 120, lat: 60 };
    const degree = (6_371_008.8 * Math.PI) / 180;
    const [lng, lat] = toLngLat(origin, [degree * Math.cos(Math.PI / 3), degree]);
    expect(lng).toBeCloseTo(121, 9);
    expect(lat).toBeCloseTo(61, 9);
  });
});

describe('step wording', () => {
  it.each([
    [3, null],
    [7.4, null],
    [7.6, 10],
    [12, 10],
    [13, 15],
    [41, 40],
    [97, 95],
    [104, 100],
    [156, 160],
  ])('%d m is said as %s', (m, said) => {
    expect(spokenMetres(m)).toBe(said);
  });

  it('drops collinear and repeated points, and simplifies wiggles', () => {
    expect(dropCollinear([[0, 0], [5, 0], [5, 0], [10, 0], [10, 5]])).toEqual([[0, 0], [10, 0], [10, 5]]);
    expect(simplify([[0, 0], [5, 0.4], [10, 0], [10, 10]], 1)).toEqual([[0, 0], [10, 0], [10, 10]]);
  });

  it.each<[Point, Point, Point, number]>([
    [[0, 0], [10, 0], [10, 10], 90],
    [[0, 0], [10, 0], [10, -10], -90],
    [[0, 0], [0, 10], [-5, 10], 90],
    [[0, 0], [10, 0], [20, 1], 5.7],
  ])('turn at %o→%o→%o is %d°', (a, b, c, deg) => {
    expect(turnDegrees(a, b, c)).toBeCloseTo(deg, 0);
  });

  it('reads a leg as walks between bends, then the arrival, in both languages', () => {
    const steps = legSteps('L1', [[0, 0], [40, 0], [40, 22], [20, 22]], { arrive: { zh: '蜀香火锅', en: 'Shu Xiang Hotpot' } });
    expect(steps.map((s) => [s.kind, s.text.zh, s.text.en])).toEqual([
      ['turn-left', '直行约 40 米后左转', 'Go straight about 40 m, then turn left'],
      ['turn-left', '直行约 20 米后左转', 'Go straight about 20 m, then turn left'],
      ['walk', '直行约 20 米', 'Go straight about 20 m'],
      ['arrive', '到达 蜀香火锅', 'Arrive at Shu Xiang Hotpot'],
    ]);
    expect(steps.map((s) => s.metres)).toEqual([40, 22, 20, 0]);
  });

  it('says the connector with the level it goes to', () => {
    const five = { zh: '5F', en: '5F' };
    expect(connectorText('escalator', five)).toEqual({ zh: '乘扶梯到 5F', en: 'Take the escalator to 5F' });
    expect(connectorText('elevator', { zh: 'B1' })).toEqual({ zh: '乘电梯到 B1', en: 'Take the lift to B1' });
    expect(connectorText('stairs', { zh: '2F', en: '2F' })).toEqual({ zh: '走楼梯到 2F', en: 'Take the stairs to 2F' });
    expect(connectorText('ramp', { zh: '1F', en: '1F' }).en).toBe('Take the ramp to 1F');
    const steps = legSteps('L1', [[0, 0], [5, 0], [5, -3]], { connector: { kind: 'escalator', toLevel: five } });
    expect(steps.map((s) => s.text.en)).toEqual(['Go straight a few metres, then turn right', 'Go straight a few metres', 'Take the escalator to 5F']);
    expect(arriveText(null)).toEqual({ zh: '到达目的地', en: 'Arrive at your destination' });
    expect(arriveText({ zh: '母婴室' }).en).toBe('Arrive at 母婴室');
  });
});
