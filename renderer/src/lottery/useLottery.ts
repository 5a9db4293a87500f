// The lottery as the page sees it: the lotteries the agent holds (lottery.current, polled while a lottery view is on
// screen) and one draw at a time. A draw's id is made once per tap and kept until an answer arrives, so a retry after
// a failed call asks for the same draw (the agent and HQ return the same result) and never draws twice.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { LotteryDrawResult, LotteryView } from '../../../contracts/lottery.ts';
import { ApiCallError, call } from '../api/client.ts';
import { useReportFailure } from '../api/AgentFailureContext.ts';

const POLL_MS = 15_000;

export type LotteryNow = { open: LotteryView | null; latest: LotteryView | null; hqOnline: boolean; loaded: boolean };

/** The open lottery (else the most recent one, to say it has not started or has closed), polled while `active`. */
export function useCurrentLottery(active: boolean): LotteryNow {
  const reportFailure = useReportFailure();
  const [now, setNow] = useState<LotteryNow>({ open: null, latest: null, hqOnline: false, loaded: false });
  useEffect(() => {
    if (!active) return undefined;
    let cancelled = false;
    const load = () => call('lottery.current', {}).then(
      (r) => {
        if (cancelled) return;
        const open = r.lotteries.find((l) => l.state === 'open') ?? null;
        setNow({ open, latest: open ?? r.lotteries.at(-1) ?? null, hqOnline: r.hqOnline, loaded: true });
      },
      (err: unknown) => { if (!cancelled && !reportFailure(err)) setNow((s) => ({ ...s, loaded: true })); },
    );
    void load();
    const timer = setInterval(() => void load(), POLL_MS);
    return () => { cancelled = true; clearInterval(timer); };
  }, [active, reportFailure]);
  return now;
}

export type DrawState =
  | { status: 'idle' }
  | { status: 'drawing' }
  | { status: 'done'; result: LotteryDrawResult }
  /** The call itself failed (not HQ's answer): its error code; the same drawId is retried on the next tap. */
  | { status: 'failed'; code: string };

const newDrawId = () => `d-${crypto.randomUUID()}`;

export function useLotteryDraw(lotteryId: string | null, memberSession: string | null, channel: 'guide' | 'wall', onGone?: () => void) {
  const reportFailure = useReportFailure();
  const [state, setState] = useState<DrawState>({ status: 'idle' });
  const pendingId = useRef<string | null>(null);
  const busy = useRef(false);
  const draw = useCallback(() => {
    if (!lotteryId || !memberSession || busy.current) return;
    busy.current = true;
    pendingId.current ??= newDrawId();
    setState({ status: 'drawing' });
    call('lottery.draw', { lotteryId, drawId: pendingId.current, memberSession, channel }).then(
      (result) => {
        busy.current = false;
        // An answer (any answer) ends this draw attempt; the next tap is a new draw.
        pendingId.current = null;
        setState({ status: 'done', result });
      },
      (err: unknown) => {
        busy.current = false;
        if (reportFailure(err)) return;
        if (err instanceof ApiCallError && err.code === 'member_session_gone') onGone?.();
        setState({ status: 'failed', code: err instanceof ApiCallError ? err.code : 'internal' });
      },
    );
  }, [lotteryId, memberSession, channel, reportFailure, onGone]);
  const reset = useCallback(() => setState({ status: 'idle' }), []);
  return { state, draw, reset };
}
