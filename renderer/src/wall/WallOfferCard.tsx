// The coupon the agent picked for this mood: what it is worth, where, why, and the QR that claims it in the
// mall's mini-program.
import { useLayoutEffect } from 'react';
import type { WallOffer } from '../../../contracts/wall.ts';
import { formatFen } from '../format/money.ts';
import { useLanguage } from '../i18n/LanguageContext.tsx';
import { localized, otherLanguage } from '../i18n/translate.ts';
import { OFFER_SHOWN_MARK } from './useWall.ts';
import { WallQr } from './WallQr.tsx';
import { Words } from './words.tsx';

export function WallOfferCard({ offer }: { offer: WallOffer }) {
  const lang = useLanguage();
  const second = otherLanguage(lang);
  const title = localized(offer.title, lang);
  const titleSecond = localized(offer.title, second);
  const store = offer.store;

  // For the bench: the first frame painted with a coupon on it.
  useLayoutEffect(() => {
    requestAnimationFrame(() => { if (performance.getEntriesByName(OFFER_SHOWN_MARK).length === 0) performance.mark(OFFER_SHOWN_MARK); });
  }, []);

  return (
    <section className="wall-offer" data-testid="wall-offer" data-coupon-id={offer.couponId} data-rule-id={offer.ruleId}>
      <Words k="offerFor" className="wall-offer__kicker" />
      <div className="wall-offer__ticket">
        <div className="wall-offer__value">
          <span className="wall-offer__amount">{formatFen(offer.valueFen)}</span>
          <Words
            k={offer.minSpendFen > 0 ? 'minSpend' : 'noMinSpend'}
            values={{ amount: formatFen(offer.minSpendFen) }}
            className="wall-offer__condition"
          />
        </div>
        <div className="wall-offer__details">
          <h2 className="wall-offer__title" data-testid="wall-offer-title">{title}</h2>
          {titleSecond !== title && <p className="wall-offer__title-second">{titleSecond}</p>}
          {store && (
            <p className="wall-offer__store">
              {localized(store.name, lang)} · {store.unit.startsWith(store.floor) ? store.unit : `${store.floor} ${store.unit}`}
            </p>
          )}
          <p className="wall-offer__reason">
            {localized(offer.reason, lang)}
            {localized(offer.reason, second) !== localized(offer.reason, lang) && <span className="wall-offer__reason-second">{localized(offer.reason, second)}</span>}
          </p>
        </div>
      </div>
      <div className="wall-offer__claim">
        <WallQr text={offer.claimUrl} />
        <Words k="scanToClaim" className="wall-offer__scan" />
      </div>
    </section>
  );
}
