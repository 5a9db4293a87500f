// The floor plan of the demo mall 星河广场 / Galaxy Plaza in local metres (x east, y north of the venue's display
// point): what stands where on each of its 7 levels. demo-map.ts turns this plan into IMDF features.
//
// Every level is a 128 x 52 m box. An H of walkway runs through it (a main corridor east-west, an arm at each end);
// 12 shop slots face the corridor, 6 on each side, each opening onto it through a door. In the middle of the north side
// two escalators stand over each other on every level (so they pair up by overlap); two lifts and two stairs sit in
// the end strips beyond the arms, with the restrooms. On 1F the middle of the south side is the entrance lobby (with
// the directory kiosk); above it the lobby is open to below.
import type { Point } from '../../../contracts/venue.ts';

export type Rect = [x0: number, y0: number, x1: number, y1: number];
export type Door = { a: Point; b: Point; category?: string };
export type PlannedUnit = {
  key: string;
  category: string;
  name: { zh: string; en: string } | null;
  ring: Point[];
  doors: Door[];
  /** For shop slots: the slot number on its level (0-11), filled with a catalog store in slot order. */
  slot?: number;
};

export const DEMO_LEVELS = [
  { ordinal: -1, short: 'B1', zh: '地下一层', en: 'Basement 1' },
  { ordinal: 0, short: '1F', zh: '一层', en: 'Level 1' },
  { ordinal: 1, short: '2F', zh: '二层', en: 'Level 2' },
  { ordinal: 2, short: '3F', zh: '三层', en: 'Level 3' },
  { ordinal: 3, short: '4F', zh: '四层', en: 'Level 4' },
  { ordinal: 4, short: '5F', zh: '五层', en: 'Level 5' },
  { ordinal: 5, short: '6F', zh: '六层', en: 'Level 6' },
] as const;
export type DemoLevel = (typeof DEMO_LEVELS)[number];

export const OUTLINE: Rect = [-64, -26, 64, 26];

/** A closed counter-clockwise ring. */
export function rectRing([x0, y0, x1, y1]: Rect): Point[] {
  return [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
}

/** The H of walkway: the main corridor (y -4..4) and the two arms (x -56..-48 and 48..56). */
export const WALKWAY_RING: Point[] = [
  [-56, -26], [-48, -26], [-48, -4], [48, -4], [48, -26], [56, -26],
  [56, 26], [48, 26], [48, 4], [-48, 4], [-48, 26], [-56, 26], [-56, -26],
];

/** A door on a horizontal wall at height y, centred at x, `w` metres wide. */
const hDoor = (x: number, y: number, w = 4, category?: string): Door => ({ a: [x - w / 2, y], b: [x + w / 2, y], ...(category ? { category } : {}) });
/** A door on a vertical wall at x, centred at y. */
const vDoor = (x: number, y: number, w = 3): Door => ({ a: [x, y - w / 2], b: [x, y + w / 2] });

const SLOT_XS: [number, number][] = [[-48, -34], [-34, -20], [-20, -6], [6, 20], [20, 34], [34, 48]];

/** Where the 1F directory kiosk stands (inside the entrance lobby, facing the doors). */
export const KIOSK_RECT: Rect = [-0.6, -20.4, 0.6, -19.6];
/** The ATM on 1F, against the corridor wall beside the lobby. */
export const ATM_POINT: Point = [9, -3.2];

/** Everything on one level, in drawing order. */
export function planLevel(level: DemoLevel): PlannedUnit[] {
  const units: PlannedUnit[] = [{ key: 'walkway', category: 'walkway', name: { zh: '中庭走廊', en: 'Main concourse' }, ring: WALKWAY_RING, doors: [] }];
  // Shop slots: north side west to east (0-5), then south side (6-11); each door is on the corridor wall.
  SLOT_XS.forEach(([x0, x1], i) => {
    units.push({ key: `slot-${i}`, category: 'room', name: null, ring: rectRing([x0, 4, x1, 26]), doors: [hDoor((x0 + x1) / 2, 4)], slot: i });
  });
  SLOT_XS.forEach(([x0, x1], i) => {
    units.push({ key: `slot-${i + 6}`, category: 'room', name: null, ring: rectRing([x0, -26, x1, -4]), doors: [hDoor((x0 + x1) / 2, -4)], slot: i + 6 });
  });
  // The escalator well: two escalators side by side, a column between them and a plant room behind.
  units.push(
    { key: 'escalator-west', category: 'escalator', name: { zh: '西侧扶梯', en: 'West escalator' }, ring: rectRing([-6, 4, -1, 18]), doors: [hDoor(-3.5, 4, 3)] },
    { key: 'escalator-east', category: 'escalator', name: { zh: '东侧扶梯', en: 'East escalator' }, ring: rectRing([1, 4, 6, 18]), doors: [hDoor(3.5, 4, 3)] },
    { key: 'escalator-column', category: 'structure', name: null, ring: rectRing([-1, 4, 1, 18]), doors: [] },
    { key: 'plant-room', category: 'nonpublic', name: null, ring: rectRing([-6, 18, 6, 26]), doors: [] },
  );
  // The middle of the south side: the entrance lobby on 1F, open to below above it, back of house in B1.
  if (level.ordinal === 0) {
    units.push({
      key: 'lobby', category: 'lobby', name: { zh: '南入口大堂', en: 'South entrance lobby' }, ring: rectRing([-6, -26, 6, -4]),
      doors: [hDoor(0, -4, 8), hDoor(0, -26, 6, 'pedestrian.principal')],
    });
  } else {
    units.push({ key: 'atrium', category: level.ordinal < 0 ? 'nonpublic' : 'opentobelow', name: null, ring: rectRing([-6, -26, 6, -4]), doors: [] });
  }
  // West strip (beyond the west arm): stairs, lift, restrooms, and the nursing room on 1F and 4F.
  const nursing = level.ordinal === 0 || level.ordinal === 3;
  units.push(
    { key: 'stairs-west', category: 'stairs', name: { zh: '西楼梯', en: 'West stairs' }, ring: rectRing([-64, 14, -56, 26]), doors: [vDoor(-56, 20)] },
    nursing
      ? { key: 'nursing-room', category: 'room', name: { zh: '母婴室', en: 'Nursing room' }, ring: rectRing([-64, 4, -56, 14]), doors: [vDoor(-56, 9)] }
      : { key: 'store-west', category: 'nonpublic', name: null, ring: rectRing([-64, 4, -56, 14]), doors: [] },
    { key: 'lift-west', category: 'elevator', name: { zh: '西侧电梯', en: 'West lift' }, ring: rectRing([-61, -3, -56, 3]), doors: [vDoor(-56, 0)] },
    { key: 'staff-west', category: 'nonpublic', name: null, ring: rectRing([-64, -14, -56, -4]), doors: [] },
    { key: 'restroom-west', category: 'restroom', name: { zh: '西侧洗手间', en: 'West restrooms' }, ring: rectRing([-64, -26, -56, -14]), doors: [vDoor(-56, -20)] },
  );
  // East strip: restrooms, the service desk on 1F, lift, stairs.
  units.push(
    { key: 'restroom-east', category: 'restroom', name: { zh: '东侧洗手间', en: 'East restrooms' }, ring: rectRing([56, 14, 64, 26]), doors: [vDoor(56, 20)] },
    level.ordinal === 0
      ? { key: 'service-desk', category: 'room', name: { zh: '服务台', en: 'Service desk' }, ring: rectRing([56, 4, 64, 14]), doors: [vDoor(56, 9, 4)] }
      : { key: 'store-east', category: 'nonpublic', name: null, ring: rectRing([56, 4, 64, 14]), doors: [] },
    { key: 'lift-east', category: 'elevator', name: { zh: '东侧电梯', en: 'East lift' }, ring: rectRing([56, -3, 61, 3]), doors: [vDoor(56, 0)] },
    { key: 'staff-east', category: 'nonpublic', name: null, ring: rectRing([56, -14, 64, -4]), doors: [] },
    { key: 'stairs-east', category: 'stairs', name: { zh: '东楼梯', en: 'East stairs' }, ring: rectRing([56, -26, 64, -14]), doors: [vDoor(56, -20)] },
  );
  return units;
}

/** The middle of a ring's bounding box (every demo unit is a rectangle except the H, whose middle is the corridor). */
export function middle(ring: Point[]): Point {
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  return [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
}
