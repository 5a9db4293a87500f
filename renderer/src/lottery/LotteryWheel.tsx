// The prize wheel: one slice per published prize, each as wide as its odds (so the wheel itself shows the odds), and a
// fixed pointer at the top. When HQ's answer is in, the wheel turns to the awarded prize's slice in one CSS transform
// transition (cheap under software raster: no repaint of the slices, no blur); `onSettled` fires when it stops.
import { useEffect, useState } from 'react';
import { useLatest } from '../ui/useLatest.ts';
import type { LotteryPrize } from '../../../contracts/lottery.ts';
import { ODDS_TOTAL_PPM } from '../../../contracts/lottery.ts';
import { useLanguage } from '../i18n/LanguageContext.tsx';
import { localized } from '../i18n/translate.ts';
import { formatFen } from '../format/money.ts';

export const PRIZE_COLOURS = ['#c2410c', '#b45309', '#15803d', '#0e7490', '#6d28d9', '#be185d', '#4d7c0f', '#1d4ed8', '#a16207', '#0f766e', '#9f1239', '#475569'];
const SPIN_MS = 2600;
const TURNS = 6;

/** Each prize's slice in degrees, clockwise from the top, in the published order. */
export function slices(prizes: readonly LotteryPrize[]): { prize: LotteryPrize; from: number; to: number; colour: string }[] {
  let at = 0;
  return prizes.map((prize, i) => {
    const from = at;
    at += (prize.oddsPpm / ODDS_TOTAL_PPM) * 360;
    return { prize, from, to: at, colour: PRIZE_COLOURS[i % PRIZE_COLOURS.length]! };
  });
}

const point = (deg: number, r: number) => {
  const rad = ((deg - 90) * Math.PI) / 180;
  return `${(50 + r * Math.cos(rad)).toFixed(3)} ${(50 + r * Math.sin(rad)).toFixed(3)}`;
};

/** `target`: the draw to show (its prize's slice ends under the pointer); each new drawId turns the wheel again. */
type Props = { prizes: readonly LotteryPrize[]; target: { drawId: string; prizeId: string } | null; onSettled: () => void; size?: 'guide' | 'wall' };

export function LotteryWheel({ prizes, target, onSettled, size = 'guide' }: Props) {
  const lang = useLanguage();
  const parts = slices(prizes);
  // The angle follows the target: a new target turns whole turns on from where the wheel stands, then puts that
  // slice's centre under the pointer (state adjusted while rendering, React's pattern for "when a prop changes").
  const [turn, setTurn] = useState<{ drawId: string | null; angle: number }>({ drawId: null, angle: 0 });
  if (target !== null && turn.drawId !== target.drawId) {
    const slice = parts.find((p) => p.prize.id === target.prizeId);
    const centre = slice ? (slice.from + slice.to) / 2 : 0;
    setTurn({ drawId: target.drawId, angle: turn.angle - (turn.angle % 360) + TURNS * 360 + (360 - centre) });
  }
  const angle = turn.angle;
  const settled = useLatest(onSettled);

  const spinning = target?.drawId ?? null;
  useEffect(() => {
    if (spinning === null) return undefined;
    const reduced = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
    const timer = setTimeout(() => settled.current(), reduced ? 0 : SPIN_MS + 50);
    return () => clearTimeout(timer);
  }, [spinning, settled]);

  return (
    <div className={`lottery-wheel lottery-wheel--${size}`} data-testid="lottery-wheel" data-target={target?.prizeId ?? ''}>
      <div className="lottery-wheel__pointer" aria-hidden="true" />
      <svg
        className="lottery-wheel__disc"
        viewBox="0 0 100 100"
        style={{ transform: `rotate(${angle}deg)`, transitionDuration: `${SPIN_MS}ms` }}
        role="img"
        aria-label={parts.map((p) => localized(p.prize.title, lang)).join(', ')}
      >
        {parts.map((p) => {
          const sweep = p.to - p.from;
          if (sweep <= 0) return null;
          const mid = (p.from + p.to) / 2;
          // A slice says what it is worth (short enough for a narrow slice); the fallback says its name.
          const label = p.prize.valueFen > 0 ? formatFen(p.prize.valueFen) : localized(p.prize.title, lang);
          return (
            <g key={p.prize.id}>
              {sweep >= 359.999
                ? <circle cx="50" cy="50" r="48" fill={p.colour} />
                : <path d={`M50 50 L${point(p.from, 48)} A48 48 0 ${sweep > 180 ? 1 : 0} 1 ${point(p.to, 48)} Z`} fill={p.colour} stroke="#fff" strokeWidth="0.4" />}
              {sweep >= 14 && (
                <text x="50" y="50" transform={`rotate(${mid} 50 50) translate(0 -31)`} className="lottery-wheel__label" textAnchor="middle" dominantBaseline="middle">
                  {label}
                </text>
              )}
            </g>
          );
        })}
        <circle cx="50" cy="50" r="9" fill="#fff" />
        <circle cx="50" cy="50" r="6.5" fill="#7c2d12" />
      </svg>
    </div>
  );
}
