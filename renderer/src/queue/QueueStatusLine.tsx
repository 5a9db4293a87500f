// A queuing restaurant's line in the store directory: per table size the parties waiting and the wait, the number
// now called, and "Get a ticket"; or that the queue is not available here right now (offline or old figures).
import type { Store } from '../../../contracts/catalog.ts';
import type { QueueStoreView } from '../../../contracts/queue.ts';
import { useLanguage } from '../i18n/LanguageContext.tsx';
import { localized } from '../i18n/translate.ts';
import { useQueue } from './QueueContext.ts';
import { CLASS_SHORT_KEY, useQueueText } from './queueStrings.ts';
import './queue.css';

export function QueueStatusLine({ store }: { store: Store }) {
  const queue = useQueue();
  const qt = useQueueText();
  const name = localized(store.name, useLanguage());
  const view = queue?.views.get(store.id);
  if (!queue || !view) return null;
  if (view.state === 'unavailable') {
    return <span className="queue-line queue-line--off" data-testid="queue-line" data-state="unavailable" data-reason={view.reason}>{qt('unavailable')}</span>;
  }
  return (
    <span className="queue-line" data-testid="queue-line" data-state="live">
      <span className="queue-line__label">{qt('queue')}</span>
      <span className="queue-line__text">{summary(view, qt)}</span>
      {view.open && (
        <button type="button" className="queue-line__take" onClick={() => queue.openTicket(store.id, store.name)} aria-label={qt('takeTicketAt', { name })} data-testid="queue-take-open">
          {qt('takeTicket')}
        </button>
      )}
    </span>
  );
}

function summary(view: Extract<QueueStoreView, { state: 'live' }>, qt: ReturnType<typeof useQueueText>): string {
  if (!view.open) return qt('closedNow');
  // Per table size where parties wait (the size a shopper cares about), else "no wait"; then the numbers called.
  const waiting = view.classes.filter((c) => c.tables > 0 && c.waiting > 0);
  const calling = view.classes.map((c) => c.nowCalling).filter((n): n is string => n !== null);
  const parts = waiting.length === 0
    ? [qt('noWait')]
    : waiting.map((c) => qt('classShort', { table: qt(CLASS_SHORT_KEY[c.sizeClass]), n: c.waiting, minutes: c.estimatedWaitMin }));
  if (calling.length) parts.push(qt('nowCalling', { number: calling.join(' ') }));
  return parts.join(' · ');
}
