// What the store directory's rows need from the queue: HQ's live figures per queuing restaurant (polled by the app)
// and a way to open the ticket screen. Provided by app/KioskApp.tsx; absent (null) anywhere else, so rows show nothing.
import { createContext, useContext } from 'react';
import type { LocalizedText } from '../../../contracts/catalog.ts';
import type { QueueStoreView } from '../../../contracts/queue.ts';

export type QueueContextValue = { views: ReadonlyMap<string, QueueStoreView>; openTicket: (storeId: string, name: LocalizedText) => void };

export const QueueContext = createContext<QueueContextValue | null>(null);

export function useQueue(): QueueContextValue | null {
  return useContext(QueueContext);
}
