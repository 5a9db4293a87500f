// One full-screen promotion of the attract loop: gradient art from the campaign colours, the big title, the
// coupon headline, and where to find the store.
import type { CSSProperties } from 'react';
import type { PromotionCard } from '../../../contracts/api.ts';
import type { LocalizedText } from '../../../contracts/catalog.ts';
import { safeColours, textToneFor } from '../format/colours.ts';
import { useLanguage } from '../i18n/LanguageContext.tsx';
import { strings } from '../i18n/strings.ts';
import { localized, otherLanguage, pick } from '../i18n/translate.ts';
import { ClockIcon, PinIcon, TicketIcon } from '../ui/icons.tsx';
import { promotionText } from './promotionText.ts';

type Props = { promotion: PromotionCard; active: boolean; intervalSec: number };

export function PromotionSlide({ promotion, active, intervalSec }: Props) {
  const lang = useLanguage();
  const text = promotionText(promotion, lang);
  const secondTitle = localized(promotion.title, otherLanguage(lang));
  const [from, to] = safeColours(promotion.colours);
  const style = { '--art-from': from, '--art-to': to, '--slide-ms': `${intervalSec * 1000}ms` } as CSSProperties;
  return (
    <article
      className={`slide slide--${textToneFor(promotion.colours)}${active ? ' slide--active' : ''}`}
      style={style}
      data-testid="attract-slide"
      data-campaign-id={promotion.campaignId}
      data-active={active}
      aria-hidden={!active}
    >
      <div className="slide__art" aria-hidden="true">
        <span className="slide__orb slide__orb--one" />
        <span className="slide__orb slide__orb--two" />
        <span className="slide__orb slide__orb--three" />
      </div>
      <div className="slide__content">
        <p className="slide__where">{text.where}</p>
        <h1 className="slide__title">{text.title}</h1>
        {secondTitle !== text.title && <p className="slide__title-second">{secondTitle}</p>}
        <p className="slide__subtitle">{text.subtitle}</p>
        {text.coupon && (
          <div className="slide__coupon">
            <TicketIcon className="slide__coupon-icon" />
            <span className="slide__coupon-value">{text.coupon.value}</span>
            {text.coupon.membersOnly && <span className="slide__coupon-tag">{pick(strings.membersOnly, lang)}</span>}
          </div>
        )}
        <div className="slide__facts">
          {text.location && (
            <span className="slide__fact"><PinIcon /> {text.location}</span>
          )}
          {text.endsOn && (
            <span className="slide__fact"><ClockIcon /> {text.endsOn}</span>
          )}
        </div>
      </div>
      {active && <span className="slide__progress" aria-hidden="true" />}
    </article>
  );
}

/** Shown when no campaign is running: the mall itself, warmly. */
export function WelcomeSlide({ mallName }: { mallName: LocalizedText }) {
  const lang = useLanguage();
  return (
    <article className="slide slide--light slide--active slide--welcome" data-testid="attract-slide" data-campaign-id="" data-active="true">
      <div className="slide__art" aria-hidden="true">
        <span className="slide__orb slide__orb--one" />
        <span className="slide__orb slide__orb--two" />
      </div>
      <div className="slide__content">
        <p className="slide__where">{pick(strings.attractWelcome, lang)}</p>
        <h1 className="slide__title">{localized(mallName, lang)}</h1>
        <p className="slide__subtitle">{pick(strings.attractWelcomeSub, lang)}</p>
      </div>
    </article>
  );
}
