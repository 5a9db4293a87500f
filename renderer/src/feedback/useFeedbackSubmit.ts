// Sends one feedback (feedback.submit) and keeps the ticket in this screen's memory only. A refusal keeps the draft so
// the shopper can fix it and send again; a connection failure goes to the app's failure handling.
import { useCallback, useRef, useState } from 'react';
import type { ApiParams } from '../../../contracts/api.ts';
import type { FeedbackSubmitResult } from '../../../contracts/feedback.ts';
import { ApiCallError, call } from '../api/client.ts';
import { useReportFailure } from '../api/AgentFailureContext.ts';

export type SubmitState =
  | { status: 'idle' }
  | { status: 'sending' }
  | { status: 'done'; result: FeedbackSubmitResult }
  | { status: 'failed'; reason: string };

export function useFeedbackSubmit(): { state: SubmitState; send: (params: ApiParams<'feedback.submit'>) => void } {
  const reportFailure = useReportFailure();
  const [state, setState] = useState<SubmitState>({ status: 'idle' });
  const busy = useRef(false);
  const send = useCallback((params: ApiParams<'feedback.submit'>) => {
    // One ticket per tap: a second tap while the first is on its way does nothing.
    if (busy.current) return;
    busy.current = true;
    setState({ status: 'sending' });
    call('feedback.submit', params).then(
      (result) => setState({ status: 'done', result }),
      (err: unknown) => {
        busy.current = false;
        if (reportFailure(err)) return;
        setState({ status: 'failed', reason: err instanceof ApiCallError ? err.message : 'internal' });
      },
    );
  }, [reportFailure]);
  return { state, send };
}
