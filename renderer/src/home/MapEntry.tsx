// The home screen's way into the map ("地图导航 / Map"): beside the member entry, big enough to find at a glance.
import { useTranslate } from '../i18n/LanguageContext.tsx';
import { PinIcon } from '../ui/icons.tsx';

export function MapEntry({ onOpen, ready }: { onOpen: () => void; ready: boolean }) {
  const tr = useTranslate();
  return (
    <button type="button" className="map-entry" onClick={onOpen} data-testid="map-open" data-ready={ready}>
      <span className="map-entry__icon" aria-hidden="true"><PinIcon /></span>
      <span className="map-entry__text">
        <span className="map-entry__title">{tr('openMap')}</span>
        <span className="map-entry__hint">{tr('openMapHint')}</span>
      </span>
    </button>
  );
}
