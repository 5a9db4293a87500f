// The map screen (loaded on demand by app/: React.lazy, warmed when the home screen shows): header with back,
// nearest-facility buttons and the language switch; the level switcher and the floor map; the route panel.
// `target` comes from the session ("Take me there" on a store or promotion, or a facility button here).
import { useCallback, useMemo, useState } from 'react';
import type { UiLanguage } from '../../../contracts/config.ts';
import { useLanguage } from '../i18n/LanguageContext.tsx';
import { LanguageSwitch } from '../i18n/LanguageSwitch.tsx';
import { localized } from '../i18n/translate.ts';
import { FloorMap } from './FloorMap.tsx';
import { LevelSwitcher } from './LevelSwitcher.tsx';
import { useMapData, type MapData } from './mapData.ts';
import { useMapText, type MapStringKey } from './mapStrings.ts';
import { RoutePanel } from './RoutePanel.tsx';
import { routeLevels, type StepTarget } from './routeSteps.ts';
import { useRoute } from './useRoute.ts';
import './map.css';

type Props = {
  target: string | null;
  onTarget: (to: string) => void;
  onClose: () => void;
  onLanguage: (language: UiLanguage) => void;
};

const NEAREST: Array<{ kind: string; label: MapStringKey; icon: string }> = [
  { kind: 'restroom', label: 'restroom', icon: 'restroom' },
  { kind: 'nursing', label: 'nursing', icon: 'nursing' },
  { kind: 'atm', label: 'atm', icon: 'atm' },
  { kind: 'service', label: 'service', icon: 'service' },
];

export default function MapScreen({ target, onTarget, onClose, onLanguage }: Props) {
  const mt = useMapText();
  const load = useMapData();
  return (
    <div className="map-screen" data-testid="map-screen" data-map-status={load.status}>
      <header className="map-header">
        <button type="button" className="map-header__back" onClick={onClose} data-testid="map-back">
          <span aria-hidden="true">‹</span> {mt('back')}
        </button>
        <h1 className="map-header__title">{mt('title')}</h1>
        <LanguageSwitch onLanguage={onLanguage} />
      </header>
      <nav className="map-nearest" aria-label={mt('nearest')}>
        {NEAREST.map((n) => (
          <button
            key={n.kind}
            type="button"
            className={`map-nearest__button${target === `nearest:${n.kind}` ? ' map-nearest__button--on' : ''}`}
            onClick={() => onTarget(`nearest:${n.kind}`)}
            data-testid={`nearest-${n.kind}`}
          >
            <svg className="map-nearest__icon" viewBox="0 0 24 24" aria-hidden="true"><use href={`#map-icon-${n.icon}`} /></svg>
            {mt(n.label)}
          </button>
        ))}
      </nav>
      {load.status === 'ready'
        ? <MapBody key={load.data.sha256} data={load.data} target={target} />
        : <p className="map-screen__message" data-testid="map-message">{mt(load.status === 'loading' ? 'loadingMap' : load.status === 'none' ? 'noMap' : 'mapFailed')}</p>}
    </div>
  );
}

function MapBody({ data, target }: { data: MapData; target: string | null }) {
  const lang = useLanguage();
  const [accessible, setAccessible] = useState(false);
  const route = useRoute(target, accessible);
  const ready = route.status === 'ready' ? route.route : null;
  const start = data.here?.levelId ?? [...data.venue.levels].sort((a, b) => Math.abs(a.ordinal) - Math.abs(b.ordinal))[0]!.id;
  // The level shown and the leg followed; a new route starts again at its first leg (keyed on the route's identity).
  const [view, setView] = useState<{ routeKey: string | null; levelId: string; leg: number }>({ routeKey: null, levelId: start, leg: 0 });
  const routeKey = route.status === 'ready' ? route.key : null;
  if (ready && view.routeKey !== routeKey) setView({ routeKey, levelId: ready.legs[0]!.levelId, leg: 0 });

  const names = useMemo(() => new Map(data.venue.levels.map((l) => [l.id, l.shortName])), [data]);
  const levelName = useCallback((id: string) => { const n = names.get(id); return n ? localized(n, lang) : id; }, [names, lang]);
  const onRoute = useMemo(() => new Set(ready ? routeLevels(ready) : []), [ready]);

  const selectLevel = (levelId: string) => {
    const leg = ready ? ready.legs.findIndex((l) => l.levelId === levelId) : -1;
    setView((v) => ({ ...v, levelId, leg: leg >= 0 ? leg : v.leg }));
  };
  const onStep = (t: StepTarget) => setView((v) => ({ ...v, levelId: t.levelId, leg: t.leg }));

  return (
    <div className="map-body">
      <section className="map-main">
        <LevelSwitcher levels={data.venue.levels} current={view.levelId} onRoute={onRoute} lang={lang} onSelect={selectLevel} />
        <FloorMap data={data} levelId={view.levelId} route={ready} lang={lang} levelName={levelName} />
      </section>
      <RoutePanel state={route} lang={lang} accessible={accessible} onAccessible={setAccessible} leg={view.leg} onStep={onStep} levelName={levelName} />
    </div>
  );
}
