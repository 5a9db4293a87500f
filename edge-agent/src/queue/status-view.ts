// What the kiosk shows for each queuing restaurant, pure: HQ's figures when they are live (HQ reachable, and the
// retained status no older than QUEUE_STATUS_MAX_AGE_SEC), otherwise why not. No figures are ever made up here.
import { QUEUE_STATUS_MAX_AGE_SEC, type QueueStatusMessage, type QueueStoreView } from '../../../contracts/queue.ts';

export function queueViews(o: { storeIds: readonly string[]; latest: QueueStatusMessage | null; online: boolean; now: Date }): QueueStoreView[] {
  const age = o.latest ? (o.now.getTime() - Date.parse(o.latest.publishedAt)) / 1000 : Infinity;
  return o.storeIds.map((storeId): QueueStoreView => {
    if (!o.online) return { storeId, state: 'unavailable', reason: 'offline' };
    const s = o.latest?.stores.find((x) => x.storeId === storeId);
    if (!o.latest || !s) return { storeId, state: 'unavailable', reason: 'no_status' };
    // A clock a little behind HQ's makes the age negative; far in the future is as untrustworthy as far in the past.
    if (age > QUEUE_STATUS_MAX_AGE_SEC || age < -QUEUE_STATUS_MAX_AGE_SEC) return { storeId, state: 'unavailable', reason: 'stale' };
    return { storeId, state: 'live', open: s.open, classes: s.classes, asOf: o.latest.publishedAt };
  });
}
