// Touch pan (one pointer) and pinch zoom (two), plus the +/−/re-centre buttons' moves, applied by writing ONE
// transform attribute on the map's parent <g>: no React render per frame, so the paths underneath are never
// re-rendered while a finger moves. The maths is in mapTransform.ts.
import { useLayoutEffect, useRef, type PointerEvent as ReactPointerEvent, type RefObject } from 'react';
import { clampPan, fitView, panBy, pinch, transformAttr, zoomAbout, zoomLimits, type Box, type Insets, type Size, type Vec, type View } from './mapTransform.ts';

type Gesture = { view: View; a: Vec; b: Vec; ids: [number, number] } | null;

export type PanZoom = {
  onPointerDown: (e: ReactPointerEvent<SVGSVGElement>) => void;
  onPointerMove: (e: ReactPointerEvent<SVGSVGElement>) => void;
  onPointerUp: (e: ReactPointerEvent<SVGSVGElement>) => void;
  zoomBy: (factor: number) => void;
  reset: () => void;
};

/** `box`: what to fit (the level); `size`: the SVG's pixel size (null until measured); `insets`: room kept free when fitting. */
export function usePanZoom(group: RefObject<SVGGElement | null>, box: Box, size: Size | null, bearingDeg: number, insets: Insets): PanZoom {
  const view = useRef<View>({ scale: 1, tx: 0, ty: 0 });
  const pointers = useRef(new Map<number, Vec>());
  const gesture = useRef<Gesture>(null);

  const apply = (next: View) => {
    view.current = size ? clampPan(next, box, size, bearingDeg) : next;
    group.current?.setAttribute('transform', transformAttr(view.current, bearingDeg));
  };
  const reset = () => { if (size) apply(fitView(box, size, bearingDeg, insets)); };
  const limits = () => zoomLimits(size ? fitView(box, size, bearingDeg, insets) : view.current);

  // A new size or level (or bearing) starts from the whole level, before the browser paints. Written out here
  // rather than calling reset(), so only those inputs (not every render) bring the view back.
  useLayoutEffect(() => {
    if (!size) return;
    view.current = fitView(box, size, bearingDeg, insets);
    group.current?.setAttribute('transform', transformAttr(view.current, bearingDeg));
  }, [group, box, size, bearingDeg, insets]);

  const local = (e: ReactPointerEvent<SVGSVGElement>): Vec => {
    const r = e.currentTarget.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  };

  const startPinchIfTwo = () => {
    const entries = [...pointers.current.entries()];
    if (entries.length >= 2) {
      const [[ia, a], [ib, b]] = entries as [[number, Vec], [number, Vec]];
      gesture.current = { view: view.current, a, b, ids: [ia, ib] };
    } else gesture.current = null;
  };

  const onPointerDown = (e: ReactPointerEvent<SVGSVGElement>) => {
    // Capture keeps the drag ours when the finger slides over a button or off the map.
    e.currentTarget.setPointerCapture?.(e.pointerId);
    pointers.current.set(e.pointerId, local(e));
    startPinchIfTwo();
  };

  const onPointerMove = (e: ReactPointerEvent<SVGSVGElement>) => {
    const last = pointers.current.get(e.pointerId);
    if (!last) return;
    const p = local(e);
    pointers.current.set(e.pointerId, p);
    const g = gesture.current;
    if (g && pointers.current.has(g.ids[0]) && pointers.current.has(g.ids[1])) {
      apply(pinch(g.view, g.a, g.b, pointers.current.get(g.ids[0])!, pointers.current.get(g.ids[1])!, limits()));
    } else if (pointers.current.size === 1) {
      apply(panBy(view.current, p[0] - last[0], p[1] - last[1]));
    }
  };

  const onPointerUp = (e: ReactPointerEvent<SVGSVGElement>) => {
    pointers.current.delete(e.pointerId);
    // One finger lifted from a pinch: the other carries on as a pan from where it is; a third finger re-bases the pinch.
    startPinchIfTwo();
  };

  const zoomBy = (factor: number) => {
    if (size) apply(zoomAbout(view.current, factor, [size.width / 2, size.height / 2], limits()));
  };

  return { onPointerDown, onPointerMove, onPointerUp, zoomBy, reset };
}
