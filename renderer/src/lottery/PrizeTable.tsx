// The published terms, shown before anyone plays (China's rules on prize sales): every prize with its value, odds and
// stock, the fallback rule when a prize runs out, and the seed's commitment (and the seed itself once revealed).
import type { Lottery } from '../../../contracts/lottery.ts';
import { formatFen } from '../format/money.ts';
import { useLanguage } from '../i18n/LanguageContext.tsx';
import { localized } from '../i18n/translate.ts';
import { slices } from './LotteryWheel.tsx';
import { useLotteryText } from './lotteryStrings.ts';

export const oddsText = (ppm: number) => `${(ppm / 10_000).toFixed(ppm % 10_000 === 0 ? 0 : ppm % 1000 === 0 ? 1 : 2)}%`;

export function PrizeTable({ lottery }: { lottery: Lottery }) {
  const lang = useLanguage();
  const lt = useLotteryText();
  const fallback = lottery.prizes.find((p) => p.id === lottery.fallbackPrizeId);
  return (
    <section className="lottery-terms" data-testid="lottery-terms">
      <h2 className="lottery-terms__title">{lt('prizes')}</h2>
      <table className="lottery-prizes">
        <thead>
          <tr><th>{lt('prize')}</th><th>{lt('value')}</th><th>{lt('odds')}</th><th>{lt('stock')}</th></tr>
        </thead>
        <tbody>
          {slices(lottery.prizes).map(({ prize, colour }) => (
            <tr key={prize.id} data-testid="lottery-prize" data-prize-id={prize.id}>
              <td><span className="lottery-prizes__swatch" style={{ background: colour }} aria-hidden="true" />{localized(prize.title, lang)}</td>
              <td>{prize.valueFen > 0 ? formatFen(prize.valueFen) : '—'}</td>
              <td data-testid="lottery-odds">{oddsText(prize.oddsPpm)}</td>
              <td>{prize.stock ?? '∞'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {fallback && <p className="lottery-terms__note">{lt('fallbackNote', { fallback: localized(fallback.title, lang) })}</p>}
      <p className="lottery-terms__note lottery-terms__fair">{lt('fairness')}</p>
      <p className="lottery-terms__hash" data-testid="lottery-commitment">SHA-256 {lottery.seedCommitment}</p>
      {lottery.revealedSeed && <p className="lottery-terms__hash" data-testid="lottery-seed">{lt('closedSeed', { seed: lottery.revealedSeed })}</p>}
    </section>
  );
}
