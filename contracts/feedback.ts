// Shopper feedback (意见反馈, issue 15): what the page sends the agent (feedback.submit), the outbox event that carries
// it to HQ (feedback.submitted), HQ's contact key and follow link (retained, catalog/feedback-key), and HQ's replies
// and resolutions back to the kiosk it came from (devices/{device}/feedback/updates). A phone number given as the
// contact crosses the local API once and then exists only sealed for HQ (SealedContact; common/node/feedback-seal.ts).
import { z } from 'zod';
import { MemberTier } from './catalog.ts';
import { QueuePhone } from './queue.ts';

export const FEEDBACK_CATEGORIES = ['environment', 'service', 'store', 'parking', 'other'] as const;
export const FeedbackCategory = z.enum(FEEDBACK_CATEGORIES);
export type FeedbackCategory = z.infer<typeof FeedbackCategory>;

/** The most characters (Unicode code points: an emoji counts once) feedback text may have; the page shows a counter. */
export const FEEDBACK_TEXT_MAX = 500;

/** The promise made on screen and kept by HQ's clock: a reply within 24 hours, a solution within 72 (calendar hours). */
export const FEEDBACK_RESPONSE_HOURS = 24;
export const FEEDBACK_RESOLUTION_HOURS = 72;

const codePoints = (s: string) => Array.from(s).length;
// C0/C1 control characters other than tab and line breaks are never text a shopper typed.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/**
 * Feedback text: trimmed, 1 to FEEDBACK_TEXT_MAX code points, no control characters. Emoji and mixed scripts are kept
 * exactly as typed (no normalisation).
 */
export const FeedbackText = z.string()
  .trim()
  .refine((s) => s.length > 0, 'feedback text is empty: write what happened')
  .refine((s) => codePoints(s) <= FEEDBACK_TEXT_MAX, `feedback text is at most ${FEEDBACK_TEXT_MAX} characters`)
  .refine((s) => !CONTROL.test(s), 'feedback text has a control character');

export const FeedbackRating = z.number().int('a rating is a whole number from 1 to 5').min(1, 'a rating is 1 to 5').max(5, 'a rating is 1 to 5');

/** A ticket number made on the kiosk: FB-<kiosk code>-<sequence of 4 or more digits> (common/feedback-ticket.ts). */
export const FeedbackTicket = z.string().regex(/^FB-[A-Z0-9]{1,6}-\d{4,9}$/, 'a feedback ticket looks like FB-1F-0423');
export type FeedbackTicket = z.infer<typeof FeedbackTicket>;

const B64URL = z.string().regex(/^[A-Za-z0-9_-]+$/);
const KeyId = z.string().regex(/^[A-Za-z0-9_-]{4,64}$/);

/**
 * A phone number sealed for HQ: X25519 with a fresh key pair per message (epk) and HQ's published key (kid), HKDF-
 * SHA256, AES-256-GCM. Only HQ's private key opens it; the kiosk's SQLite, outbox and logs hold only this.
 */
export const SealedContact = z.object({
  v: z.literal(1),
  kid: KeyId,
  epk: B64URL.length(43),
  iv: B64URL.length(16),
  ct: B64URL.max(200),
  tag: B64URL.length(22),
}).strict();
export type SealedContact = z.infer<typeof SealedContact>;

/** The outbox event (kiosk -> HQ, type feedback.submitted). Its eventId is the ticket, so HQ records each once. */
export const FeedbackSubmittedPayload = z.object({
  ticket: FeedbackTicket,
  category: FeedbackCategory,
  /** The store it is about (category 'store'), from the catalog. */
  storeId: z.string().min(1).max(64).nullable(),
  rating: FeedbackRating,
  text: FeedbackText,
  /** The UI language the shopper wrote in. */
  language: z.enum(['zh-CN', 'en']),
  /** The signed-in member who gave it, or null. */
  memberId: z.string().min(1).max(64).nullable(),
  memberTier: MemberTier.nullable(),
  /** A phone number for HQ to call back, sealed for HQ; null when none was given. */
  contact: SealedContact.nullable(),
  submittedAt: z.iso.datetime({ offset: true }),
}).strict();
export type FeedbackSubmittedPayload = z.infer<typeof FeedbackSubmittedPayload>;

/** HQ's retained message (catalog/feedback-key): the key kiosks seal phone numbers with, and the follow link. */
export const FeedbackKeyMessage = z.object({
  mallId: z.string().regex(/^[A-Za-z0-9_-]{1,48}$/),
  kid: KeyId,
  /** HQ's X25519 public key, raw 32 bytes as base64url (JWK `x`). */
  publicKey: B64URL.length(43),
  /** Where a shopper follows a ticket on their phone; `{ticket}` is replaced by the ticket number. */
  followUrlTemplate: z.string().max(200).regex(/^https:\/\/[^\s{}]+\{ticket\}[^\s{}]*$/, 'an https link with {ticket} in it'),
  publishedAt: z.iso.datetime({ offset: true }),
}).strict();
export type FeedbackKeyMessage = z.infer<typeof FeedbackKeyMessage>;

export const FeedbackUpdateKind = z.enum(['reply', 'resolve']);
export type FeedbackUpdateKind = z.infer<typeof FeedbackUpdateKind>;

/** HQ -> the kiosk the ticket came from (devices/{device}/feedback/updates): a reply, or the ticket resolved. */
export const FeedbackUpdate = z.object({
  updateId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  ticket: FeedbackTicket,
  kind: FeedbackUpdateKind,
  text: z.string().trim().min(1, 'an update has text').max(1000),
  at: z.iso.datetime({ offset: true }),
}).strict();
export type FeedbackUpdate = z.infer<typeof FeedbackUpdate>;

// ---- the local API (contracts/api.ts spreads these in) ----

const MemberSession = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);

/** Who HQ answers: nobody (anonymous), the signed-in member, or a phone number (sealed for HQ before it is stored). */
export const FeedbackContact = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z.object({ kind: z.literal('member'), memberSession: MemberSession }).strict(),
  z.object({ kind: z.literal('phone'), phone: QueuePhone }).strict(),
]);
export type FeedbackContact = z.infer<typeof FeedbackContact>;

export const FeedbackSubmitParams = z.object({
  category: FeedbackCategory,
  storeId: z.string().min(1).max(64).nullable().default(null),
  rating: FeedbackRating,
  text: FeedbackText,
  language: z.enum(['zh-CN', 'en']),
  contact: FeedbackContact,
  /** The member signed in at the screen (their ticket shows in their member home), whatever the contact. */
  memberSession: MemberSession.optional(),
}).strict().refine((p) => p.category !== 'store' || p.storeId !== null, { message: 'pick the store this is about', path: ['storeId'] });

export const FeedbackSubmitResult = z.object({
  ticket: FeedbackTicket,
  submittedAt: z.iso.datetime({ offset: true }),
  replyDueAt: z.iso.datetime({ offset: true }),
  resolveDueAt: z.iso.datetime({ offset: true }),
  /** The link for the QR (HQ's follow page for this ticket); null before HQ's link reached this kiosk. */
  followUrl: z.string().max(300).nullable(),
  contact: z.enum(['none', 'member', 'phone']),
});
export type FeedbackSubmitResult = z.infer<typeof FeedbackSubmitResult>;

export const MemberFeedbackTicket = z.object({
  ticket: FeedbackTicket,
  category: FeedbackCategory,
  rating: FeedbackRating,
  text: z.string(),
  submittedAt: z.iso.datetime({ offset: true }),
  status: z.enum(['open', 'replied', 'resolved']),
  updates: z.array(z.object({ kind: FeedbackUpdateKind, text: z.string(), at: z.iso.datetime({ offset: true }) })),
});
export type MemberFeedbackTicket = z.infer<typeof MemberFeedbackTicket>;

export const feedbackApiMethods = {
  /**
   * Records feedback and answers with its ticket number at once (made on this kiosk). The feedback goes to HQ through
   * the outbox; a phone contact is sealed for HQ first. Errors: invalid_params (each field, in plain words),
   * member_session_gone, bad_request 'no_contact_key' when a phone is given before HQ's key reached this kiosk.
   */
  'feedback.submit': { params: FeedbackSubmitParams, result: FeedbackSubmitResult },
  /** The signed-in member's tickets on this kiosk, newest first, with HQ's replies. */
  'feedback.mine': {
    params: z.object({ memberSession: MemberSession }).strict(),
    result: z.object({ tickets: z.array(MemberFeedbackTicket) }),
  },
} as const;
