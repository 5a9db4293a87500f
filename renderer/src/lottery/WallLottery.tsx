// The wall's lucky draw: a member who scanned their code during the expression game may play the open
// member-day lottery (their draws per member apply), on a smaller wheel beside the coupon (channel "wall" for HQ).
import { useLanguage } from '../i18n/LanguageContext.tsx';
import { localized } from '../i18n/translate.ts';
import { LotteryPlay } from './LotteryPlay.tsx';
import { oddsText } from './PrizeTable.tsx';
import { useLotteryText } from './lotteryStrings.ts';
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
      <h2 className="wall-lottery__title">{lt('wallTitle')}</h2>
      <ul className="wall-lottery__odds">
        {lottery.prizes.map((p) => <li key={p.id}>{localized(p.title, lang)} · {oddsText(p.oddsPpm)}</li>)}
      </ul>
      <LotteryPlay lottery={lottery} hqOnline={now.hqOnline} member={{ memberSession, name }} channel="wall" />
    </section>
  );
}
