// The wall without its camera (switched off by configuration, model missing or broken, no camera): the mall's
// promotions in turn, landscape, and no camera prompt at all.
import { useEffect, useState } from 'react';
import type { PromotionCard } from '../../../contracts/api.ts';
import type { LocalizedText } from '../../../contracts/catalog.ts';
import { PromotionSlide, WelcomeSlide } from '../attract/PromotionSlide.tsx';
import { nextSlideIndex } from '../attract/rotation.ts';
import '../attract/attract.css';
import { Words } from './words.tsx';

export function WallPromotions({ mallName, promotions, loading, intervalSec }: { mallName: LocalizedText; promotions: PromotionCard[]; loading: boolean; intervalSec: number }) {
  const [index, setIndex] = useState(0);
  const count = promotions.length;
  const current = count > 0 ? index % count : 0;
  useEffect(() => {
    if (count < 2) return undefined;
    const timer = setInterval(() => setIndex((i) => nextSlideIndex(i % count, count)), intervalSec * 1000);
    return () => clearInterval(timer);
  }, [count, intervalSec]);

  return (
    <section className="wall-promos" data-testid="wall-promotions">
      <div className="wall-promos__slides">
        {count === 0
          ? !loading && <WelcomeSlide mallName={mallName} />
          : promotions.map((p, i) => <PromotionSlide key={p.campaignId} promotion={p} active={i === current} intervalSec={intervalSec} />)}
      </div>
      {count > 0 && <Words k="whatsOn" className="wall-promos__label" />}
    </section>
  );
}
