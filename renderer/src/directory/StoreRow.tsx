// One store in the directory: its logo (or colour monogram), name (and the other language's), category, hours, floor and unit,
// and "Take me there" (the map with the route), when the kiosk has a map.
import type { DirectoryStore } from '../../../contracts/api.ts';
import { useLanguage, useTranslate } from '../i18n/LanguageContext.tsx';
import { categoryName, localized, otherLanguage } from '../i18n/translate.ts';
import { PinIcon } from '../ui/icons.tsx';
import { StoreLogo } from './StoreLogo.tsx';
import { QueueStatusLine } from '../queue/QueueStatusLine.tsx';

export function StoreRow({ store, onTakeMeThere }: { store: DirectoryStore; onTakeMeThere: ((storeId: string) => void) | null }) {
  const lang = useLanguage();
  const tr = useTranslate();
  const name = localized(store.name, lang);
  const second = localized(store.name, otherLanguage(lang));
  return (
    <li className="store-row" data-testid="store-row" data-store-id={store.id}>
      <StoreLogo store={store} initial={Array.from(name)[0] ?? ''} />
      <span className="store-row__text">
        <span className="store-row__name" data-testid="store-name">{name}</span>
        <span className="store-row__meta">
          <span className="store-row__category">{categoryName(store.category, lang)}</span>
          {second !== name && <span className="store-row__second">{second}</span>}
          {store.hours && <span className="store-row__hours">{tr('openingHours', { hours: store.hours })}</span>}
        </span>
        {store.queuing && <QueueStatusLine store={store} />}
      </span>
      <span className="store-row__where">
        <span className="store-row__floor" data-testid="store-floor">{store.floor}</span>
        <span className="store-row__unit">{store.unit}</span>
      </span>
      {onTakeMeThere && (
        <button
          type="button"
          className="store-row__go"
          onClick={() => onTakeMeThere(store.id)}
          aria-label={tr('takeMeThereTo', { name })}
          data-testid="take-me-there"
        >
          <PinIcon aria-hidden="true" />
          <span>{tr('takeMeThere')}</span>
        </button>
      )}
    </li>
  );
}
