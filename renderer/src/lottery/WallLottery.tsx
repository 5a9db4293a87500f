// The wall's lucky draw: a member who scanned their code during the expression game may play the open
// member-day lottery (their draws per member apply), on a smaller wheel beside the coupon (channel "wall" for HQ).
import { useLanguage } from '../i18n/LanguageContext.tsx';
import { localized, otherLanguage } from '../i18n/translate.ts';
import { formatFen } from '../format/money.ts';
import { LotteryPlay } from './LotteryPlay.tsx';
import { oddsText } from './PrizeTable.tsx';
import { lotteryText, useLotteryText } from './lotteryStrings.ts';
import { useCurrentLottery } from './useLottery.ts';
import './lottery.css';

export function WallLottery({ memberSession, name }: { memberSession: string; name: string }) {
  const lang = useLanguage();
  const lt = useLotteryText();
  const now = useCurrentLottery(true);
  if (!now.open) return null;
  const { lottery } = now.open;
  return (
    <section className="wall-lottery" data-testid="wall-lottery">
      {/* The wall speaks both languages: the main one large, the other beneath. */}
      <h2 className="wall-lottery__title">{lt('wallTitle')}<span className="wall-lottery__second">{lotteryText(otherLanguage(lang), 'wallTitle')}</span></h2>
      <LotteryPlay
        lottery={lottery}
        hqOnline={now.hqOnline}
        member={{ memberSession, name }}
        channel="wall"
        terms={(
          <ul className="wall-lottery__odds" data-testid="wall-lottery-odds">
            {lottery.prizes.map((p) => <li key={p.id}>{localized(p.title, lang)} · {p.valueFen > 0 ? `${formatFen(p.valueFen)} · ` : ''}{oddsText(p.oddsPpm)}</li>)}
          </ul>
        )}
      />
    </section>
  );
}
