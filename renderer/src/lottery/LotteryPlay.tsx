// One round: the wheel, the play button (or "scan your member code"), then the result once the wheel stops: the prize
// and its coupon in the wallet, or "thanks for playing". Nothing is shown as won unless HQ drew it and the agent found
// it on the published list; offline or any other answer says so in plain words and shows no prize.
import { useState, type ReactNode } from 'react';
import type { Lottery } from '../../../contracts/lottery.ts';
import { formatFen } from '../format/money.ts';
import { useLanguage } from '../i18n/LanguageContext.tsx';
import { localized } from '../i18n/translate.ts';
import { LotteryWheel } from './LotteryWheel.tsx';
import { noDrawMessage, useLotteryText } from './lotteryStrings.ts';
import { useLotteryDraw } from './useLottery.ts';

type Props = {
  lottery: Lottery;
  hqOnline: boolean;
  member: { memberSession: string; name: string } | null;
  channel: 'guide' | 'wall';
  onOpenScan?: () => void;
  onGone?: () => void;
  /** Shown beside the wheel before the result (the wall lists the odds here; the guide screen has its table below). */
  terms?: ReactNode;
};

export function LotteryPlay({ lottery, hqOnline, member, channel, onOpenScan, onGone, terms }: Props) {
  const lang = useLanguage();
  const lt = useLotteryText();
  const { state, draw, reset } = useLotteryDraw(lottery.id, member?.memberSession ?? null, channel, onGone);
  const [settledFor, setSettledFor] = useState<string | null>(null);
  const result = state.status === 'done' ? state.result : null;
  const drawn = result?.status === 'drawn' ? result : null;
  const settled = drawn !== null && settledFor === drawn.draw.drawId;
  const spinning = drawn !== null && !settled;

  const button = () => {
    if (!member) {
      return <button type="button" className="lottery-button lottery-button--scan" onClick={onOpenScan} data-testid="lottery-scan">{lt('scanToPlay')}</button>;
    }
    if (drawn && settled) {
      return drawn.draw.drawsLeft > 0
        ? <button type="button" className="lottery-button" onClick={() => { reset(); }} data-testid="lottery-again">{lt('again')}</button>
        : <p className="lottery-message" data-testid="lottery-none-left">{lt('refusedLimit')}</p>;
    }
    const busy = state.status === 'drawing' || spinning;
    return (
      <button type="button" className="lottery-button" disabled={busy || !hqOnline} onClick={draw} data-testid="lottery-play">
        {busy ? lt('drawing') : lt('play')}
      </button>
    );
  };

  return (
    <div className={`lottery-play lottery-play--${channel}`} data-testid="lottery-play-area" data-state={settled ? 'result' : state.status}>
      <LotteryWheel
        prizes={lottery.prizes}
        target={drawn ? { drawId: drawn.draw.drawId, prizeId: drawn.prize.id } : null}
        onSettled={() => drawn && setSettledFor(drawn.draw.drawId)}
        size={channel}
      />
      {member && <p className="lottery-member" data-testid="lottery-member">{lt('playingAs', { name: member.name })}{drawn && settled ? ` · ${lt('drawsLeft', { n: drawn.draw.drawsLeft })}` : ''}</p>}
      {!settled && terms}
      {!hqOnline && state.status !== 'done' && <p className="lottery-message lottery-message--bad" data-testid="lottery-offline">{lt('offline')}</p>}
      {result && result.status !== 'drawn' && <p className="lottery-message lottery-message--bad" data-testid="lottery-no-draw" data-reason={result.reason}>{lt(noDrawMessage(result))}</p>}
      {state.status === 'failed' && <p className="lottery-message lottery-message--bad" data-testid="lottery-failed">{lt('failed')}</p>}
      {drawn && settled && (
        <div className={`lottery-result${drawn.fallback ? ' lottery-result--thanks' : ''}`} data-testid="lottery-result" data-prize-id={drawn.prize.id} role="status">
          {drawn.fallback ? (
            <p className="lottery-result__title">{localized(drawn.prize.title, lang)}<span className="lottery-result__sub">{lt('thanks')}</span></p>
          ) : (
            <>
              <p className="lottery-result__kicker">{lt('won')}</p>
              <p className="lottery-result__title">{localized(drawn.prize.title, lang)}</p>
              <p className="lottery-result__sub">{lt('wonValue', { value: formatFen(drawn.prize.valueFen) })}</p>
              <p className="lottery-result__wallet" data-testid="lottery-wallet">{drawn.coupon?.status === 'claimed' ? lt('inWallet') : lt('notInWallet')}</p>
            </>
          )}
        </div>
      )}
      {button()}
    </div>
  );
}
