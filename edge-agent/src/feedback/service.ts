// feedback.submit and feedback.mine: checks what the page sent (the contract already parsed it), seals a phone number
// for HQ with HQ's published key, writes the ticket and its outbox event in one transaction and answers the ticket at
// once, online or not. The phone number is in this function's arguments only: never logged, stored or sent in clear.
import type { ApiParsedParams, ApiResult } from '../../../contracts/api.ts';
import type { MemberTier } from '../../../contracts/catalog.ts';
import type { SealedContact } from '../../../contracts/feedback.ts';
import { feedbackDueTimes, ticketKioskCode } from '../../../common/feedback-ticket.ts';
import { sealForHq } from '../../../common/node/feedback-seal.ts';
import type { Logger } from '../../../common/node/log.ts';
import type { Db } from '../db/open.ts';
import { DomainError } from '../errors.ts';
import { memberTickets, storedFeedbackKey, writeTicket } from './store.ts';

export type FeedbackServiceOptions = {
  db: Db;
  log: Logger;
  deviceId: string;
  zones: readonly string[];
  /** The member behind a member session (throws member_session_gone). */
  memberOf: (memberSession: string) => { id: string; tier: MemberTier };
  onEventWritten: () => void;
  now?: () => Date;
};

export class FeedbackService {
  private readonly o: FeedbackServiceOptions;

  constructor(o: FeedbackServiceOptions) {
    this.o = o;
  }

  submit(p: ApiParsedParams<'feedback.submit'>): ApiResult<'feedback.submit'> {
    const { db } = this.o;
    const now = this.o.now?.() ?? new Date();
    const sessionMember = p.memberSession ? this.o.memberOf(p.memberSession) : null;
    const contactMember = p.contact.kind === 'member' ? this.o.memberOf(p.contact.memberSession) : null;
    const member = contactMember ?? sessionMember;
    const key = storedFeedbackKey(db);
    let sealed: SealedContact | null = null;
    if (p.contact.kind === 'phone') {
      if (!key) {
        throw new DomainError('unavailable', 'bad_request', 'a phone number cannot be taken on this screen yet (HQ\'s contact key has not reached it); sign in as a member, or send without a contact');
      }
      sealed = sealForHq(p.contact.phone, key);
    }
    if (p.storeId !== null && !db.prepare('SELECT 1 FROM stores WHERE id = ?').get(p.storeId)) {
      throw new DomainError('invalid', 'invalid_params', `no store ${p.storeId} in the directory`, [{ path: 'storeId', message: 'pick a store from the directory' }]);
    }
    const ticket = writeTicket(db, ticketKioskCode(this.o.deviceId, this.o.zones), (t) => ({
      ticket: t, category: p.category, storeId: p.storeId, rating: p.rating, text: p.text, language: p.language,
      memberId: member?.id ?? null, memberTier: member?.tier ?? null, contact: sealed, submittedAt: now.toISOString(),
    }), now);
    this.o.onEventWritten();
    this.o.log.info('feedback ticket given', { ticket, category: p.category, rating: p.rating, contact: p.contact.kind });
    const due = feedbackDueTimes(now);
    return {
      ticket, submittedAt: now.toISOString(), replyDueAt: due.replyDueAt.toISOString(), resolveDueAt: due.resolveDueAt.toISOString(),
      followUrl: key ? key.followUrlTemplate.replace('{ticket}', encodeURIComponent(ticket)) : null,
      contact: p.contact.kind,
    };
  }

  mine(p: ApiParsedParams<'feedback.mine'>): ApiResult<'feedback.mine'> {
    return { tickets: memberTickets(this.o.db, this.o.memberOf(p.memberSession).id) };
  }
}
