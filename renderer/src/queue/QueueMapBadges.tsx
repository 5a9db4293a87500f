// On the map, under a queuing restaurant's name: "queue: N waiting" while HQ's figures are live (nothing when they are
// not: the directory row says why). Its own component, so the 10-second status polls redraw these few texts only, not
// the memoised level drawing around them.
import type { QueueStoreView } from '../../../contracts/queue.ts';
import { useQueue } from './QueueContext.ts';
import { useQueueText } from './queueStrings.ts';

type LabelSpot = { id: string; storeId: string | null; at: readonly [number, number]; fontSize: number; lines: readonly string[] };

export function QueueMapBadges({ labels, bearingDeg }: { labels: readonly LabelSpot[]; bearingDeg: number }) {
  const queue = useQueue();
  const qt = useQueueText();
  if (!queue) return null;
  return (
    <>
      {labels.map((l) => {
        const view = l.storeId ? queue.views.get(l.storeId) : undefined;
        const text = view ? badgeText(view, qt) : null;
        if (!text) return null;
        // Below the name block (its lines are centred on the anchor, 1.2em apart).
        const y = l.at[1] + l.fontSize * (0.35 + (l.lines.length - 1) * 0.6 + 1.1);
        return (
          <text key={`queue-${l.id}`} className="map-queue-badge" x={l.at[0]} y={y} fontSize={l.fontSize * 0.72} textAnchor="middle" fill="#1f5a2d" fontWeight={700}
            transform={bearingDeg ? `rotate(${bearingDeg} ${l.at[0]} ${l.at[1]})` : undefined} data-testid="map-queue-badge" data-store-id={l.storeId ?? undefined}>
            {text}
          </text>
        );
      })}
    </>
  );
}

function badgeText(view: QueueStoreView, qt: ReturnType<typeof useQueueText>): string | null {
  if (view.state !== 'live' || !view.open) return null;
  const waiting = view.classes.reduce((n, c) => n + c.waiting, 0);
  return waiting === 0 ? `${qt('queue')} · ${qt('noWait')}` : `${qt('queue')} · ${qt('waitingParties', { n: waiting })}`;
}
