// The running promotions, shared by the attract loop and the home screen (the agent applies the display's attract
// playlist). Reloaded when the catalog or the playlist changes, when a session ends (campaigns expire by the clock, not
// only by catalog updates), at the agent's `nextChangeAt` (the next daypart/date/window boundary, so the loop switches
// when the schedule does) and every REFRESH_MS.
import { useEffect, useState } from 'react';
import type { PromotionCard } from '../../../contracts/api.ts';
import { call } from '../api/client.ts';
import type { ReportFailure } from '../api/useAgentConnection.ts';

export const PROMOTION_LIMIT = 12;
const REFRESH_MS = 15 * 60_000;
/** After the boundary, so the agent's clock has passed it too; and never sooner than this after a load. */
const CHANGE_MARGIN_MS = 250;
const MIN_CHANGE_DELAY_MS = 2000;

/** `rotation`: one attract-loop cycle (campaign ids, repeated by share of voice); `nextChangeAt`: ISO or null. */
export type Promotions = { status: 'loading' | 'ready'; items: PromotionCard[]; rotation: string[]; nextChangeAt: string | null };

/** How long until the refetch for a schedule boundary at `nextChangeAt` (null: none before the regular poll). */
export function changeDelayMs(nextChangeAt: string | null, now: number): number | null {
  if (nextChangeAt === null) return null;
  const at = Date.parse(nextChangeAt);
  if (!Number.isFinite(at)) return null;
  const delay = Math.max(MIN_CHANGE_DELAY_MS, at - now + CHANGE_MARGIN_MS);
  return delay >= REFRESH_MS ? null : delay;
}

/** `playlistKey`: the display's attract playlist as text, so a change of it (HQ or staff) reloads the list at once. */
export function usePromotions(catalogVersion: number, sessionId: number, reportFailure: ReportFailure, playlistKey = ''): Promotions {
  const [promotions, setPromotions] = useState<Promotions>({ status: 'loading', items: [], rotation: [], nextChangeAt: null });
  const [refresh, setRefresh] = useState(0);

  useEffect(() => {
    const timer = setInterval(() => setRefresh((n) => n + 1), REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  // The next schedule boundary: reload just after it (the regular poll covers anything further away).
  // Re-armed after every load (the object changes), so a boundary the agent had not yet passed is asked about again.
  useEffect(() => {
    const delay = changeDelayMs(promotions.nextChangeAt, Date.now());
    if (delay === null) return undefined;
    const timer = setTimeout(() => setRefresh((n) => n + 1), delay);
    return () => clearTimeout(timer);
  }, [promotions]);

  useEffect(() => {
    let cancelled = false;
    call('promotions.list', { limit: PROMOTION_LIMIT }).then(
      (res) => { if (!cancelled) setPromotions({ status: 'ready', items: res.promotions, rotation: res.rotation, nextChangeAt: res.nextChangeAt ?? null }); },
      (err: unknown) => {
        if (cancelled || reportFailure(err)) return;
        // Keep what is on screen: an old list beats an empty attract loop.
        console.warn('atrium: promotions could not be loaded', err);
        setPromotions((p) => ({ ...p, status: 'ready', nextChangeAt: null }));
      },
    );
    return () => { cancelled = true; };
  }, [catalogVersion, sessionId, refresh, reportFailure, playlistKey]);

  return promotions;
}
