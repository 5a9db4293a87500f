// "What's on": the running promotions as cards. A card with a store finds that store in the directory, and its
// round pin ("Take me there", its accessible name) opens the map with the route.
import type { PromotionCard as Promotion } from '../../../contracts/api.ts';
import { useLanguage, useTranslate } from '../i18n/LanguageContext.tsx';
import { localized } from '../i18n/translate.ts';
import { PinIcon } from '../ui/icons.tsx';
import { PromotionCard } from './PromotionCard.tsx';

type Props = { promotions: Promotion[]; onFindStore: (storeName: string) => void; onTakeMeThere: ((storeId: string) => void) | null };

export function PromotionShelf({ promotions, onFindStore, onTakeMeThere }: Props) {
  const lang = useLanguage();
  const tr = useTranslate();
  return (
    <section className="shelf" aria-labelledby="shelf-title">
      <h2 className="section-title" id="shelf-title">{tr('whatsOn')}</h2>
      {promotions.length === 0 ? (
        <p className="shelf__empty">{tr('noPromotions')}</p>
      ) : (
        <ul className="shelf__list" data-testid="promotion-list">
          {promotions.map((p) => (
            <li key={p.campaignId} className="shelf__item">
              <PromotionCard promotion={p} onFindStore={p.store ? () => onFindStore(localized(p.store!.name, lang)) : null} />
              {p.store && onTakeMeThere && (
                <button
                  type="button"
                  className="shelf__go"
                  onClick={() => onTakeMeThere(p.store!.id)}
                  aria-label={tr('takeMeThereTo', { name: localized(p.store.name, lang) })}
                  data-testid="promotion-take-me-there"
                  data-store-id={p.store.id}
                >
                  <PinIcon aria-hidden="true" />
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
