// A synthetic mall for the routing bench and its smoke test: `levels` floors (B1, 1F, 2F, ...), each with two long
// corridors lined by shops (4 rows of 50 less a cross-passage: 198 shops, ~2,000 units over 10 floors), three
// cross-passages that touch the corridors without openings (so seams are exercised), up and down escalators
// between each pair of floors, two lifts and a stair through every floor, restrooms, an ATM and a kiosk per floor.
import type { Point, Venue, VenueAmenity, VenueConnector, VenueKiosk, VenueLevel, VenueOccupant, VenueOpening, VenueUnit } from '../../contracts/venue.ts';
import { connector, level, opening, rect, unit } from './venue-kit.ts';

export interface MallOptions {
  levels?: number;
  /** Shops per row; there are four rows. */
  shopsPerRow?: number;
}

const SHOP_W = 8;
const DEPTH = 12;
const CORRIDOR = 6;

export function generateMall(opts: MallOptions = {}): Venue {
  const nLevels = opts.levels ?? 10;
  const perRow = opts.shopsPerRow ?? 50;
  const width = perRow * SHOP_W;
  const mid = Math.floor(perRow / 2) - 1; // the shop column the middle cross-passage replaces in rows B and C
  const midX = mid * SHOP_W;
  // Rows from south to north: A, corridor 1, B, C (back to back), corridor 2, D.
  const yA = 0;
  const yC1 = DEPTH;
  const yB = yC1 + CORRIDOR;
  const yC = yB + DEPTH;
  const yC2 = yC + DEPTH;
  const yD = yC2 + CORRIDOR;
  const top = yD + DEPTH;

  const levels: VenueLevel[] = [];
  const units: VenueUnit[] = [];
  const openings: VenueOpening[] = [];
  const occupants: VenueOccupant[] = [];
  const amenities: VenueAmenity[] = [];
  const kiosks: VenueKiosk[] = [];
  for (let li = 0; li < nLevels; li++) {
    const ordinal = li - 1;
    const L = `lv${li}`;
    const lv = level(L, ordinal, rect(-SHOP_W, 0, width + SHOP_W, top));
    levels.push(lv);
    const short = lv.shortName.zh;
    units.push(
      unit(`${L}-c1`, L, 'walkway', rect(-SHOP_W, yC1, width + SHOP_W, yB)),
      unit(`${L}-c2`, L, 'walkway', rect(-SHOP_W, yC2, width + SHOP_W, yD)),
      unit(`${L}-west`, L, 'walkway', rect(-SHOP_W, yB, 0, yC2)),
      unit(`${L}-east`, L, 'walkway', rect(width, yB, width + SHOP_W, yC2)),
      unit(`${L}-mid`, L, 'walkway', rect(midX, yB, midX + SHOP_W, yC2)),
    );
    const rows: { row: string; y0: number; doorY: number }[] = [
      { row: 'A', y0: yA, doorY: yC1 },
      { row: 'B', y0: yB, doorY: yB },
      { row: 'C', y0: yC, doorY: yC2 },
      { row: 'D', y0: yD, doorY: yD },
    ];
    for (const { row, y0, doorY } of rows) {
      for (let c = 0; c < perRow; c++) {
        if ((row === 'B' || row === 'C') && c === mid) continue;
        const id = `${L}-${row}${c}`;
        const x0 = c * SHOP_W;
        units.push(unit(id, L, 'room', rect(x0, y0, x0 + SHOP_W, y0 + DEPTH)));
        openings.push(opening(`${id}-door`, L, [x0 + 3, doorY], [x0 + 5, doorY]));
        occupants.push({
          id: `${id}-occ`,
          name: { zh: `${short} 店铺 ${row}${c}`, en: `${short} Shop ${row}${c}` },
          category: 'shopping',
          unitId: id,
          anchorId: `${id}-anchor`,
          point: [x0 + SHOP_W / 2, y0 + DEPTH / 2],
        });
      }
    }
    const cy = (yB + yC2) / 2;
    amenities.push(
      { id: `${L}-wc-w`, levelId: L, category: 'restroom', name: null, point: [-SHOP_W / 2, cy + 6], unitIds: [`${L}-west`] },
      { id: `${L}-wc-e`, levelId: L, category: 'restroom', name: null, point: [width + SHOP_W / 2, cy + 6], unitIds: [`${L}-east`] },
      { id: `${L}-atm`, levelId: L, category: 'atm', name: null, point: [midX + SHOP_W / 2, cy], unitIds: [`${L}-mid`] },
    );
    kiosks.push({ id: `${L}-kiosk`, levelId: L, name: null, point: [width / 4, (yC1 + yB) / 2] });
  }

  const connectors: VenueConnector[] = [];
  const stop = (li: number, u: string, point: Point) => ({ levelId: `lv${li}`, unitId: `lv${li}-${u}`, point });
  for (let li = 0; li + 1 < nLevels; li++) {
    connectors.push(
      connector(`esc-up-${li}`, 'escalator', [stop(li, 'mid', [midX + 2, yB + 2]), stop(li + 1, 'mid', [midX + 2, yC2 - 2])], 'up'),
      connector(`esc-down-${li}`, 'escalator', [stop(li, 'mid', [midX + 6, yB + 2]), stop(li + 1, 'mid', [midX + 6, yC2 - 2])], 'down'),
    );
  }
  const all = (u: string, p: Point) => Array.from({ length: nLevels }, (_, li) => stop(li, u, p));
  connectors.push(
    connector('lift-w', 'elevator', all('west', [-SHOP_W / 2, yB + 3])),
    connector('lift-e', 'elevator', all('east', [width + SHOP_W / 2, yB + 3])),
    connector('stairs-w', 'stairs', all('west', [-SHOP_W / 2, yC2 - 3])),
  );

  return {
    id: 'gen-mall',
    name: { zh: '合成广场', en: 'Generated Mall' },
    origin: { lng: 121.4737, lat: 31.2304 },
    levels,
    units,
    openings,
    amenities,
    occupants,
    kiosks,
    connectors,
  };
}
