// The importer's plane geometry: the equirectangular projection against great-circle distances, and the polygon
// tests connector inference relies on.
import { describe, expect, it } from 'vitest';
import type { Polygon } from '../../../contracts/venue.ts';
import { haversineMetres, interiorPoint, pointInPolygon, polygonsOverlap, projection } from '../../../common/node/imdf/geo.ts';

const square = (x0: number, y0: number, x1: number, y1: number): Polygon => [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]];

describe('projection', () => {
  const origin = { lng: 121.4737, lat: 31.2304 };
  const { toMetres, toLngLat } = projection(origin);

  it('puts a known offset at the right distance in metres (within 1 %)', () => {
    // 0.001° of latitude is about 111.2 m anywhere; 0.001° of longitude at 31.23° N is about 95.1 m.
    const north = toMetres([origin.lng, origin.lat + 0.001]);
    const east = toMetres([origin.lng + 0.001, origin.lat]);
    expect(north[0]).toBeCloseTo(0, 6);
    expect(north[1]).toBeGreaterThan(111.19 * 0.99);
    expect(north[1]).toBeLessThan(111.19 * 1.01);
    expect(east[1]).toBeCloseTo(0, 6);
    expect(Math.abs(east[0] - 95.07) / 95.07).toBeLessThan(0.01);
    // A diagonal 300 m away agrees with the haversine distance to well under 1 %.
    const p = { lng: origin.lng + 0.002, lat: origin.lat - 0.0017 };
    const [x, y] = toMetres([p.lng, p.lat]);
    expect(Math.abs(Math.hypot(x, y) - haversineMetres(origin, p)) / haversineMetres(origin, p)).toBeLessThan(0.001);
  });

  it('goes back to the same longitude/latitude', () => {
    const [lng, lat] = toLngLat(toMetres([121.4751, 31.2299]));
    expect(lng).toBeCloseTo(121.4751, 9);
    expect(lat).toBeCloseTo(31.2299, 9);
  });
});

describe('polygons', () => {
  it('overlap when stacked or crossing, not when they only share an edge or a corner', () => {
    expect(polygonsOverlap(square(0, 0, 4, 4), square(0, 0, 4, 4))).toBe(true);
    expect(polygonsOverlap(square(0, 0, 4, 4), square(2, 2, 6, 6))).toBe(true);
    expect(polygonsOverlap(square(0, 0, 4, 4), square(-1, 1, 5, 3))).toBe(true); // a cross: no vertex inside the other
    expect(polygonsOverlap(square(0, 0, 4, 4), square(4, 0, 8, 4))).toBe(false);
    expect(polygonsOverlap(square(0, 0, 4, 4), square(4, 4, 8, 8))).toBe(false);
    expect(polygonsOverlap(square(0, 0, 4, 4), square(10, 10, 12, 12))).toBe(false);
  });

  it('finds a point inside an L-shaped unit whose centroid is outside it', () => {
    const l: Polygon = [[[0, 0], [10, 0], [10, 2], [2, 2], [2, 10], [0, 10], [0, 0]]];
    const p = interiorPoint(l);
    expect(pointInPolygon(p, l)).toBe(true);
  });
});
