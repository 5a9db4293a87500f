// The agent forgets a member session after the idle timeout without an API call, but a member reading their
// offers is touching the screen, not calling the agent. While they are active, this refreshes the home (which
// also tells the agent the session is in use) at most every third of the timeout, so the agent never forgets a
// member the screen still shows.
import { useEffect, useRef, useState } from 'react';
import type { MemberHome } from '../../../../contracts/members.ts';
import { ApiCallError, call } from '../../api/client.ts';

export function useMemberKeepAlive(memberSession: string, lastInputAt: number, idleTimeoutMs: number, onHome: (home: MemberHome) => void, onGone: () => void): void {
  // The clock is read once, at mount (a lazy initial state), not on every render.
  const [mountedAt] = useState(Date.now);
  const lastCallAt = useRef(mountedAt);
  useEffect(() => {
    const now = Date.now();
    if (now - lastCallAt.current < idleTimeoutMs / 3) return;
    lastCallAt.current = now;
    call('member.home', { memberSession }).then((res) => onHome(res.home), (err: unknown) => {
      if (err instanceof ApiCallError && err.code === 'member_session_gone') onGone();
      else console.warn('atrium: member session keep-alive failed', err);
    });
  }, [lastInputAt, memberSession, idleTimeoutMs, onHome, onGone]);
}
