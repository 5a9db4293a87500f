// The map's view as plain numbers, and the maths of moving it: fit a level to the screen, zoom about a point,
// pan, pinch (two pointers), clamp. Pure, so it is unit-tested without a browser.
//
// Coordinates: the level is drawn in "map units" (metres east as x, metres SOUTH as y: mapGeometry.ts flips north
// so SVG's y-down works). One transform on a parent <g> takes map units to screen pixels:
//   screen = translate(tx, ty) · scale(s) · rotate(-bearing) · mapPoint
// rotate(-bearing) turns the way the screen faces (bearingDeg, clockwise from north) to the top of the screen.

export type Vec = readonly [number, number];
export type Box = { minX: number; minY: number; maxX: number; maxY: number };
export type Size = { width: number; height: number };
/** Scale (screen px per metre) and translation (px). */
export type View = { scale: number; tx: number; ty: number };
/** The zoom range, in screen px per metre. */
export type ZoomLimits = { min: number; max: number };

/** Rotates a map point by -bearing (the screen's turn), in SVG's y-down sense. */
export function rotate(p: Vec, bearingDeg: number): Vec {
  const a = (-bearingDeg * Math.PI) / 180;
  const c = Math.cos(a);
  const s = Math.sin(a);
  return [p[0] * c - p[1] * s, p[0] * s + p[1] * c];
}

/** Where a map point lands on the screen under `view`. */
export function toScreen(view: View, bearingDeg: number, p: Vec): Vec {
  const r = rotate(p, bearingDeg);
  return [view.tx + view.scale * r[0], view.ty + view.scale * r[1]];
}

/** The bounding box of `box` after the screen's turn (still in map units). */
export function rotatedBox(box: Box, bearingDeg: number): Box {
  const corners: Vec[] = [[box.minX, box.minY], [box.maxX, box.minY], [box.maxX, box.maxY], [box.minX, box.maxY]];
  const r = corners.map((c) => rotate(c, bearingDeg));
  return {
    minX: Math.min(...r.map((p) => p[0])), maxX: Math.max(...r.map((p) => p[0])),
    minY: Math.min(...r.map((p) => p[1])), maxY: Math.max(...r.map((p) => p[1])),
  };
}

/** Room kept free at each edge when fitting, in px (e.g. on the right for the zoom buttons). */
export type Insets = { top: number; right: number; bottom: number; left: number };

/** The view that shows the whole of `box` in the viewport less `insets`, centred there. */
export function fitView(box: Box, viewport: Size, bearingDeg: number, insets: Insets = { top: 24, right: 24, bottom: 24, left: 24 }): View {
  const r = rotatedBox(box, bearingDeg);
  const w = Math.max(r.maxX - r.minX, 1);
  const h = Math.max(r.maxY - r.minY, 1);
  const availW = viewport.width - insets.left - insets.right;
  const availH = viewport.height - insets.top - insets.bottom;
  const scale = Math.max(Math.min(availW / w, availH / h), 1e-3);
  return {
    scale,
    tx: insets.left + availW / 2 - scale * (r.minX + r.maxX) / 2,
    ty: insets.top + availH / 2 - scale * (r.minY + r.maxY) / 2,
  };
}

/** A shopper may zoom out a little past "whole level" and in to 5x it. */
export function zoomLimits(fit: View): ZoomLimits {
  return { min: fit.scale * 0.75, max: fit.scale * 5 };
}

export function clampScale(scale: number, limits: ZoomLimits): number {
  return Math.min(limits.max, Math.max(limits.min, scale));
}

/** Zooms by `factor` keeping the map point under `centre` (screen px) where it is; the scale is clamped. */
export function zoomAbout(view: View, factor: number, centre: Vec, limits: ZoomLimits): View {
  const scale = clampScale(view.scale * factor, limits);
  const k = scale / view.scale;
  return { scale, tx: centre[0] - (centre[0] - view.tx) * k, ty: centre[1] - (centre[1] - view.ty) * k };
}

export function panBy(view: View, dx: number, dy: number): View {
  return { ...view, tx: view.tx + dx, ty: view.ty + dy };
}

/**
 * Two fingers: `start` is the view when the second finger went down, `a0`/`b0` the fingers then, `a1`/`b1` now.
 * The scale follows the fingers' spread (clamped) and the map point under the first midpoint follows the midpoint.
 */
export function pinch(start: View, a0: Vec, b0: Vec, a1: Vec, b1: Vec, limits: ZoomLimits): View {
  const d0 = Math.max(Math.hypot(b0[0] - a0[0], b0[1] - a0[1]), 1);
  const d1 = Math.hypot(b1[0] - a1[0], b1[1] - a1[1]);
  const scale = clampScale(start.scale * (d1 / d0), limits);
  const m0: Vec = [(a0[0] + b0[0]) / 2, (a0[1] + b0[1]) / 2];
  const m1: Vec = [(a1[0] + b1[0]) / 2, (a1[1] + b1[1]) / 2];
  const k = scale / start.scale;
  return { scale, tx: m1[0] - (m0[0] - start.tx) * k, ty: m1[1] - (m0[1] - start.ty) * k };
}

/**
 * Keeps some of the level on screen: the level's (turned) box may not move further than `keep` px inside any edge,
 * so a wild swipe never leaves the shopper looking at nothing.
 */
export function clampPan(view: View, box: Box, viewport: Size, bearingDeg: number, keep = 120): View {
  const r = rotatedBox(box, bearingDeg);
  const left = view.tx + view.scale * r.minX;
  const right = view.tx + view.scale * r.maxX;
  const top = view.ty + view.scale * r.minY;
  const bottom = view.ty + view.scale * r.maxY;
  const k = Math.min(keep, viewport.width / 2, viewport.height / 2);
  let { tx, ty } = view;
  if (right < k) tx += k - right;
  if (left > viewport.width - k) tx -= left - (viewport.width - k);
  if (bottom < k) ty += k - bottom;
  if (top > viewport.height - k) ty -= top - (viewport.height - k);
  return tx === view.tx && ty === view.ty ? view : { ...view, tx, ty };
}

/** The view moved so map point `p` sits at the viewport's centre (same scale). */
export function centreOn(view: View, p: Vec, viewport: Size, bearingDeg: number): View {
  const r = rotate(p, bearingDeg);
  return { ...view, tx: viewport.width / 2 - view.scale * r[0], ty: viewport.height / 2 - view.scale * r[1] };
}

/** The parent <g>'s transform attribute. Rounded: long decimals cost parse time on every frame of a gesture. */
export function transformAttr(view: View, bearingDeg: number): string {
  const f = (n: number) => Math.round(n * 1000) / 1000;
  return `translate(${f(view.tx)} ${f(view.ty)}) scale(${f(view.scale)}) rotate(${f(-bearingDeg)})`;
}
