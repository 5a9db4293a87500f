// While a claim or exchange waits for HQ's word, asks the agent for the member home every POLL_MS so the
// confirmation (with its redemption code) or the rejection shows up without a touch.
import { useEffect } from 'react';
import type { MemberHome } from '../../../../contracts/members.ts';
import { ApiCallError, call } from '../../api/client.ts';
import { useReportFailure } from '../../api/AgentFailureContext.ts';

export const POLL_MS = 3000;

export function hasPending(home: MemberHome): boolean {
  return home.wallet.some((c) => c.status === 'pending');
}

export function useMemberHomeRefresh(home: MemberHome, onHome: (home: MemberHome) => void, onGone: () => void): void {
  const reportFailure = useReportFailure();
  const pending = hasPending(home);
  const { memberSession } = home;
  useEffect(() => {
    if (!pending) return undefined;
    let cancelled = false;
    const timer = setInterval(() => {
      call('member.home', { memberSession }).then(
        (res) => { if (!cancelled) onHome(res.home); },
        (err: unknown) => {
          if (cancelled) return;
          if (err instanceof ApiCallError && err.code === 'member_session_gone') return onGone();
          if (reportFailure(err)) return;
          console.warn('atrium: member home could not be refreshed', err);
        },
      );
    }, POLL_MS);
    return () => { cancelled = true; clearInterval(timer); };
  }, [pending, memberSession, onHome, onGone, reportFailure]);
}
