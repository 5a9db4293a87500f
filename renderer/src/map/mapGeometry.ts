// The venue's local metres (x east, y north) as SVG path data in map units (x east, y south: SVG's y grows down),
// and the few measurements the map needs. Pure, so it is unit-tested without a browser.
import type { Point, Polygon, VenueLevel } from '../../../contracts/venue.ts';
import type { Box, Vec } from './mapTransform.ts';

/** North up becomes SVG up: flip y. */
export function toMap(p: Point | Vec): Vec {
  return [p[0], -p[1] === 0 ? 0 : -p[1]];
}

/** One decimal (10 cm) is finer than any kiosk pixel at the zoom limits, and keeps the DOM small. */
function n(v: number): string {
  return String(Math.round(v * 10) / 10);
}

/** Polygons (outer ring, then holes) as one path; draw with fill-rule evenodd so holes stay holes. */
export function polygonsToPath(polygons: readonly Polygon[]): string {
  const parts: string[] = [];
  for (const polygon of polygons) {
    for (const ring of polygon) {
      // The ring repeats its first point last; Z closes it instead.
      const pts = ring.length > 1 && ring[0]![0] === ring.at(-1)![0] && ring[0]![1] === ring.at(-1)![1] ? ring.slice(0, -1) : ring;
      if (pts.length < 3) continue;
      parts.push('M' + pts.map((p) => { const m = toMap(p); return `${n(m[0])} ${n(m[1])}`; }).join('L') + 'Z');
    }
  }
  return parts.join('');
}

/** A route leg's path as an open polyline; a one-point leg (start and end in one place) becomes a dot-length line. */
export function routePathData(path: readonly Point[]): string {
  if (path.length === 0) return '';
  const pts = path.map(toMap);
  if (pts.length === 1) pts.push([pts[0]![0] + 0.01, pts[0]![1]]);
  // Consecutive duplicates draw nothing and confuse stroke joins.
  const kept = pts.filter((p, i) => i === 0 || p[0] !== pts[i - 1]![0] || p[1] !== pts[i - 1]![1]);
  return 'M' + kept.map((p) => `${n(p[0])} ${n(p[1])}`).join('L');
}

/** The path's length in metres (for the one-off drawing animation's dash). */
export function pathLength(path: readonly Point[]): number {
  let total = 0;
  for (let i = 1; i < path.length; i++) total += Math.hypot(path[i]![0] - path[i - 1]![0], path[i]![1] - path[i - 1]![1]);
  return total;
}

/** Bounding box in map units of polygons (only outer rings count). */
export function polygonsBox(polygons: readonly Polygon[]): Box {
  const box = { minX: Infinity, minY: Infinity, maxX: -Infinity, maxY: -Infinity };
  for (const polygon of polygons) {
    for (const p of polygon[0] ?? []) {
      const [x, y] = toMap(p);
      box.minX = Math.min(box.minX, x); box.maxX = Math.max(box.maxX, x);
      box.minY = Math.min(box.minY, y); box.maxY = Math.max(box.maxY, y);
    }
  }
  return Number.isFinite(box.minX) ? box : { minX: -1, minY: -1, maxX: 1, maxY: 1 };
}

export function levelBox(level: VenueLevel): Box {
  return polygonsBox(level.outline);
}

/** A light tint of a brand colour (`amount` of the way to white), so dark text reads on any shop. */
export function tint(hex: string, amount = 0.72): string {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) return '#ece7df';
  const v = parseInt(m[1]!, 16);
  const mix = (c: number) => Math.round(c + (255 - c) * amount).toString(16).padStart(2, '0');
  return `#${mix((v >> 16) & 255)}${mix((v >> 8) & 255)}${mix(v & 255)}`;
}
