// Restaurant queue tickets on the kiosk: HQ's live figures (kept in memory only: the retained message comes again
// after every connect), queue.status for the page, and queue.take: one request to HQ per requestId (a double tap
// joins the request in flight; a retry gets HQ's stored ticket), then the printer. The shopper's phone number goes
// into the one MQTT request and nowhere else: not SQLite, not the log, not an event.
import type { ApiParsedParams, ApiResult } from '../../../contracts/api.ts';
import { Store } from '../../../contracts/catalog.ts';
import type { QueueStatusMessage, QueueTakeResult, QueueTicketRequest, QueueTicketResponse } from '../../../contracts/queue.ts';
import type { Logger } from '../../../common/node/log.ts';
import type { Db } from '../db/open.ts';
import type { ReceiptPrinter } from '../printer/receipt-printer.ts';
import { queueViews } from './status-view.ts';

export type QueueHq = { online(): boolean; requestQueueTicket(req: QueueTicketRequest): Promise<QueueTicketResponse> };

export type QueueServiceOptions = {
  db: Db;
  log: Logger;
  hq: QueueHq;
  printer: ReceiptPrinter;
  timeZone: string;
  /** The member behind a member session (throws member_session_gone), for a signed-in shopper's ticket. */
  memberIdOf: (memberSession: string) => string;
  now?: () => Date;
};

/** Tickets this kiosk issued recently, by requestId: a repeat within this window is answered here, not printed again. */
const REMEMBER_MS = 10 * 60_000;

export class QueueService {
  private readonly o: QueueServiceOptions;
  private latest: QueueStatusMessage | null = null;
  private readonly inFlight = new Map<string, Promise<QueueTakeResult>>();
  private readonly issued = new Map<string, { result: QueueTakeResult; at: number }>();

  constructor(o: QueueServiceOptions) {
    this.o = o;
  }

  private now(): Date {
    return this.o.now?.() ?? new Date();
  }

  /** HQ's retained status arrived (parsed on receipt by the sync engine). An older one than held is ignored. */
  onStatus(status: QueueStatusMessage): void {
    if (this.latest && Date.parse(status.publishedAt) < Date.parse(this.latest.publishedAt)) return;
    this.latest = status;
  }

  private queuingStores(): Store[] {
    const rows = this.o.db.prepare("SELECT doc FROM stores WHERE json_extract(doc, '$.queuing') = 1 ORDER BY id").all() as { doc: string }[];
    return rows.map((r) => Store.parse(JSON.parse(r.doc)));
  }

  status(): ApiResult<'queue.status'> {
    return { stores: queueViews({ storeIds: this.queuingStores().map((s) => s.id), latest: this.latest, online: this.o.hq.online(), now: this.now() }) };
  }

  take(params: ApiParsedParams<'queue.take'>): Promise<QueueTakeResult> {
    this.forgetOld();
    const done = this.issued.get(params.requestId);
    if (done) return Promise.resolve(done.result);
    const pending = this.inFlight.get(params.requestId);
    if (pending) return pending;
    const p = this.ask(params).finally(() => this.inFlight.delete(params.requestId));
    this.inFlight.set(params.requestId, p);
    return p;
  }

  private async ask({ storeId, partySize, requestId, phone, memberSession }: ApiParsedParams<'queue.take'>): Promise<QueueTakeResult> {
    const store = this.queuingStores().find((s) => s.id === storeId);
    if (!store) return { status: 'refused', reason: 'not_queuing' };
    const memberId = memberSession ? this.o.memberIdOf(memberSession) : undefined;
    if (!this.o.hq.online()) return { status: 'unavailable', reason: 'offline' };
    let answer: QueueTicketResponse;
    try {
      answer = await this.o.hq.requestQueueTicket({ requestId, storeId, partySize, ...(phone ? { phone } : {}), ...(memberId ? { memberId } : {}) });
    } catch (err) {
      const offline = (err as Error).message.startsWith('offline');
      this.o.log.warn('queue ticket: no answer from HQ', { storeId, reason: (err as Error).message });
      return { status: 'unavailable', reason: offline ? 'offline' : 'timeout' };
    }
    if (answer.status === 'refused') {
      this.o.log.info('queue ticket refused by HQ', { storeId, reason: answer.reason, detail: answer.detail });
      return { status: 'refused', reason: answer.reason };
    }
    const { ticket } = answer;
    this.o.log.info('queue ticket issued', { storeId, number: ticket.number, ahead: ticket.ahead });
    const print = await this.o.printer.print({ ticket, restaurant: store.name, timeZone: this.o.timeZone });
    const result: QueueTakeResult = { status: 'issued', ticket, print };
    this.issued.set(requestId, { result, at: Date.now() });
    return result;
  }

  private forgetOld(): void {
    const cutoff = Date.now() - REMEMBER_MS;
    for (const [id, v] of this.issued) if (v.at < cutoff) this.issued.delete(id);
  }
}
