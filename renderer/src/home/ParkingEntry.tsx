// The home screen's way into find-my-car and parking payment ("找车 · 缴费"), beside the member and map entries.
import { useTranslate } from '../i18n/LanguageContext.tsx';

export function ParkingEntry({ onOpen }: { onOpen: () => void }) {
  const tr = useTranslate();
  return (
    <button type="button" className="map-entry parking-entry" onClick={onOpen} data-testid="parking-open">
      <span className="map-entry__icon parking-entry__icon" aria-hidden="true">P</span>
      <span className="map-entry__text">
        <span className="map-entry__title">{tr('openParking')}</span>
        <span className="map-entry__hint">{tr('openParkingHint')}</span>
      </span>
    </button>
  );
}
