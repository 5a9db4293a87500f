// Polls the agent's queue.status while the guide screen shows (the figures move minute by minute), so directory
// rows say the number called and the wait, or that the queue is not available here now.
import { useEffect, useState } from 'react';
import type { QueueStoreView } from '../../../contracts/queue.ts';
import { call } from '../api/client.ts';

const POLL_MS = 10_000;

export function useQueueStatus(active: boolean): ReadonlyMap<string, QueueStoreView> {
  const [views, setViews] = useState<ReadonlyMap<string, QueueStoreView>>(new Map());
  useEffect(() => {
    if (!active) return undefined;
    let cancelled = false;
    const load = () => {
      call('queue.status', {}).then(
        (r) => { if (!cancelled) setViews(new Map(r.stores.map((s) => [s.storeId, s]))); },
        // Nothing known is shown as nothing: a row without figures rather than old ones.
        (err: unknown) => { if (!cancelled) { console.warn('atrium: queue status could not be loaded', err); setViews(new Map()); } },
      );
    };
    load();
    const timer = setInterval(load, POLL_MS);
    return () => { cancelled = true; clearInterval(timer); };
  }, [active]);
  return views;
}
