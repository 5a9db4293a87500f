// The running HQ receives a feedback.submitted event (parsed by inbound.ts): the ticket goes into feedback.db once,
// with the phone number opened from its sealed contact. A contact HQ cannot open (another key, altered) is recorded as
// a problem beside the ticket, which is kept: the feedback itself is still worth having.
import type { FeedbackSubmittedPayload } from '../../../contracts/feedback.ts';
import { openSealed } from '../../../common/node/feedback-seal.ts';
import type { HqLog } from '../log.ts';
import { loadOrCreateFeedbackKey } from './key.ts';
import { FeedbackStore } from './store.ts';

export function recordFeedback(o: { dataDir: string; log: HqLog; now: Date }, deviceId: string, payload: FeedbackSubmittedPayload): void {
  let phone: string | null = null;
  let problem: string | null = null;
  if (payload.contact) {
    try {
      phone = openSealed(payload.contact, loadOrCreateFeedbackKey(o.dataDir));
    } catch (err) {
      problem = `contact could not be opened: ${(err as Error).message}`;
    }
  }
  const store = new FeedbackStore(o.dataDir);
  try {
    const outcome = store.record(deviceId, payload, { phone, problem }, o.now);
    if (outcome === 'reissued') o.log.warn('feedback ticket number given again by this kiosk (was its database reset?); both kept', { deviceId, ticket: payload.ticket });
    o.log.info(outcome === 'repeat' ? 'feedback ticket repeated (already recorded)' : 'feedback ticket recorded', { deviceId, ticket: payload.ticket, contact: payload.contact ? (problem ? 'unreadable' : 'phone') : payload.memberId ? 'member' : 'none' });
    if (problem) o.log.warn('feedback contact unreadable', { deviceId, ticket: payload.ticket, reason: problem });
  } finally {
    store.close();
  }
}
