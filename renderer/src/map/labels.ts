// Where a shop's name goes and how big: inside its unit, one or two lines, as large as fits (up to a cap) and
// never smaller than can be read, in which case the label is left out rather than spilling onto the neighbours.
// Pure, so it is unit-tested without a browser.
import type { Point, Polygon } from '../../../contracts/venue.ts';
import { inRing } from '../../../common/geo.ts';
import { polygonsBox, toMap } from './mapGeometry.ts';
import { rotatedBox, type Vec } from './mapTransform.ts';

export type Label = { at: Vec; fontSize: number; lines: string[] };

/** Font sizes in metres: 2.2 m is ~16 px at the portrait fit (7.5 px/m); below 1.1 m it is unreadable there. */
export const LABEL_MAX_M = 2.2;
export const LABEL_MIN_M = 1.1;
const LINE_HEIGHT = 1.2;

/** Rough advance widths in em: CJK ideographs are square; Latin text averages a little over half an em. */
export function textWidthEm(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(ch) ? 1 : ch === ' ' ? 0.3 : 0.56;
  return w;
}

/** Splits at the space that best balances two lines; text with no space stays one line. */
export function twoLines(text: string): [string, string] | null {
  const spaces = [...text.matchAll(/ /g)].map((m) => m.index);
  if (spaces.length === 0) return null;
  let best: [string, string] | null = null;
  let bestWidth = Infinity;
  for (const i of spaces) {
    const pair: [string, string] = [text.slice(0, i), text.slice(i + 1)];
    const w = Math.max(textWidthEm(pair[0]), textWidthEm(pair[1]));
    if (w < bestWidth) { best = pair; bestWidth = w; }
  }
  return best;
}

/** Ray casting on the outer ring, in venue metres (common/geo.ts). */
export const insideRing = inRing;

/**
 * The label for `text` in a unit: at its display point when that is inside the unit (else the middle of its box),
 * sized to the unit's box as the screen shows it (turned by the bearing, since labels stay upright).
 */
export function chooseLabel(text: string, polygons: readonly Polygon[], displayPoint: Point, bearingDeg: number): Label | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const box = rotatedBox(polygonsBox(polygons), bearingDeg);
  const width = (box.maxX - box.minX) * 0.86;
  const height = (box.maxY - box.minY) * 0.8;
  const outer = polygons[0]?.[0] ?? [];
  const at: Vec = insideRing(displayPoint, outer)
    ? toMap(displayPoint)
    : rotateBack([(box.minX + box.maxX) / 2, (box.minY + box.maxY) / 2], bearingDeg);

  const candidates: string[][] = [[trimmed]];
  const split = twoLines(trimmed);
  if (split) candidates.push(split);
  let best: Label | null = null;
  for (const lines of candidates) {
    const em = Math.max(...lines.map(textWidthEm));
    const fontSize = Math.min(LABEL_MAX_M, width / em, height / (lines.length * LINE_HEIGHT));
    if (fontSize >= LABEL_MIN_M && (!best || fontSize > best.fontSize + 0.05)) best = { at, fontSize: Math.round(fontSize * 100) / 100, lines };
  }
  return best;
}

/** From the turned frame back to map units (the inverse of mapTransform's rotate). */
function rotateBack(p: Vec, bearingDeg: number): Vec {
  const a = (bearingDeg * Math.PI) / 180;
  return [p[0] * Math.cos(a) - p[1] * Math.sin(a), p[0] * Math.sin(a) + p[1] * Math.cos(a)];
}
