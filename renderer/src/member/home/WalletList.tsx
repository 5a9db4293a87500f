// The member's coupon wallet: what they claimed or exchanged, with HQ's word on each (pending, confirmed, or
// rejected with HQ's reason) and the redemption code once there is one.
import type { WalletCoupon } from '../../../../contracts/members.ts';
import { useLanguage, useTranslate } from '../../i18n/LanguageContext.tsx';
import type { StringKey } from '../../i18n/strings.ts';
import { QrIcon } from '../../ui/icons.tsx';
import { CouponFace } from './CouponFace.tsx';
import { hqRejectionMessage } from './hqRejection.ts';

const statusKey: Record<WalletCoupon['status'], StringKey> = { pending: 'statusPending', confirmed: 'statusConfirmed', rejected: 'statusRejected' };

export function WalletStatus({ coupon }: { coupon: WalletCoupon }) {
  const tr = useTranslate();
  const lang = useLanguage();
  const rejection = coupon.status === 'rejected' ? hqRejectionMessage(coupon.statusDetail, lang) : null;
  return (
    <p className={`wallet-status wallet-status--${coupon.status}`} data-testid="wallet-status" data-status={coupon.status}>
      <span className="wallet-status__pill">{tr(statusKey[coupon.status])}</span>
      {coupon.status === 'pending' && <span className="wallet-status__detail">{tr('pendingExplain')}</span>}
      {coupon.status === 'rejected' && (
        <span className="wallet-status__detail" data-testid="wallet-rejected-detail">
          {rejection ? tr('rejectedExplain', { detail: rejection }) : tr('rejectedNoDetail')}
        </span>
      )}
    </p>
  );
}

export function WalletList({ wallet, onShowCode }: { wallet: WalletCoupon[]; onShowCode: (claimId: string) => void }) {
  const tr = useTranslate();
  return (
    <section className="member-section member-section--wallet" data-testid="wallet">
      <h2 className="section-title">{tr('wallet')}</h2>
      {wallet.length === 0 ? (
        <p className="member-section__empty" data-testid="wallet-empty">{tr('walletEmpty')}</p>
      ) : (
        <ul className="wallet-list">
          {wallet.map((coupon) => (
            <li key={coupon.claimId} className={`wallet-item wallet-item--${coupon.status} wallet-item--${coupon.via}`} data-testid="wallet-item" data-claim-id={coupon.claimId} data-coupon-id={coupon.couponId} data-status={coupon.status}>
              <CouponFace coupon={coupon} stubLabel={coupon.via === 'exchange' ? tr('viaExchange') : undefined}>
                <WalletStatus coupon={coupon} />
              </CouponFace>
              {coupon.redemptionCode !== null && coupon.status !== 'rejected' && (
                <button type="button" className="wallet-item__show" onClick={() => onShowCode(coupon.claimId)} data-testid="wallet-show-code">
                  <QrIcon /> {tr('showCode')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
