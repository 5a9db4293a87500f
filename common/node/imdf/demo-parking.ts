// The demo mall's car park: level B2 under 星河广场 / Galaxy Plaza, in local metres like demo-layout.ts. One open
// parking hall between the two end strips (lifts and stairs there, as on every level), 48 numbered spaces in four
// zones A-D west to east, 12 each (6 along the north wall, 6 along the south). demo-map.ts draws it as an IMDF level
// with a `parking` unit and one `parking` amenity per space (named 车位 B2-118 / Space B2-118), and the HQ
// simulator's car park (hq-sim/src/parking/) uses the same spaces, so every car HQ knows has a place on the map.
import type { Point } from '../../../contracts/venue.ts';
import type { PlannedUnit, Rect } from './demo-layout.ts';
import { rectRing } from './demo-layout.ts';

export const PARKING_LEVEL = { ordinal: -2, short: 'B2', zh: '地下二层 停车场', en: 'B2 car park' } as const;

export type DemoSpace = { code: string; level: string; zone: string; point: Point };

const ZONES: { zone: string; x0: number }[] = [{ zone: 'A', x0: -56 }, { zone: 'B', x0: -28 }, { zone: 'C', x0: 0 }, { zone: 'D', x0: 28 }];
const ROWS_Y = [20, -20];

/** Every space of the demo car park, B2-101 to B2-148. */
export function demoSpaces(): DemoSpace[] {
  const out: DemoSpace[] = [];
  let n = 101;
  for (const { zone, x0 } of ZONES) {
    for (const y of ROWS_Y) {
      for (let i = 0; i < 6; i++) out.push({ code: `B2-${n++}`, level: PARKING_LEVEL.short, zone, point: [x0 + 3 + i * 4.5, y] });
    }
  }
  return out;
}

const vDoor = (x: number, y: number, w = 3) => ({ a: [x, y - w / 2] as Point, b: [x, y + w / 2] as Point });
const blocked = (key: string, r: Rect): PlannedUnit => ({ key, category: 'nonpublic', name: null, ring: rectRing(r), doors: [] });

/** The units of B2: the parking hall, the lifts and stairs in the same places as above, back of house in between. */
export function planParkingLevel(): PlannedUnit[] {
  return [
    { key: 'parking', category: 'parking', name: { zh: '停车场', en: 'Car park' }, ring: rectRing([-56, -26, 56, 26]), doors: [] },
    { key: 'stairs-west', category: 'stairs', name: { zh: '西楼梯', en: 'West stairs' }, ring: rectRing([-64, 14, -56, 26]), doors: [vDoor(-56, 20)] },
    blocked('store-west', [-64, 4, -56, 14]),
    { key: 'lift-west', category: 'elevator', name: { zh: '西侧电梯', en: 'West lift' }, ring: rectRing([-61, -3, -56, 3]), doors: [vDoor(-56, 0)] },
    blocked('staff-west', [-64, -14, -56, -4]),
    blocked('plant-west', [-64, -26, -56, -14]),
    blocked('plant-east', [56, 14, 64, 26]),
    blocked('store-east', [56, 4, 64, 14]),
    { key: 'lift-east', category: 'elevator', name: { zh: '东侧电梯', en: 'East lift' }, ring: rectRing([56, -3, 61, 3]), doors: [vDoor(56, 0)] },
    blocked('staff-east', [56, -14, 64, -4]),
    { key: 'stairs-east', category: 'stairs', name: { zh: '东楼梯', en: 'East stairs' }, ring: rectRing([56, -26, 64, -14]), doors: [vDoor(56, -20)] },
  ];
}
