// Asks the agent for the way to a place (map.route), again whenever the place or the step-free choice changes.
// Only the latest answer counts; the refusals a shopper can cause get their own plain message.
import { useEffect, useState } from 'react';
import type { Route } from '../../../contracts/venue.ts';
import { ApiCallError, call } from '../api/client.ts';
import { useReportFailure } from '../api/AgentFailureContext.ts';
import type { MapStringKey } from './mapStrings.ts';

export type RouteState =
  | { status: 'idle' }
  | { status: 'loading'; key: string }
  | { status: 'ready'; key: string; route: Route; shareUrl: string }
  | { status: 'error'; key: string; message: MapStringKey };

/** Which words explain a refused route. */
export function routeErrorMessage(err: unknown): MapStringKey {
  if (!(err instanceof ApiCallError)) return 'routeFailed';
  switch (err.code) {
    case 'no_step_free_route': return 'noStepFree';
    case 'unknown_place': return 'unknownPlace';
    case 'no_route': return 'noRoute';
    case 'no_map': return 'noMap';
    default: return 'routeFailed';
  }
}

export function useRoute(to: string | null, accessible: boolean): RouteState {
  const reportFailure = useReportFailure();
  const key = `${to ?? ''}|${accessible ? 1 : 0}`;
  const [state, setState] = useState<RouteState>({ status: 'idle' });

  useEffect(() => {
    if (to === null) return undefined;
    let cancelled = false;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- marks the request this effect starts as loading
    setState({ status: 'loading', key });
    call('map.route', { to, accessible }).then(
      (res) => { if (!cancelled) setState({ status: 'ready', key, route: res.route, shareUrl: res.shareUrl }); },
      (err: unknown) => {
        if (cancelled) return;
        const message = routeErrorMessage(err);
        // Only a failure of the connection itself changes the whole screen; a refusal is this screen's to explain.
        if (message === 'routeFailed' && reportFailure(err)) return;
        setState({ status: 'error', key, message });
      },
    );
    return () => { cancelled = true; };
  }, [to, accessible, key, reportFailure]);

  if (to === null) return { status: 'idle' };
  // A state for an older request reads as loading until the new answer arrives.
  return state.status !== 'idle' && state.key === key ? state : { status: 'loading', key };
}
