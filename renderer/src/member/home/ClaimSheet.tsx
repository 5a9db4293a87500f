// What happens after the shopper taps an offer: the exchange confirmation, the request going out, a failed send
// (try again, same claim id), the agent's refusal, or the claimed coupon with its redemption QR once there is one.
import type { WalletCoupon } from '../../../../contracts/members.ts';
import { formatPoints } from '../../format/dates.ts';
import { useLanguage, useTranslate } from '../../i18n/LanguageContext.tsx';
import { claimRefusalText } from '../../i18n/strings.ts';
import { localized, pick } from '../../i18n/translate.ts';
import { RedemptionQr } from '../qr/RedemptionQr.tsx';
import type { ClaimFlow } from './claimFlow.ts';
import { CouponFace } from './CouponFace.tsx';
import { Sheet } from './Sheet.tsx';
import { WalletStatus } from './WalletList.tsx';

type Props = { flow: Exclude<ClaimFlow, { stage: 'idle' }>; wallet: WalletCoupon[]; onConfirm: () => void; onRetry: () => void; onDismiss: () => void };

export function ClaimSheet({ flow, wallet, onConfirm, onRetry, onDismiss }: Props) {
  const tr = useTranslate();
  const lang = useLanguage();
  const { offer } = flow;
  const exchange = offer.action === 'exchange';

  switch (flow.stage) {
    case 'confirm':
      return (
        <Sheet title={tr('confirmExchangeTitle')} testId="claim-confirm" onBackdrop={onDismiss}>
          <CouponFace coupon={offer} />
          <p className="sheet__text">{tr('confirmExchangeBody', { points: formatPoints(offer.pointsCost), title: localized(offer.title, lang) })}</p>
          <div className="sheet__actions">
            <button type="button" className="sheet__button sheet__button--secondary" onClick={onDismiss} data-testid="claim-cancel">{tr('cancel')}</button>
            <button type="button" className="sheet__button" onClick={onConfirm} data-testid="claim-confirm-button">{tr('confirmExchange')}</button>
          </div>
        </Sheet>
      );
    case 'sending':
      return (
        <Sheet title={tr('claiming')} testId="claim-sending">
          <CouponFace coupon={offer} />
          <p className="sheet__text sheet__text--busy" aria-busy="true"><span className="scan-checking__dot" aria-hidden="true" />{tr('claiming')}</p>
        </Sheet>
      );
    case 'not_sent':
      return (
        <Sheet title={localized(offer.title, lang)} testId="claim-not-sent">
          <p className="sheet__text sheet__text--warn" role="alert">{tr('claimNotSent')}</p>
          <div className="sheet__actions">
            <button type="button" className="sheet__button sheet__button--secondary" onClick={onDismiss} data-testid="claim-cancel">{tr('cancel')}</button>
            <button type="button" className="sheet__button" onClick={onRetry} data-testid="claim-retry">{tr('retry')}</button>
          </div>
        </Sheet>
      );
    case 'refused':
      return (
        <Sheet title={localized(offer.title, lang)} testId="claim-refused" onBackdrop={onDismiss}>
          <p className="sheet__text sheet__text--warn" role="alert" data-testid="claim-refusal" data-reason={flow.reason}>{pick(claimRefusalText[flow.reason], lang)}</p>
          <div className="sheet__actions">
            <button type="button" className="sheet__button" onClick={onDismiss} data-testid="claim-done">{tr('done')}</button>
          </div>
        </Sheet>
      );
    case 'claimed': {
      const coupon = wallet.find((c) => c.claimId === flow.claimId) ?? null;
      return (
        <Sheet title={exchange ? tr('exchangeSubmittedTitle') : tr('claimedTitle')} testId="claim-result" onBackdrop={onDismiss}>
          <CouponFace coupon={coupon ?? offer}>{coupon && <WalletStatus coupon={coupon} />}</CouponFace>
          {coupon?.redemptionCode && coupon.status !== 'rejected' ? (
            <>
              <RedemptionQr code={coupon.redemptionCode} />
              <p className="sheet__text">{tr('redemptionHint')}</p>
            </>
          ) : coupon?.status !== 'rejected' ? (
            <p className="sheet__text" data-testid="redemption-pending">{tr('redemptionPending')}</p>
          ) : null}
          <div className="sheet__actions">
            <button type="button" className="sheet__button" onClick={onDismiss} data-testid="claim-done">{tr('done')}</button>
          </div>
        </Sheet>
      );
    }
  }
}

export function CodeSheet({ coupon, onClose }: { coupon: WalletCoupon; onClose: () => void }) {
  const tr = useTranslate();
  const lang = useLanguage();
  return (
    <Sheet title={localized(coupon.title, lang)} testId="code-sheet" onBackdrop={onClose}>
      {coupon.redemptionCode && <RedemptionQr code={coupon.redemptionCode} />}
      <p className="sheet__text">{tr('redemptionHint')}</p>
      <div className="sheet__actions">
        <button type="button" className="sheet__button" onClick={onClose} data-testid="code-sheet-close">{tr('done')}</button>
      </div>
    </Sheet>
  );
}
