// A tiny hand-made IMDF map (2 levels, a walkway, a shop and a lift on each) for importer tests, in longitude/latitude
// around a fixed origin, plus helpers to break it one feature at a time.
import type { Point } from '../../../contracts/venue.ts';
import { projection } from '../../../common/node/imdf/geo.ts';

export const ORIGIN = { lng: 121.5, lat: 31.2 };
const proj = projection(ORIGIN);
export const ll = (p: Point) => proj.toLngLat(p);
export const rect = (x0: number, y0: number, x1: number, y1: number) => ({ type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]].map((p) => ll(p as Point))] });
export type F = { type: 'Feature'; id: unknown; feature_type?: unknown; geometry: unknown; properties: Record<string, unknown> };
const f = (feature_type: string, id: string, geometry: unknown, properties: Record<string, unknown>): F => ({ type: 'Feature', id, feature_type, geometry, properties });
const point = (p: Point) => ({ type: 'Point', coordinates: ll(p) });

/** The map's features, fresh each call (tests mutate them). `relationship` adds a traversal joining the lifts. */
export function tinyMap(opts: { relationship?: boolean } = {}): F[] {
  const out: F[] = [f('venue', 'v', rect(0, 0, 30, 20), { category: 'shoppingcenter', name: { en: 'Tiny', 'zh-Hans': '小馆' }, display_point: point([0, 0]) })];
  for (const n of [0, 1]) {
    const level = `L${n}`;
    out.push(
      f('level', level, rect(0, 0, 30, 20), { ordinal: n, name: { en: `Level ${n + 1}`, 'zh-CN': `${n + 1}层` }, short_name: { en: `${n + 1}F` } }),
      f('unit', `walk${n}`, rect(0, 0, 20, 10), { category: 'walkway', level_id: level, name: null }),
      f('unit', `shop${n}`, rect(0, 10, 10, 20), { category: 'room', level_id: level, name: { en: `Shop ${n}` } }),
      f('unit', `lift${n}`, rect(20, 0, 24, 4), { category: 'elevator', level_id: level }),
      f('opening', `door${n}`, { type: 'LineString', coordinates: [ll([4, 10]), ll([6, 10])] }, { category: 'pedestrian', level_id: level }),
      f('anchor', `anchor${n}`, point([5, 15]), { unit_id: `shop${n}` }),
      f('occupant', `occ${n}`, null, { name: { 'zh-Hans': `店${n}`, en: `Store ${n}` }, category: 'shopping', anchor_id: `anchor${n}` }),
      f('amenity', `wc${n}`, point([2, 2]), { category: 'restroom', unit_ids: [`walk${n}`] }),
    );
  }
  out.push(f('kiosk', 'k1', rect(1, 1, 2, 2), { level_id: 'L0', name: { en: 'Kiosk' } }));
  if (opts.relationship) {
    out.push(f('relationship', 'rel-lift', null, { category: 'traversal', direction: 'undirected', origin: { id: 'lift0', feature_type: 'unit' }, destination: { id: 'lift1', feature_type: 'unit' } }));
  }
  return out;
}

export const byId = (features: F[], id: string): F => {
  const found = features.find((x) => x.id === id);
  if (!found) throw new Error(`no feature ${id}`);
  return found;
};
