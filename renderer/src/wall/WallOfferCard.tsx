// The coupon the agent picked for this mood: what it is worth, where, why, and how to claim it: the QR for the
// mall's mini-program, or (after a member scanned at the wall) a button that puts it in their wallet, then the code
// the cashier scans.
import { useLayoutEffect } from 'react';
import type { WallOffer, WallState } from '../../../contracts/wall.ts';
import { tierNames } from '../i18n/strings.ts';
import { RedemptionQr } from '../member/qr/RedemptionQr.tsx';
import type { WallMemberState } from './useWallMember.ts';
import { formatFen } from '../format/money.ts';
import { useLanguage } from '../i18n/LanguageContext.tsx';
import { localized, otherLanguage } from '../i18n/translate.ts';
import { OFFER_SHOWN_MARK } from './useWall.ts';
import { WallQr } from './WallQr.tsx';
import { Words } from './words.tsx';

export type WallOfferCardProps = { offer: WallOffer; member: WallState['member']; memberState: WallMemberState; onClaim: () => void };

export function WallOfferCard({ offer, member, memberState, onClaim }: WallOfferCardProps) {
  const lang = useLanguage();
  const second = otherLanguage(lang);
  const title = localized(offer.title, lang);
  const titleSecond = localized(offer.title, second);
  const store = offer.store;

  // For the bench: the first frame painted with a coupon on it.
  useLayoutEffect(() => {
    requestAnimationFrame(() => { if (performance.getEntriesByName(OFFER_SHOWN_MARK).length === 0) performance.mark(OFFER_SHOWN_MARK); });
  }, []);

  return (
    <section className="wall-offer" data-testid="wall-offer" data-coupon-id={offer.couponId} data-rule-id={offer.ruleId}>
      <Words k="offerFor" className="wall-offer__kicker" />
      <div className="wall-offer__ticket">
        <div className="wall-offer__value">
          <span className="wall-offer__amount">{formatFen(offer.valueFen)}</span>
          <Words
            k={offer.minSpendFen > 0 ? 'minSpend' : 'noMinSpend'}
            values={{ amount: formatFen(offer.minSpendFen) }}
            className="wall-offer__condition"
          />
        </div>
        <div className="wall-offer__details">
          <h2 className="wall-offer__title" data-testid="wall-offer-title">{title}</h2>
          {titleSecond !== title && <p className="wall-offer__title-second">{titleSecond}</p>}
          {store && (
            <p className="wall-offer__store">
              {localized(store.name, lang)} · {store.unit.startsWith(store.floor) ? store.unit : `${store.floor} ${store.unit}`}
            </p>
          )}
          <p className="wall-offer__reason">
            {localized(offer.reason, lang)}
            {localized(offer.reason, second) !== localized(offer.reason, lang) && <span className="wall-offer__reason-second">{localized(offer.reason, second)}</span>}
          </p>
        </div>
      </div>
      {member && (
        <p className="wall-offer__member" data-testid="wall-member" data-tier={member.tier}>
          <span className={`wall-offer__tier wall-offer__tier--${member.tier}`}>
            {tierNames[member.tier][lang]}
          </span>
          <span className="wall-offer__member-name">{member.maskedName}</span>
        </p>
      )}
      <WallClaim offer={offer} member={member} memberState={memberState} onClaim={onClaim} />
      {memberState.message && (
        <Words key={`${memberState.message['zh-CN']}`} k={memberState.message} className="wall-offer__message" testId="wall-member-message" />
      )}
    </section>
  );
}

function WallClaim({ offer, member, memberState, onClaim }: WallOfferCardProps) {
  const claimed = memberState.claimed;
  if (claimed && claimed.couponId === offer.couponId) {
    return (
      <div className="wall-offer__claim wall-offer__claim--done" data-testid="wall-claimed">
        {claimed.redemptionCode && <RedemptionQr code={claimed.redemptionCode} />}
        <div>
          <Words k="claimedTitle" as="h2" className="wall-offer__claimed-title" />
          <Words k="showAtTill" className="wall-offer__scan" />
        </div>
      </div>
    );
  }
  if (member) {
    const busy = memberState.busy === 'claiming';
    return (
      <div className="wall-offer__claim wall-offer__claim--member">
        <button type="button" className="wall-offer__claim-button" data-testid="wall-claim" disabled={busy} onClick={onClaim}>
          <Words k={busy ? 'claiming' : 'claimToWallet'} as="span" className="wall-offer__claim-label" />
        </button>
      </div>
    );
  }
  return (
    <div className="wall-offer__claim">
      <WallQr text={offer.claimUrl} />
      <div>
        <Words k="scanToClaim" className="wall-offer__scan" />
        <Words k={memberState.busy === 'checking' ? 'checkingMember' : 'memberHint'} className="wall-offer__member-hint" testId="wall-member-hint" />
      </div>
    </div>
  );
}
