// The running promotions, shared by the attract loop and the home screen (the agent applies the display's attract
// playlist). Reloaded when the catalog or the playlist changes, when a session ends (campaigns expire by the clock, not only by catalog updates) and every REFRESH_MS.
import { useEffect, useState } from 'react';
import type { PromotionCard } from '../../../contracts/api.ts';
import { call } from '../api/client.ts';
import type { ReportFailure } from '../api/useAgentConnection.ts';

export const PROMOTION_LIMIT = 12;
const REFRESH_MS = 15 * 60_000;

export type Promotions = { status: 'loading' | 'ready'; items: PromotionCard[] };

/** `playlistKey`: the display's attract playlist as text, so a change of it (HQ or staff) reloads the list at once. */
export function usePromotions(catalogVersion: number, sessionId: number, reportFailure: ReportFailure, playlistKey = ''): Promotions {
  const [promotions, setPromotions] = useState<Promotions>({ status: 'loading', items: [] });
  const [refresh, setRefresh] = useState(0);

  useEffect(() => {
    const timer = setInterval(() => setRefresh((n) => n + 1), REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => {
    let cancelled = false;
    call('promotions.list', { limit: PROMOTION_LIMIT }).then(
      (res) => { if (!cancelled) setPromotions({ status: 'ready', items: res.promotions }); },
      (err: unknown) => {
        if (cancelled || reportFailure(err)) return;
        // Keep what is on screen: an old list beats an empty attract loop.
        console.warn('atrium: promotions could not be loaded', err);
        setPromotions((p) => ({ ...p, status: 'ready' }));
      },
    );
    return () => { cancelled = true; };
  }, [catalogVersion, sessionId, refresh, reportFailure, playlistKey]);

  return promotions;
}
