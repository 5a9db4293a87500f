// Sends the claim the flow is on (member.claim) and feeds the answer back. A failed send is "not sent" (the
// shopper may try again with the same claim id); it does not take the whole screen down, since the kiosk's
// heartbeat notices a stopped agent by itself.
import { useEffect, type Dispatch } from 'react';
import type { MemberHome } from '../../../../contracts/members.ts';
import { ApiCallError, call } from '../../api/client.ts';
import { isNotPaired } from '../../api/connectionState.ts';
import { useReportFailure } from '../../api/AgentFailureContext.ts';
import type { ClaimAction, ClaimFlow } from './claimFlow.ts';

export function useClaimSender(memberSession: string, flow: ClaimFlow, dispatch: Dispatch<ClaimAction>, onHome: (home: MemberHome) => void, onGone: () => void): void {
  const reportFailure = useReportFailure();
  const sending = flow.stage === 'sending' ? flow : null;
  useEffect(() => {
    if (!sending) return;
    const { claimId } = sending;
    call('member.claim', { memberSession, couponId: sending.offer.couponId, claimId }).then(
      (res) => {
        onHome(res.home);
        dispatch(res.status === 'claimed' ? { type: 'claimed', claimId } : { type: 'refused', claimId, reason: res.reason });
      },
      (err: unknown) => {
        const code = err instanceof ApiCallError ? err.code : 'network';
        if (code === 'member_session_gone') return onGone();
        if (isNotPaired(code) && reportFailure(err)) return;
        console.warn('atrium: claim not sent', err);
        dispatch({ type: 'notSent', claimId });
      },
    );
  }, [sending, memberSession, dispatch, onHome, onGone, reportFailure]);
}
