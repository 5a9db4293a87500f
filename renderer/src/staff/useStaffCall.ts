// Calls a staff.* method with the signed-in session; a gone session closes the console, a dead agent takes the
// page to its "unavailable" screen; anything else is the caller's to show.
import { useCallback, useRef } from 'react';
import type { ApiMethod, ApiParams, ApiResult } from '../../../contracts/api.ts';
import { ApiCallError, call } from '../api/client.ts';
import { useReportFailure } from '../api/AgentFailureContext.ts';
import { useLatest } from '../ui/useLatest.ts';

type SessionMethod = Exclude<Extract<ApiMethod, `staff.${string}`>, 'staff.roster' | 'staff.signIn'>;
export type StaffCall = <M extends SessionMethod>(method: M, params: Omit<ApiParams<M>, 'staffSession'>) => Promise<ApiResult<M>>;

/** Thrown (after the console is closed) when the session is gone: callers just stop. */
export class StaffSessionGone extends Error {}

/**
 * `end()` marks the session over on this page: later calls (a poll still scheduled) stop here, unsent; it resolves
 * once the calls already on their way are answered, so the sign-out that follows cannot overtake them.
 */
export function useStaffCall(staffSession: string, onGone: () => void): [StaffCall, () => Promise<void>] {
  const reportFailure = useReportFailure();
  const gone = useLatest(onGone);
  const ended = useRef(false);
  const inFlight = useRef(new Set<Promise<unknown>>());
  const staffCall = useCallback(async (method, params) => {
    if (ended.current) throw new StaffSessionGone('signed out on this page');
    const sent = call(method, { ...params, staffSession } as ApiParams<typeof method>);
    inFlight.current.add(sent);
    try {
      return await sent;
    } catch (err) {
      if (err instanceof ApiCallError && err.code === 'staff_session_gone') {
        gone.current();
        throw new StaffSessionGone(err.message);
      }
      reportFailure(err);
      throw err;
    } finally {
      inFlight.current.delete(sent);
    }
  }, [staffSession, reportFailure, gone]) as StaffCall;
  const end = useCallback(async () => {
    ended.current = true;
    await Promise.allSettled([...inFlight.current]);
  }, []);
  return [staffCall, end];
}
