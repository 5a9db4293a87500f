// The identified member's screen: who they are, their points, the offers chosen for them and their wallet. It
// holds nothing of its own beyond the claim in progress: the member's data lives in the kiosk session, which
// the sign-out button and the idle timeout wipe.
import { useCallback, useReducer, useState } from 'react';
import type { LocalizedText } from '../../../../contracts/catalog.ts';
import type { UiLanguage } from '../../../../contracts/config.ts';
import type { MemberHome, Offer } from '../../../../contracts/members.ts';
import { LotteryEntry } from '../../lottery/LotteryEntry.tsx';
import { ClaimSheet, CodeSheet } from './ClaimSheet.tsx';
import { claimReducer, newClaimId, noClaim } from './claimFlow.ts';
import { MemberCard } from './MemberCard.tsx';
import { MemberHeader } from './MemberHeader.tsx';
import { OfferList } from './OfferList.tsx';
import { useClaimSender } from './useClaimSender.ts';
import { useMemberHomeRefresh } from './useMemberHomeRefresh.ts';
import { useMemberKeepAlive } from './useMemberKeepAlive.ts';
import { WalletList } from './WalletList.tsx';
import { MemberFeedback } from './MemberFeedback.tsx';
import './member-home.css';
import { SurveyEntry, type SurveyInvite } from '../SurveyEntry.tsx';

type Props = {
  home: MemberHome;
  mallName: LocalizedText;
  onLanguage: (language: UiLanguage) => void;
  onHome: (home: MemberHome) => void;
  onGone: () => void;
  onSignOut: () => void;
  /** The kiosk session's last input and idle timeout, to keep the agent's member session alive while in use. */
  lastInputAt: number;
  idleTimeoutMs: number;
  /** A survey HQ targets at this member (by tier or segment), when there is one they have not answered. */
  surveyInvite?: SurveyInvite | null;
  /** Opens the member-day lottery (the entry shows only while one is open). */
  onOpenLottery?: () => void;
  /** Opens feedback (意见反馈). */
  onOpenFeedback?: () => void;
};

export function MemberHomeScreen({ home, mallName, onLanguage, onHome, onGone, onSignOut, lastInputAt, idleTimeoutMs, surveyInvite, onOpenLottery, onOpenFeedback }: Props) {
  const [flow, dispatch] = useReducer(claimReducer, noClaim);
  const [codeFor, setCodeFor] = useState<string | null>(null);
  useMemberHomeRefresh(home, onHome, onGone);
  useMemberKeepAlive(home.memberSession, lastInputAt, idleTimeoutMs, onHome, onGone);
  useClaimSender(home.memberSession, flow, dispatch, onHome, onGone);

  const take = useCallback((offer: Offer) => dispatch({ type: 'tap', offer, claimId: newClaimId() }), []);
  const codeCoupon = codeFor === null ? null : home.wallet.find((c) => c.claimId === codeFor && c.redemptionCode !== null) ?? null;

  return (
    <div className="member-home" data-testid="member-home" data-freshness={home.freshness}>
      <MemberHeader mallName={mallName} onLanguage={onLanguage} onSignOut={onSignOut} />
      <main className="member-home__body">
        <MemberCard home={home} />
        {/* The survey and the lottery side by side (portrait) or stacked (the landscape side column). */}
        <div className="member-home__entries">
          {surveyInvite && <SurveyEntry invite={surveyInvite} />}
          {onOpenLottery && <LotteryEntry onOpen={onOpenLottery} variant="member" />}
        </div>
        <OfferList offers={home.offers} busyCouponId={flow.stage === 'sending' ? flow.offer.couponId : null} onTake={take} />
        <WalletList wallet={home.wallet} onShowCode={setCodeFor} />
        <MemberFeedback memberSession={home.memberSession} {...(onOpenFeedback ? { onGive: onOpenFeedback } : {})} />
      </main>
      {flow.stage !== 'idle' && (
        <ClaimSheet
          flow={flow}
          wallet={home.wallet}
          onConfirm={() => dispatch({ type: 'confirm', claimId: newClaimId() })}
          onRetry={() => dispatch({ type: 'retry' })}
          onDismiss={() => dispatch({ type: 'dismiss' })}
        />
      )}
      {codeCoupon && flow.stage === 'idle' && <CodeSheet coupon={codeCoupon} onClose={() => setCodeFor(null)} />}
    </div>
  );
}
