// The member-day lottery on the guide screen (会员日抽奖): the published terms first (prizes, value, odds, stock, the
// fallback rule, the seed's commitment), then the wheel for a signed-in member. Opened from the guide home or the
// member home; a shopper who scans here stays here and plays as that member.
import type { UiLanguage } from '../../../contracts/config.ts';
import { LanguageSwitch } from '../i18n/LanguageSwitch.tsx';
import { useLanguage } from '../i18n/LanguageContext.tsx';
import { localized } from '../i18n/translate.ts';
import { LotteryPlay } from './LotteryPlay.tsx';
import { PrizeTable } from './PrizeTable.tsx';
import { useLotteryText } from './lotteryStrings.ts';
import { useCurrentLottery } from './useLottery.ts';
import './lottery.css';

type Props = {
  member: { memberSession: string; name: string } | null;
  onOpenScan: () => void;
  onGone: () => void;
  onClose: () => void;
  onLanguage: (language: UiLanguage) => void;
};

const day = (iso: string, lang: UiLanguage) => new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });

export function LotteryScreen({ member, onOpenScan, onGone, onClose, onLanguage }: Props) {
  const lang = useLanguage();
  const lt = useLotteryText();
  const now = useCurrentLottery(true);
  const shown = now.open ?? now.latest;
  return (
    <div className="lottery-screen" data-testid="lottery-screen">
      <header className="lottery-header">
        <button type="button" className="lottery-header__back" onClick={onClose} data-testid="lottery-back">
          <span aria-hidden="true">‹</span> {lt('back')}
        </button>
        <h1 className="lottery-header__title">{lt('entry')}</h1>
        <LanguageSwitch onLanguage={onLanguage} />
      </header>
      <main className="lottery-body">
        {shown ? (
          <>
            <section className="lottery-hero">
              <h2 className="lottery-hero__title" data-testid="lottery-title">{localized(shown.lottery.title, lang)}</h2>
              <p className="lottery-hero__line">{lt('window', { from: day(shown.lottery.opensAt, lang), to: day(shown.lottery.closesAt, lang) })} · {lt('perMember', { n: shown.lottery.drawsPerMember })}</p>
            </section>
            {now.open
              ? <LotteryPlay lottery={now.open.lottery} hqOnline={now.hqOnline} member={member} channel="guide" onOpenScan={onOpenScan} onGone={onGone} />
              : <p className="lottery-message" data-testid="lottery-not-open">{shown.state === 'upcoming' ? lt('upcoming') : lt('refusedClosed')}</p>}
            <PrizeTable lottery={shown.lottery} />
          </>
        ) : (
          now.loaded && <p className="lottery-message" data-testid="lottery-none">{lt('noLottery')}</p>
        )}
      </main>
    </div>
  );
}
