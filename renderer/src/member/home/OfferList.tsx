// "For you": the offers the agent's decision engine chose, each with the reason it was chosen and one big
// button (claim, or exchange points).
import type { Offer } from '../../../../contracts/members.ts';
import { formatPoints } from '../../format/dates.ts';
import { useLanguage, useTranslate } from '../../i18n/LanguageContext.tsx';
import { localized } from '../../i18n/translate.ts';
import { SparkleIcon } from '../../ui/icons.tsx';
import { CouponFace } from './CouponFace.tsx';

type Props = { offers: Offer[]; busyCouponId: string | null; onTake: (offer: Offer) => void };

export function OfferList({ offers, busyCouponId, onTake }: Props) {
  const tr = useTranslate();
  const lang = useLanguage();
  return (
    <section className="member-section member-section--offers" data-testid="offers">
      <h2 className="section-title">{tr('forYou')}</h2>
      {offers.length === 0 ? (
        <p className="member-section__empty" data-testid="offers-empty">{tr('noOffers')}</p>
      ) : (
        <ul className="offer-list">
          {offers.map((offer) => {
            const exchange = offer.action === 'exchange';
            const busy = busyCouponId === offer.couponId;
            return (
              <li key={`${offer.ruleId}:${offer.couponId}`} className={exchange ? 'offer offer--exchange' : 'offer'} data-testid="offer" data-coupon-id={offer.couponId} data-action={offer.action} data-points-cost={offer.pointsCost}>
                <CouponFace coupon={offer} stubLabel={exchange ? tr('pointsCost', { points: formatPoints(offer.pointsCost) }) : tr('stockLeft', { count: offer.stockLeft })}>
                  <p className="offer__reason" data-testid="offer-reason">
                    <span className="offer__reason-label"><SparkleIcon /> {tr('whyThisOffer')}</span>
                    <span>{localized(offer.reason, lang)}</span>
                  </p>
                </CouponFace>
                <button
                  type="button"
                  className={exchange ? 'offer__take offer__take--exchange' : 'offer__take'}
                  disabled={busy}
                  onClick={() => onTake(offer)}
                  data-testid="offer-take"
                >
                  {busy ? tr('claiming') : exchange ? tr('exchangeFor', { points: formatPoints(offer.pointsCost) }) : tr('claim')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
