// One level of the map, drawn once: the outline, every unit, the shop names and the icons, in map units. Memoised
// on its inputs, so panning, zooming and switching levels never redraw its paths (FloorMap keeps drawn levels
// mounted and hides the others). Labels and icons turn back by the bearing so they stay upright.
import { memo, useMemo } from 'react';
import type { UiLanguage } from '../../../contracts/config.ts';
import type { MapData } from './mapData.ts';
import { levelShapes } from './levelShapes.ts';
import { QueueMapBadges } from '../queue/QueueMapBadges.tsx';

/** Icon size in metres: ~30 px at the portrait fit. */
const ICON_M = 3.6;

type Props = { data: MapData; levelId: string; lang: UiLanguage; visible: boolean };

export const LevelDrawing = memo(function LevelDrawing({ data, levelId, lang, visible }: Props) {
  const shapes = useMemo(() => levelShapes(data.venue, levelId, data.storeByFeature, lang, data.bearingDeg), [data, levelId, lang]);
  const b = data.bearingDeg;
  return (
    <g className="map-level" data-testid="map-level" data-level-id={levelId} display={visible ? undefined : 'none'}>
      <path className="map-level__outline" d={shapes.outline} fill="#e6dfd3" fillRule="evenodd" />
      {shapes.units.map((u) => (
        <path key={u.id} className={`map-unit map-unit--${u.kind}`} d={u.d} fill={u.fill} fillRule="evenodd" data-unit-id={u.id} />
      ))}
      {shapes.icons.map((i) => (
        <use
          key={`${i.id}-${i.kind}`}
          href={`#map-icon-${i.kind}`}
          x={i.at[0] - ICON_M / 2}
          y={i.at[1] - ICON_M / 2}
          width={ICON_M}
          height={ICON_M}
          transform={b ? `rotate(${b} ${i.at[0]} ${i.at[1]})` : undefined}
          data-icon={i.kind}
        />
      ))}
      {shapes.labels.map((l) => (
        <text
          key={l.id}
          className="map-label"
          x={l.at[0]}
          y={l.at[1]}
          fontSize={l.fontSize}
          textAnchor="middle"
          transform={b ? `rotate(${b} ${l.at[0]} ${l.at[1]})` : undefined}
          data-store-id={l.storeId ?? undefined}
        >
          {l.lines.map((line, i) => (
            // Lines centred on the anchor: the first moves up by half the block, each next one down by a line.
            <tspan key={i} x={l.at[0]} dy={i === 0 ? `${0.35 - (l.lines.length - 1) * 0.6}em` : '1.2em'}>{line}</tspan>
          ))}
        </text>
      ))}
      <QueueMapBadges labels={shapes.labels} bearingDeg={b} />
    </g>
  );
});
