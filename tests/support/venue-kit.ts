// Building blocks for hand-made venues in tests and benches: rectangles, levels, units, openings and connectors in
// local metres, with plain ids, so a test reads like a floor plan.
import type { Point, Polygon, Venue, VenueConnector, VenueLevel, VenueUnit } from '../../contracts/venue.ts';

/** An axis-aligned rectangle from (x0, y0) to (x1, y1), counter-clockwise and closed. */
export function rect(x0: number, y0: number, x1: number, y1: number): Polygon {
  return [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]];
}

/** A closed polygon through the given corners (no holes). */
export function poly(...corners: Point[]): Polygon {
  return [[...corners, corners[0]!]];
}

export function level(id: string, ordinal: number, outline: Polygon, short = ordinal < 0 ? `B${-ordinal}` : `${ordinal + 1}F`): VenueLevel {
  return { id, ordinal, name: { zh: short, en: short }, shortName: { zh: short, en: short }, outline: [outline] };
}

export function unit(id: string, levelId: string, category: string, polygon: Polygon, name?: string, en?: string): VenueUnit {
  const ring = polygon[0]!;
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  const centre: Point = [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
  return { id, levelId, category, name: name ? { zh: name, en: en ?? name } : null, polygons: [polygon], displayPoint: centre };
}

export function opening(id: string, levelId: string, a: Point, b: Point) {
  return { id, levelId, category: 'pedestrian', line: [a, b] };
}

export function connector(
  id: string,
  kind: VenueConnector['kind'],
  stops: { levelId: string; unitId: string; point: Point }[],
  direction: VenueConnector['direction'] = 'both',
): VenueConnector {
  return { id, kind, stops, direction, source: 'relationship' };
}

export function venue(parts: Partial<Venue> & { levels: VenueLevel[] }): Venue {
  return {
    id: 'v1',
    name: { zh: '测试广场', en: 'Test Plaza' },
    origin: { lng: 121.4737, lat: 31.2304 },
    units: [],
    openings: [],
    amenities: [],
    occupants: [],
    kiosks: [],
    connectors: [],
    ...parts,
  };
}
