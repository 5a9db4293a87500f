// Restaurant queue tickets (issue 14): the live queue status HQ publishes for the mall's queuing restaurants, the
// ticket request/response between the kiosk and HQ (MQTT 5 request/response, as member look-ups), the local API
// methods queue.status and queue.take, and the size classes both sides number tickets by. Declared once here.
import { z } from 'zod';

/** Table size classes: small 1–2, medium 3–4, large 5–6, extra large 7+; tickets are lettered A, B, C, D by class. */
export const SizeClass = z.enum(['small', 'medium', 'large', 'xl']);
export type SizeClass = z.infer<typeof SizeClass>;

export const SIZE_CLASSES: readonly { sizeClass: SizeClass; letter: string; minSize: number; maxSize: number | null }[] = [
  { sizeClass: 'small', letter: 'A', minSize: 1, maxSize: 2 },
  { sizeClass: 'medium', letter: 'B', minSize: 3, maxSize: 4 },
  { sizeClass: 'large', letter: 'C', minSize: 5, maxSize: 6 },
  { sizeClass: 'xl', letter: 'D', minSize: 7, maxSize: null },
];

export const MAX_PARTY_SIZE = 20;

/** The class a party of `size` sits in. */
export function sizeClassFor(size: number): SizeClass {
  const c = SIZE_CLASSES.find((k) => size >= k.minSize && (k.maxSize === null || size <= k.maxSize));
  return (c ?? SIZE_CLASSES[SIZE_CLASSES.length - 1]!).sizeClass;
}

const StoreId = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/);
export const PartySize = z.number().int().min(1, 'a party is at least 1 person').max(MAX_PARTY_SIZE, `a party is at most ${MAX_PARTY_SIZE} people`);
/** A mainland China mobile number, 11 digits starting with 1: used by HQ only, to text the shopper when called. */
export const QueuePhone = z.string().regex(/^1[3-9]\d{9}$/, 'a mobile number is 11 digits starting with 13-19');
/** Made by the page once per ticket attempt: a double tap or a retry with it gets the same ticket, never two. */
export const QueueRequestId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'requestId is 16-64 letters, digits, _ or -');
/** A ticket number: the class letter and three digits, e.g. A023. */
export const TicketNumber = z.string().regex(/^[A-D]\d{3}$/);

/** One size class of a restaurant's queue as HQ sees it now. */
export const QueueClassStatus = z.object({
  sizeClass: SizeClass,
  /** Tables of this size in the restaurant. */
  tables: z.number().int().nonnegative(),
  /** Parties waiting (issued, not yet called). */
  waiting: z.number().int().nonnegative(),
  /** The number called last in this class; null before the first call. */
  nowCalling: TicketNumber.nullable(),
  /** HQ's estimate for a party joining now, in minutes. */
  estimatedWaitMin: z.number().int().nonnegative(),
});
export type QueueClassStatus = z.infer<typeof QueueClassStatus>;

export const RestaurantQueueStatus = z.object({
  storeId: StoreId,
  /** false: the restaurant takes no tickets now (closed, or its queue paused). */
  open: z.boolean(),
  classes: z.array(QueueClassStatus).max(4),
});
export type RestaurantQueueStatus = z.infer<typeof RestaurantQueueStatus>;

/**
 * Topic catalog/queue, retained: every queuing restaurant of the mall in one message, republished on every change and
 * at least every minute (`publishedAt`), so a kiosk can tell live figures from old ones.
 */
export const QueueStatusMessage = z.object({
  mallId: z.string().regex(/^[A-Za-z0-9_-]{1,48}$/),
  publishedAt: z.iso.datetime({ offset: true }),
  stores: z.array(RestaurantQueueStatus).max(500),
});
export type QueueStatusMessage = z.infer<typeof QueueStatusMessage>;

/** The kiosk -> HQ ticket request (devices/{device}/queue/ticket, with responseTopic and correlationData). */
export const QueueTicketRequest = z.object({
  requestId: QueueRequestId,
  storeId: StoreId,
  partySize: PartySize,
  /** Only in this one message: HQ texts the shopper when called. The kiosk keeps it nowhere. */
  phone: QueuePhone.optional(),
  /** The signed-in member, when there is one (HQ may notify them in the mall's app). */
  memberId: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/).optional(),
}).strict();
export type QueueTicketRequest = z.infer<typeof QueueTicketRequest>;

export const QueueTicket = z.object({
  requestId: QueueRequestId,
  storeId: StoreId,
  number: TicketNumber,
  sizeClass: SizeClass,
  partySize: PartySize,
  /** Parties of the same class ahead of this one when it was issued. */
  ahead: z.number().int().nonnegative(),
  /** The wait HQ expects, in minutes, as a range. */
  waitMin: z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]),
  /** Where the shopper follows the queue on their phone (the QR on screen and on paper). */
  followUrl: z.url({ protocol: /^https?$/ }).max(300),
  issuedAt: z.iso.datetime({ offset: true }),
});
export type QueueTicket = z.infer<typeof QueueTicket>;

/** not_queuing: HQ runs no queue for the store; closed: the queue is paused; no_tables: no tables for a party this size. */
export const QueueRefusal = z.enum(['not_queuing', 'closed', 'no_tables', 'bad_request']);
export type QueueRefusal = z.infer<typeof QueueRefusal>;

/** HQ -> kiosk (devices/{device}/queue/ticket/response, with the request's correlationData). */
export const QueueTicketResponse = z.discriminatedUnion('status', [
  z.object({ status: z.literal('issued'), ticket: QueueTicket }),
  z.object({ status: z.literal('refused'), reason: QueueRefusal, detail: z.string().max(200).nullable().default(null) }),
]);
export type QueueTicketResponse = z.infer<typeof QueueTicketResponse>;

// ---- the local API (contracts/api.ts spreads these in) ----

/** How old HQ's status may be and still be shown as live (HQ republishes at least every minute). */
export const QUEUE_STATUS_MAX_AGE_SEC = 180;

export const QueueUnavailable = z.enum(['offline', 'stale', 'no_status']);

export const QueueStoreView = z.discriminatedUnion('state', [
  z.object({ storeId: z.string(), state: z.literal('live'), open: z.boolean(), classes: z.array(QueueClassStatus), asOf: z.string() }),
  /** offline: no HQ connection; stale: HQ's last figures are too old; no_status: HQ sent none for this restaurant. */
  z.object({ storeId: z.string(), state: z.literal('unavailable'), reason: QueueUnavailable }),
]);
export type QueueStoreView = z.infer<typeof QueueStoreView>;

/** Whether the ticket went to the receipt printer: none configured, printed, or the printer could not print. */
export const TicketPrint = z.object({
  state: z.enum(['none', 'printed', 'unavailable']),
  /** Why not (off, refused, out of paper, timed out), for the staff page; null when printed or none. */
  detail: z.string().max(200).nullable(),
});
export type TicketPrint = z.infer<typeof TicketPrint>;

export const QueueTakeResult = z.discriminatedUnion('status', [
  z.object({ status: z.literal('issued'), ticket: QueueTicket, print: TicketPrint }),
  z.object({ status: z.literal('refused'), reason: QueueRefusal }),
  /** No ticket: HQ cannot be reached, or did not answer in time. Nothing was invented; the same requestId may retry. */
  z.object({ status: z.literal('unavailable'), reason: z.enum(['offline', 'timeout']) }),
]);
export type QueueTakeResult = z.infer<typeof QueueTakeResult>;

export const queueApiMethods = {
  /** Live queue figures for every queuing restaurant of the catalog, or why they are not available here now. */
  'queue.status': {
    params: z.object({}).strict(),
    result: z.object({ stores: z.array(QueueStoreView) }),
  },
  /**
   * Takes a ticket at HQ for a party. `phone` (optional) goes to HQ in the request only; `memberSession` names the
   * signed-in member. The same `requestId` returns the same ticket (the kiosk joins a request in flight; HQ keeps
   * issued tickets by request id).
   */
  'queue.take': {
    params: z.object({
      storeId: StoreId,
      partySize: PartySize,
      requestId: QueueRequestId,
      phone: QueuePhone.optional(),
      memberSession: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/).optional(),
    }).strict(),
    result: QueueTakeResult,
  },
} as const;

/** The printer as the agent last found it, for the staff Status page and HQ's heartbeat. */
export const PrinterStatus = z.object({
  configured: z.boolean(),
  /** host:port of the receipt printer (TCP 9100), or null. */
  target: z.string().max(300).nullable(),
  state: z.enum(['unknown', 'ready', 'unavailable']),
  detail: z.string().max(200).nullable(),
  checkedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type PrinterStatus = z.infer<typeof PrinterStatus>;
