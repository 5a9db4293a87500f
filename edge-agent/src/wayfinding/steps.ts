// Spoken-style directions for a route, in zh-CN and English: a leg's path is simplified, then read as "go straight
// about N m, then turn left/right" between bends, closed by the connector taken ("乘扶梯到 5F") or the arrival
// ("到达 蜀香火锅"). Distances are rounded the way people say them (nearest 5 m; "a few metres" below that).
import type { ConnectorKind, Point, RouteStep, VenueLevel } from '../../../contracts/venue.ts';
/** A name in zh-CN with an optional English form (the contracts' LocalizedText). */
type LocalizedText = VenueLevel['name'];
import { cross, dist, distToSegment } from './geometry.ts';

/** A bend smaller than this (degrees) is "straight on". */
const TURN_DEGREES = 30;
/** Wiggles within this many metres of a straight line are not bends worth saying. */
const SPOKEN_TOLERANCE = 1;

/** Drop points that lie on the line through their neighbours (within tol metres), and repeated points. */
export function dropCollinear(points: readonly Point[], tol = 0.05): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    if (out.length > 0 && dist(out[out.length - 1]!, p) <= 1e-6) continue;
    while (out.length >= 2 && distToSegment(out[out.length - 1]!, out[out.length - 2]!, p) <= tol) out.pop();
    out.push(p);
  }
  return out;
}

/** Douglas–Peucker: the fewest points keeping the line within tol metres. */
export function simplify(points: readonly Point[], tol: number): Point[] {
  if (points.length <= 2) return [...points];
  let worst = 0;
  let at = 0;
  for (let i = 1; i + 1 < points.length; i++) {
    const d = distToSegment(points[i]!, points[0]!, points[points.length - 1]!);
    if (d > worst) {
      worst = d;
      at = i;
    }
  }
  if (worst <= tol) return [points[0]!, points[points.length - 1]!];
  const left = simplify(points.slice(0, at + 1), tol);
  return [...left.slice(0, -1), ...simplify(points.slice(at), tol)];
}

/** Metres as said aloud: null for "a few metres" (under 7.5), else the nearest 5 (nearest 10 from 100 on). */
export function spokenMetres(m: number): number | null {
  if (m < 7.5) return null;
  const step = m >= 100 ? 10 : 5;
  return Math.round(m / step) * step;
}

function straight(m: number): LocalizedText {
  const r = spokenMetres(m);
  return r === null ? { zh: '直行几米', en: 'Go straight a few metres' } : { zh: `直行约 ${r} 米`, en: `Go straight about ${r} m` };
}

function turnText(m: number, left: boolean): LocalizedText {
  const side = left ? { zh: '左转', en: 'left' } : { zh: '右转', en: 'right' };
  if (m < 2) return { zh: side.zh, en: `Turn ${side.en}` };
  const s = straight(m);
  return { zh: `${s.zh}后${side.zh}`, en: `${s.en}, then turn ${side.en}` };
}

const RIDE: Record<ConnectorKind, LocalizedText> = {
  escalator: { zh: '乘扶梯到', en: 'Take the escalator to' },
  elevator: { zh: '乘电梯到', en: 'Take the lift to' },
  stairs: { zh: '走楼梯到', en: 'Take the stairs to' },
  ramp: { zh: '走坡道到', en: 'Take the ramp to' },
};

export function connectorText(kind: ConnectorKind, level: LocalizedText): LocalizedText {
  return { zh: `${RIDE[kind].zh} ${level.zh}`, en: `${RIDE[kind].en} ${level.en ?? level.zh}` };
}

export function arriveText(name: LocalizedText | null): LocalizedText {
  if (!name) return { zh: '到达目的地', en: 'Arrive at your destination' };
  return { zh: `到达 ${name.zh}`, en: `Arrive at ${name.en ?? name.zh}` };
}

export type LegEnd = { connector: { kind: ConnectorKind; toLevel: LocalizedText } } | { arrive: LocalizedText | null };

/** The steps of one leg: walks between bends, then the connector or the arrival. */
export function legSteps(levelId: string, path: readonly Point[], end: LegEnd): RouteStep[] {
  const steps: RouteStep[] = [];
  const spoken = simplify(dropCollinear(path), SPOKEN_TOLERANCE);
  let run = 0;
  for (let i = 1; i < spoken.length; i++) {
    const a = spoken[i - 1]!;
    const b = spoken[i]!;
    run += dist(a, b);
    const c = spoken[i + 1];
    if (!c) break;
    const angle = turnDegrees(a, b, c);
    if (Math.abs(angle) < TURN_DEGREES) continue;
    const left = angle > 0;
    steps.push({ kind: left ? 'turn-left' : 'turn-right', levelId, text: turnText(run, left), metres: round1(run) });
    run = 0;
  }
  if (run >= 1) steps.push({ kind: 'walk', levelId, text: straight(run), metres: round1(run) });
  if ('connector' in end) {
    steps.push({ kind: 'connector', levelId, text: connectorText(end.connector.kind, end.connector.toLevel), metres: 0 });
  } else {
    steps.push({ kind: 'arrive', levelId, text: arriveText(end.arrive), metres: 0 });
  }
  return steps;
}

/** Signed heading change at b going a→b→c, in degrees; positive is a left turn (x east, y north). */
export function turnDegrees(a: Point, b: Point, c: Point): number {
  const h1 = Math.atan2(b[1] - a[1], b[0] - a[0]);
  const h2 = Math.atan2(c[1] - b[1], c[0] - b[0]);
  let d = ((h2 - h1) * 180) / Math.PI;
  while (d > 180) d -= 360;
  while (d < -180) d += 360;
  // atan2 already signs the change; cross() breaks the tie for a U-turn.
  if (Math.abs(d) === 180) d = cross(a, b, c) >= 0 ? 180 : -180;
  return d;
}

const round1 = (m: number) => Math.round(m * 10) / 10;
