// One promotion on the home screen: the campaign's gradient, its title, the coupon and where it is.
import type { CSSProperties } from 'react';
import type { PromotionCard as Promotion } from '../../../contracts/api.ts';
import { promotionText } from '../attract/promotionText.ts';
import { safeColours, textToneFor } from '../format/colours.ts';
import { useLanguage, useTranslate } from '../i18n/LanguageContext.tsx';
import { ChevronIcon } from '../ui/icons.tsx';

export function PromotionCard({ promotion, onFindStore }: { promotion: Promotion; onFindStore: (() => void) | null }) {
  const lang = useLanguage();
  const tr = useTranslate();
  const text = promotionText(promotion, lang);
  const [from, to] = safeColours(promotion.colours);
  const style = { '--art-from': from, '--art-to': to } as CSSProperties;
  const className = `promo-card promo-card--${textToneFor(promotion.colours)}`;
  const body = (
    <>
      <span className="promo-card__where">{promotion.store ? `${text.where} · ${promotion.store.floor}` : text.where}</span>
      <span className="promo-card__title">{text.title}</span>
      <span className="promo-card__subtitle">{text.subtitle}</span>
      <span className="promo-card__foot">
        {text.coupon && <span className="promo-card__coupon">{text.coupon.value}</span>}
        {onFindStore ? (
          <span className="promo-card__find" aria-hidden="true"><ChevronIcon /></span>
        ) : text.endsOn && <span className="promo-card__ends">{text.endsOn}</span>}
      </span>
    </>
  );
  return onFindStore ? (
    <button
      type="button"
      className={className}
      style={style}
      aria-label={`${text.title}. ${tr('findThisStore')}: ${text.where}`}
      data-testid="promotion-card"
      data-campaign-id={promotion.campaignId}
      onClick={onFindStore}
    >
      {body}
    </button>
  ) : (
    <div className={className} style={style} data-testid="promotion-card" data-campaign-id={promotion.campaignId}>
      {body}
    </div>
  );
}
