// Runs the attract loop's state machine (player.ts): prepares the next item, times the shown one, cuts it on a touch,
// and sends each ended item's proof of play (content.played) to the agent, fire-and-forget: the agent's outbox
// makes it durable.
import { useCallback, useEffect, useMemo, useReducer, useRef, useSyncExternalStore } from 'react';
import type { PromotionCard } from '../../../contracts/api.ts';
import type { Orientation } from '../../../contracts/content.ts';
import { call } from '../api/client.ts';
import { useLatest } from '../ui/useLatest.ts';
import { initialPlayer, playerReducer, type PlayerState } from './player.ts';
import { buildPlaylist, playedReport, screenOrientation, type OrientationSetting, type PlayDisplay } from './playlist.ts';

export type PlayerControls = {
  state: PlayerState;
  ready(serial: number): void;
  failed(serial: number, detail: string): void;
  ended(serial: number): void;
};

/**
 * `rotation`: the order of one cycle (campaign ids, repeated by weight); empty: each campaign once, in list order.
 * `nextChangeAt`: when the list stops being the schedule (the agent's ISO time; null: no boundary known).
 */
export function useAttractPlayer(promotions: readonly PromotionCard[], rotation: readonly string[], intervalSec: number, display: PlayDisplay, leaving: boolean, nextChangeAt: string | null = null): PlayerControls {
  const [state, dispatch] = useReducer(playerReducer, initialPlayer);
  const failedKey = state.failed.join(',');
  const items = useMemo(
    () => buildPlaylist(promotions, display.orientation, intervalSec, new Set(failedKey ? failedKey.split(',') : []), rotation),
    [promotions, rotation, display.orientation, intervalSec, failedKey],
  );

  // Preload: as soon as nothing is being prepared, the next item is. `serial` counts preparations: a colour card is
  // ready at once and may be swapped in by the same event that prepared it, leaving nothing pending again.
  const hasPending = state.pending !== null;
  const serial = state.serial;
  // A new list (the schedule changed) is offered even while one is pending: the reducer drops a pending item no
  // longer listed.
  const validUntil = nextChangeAt === null ? null : Date.parse(nextChangeAt);
  useEffect(() => {
    if (!leaving) dispatch({ type: 'prepare', items, at: Date.now(), validUntil: Number.isFinite(validUntil) ? validUntil : null });
  }, [hasPending, serial, items, leaving, validUntil]);

  // The shown item's slot (a play-once video ends earlier, by its `ended` event; this is then only its cap).
  const shownSerial = state.shown?.serial ?? null;
  const slotDone = state.shown?.slotDone ?? true;
  const slotMs = state.shown?.item.slotMs ?? 0;
  useEffect(() => {
    if (shownSerial === null || slotDone || leaving) return undefined;
    const timer = setTimeout(() => dispatch({ type: 'slotEnded', serial: shownSerial, at: Date.now() }), slotMs);
    return () => clearTimeout(timer);
  }, [shownSerial, slotDone, slotMs, leaving]);

  // A touch that leaves the attract loop cuts the shown item short.
  useEffect(() => {
    if (leaving) dispatch({ type: 'cut', at: Date.now() });
  }, [leaving]);

  // Proof of play for every item that ended, each sent once.
  const sentUpTo = useRef(0);
  const displayRef = useLatest(display);
  useEffect(() => {
    const last = state.ended.at(-1);
    if (!last) return;
    for (const e of state.ended) {
      if (e.id <= sentUpTo.current) continue;
      const report = playedReport(e.item, displayRef.current, e.startedAt, e.endedAt, e.outcome, e.detail);
      if (e.outcome === 'error') console.warn(`atrium: creative ${report.creativeId ?? '-'} of ${report.campaignId} skipped: ${e.detail ?? 'error'}`);
      call('content.played', report).catch((err: unknown) => console.warn('atrium: proof of play not recorded', err));
    }
    sentUpTo.current = last.id;
    dispatch({ type: 'sent', upTo: last.id });
  }, [state.ended, displayRef]);

  const ready = useCallback((serial: number) => dispatch({ type: 'ready', serial, at: Date.now() }), []);
  const failed = useCallback((serial: number, detail: string) => dispatch({ type: 'failed', serial, at: Date.now(), detail }), []);
  const ended = useCallback((serial: number) => dispatch({ type: 'slotEnded', serial, at: Date.now() }), []);
  return { state, ready, failed, ended };
}

function subscribeResize(onChange: () => void): () => void {
  window.addEventListener('resize', onChange);
  return () => window.removeEventListener('resize', onChange);
}

/** Which way this screen is: the display's setting, or the window's shape when the setting is auto. */
export function useScreenOrientation(setting: OrientationSetting): Orientation {
  return useSyncExternalStore(subscribeResize, () => screenOrientation(setting, window.innerWidth, window.innerHeight));
}
