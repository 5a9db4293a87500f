// The map screen's pure parts: the pan/zoom/turn maths (fit, clamping, zoom about a point, pinch centre), where a
// shop's label goes and how big, the venue-to-SVG path conversion, and which level a route step shows.
import { describe, expect, it } from 'vitest';
import type { Point, Polygon, Route } from '../../../contracts/venue.ts';
import { chooseLabel, LABEL_MAX_M, LABEL_MIN_M, twoLines } from '../../../renderer/src/map/labels.ts';
import { pathLength, polygonsToPath, routePathData, tint, toMap } from '../../../renderer/src/map/mapGeometry.ts';
import { clampPan, fitView, pinch, rotate, toScreen, transformAttr, zoomAbout, zoomLimits, type Box, type Vec } from '../../../renderer/src/map/mapTransform.ts';
import { routeLevels, stepTargets } from '../../../renderer/src/map/routeSteps.ts';

const box: Box = { minX: -64, minY: -26, maxX: 64, maxY: 26 };
const viewport = { width: 1000, height: 800 };
const close = (a: Vec, b: Vec) => { expect(a[0]).toBeCloseTo(b[0], 6); expect(a[1]).toBeCloseTo(b[1], 6); };
const rect = (x0: number, y0: number, x1: number, y1: number): Polygon => [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]];

describe('map transform', () => {
  it('fits the level inside the viewport less the insets, centred there', () => {
    const v = fitView(box, viewport, 0, { top: 0, right: 100, bottom: 0, left: 0 });
    expect(v.scale).toBeCloseTo(900 / 128);
    close(toScreen(v, 0, [-64, 0]), [0, 400]);
    close(toScreen(v, 0, [64, 0]), [900, 400]);
  });

  it('turns the map by the bearing so "ahead" is up: a screen facing east puts east at the top', () => {
    close(rotate([10, 0], 90), [0, -10]);
    const v = fitView(box, viewport, 90, { top: 0, right: 0, bottom: 0, left: 0 });
    // Turned, the level is 52 wide and 128 tall: the height decides the scale.
    expect(v.scale).toBeCloseTo(800 / 128);
    expect(toScreen(v, 90, [64, 0])[1]).toBeCloseTo(0);
    expect(transformAttr(v, 90)).toMatch(/rotate\(-90\)$/);
  });

  it('zooms about a point (that point stays put) and clamps the scale', () => {
    const fit = fitView(box, viewport, 0);
    const limits = zoomLimits(fit);
    const centre: Vec = [300, 200];
    const before = [(centre[0] - fit.tx) / fit.scale, (centre[1] - fit.ty) / fit.scale] as Vec;
    const z = zoomAbout(fit, 2, centre, limits);
    expect(z.scale).toBeCloseTo(fit.scale * 2);
    close(toScreen(z, 0, before), centre);
    expect(zoomAbout(fit, 100, centre, limits).scale).toBeCloseTo(limits.max);
    expect(zoomAbout(fit, 0.01, centre, limits).scale).toBeCloseTo(limits.min);
  });

  it('pinch: the spread sets the scale, the map point under the first midpoint follows the midpoint', () => {
    const start = fitView(box, viewport, 0);
    const limits = zoomLimits(start);
    const a0: Vec = [400, 400], b0: Vec = [500, 400];
    const mid0: Vec = [450, 400];
    const mapPoint: Vec = [(mid0[0] - start.tx) / start.scale, (mid0[1] - start.ty) / start.scale];
    const v = pinch(start, a0, b0, [330, 300], [530, 300], limits);
    expect(v.scale).toBeCloseTo(start.scale * 2);
    close(toScreen(v, 0, mapPoint), [430, 300]);
    // Spread far past the limit: clamped, and the midpoint still holds its map point.
    const far = pinch(start, a0, b0, [0, 400], [5000, 400], limits);
    expect(far.scale).toBeCloseTo(limits.max);
    close(toScreen(far, 0, mapPoint), [2500, 400]);
  });

  it('a wild pan is pulled back so part of the level stays on screen', () => {
    const fit = fitView(box, viewport, 0);
    const gone = { ...fit, tx: fit.tx + 5000, ty: fit.ty - 5000 };
    const back = clampPan(gone, box, viewport, 0, 120);
    const left = toScreen(back, 0, [-64, -26]);
    const bottom = toScreen(back, 0, [64, 26]);
    expect(left[0]).toBeCloseTo(880);
    expect(bottom[1]).toBeCloseTo(120);
    expect(clampPan(fit, box, viewport, 0)).toBe(fit);
  });
});

describe('map geometry', () => {
  it('flips north up into SVG y-down and closes rings with Z (holes kept as subpaths)', () => {
    close(toMap([3, 4]), [3, -4]);
    const withHole: Polygon = [rect(0, 0, 10, 10)[0]!, [[2, 2], [4, 2], [4, 4], [2, 4], [2, 2]]];
    expect(polygonsToPath([withHole])).toBe('M0 0L10 0L10 -10L0 -10ZM2 -2L4 -2L4 -4L2 -4Z');
  });

  it('turns a leg into an open polyline in map units, dropping repeated points; one point still draws', () => {
    const path: Point[] = [[0, -20], [-4, -4], [-4, -4], [-56.04, 0]];
    expect(routePathData(path)).toBe('M0 20L-4 4L-56 0');
    expect(routePathData([[1, 1]])).toBe('M1 -1L1 -1');
    expect(pathLength([[0, 0], [3, 4], [3, 10]])).toBe(11);
  });

  it('tints a brand colour towards white, and survives a bad colour', () => {
    expect(tint('#000000', 0.5)).toBe('#808080');
    expect(tint('nope')).toMatch(/^#[0-9a-f]{6}$/);
  });
});

describe('shop labels', () => {
  const shop = [rect(-48, 4, -34, 26)]; // 14 m x 22 m

  it('goes at the display point when it is inside the unit, as large as allowed', () => {
    const l = chooseLabel('蜀香火锅', shop, [-41, 15], 0)!;
    expect(l.at).toEqual([-41, -15]);
    expect(l.fontSize).toBe(LABEL_MAX_M);
    expect(l.lines).toEqual(['蜀香火锅']);
  });

  it('uses the middle of the unit when the display point is outside it', () => {
    expect(chooseLabel('蜀香火锅', shop, [0, 0], 0)!.at).toEqual([-41, -15]);
  });

  it('wraps a long English name onto two balanced lines rather than shrinking it', () => {
    expect(twoLines('Shu Spice Hotpot')).toEqual(['Shu Spice', 'Hotpot']);
    const l = chooseLabel('Shu Spice Hotpot', shop, [-41, 15], 0)!;
    expect(l.lines).toEqual(['Shu Spice', 'Hotpot']);
    expect(l.fontSize).toBeGreaterThanOrEqual(LABEL_MIN_M);
  });

  it('leaves the label out when it cannot be read, and sizes by the turned unit', () => {
    expect(chooseLabel('一个名字非常非常非常长的店铺', [rect(0, 0, 4, 4)], [2, 2], 0)).toBeNull();
    // A tall narrow unit: upright text fits better once the map is turned 90°.
    const tall = [rect(0, 0, 5, 30)];
    expect(chooseLabel('Timepiece', tall, [2.5, 15], 90)!.fontSize).toBeGreaterThan(chooseLabel('Timepiece', tall, [2.5, 15], 0)?.fontSize ?? 0);
  });
});

describe('route steps', () => {
  const leg = (levelId: string, to: string | null) => ({
    levelId, ordinal: 0, path: [[0, 0]] as Point[], lngLat: [[0, 0]] as [number, number][], metres: 1,
    connector: to ? { id: `c-${levelId}`, kind: 'escalator' as const, toLevelId: to } : null,
  });
  const text = { zh: 'x', en: 'x' };
  const route: Route = {
    from: { ref: 'here', name: null, levelId: 'L1', point: [0, 0] },
    to: { ref: 's-x', name: null, levelId: 'L3', point: [0, 0] },
    accessible: false,
    legs: [leg('L1', 'L2'), leg('L2', 'L3'), leg('L3', null)],
    connectors: ['c-L1', 'c-L2'],
    metres: 3, seconds: 60,
    steps: [
      { kind: 'walk', levelId: 'L1', text, metres: 1 },
      { kind: 'connector', levelId: 'L1', text, metres: 0 },
      { kind: 'connector', levelId: 'L2', text, metres: 0 },
      { kind: 'turn-left', levelId: 'L3', text, metres: 1 },
      { kind: 'arrive', levelId: 'L3', text, metres: 0 },
    ],
  };

  it('a lift or escalator step shows the level it goes to; other steps the level they are on', () => {
    expect(stepTargets(route)).toEqual([
      { leg: 0, levelId: 'L1' }, { leg: 1, levelId: 'L2' }, { leg: 2, levelId: 'L3' }, { leg: 2, levelId: 'L3' }, { leg: 2, levelId: 'L3' },
    ]);
    expect(routeLevels(route)).toEqual(['L1', 'L2', 'L3']);
  });
});
