// "What's on": the running promotions as cards. A card with a store finds that store in the directory.
import type { PromotionCard as Promotion } from '../../../contracts/api.ts';
import { useLanguage, useTranslate } from '../i18n/LanguageContext.tsx';
import { localized } from '../i18n/translate.ts';
import { PromotionCard } from './PromotionCard.tsx';

export function PromotionShelf({ promotions, onFindStore }: { promotions: Promotion[]; onFindStore: (storeName: string) => void }) {
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
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
