// The attract loop: one promotion at a time, full screen, changing every `intervalSec`, with an invitation to
// touch. Any input anywhere leaves it (the session listens on the whole window); while `leaving`, it is
// transparent and still catches the click that ends the first touch.
import { useEffect, useState } from 'react';
import type { LocalizedText } from '../../../contracts/catalog.ts';
import type { PromotionCard } from '../../../contracts/api.ts';
import { useLanguage } from '../i18n/LanguageContext.tsx';
import { strings } from '../i18n/strings.ts';
import { localized, otherLanguage, pick } from '../i18n/translate.ts';
import { TouchIcon } from '../ui/icons.tsx';
import { MallMark } from '../ui/MallMark.tsx';
import { PromotionSlide, WelcomeSlide } from './PromotionSlide.tsx';
import { nextSlideIndex } from './rotation.ts';
import './attract.css';

type Props = { mallName: LocalizedText; promotions: PromotionCard[]; loading: boolean; intervalSec: number; leaving: boolean };

export function AttractScreen({ mallName, promotions, loading, intervalSec, leaving }: Props) {
  const lang = useLanguage();
  const second = otherLanguage(lang);
  const [index, setIndex] = useState(0);
  const count = promotions.length;
  const current = count > 0 ? index % count : 0;

  useEffect(() => {
    if (count < 2 || leaving) return undefined;
    const timer = setInterval(() => setIndex((i) => nextSlideIndex(i % count, count)), intervalSec * 1000);
    return () => clearInterval(timer);
  }, [count, intervalSec, leaving]);

  return (
    <section className={leaving ? 'attract attract--leaving' : 'attract'} data-testid="attract" aria-label={pick(strings.touchToStart, lang)}>
      <div className="attract__slides">
        {count === 0
          ? !loading && <WelcomeSlide mallName={mallName} />
          : promotions.map((p, i) => <PromotionSlide key={p.campaignId} promotion={p} active={i === current} intervalSec={intervalSec} />)}
      </div>

      <header className="attract__brand">
        <MallMark className="attract__mark" />
        <span className="attract__mall">{localized(mallName, lang)}</span>
        {localized(mallName, second) !== localized(mallName, lang) && <span className="attract__mall-second">{localized(mallName, second)}</span>}
      </header>

      {count > 1 && (
        <ol className="attract__dots" aria-hidden="true">
          {promotions.map((p, i) => (
            <li key={p.campaignId} className={i === current ? 'attract__dot attract__dot--on' : 'attract__dot'} />
          ))}
        </ol>
      )}

      <footer className="attract__invite" data-testid="attract-invite">
        <span className="attract__touch" aria-hidden="true">
          <span className="attract__pulse" />
          <TouchIcon className="attract__touch-icon" />
        </span>
        <span className="attract__invite-text">
          <span className="attract__invite-main">{pick(strings.touchToStart, lang)}</span>
          <span className="attract__invite-second">{pick(strings.touchToStart, second)}</span>
        </span>
      </footer>
    </section>
  );
}
