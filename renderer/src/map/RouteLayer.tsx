// What sits on top of the level: the route's legs on this level (drawn in once by a stroke-dashoffset animation),
// where each leg changes level, the destination, and "you are here" with a small pulsing ring (only that small
// circle animates, never the map).
import type { Point, Route, VenueUnit } from '../../../contracts/venue.ts';
import { chooseLabel } from './labels.ts';
import { polygonsToPath, routePathData, toMap } from './mapGeometry.ts';
import { useMapText } from './mapStrings.ts';

type Props = {
  levelId: string;
  route: Route | null;
  here: { levelId: string; point: Point } | null;
  bearingDeg: number;
  /** Short level names by id, for the "to 5F" tag at a connector. */
  levelName: (levelId: string) => string;
  /** The unit the route ends in, drawn highlighted with its name (the pin stands above the name, not on it). */
  destination: { unit: VenueUnit; name: string } | null;
};

export function RouteLayer({ levelId, route, here, bearingDeg, levelName, destination }: Props) {
  const mt = useMapText();
  const upright = (p: readonly [number, number]) => (bearingDeg ? `rotate(${bearingDeg} ${p[0]} ${p[1]})` : undefined);
  const legs = route ? route.legs.map((leg, index) => ({ leg, index })).filter((l) => l.leg.levelId === levelId) : [];
  const endUnit = route && destination && destination.unit.levelId === levelId ? destination : null;
  const fitted = endUnit ? chooseLabel(endUnit.name, endUnit.unit.polygons, route!.to.point, bearingDeg) : null;
  // Drawn over the route's end; a name too small to read there is left to the panel's title.
  const endLabel = fitted && fitted.fontSize >= 1.6 ? fitted : null;
  // The pin's tip: just above the name when there is one, else on the route's end.
  const end = route && route.to.levelId === levelId
    ? (endLabel ? [endLabel.at[0], endLabel.at[1] - endLabel.fontSize * (0.5 + 0.6 * endLabel.lines.length)] as const : toMap(route.to.point))
    : null;
  const me = here && here.levelId === levelId ? toMap(here.point) : null;
  return (
    <g className="map-overlay">
      {endUnit && (
        <g className="map-destination-unit" data-testid="route-destination-unit">
          <path d={polygonsToPath(endUnit.unit.polygons)} fillRule="evenodd" />
        </g>
      )}
      {legs.map(({ leg, index }) => {
        const d = routePathData(leg.path);
        // Keyed by the route's identity, so a new route draws itself in again.
        const key = `${route!.to.ref}-${route!.accessible ? 1 : 0}-${index}`;
        return (
          <g key={key} data-testid="route-leg" data-level-id={leg.levelId} data-leg={index}>
            <path className="map-route__casing" d={d} />
            <path className="map-route" d={d} pathLength={100} data-testid="route-line" />
          </g>
        );
      })}
      {legs.filter(({ leg }) => leg.connector).map(({ leg, index }) => {
        const at = toMap(leg.path.at(-1)!);
        return (
          <g key={`c${index}`} className="map-connector" transform={upright(at)} data-testid="route-connector">
            <use href={`#map-icon-${leg.connector!.kind === 'ramp' ? 'stairs' : leg.connector!.kind}`} x={at[0] - 2.6} y={at[1] - 2.6} width={5.2} height={5.2} />
            <text className="map-connector__tag" x={at[0]} y={at[1] - 3.6} textAnchor="middle">{levelName(leg.connector!.toLevelId)}</text>
          </g>
        );
      })}
      {endLabel && (
        <text className="map-label map-label--destination" x={endLabel.at[0]} y={endLabel.at[1]} fontSize={endLabel.fontSize} textAnchor="middle" transform={upright(endLabel.at)}>
          {endLabel.lines.map((line, i) => (
            <tspan key={i} x={endLabel.at[0]} dy={i === 0 ? `${0.35 - (endLabel.lines.length - 1) * 0.6}em` : '1.2em'}>{line}</tspan>
          ))}
        </text>
      )}
      {end && (
        <g className="map-destination" transform={upright(end)} data-testid="route-destination">
          <path d={`M${end[0]} ${end[1]}l-2.2 -3.6a2.6 2.6 0 1 1 4.4 0z`} className="map-destination__pin" />
          <circle cx={end[0]} cy={end[1] - 5.2} r={1} fill="#fff" />
        </g>
      )}
      {me && (
        <g className="map-here" data-testid="you-are-here" transform={upright(me)}>
          <circle className="map-here__pulse" cx={me[0]} cy={me[1]} r={1.6} />
          <circle className="map-here__dot" cx={me[0]} cy={me[1]} r={1.6} />
          <text className="map-here__label" x={me[0]} y={me[1] + 4.6} textAnchor="middle">{mt('youAreHere')}</text>
        </g>
      )}
    </g>
  );
}
