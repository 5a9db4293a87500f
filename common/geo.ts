// The one projection between a venue's local metres (x east, y north of venue.origin) and WGS84 longitude/latitude:
// equirectangular around the origin. The IMDF importer uses toLocal on the way in and routes use toLngLat on the way
// out, so a point survives the round trip to well under a centimetre. Over a mall (a few hundred metres) the error
// of the flat-earth approximation is centimetres, far below what IMDF maps are drawn to.

/** Metres per degree along a great circle of the IUGG mean Earth radius (6,371,008.8 m): latitude everywhere, longitude at the equator. */
export const METRES_PER_DEGREE_LNG = (6_371_008.8 * Math.PI) / 180;
export const METRES_PER_DEGREE_LAT = METRES_PER_DEGREE_LNG;

export interface GeoOrigin {
  lng: number;
  lat: number;
}

function metresPerDegreeLng(origin: GeoOrigin): number {
  // cos(lat0) shrinks the east-west degree away from the equator; clamp so a pole origin cannot divide by zero.
  return METRES_PER_DEGREE_LNG * Math.max(1e-6, Math.cos((origin.lat * Math.PI) / 180));
}

/** Local metres [x, y] to [lng, lat]. */
export function toLngLat(origin: GeoOrigin, point: readonly [number, number]): [number, number] {
  return [origin.lng + point[0] / metresPerDegreeLng(origin), origin.lat + point[1] / METRES_PER_DEGREE_LAT];
}

/** [lng, lat] to local metres [x, y]. */
export function toLocal(origin: GeoOrigin, lngLat: readonly [number, number]): [number, number] {
  return [(lngLat[0] - origin.lng) * metresPerDegreeLng(origin), (lngLat[1] - origin.lat) * METRES_PER_DEGREE_LAT];
}

/**
 * Even-odd ray cast of a point against one closed ring (local metres). A point exactly on the boundary may fall
 * either way: callers that care (routing) decide the boundary themselves first. Shared by the IMDF importer, the
 * router and the page's map labels.
 */
export function inRing(p: readonly [number, number], ring: readonly (readonly [number, number])[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if ((yi > p[1]) !== (yj > p[1]) && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}
