// Tells the agent to forget a member session whenever the screen lets go of it: the sign-out button, the idle
// timeout, a new member scanning in. The screen is wiped first (in the reducer); this call is best effort, since
// the agent forgets idle member sessions on its own too.
import { useEffect, useRef } from 'react';
import { ApiCallError, call } from '../api/client.ts';

export function useMemberSignOut(memberSession: string | null): void {
  const previous = useRef<string | null>(null);
  useEffect(() => {
    const left = previous.current;
    previous.current = memberSession;
    if (left === null || left === memberSession) return;
    call('member.signOut', { memberSession: left }).catch((err: unknown) => {
      if (err instanceof ApiCallError && err.code === 'member_session_gone') return;
      console.warn('atrium: member sign-out did not reach the agent', err);
    });
  }, [memberSession]);
}
