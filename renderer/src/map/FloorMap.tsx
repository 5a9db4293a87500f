// The floor map: an SVG the size of its box, one parent <g> carrying the pan/zoom/turn transform, the levels drawn
// so far kept inside it (hidden unless current, so switching back is free), the route and "you are here" on top,
// and the +/−/re-centre buttons over the corner.
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { UiLanguage } from '../../../contracts/config.ts';
import type { Route } from '../../../contracts/venue.ts';
import { localized } from '../i18n/translate.ts';
import { LevelDrawing } from './LevelDrawing.tsx';
import { destinationUnit } from './levelShapes.ts';
import type { MapData } from './mapData.ts';
import { levelBox } from './mapGeometry.ts';
import { useMapText } from './mapStrings.ts';
import { MapSymbols } from './MapSymbols.tsx';
import type { Size } from './mapTransform.ts';
import { RouteLayer } from './RouteLayer.tsx';
import { usePanZoom } from './usePanZoom.ts';

type Props = { data: MapData; levelId: string; route: Route | null; lang: UiLanguage; levelName: (id: string) => string };

const ZOOM_STEP = 1.5;

export function FloorMap({ data, levelId, route, lang, levelName }: Props) {
  const mt = useMapText();
  const box = useRef<HTMLDivElement>(null);
  const group = useRef<SVGGElement>(null);
  const [size, setSize] = useState<Size | null>(null);
  // Levels drawn so far this visit: drawn once, then only shown or hidden.
  const [drawn, setDrawn] = useState<string[]>([levelId]);
  if (!drawn.includes(levelId)) setDrawn([...drawn, levelId]);

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return undefined;
    const measure = () => {
      const r = el.getBoundingClientRect();
      setSize((s) => (s && s.width === Math.round(r.width) && s.height === Math.round(r.height) ? s : { width: Math.round(r.width), height: Math.round(r.height) }));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const destination = useMemo(() => {
    const unit = route ? destinationUnit(data.venue, data.storeByFeature, route.to.ref) : null;
    return unit && route ? { unit, name: route.to.name ? localized(route.to.name, lang) : '' } : null;
  }, [data, route, lang]);

  const level = data.venue.levels.find((l) => l.id === levelId) ?? data.venue.levels[0]!;
  const fitBox = useMemo(() => levelBox(level), [level]);
  // Fitting keeps the right-hand column free for the zoom buttons (their width plus margins, in px from the rem).
  const insets = useMemo(() => {
    const rem = size ? parseFloat(getComputedStyle(document.documentElement).fontSize) || 24 : 24;
    return { top: rem, right: rem * 5.4, bottom: rem, left: rem };
  }, [size]);
  const pz = usePanZoom(group, fitBox, size, data.bearingDeg, insets);

  return (
    <div className="floor-map" ref={box} data-testid="floor-map" data-level-id={levelId}>
      <svg
        className="floor-map__svg"
        width={size?.width ?? 0}
        height={size?.height ?? 0}
        viewBox={size ? `0 0 ${size.width} ${size.height}` : undefined}
        onPointerDown={pz.onPointerDown}
        onPointerMove={pz.onPointerMove}
        onPointerUp={pz.onPointerUp}
        onPointerCancel={pz.onPointerUp}
        role="img"
        aria-label={levelName(levelId)}
      >
        <MapSymbols />
        {/* The one transform that pans, zooms and turns the map (written by usePanZoom, not by React renders). */}
        <g ref={group} data-testid="map-view">
          {drawn.map((id) => <LevelDrawing key={id} data={data} levelId={id} lang={lang} visible={id === levelId} />)}
          <RouteLayer levelId={levelId} route={route} here={data.here} bearingDeg={data.bearingDeg} levelName={levelName} destination={destination} />
        </g>
      </svg>
      <div className="floor-map__controls">
        <button type="button" className="map-control" onClick={() => pz.zoomBy(ZOOM_STEP)} aria-label={mt('zoomIn')} data-testid="map-zoom-in">+</button>
        <button type="button" className="map-control" onClick={() => pz.zoomBy(1 / ZOOM_STEP)} aria-label={mt('zoomOut')} data-testid="map-zoom-out">−</button>
        <button type="button" className="map-control map-control--recentre" onClick={pz.reset} aria-label={mt('recentre')} data-testid="map-recentre">
          <svg viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round">
            <circle cx="12" cy="12" r="4" /><path d="M12 2v4M12 18v4M2 12h4M18 12h4" />
          </svg>
        </button>
      </div>
    </div>
  );
}
