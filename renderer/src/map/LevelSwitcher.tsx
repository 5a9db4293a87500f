// B1 … 6F as big buttons: the level on screen is highlighted, and the levels the route walks on carry a dot.
import type { UiLanguage } from '../../../contracts/config.ts';
import type { VenueLevel } from '../../../contracts/venue.ts';
import { localized } from '../i18n/translate.ts';
import { useMapText } from './mapStrings.ts';

type Props = { levels: readonly VenueLevel[]; current: string; onRoute: ReadonlySet<string>; lang: UiLanguage; onSelect: (levelId: string) => void };

export function LevelSwitcher({ levels, current, onRoute, lang, onSelect }: Props) {
  const mt = useMapText();
  const sorted = [...levels].sort((a, b) => a.ordinal - b.ordinal);
  return (
    <div className="level-switcher" role="group" aria-label={mt('levels')} data-testid="level-switcher">
      {sorted.map((l) => {
        const name = localized(l.shortName, lang);
        const routed = onRoute.has(l.id);
        return (
          <button
            key={l.id}
            type="button"
            className={`level-switcher__level${l.id === current ? ' level-switcher__level--on' : ''}${routed ? ' level-switcher__level--route' : ''}`}
            aria-pressed={l.id === current}
            aria-label={routed ? `${name} · ${mt('routeOnLevel')}` : name}
            data-testid={`level-${l.shortName.zh}`}
            data-on-route={routed}
            onClick={() => onSelect(l.id)}
          >
            {name}
            {routed && <span className="level-switcher__dot" aria-hidden="true" />}
          </button>
        );
      })}
    </div>
  );
}
