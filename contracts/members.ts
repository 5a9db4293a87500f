// Members at the kiosk: the signed member QR token, HQ's offer rules, and what the member home shows.
// Declared once for the agent, the renderer, the HQ simulator and third parties (docs/members.md).
import { z } from 'zod';
// LocalizedText and MemberTier are declared here too (not imported) so catalog.ts can import this file without a cycle.
export const LocalizedText = z.object({ zh: z.string().min(1).max(500), en: z.string().max(500).optional() });
export const MemberTier = z.enum(['regular', 'silver', 'gold', 'diamond']);

// ---- The dynamic member QR token ----
//
// Text form: `ATM1.<claims>.<signature>`
//   claims    = base64url(JSON of MemberTokenClaims), no padding
//   signature = base64url(Ed25519 signature by HQ's private key `kid` over the ASCII bytes `ATM1.<claims>`)
// The kiosk holds only HQ's public keys (catalog `hqKeys`); it refuses a token whose nonce it has seen before.

export const TOKEN_PREFIX = 'ATM1';
/** Longest lifetime HQ may give a token (exp - iat). */
export const TOKEN_MAX_TTL_SEC = 60;
/** Clock difference tolerated between HQ (issuer) and the kiosk, each way. */
export const TOKEN_CLOCK_SKEW_SEC = 30;
/** Upper bound on the token text a scanner can hand over; anything longer is malformed without decoding. */
export const TOKEN_MAX_CHARS = 512;

export const MemberTokenClaims = z.object({
  /** Key id of the HQ signing key (matches an HqPublicKey.kid). */
  kid: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
  /** Member id. */
  mid: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/),
  tier: MemberTier,
  /** Issued at / expires at, Unix seconds. */
  iat: z.number().int().positive(),
  exp: z.number().int().positive(),
  /** Single-use nonce, 16-43 base64url characters (96-256 bits). */
  nonce: z.string().regex(/^[A-Za-z0-9_-]{16,43}$/),
}).strict();
export type MemberTokenClaims = z.infer<typeof MemberTokenClaims>;

/** Why a scan did not identify anyone; each has its own plain-language message on screen. */
export const IdentifyRefusal = z.enum([
  'malformed',      // not an Atrium member code at all, or damaged
  'bad_signature',  // signed by someone other than HQ (forged or altered)
  'unknown_key',    // signed with a key this kiosk does not know (or one that was retired)
  'expired',        // older than its expiry (+ skew): the shopper should refresh the code in the mini-program
  'not_yet_valid',  // issued in the future beyond the skew, or a lifetime longer than allowed
  'replayed',       // this exact code was used before
  'unknown_card',   // no member has this card, locally or at HQ
  'unknown_member', // a valid token for a member HQ does not know (closed account)
  'offline',        // the card is not in the local cache and HQ cannot be reached right now
]);
export type IdentifyRefusal = z.infer<typeof IdentifyRefusal>;

export const IdentifySource = z.enum(['camera', 'wedge', 'card']);
export type IdentifySource = z.infer<typeof IdentifySource>;

// ---- HQ's offer rules (part of the catalog) ----

const Id = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/);

/** When a rule applies, in the mall's local time. Days: 1 = Monday ... 7 = Sunday. */
export const TimeWindow = z.object({
  days: z.array(z.number().int().min(1).max(7)).min(1).max(7).default([1, 2, 3, 4, 5, 6, 7]),
  fromHour: z.number().int().min(0).max(23).default(0),
  toHour: z.number().int().min(1).max(24).default(24),
});

export const Expression = z.enum(['neutral', 'happy', 'sad', 'angry', 'fearful', 'disgusted', 'surprised']);
export type Expression = z.infer<typeof Expression>;

export const OfferRule = z.object({
  id: Id,
  couponId: Id,
  /** Higher wins when several rules offer coupons; ties break by rule id. */
  priority: z.number().int().min(0).max(1000).default(100),
  /** Every condition given must hold; an absent condition always holds. */
  when: z.object({
    tiers: z.array(MemberTier).min(1).optional(),
    segments: z.array(z.string().max(32)).min(1).optional(),
    tagsAny: z.array(z.string().max(32)).min(1).optional(),
    /** The member has not visited for at least this many days (win-back). */
    dormantDays: z.number().int().positive().optional(),
    birthdayMonth: z.literal(true).optional(),
    /** The member has points expiring within this many days. */
    pointsExpiringWithinDays: z.number().int().positive().optional(),
    window: TimeWindow.optional(),
    /** For the interactive wall: the shopper's smoothed expression bucket. */
    expressions: z.array(Expression).min(1).optional(),
    /** Only for anonymous shoppers at the wall (no member identified). */
    anonymousOnly: z.literal(true).optional(),
  }).strict().default({}),
  /** Shown to the member as "why this offer", and recorded with the choice. */
  reason: LocalizedText,
}).strict();
export type OfferRule = z.infer<typeof OfferRule>;

/** An A/B test over offers: each identified member or wall session gets an arm; the hold-out arm gets no offer. */
export const Experiment = z.object({
  id: Id,
  arms: z.array(z.object({ name: z.string().regex(/^[a-z0-9_-]{1,32}$/), weight: z.number().int().min(0).max(1000), holdout: z.boolean().default(false) })).min(2).max(8),
}).strict();
export type Experiment = z.infer<typeof Experiment>;

// ---- What the member home shows (agent -> renderer) ----

export const ClaimStatus = z.enum(['pending', 'confirmed', 'rejected']);
export type ClaimStatus = z.infer<typeof ClaimStatus>;

/** What a coupon looks like wherever it is shown: in the wallet or as an offer. */
const CouponFace = z.object({
  couponId: z.string(),
  title: LocalizedText,
  kind: z.string(),
  valueFen: z.number().int(),
  minSpendFen: z.number().int(),
  pointsCost: z.number().int(),
  store: z.object({ name: LocalizedText, floor: z.string(), unit: z.string() }).nullable(),
  validTo: z.string(),
});

export const WalletCoupon = CouponFace.extend({
  claimId: z.string(),
  via: z.enum(['claim', 'exchange']),
  status: ClaimStatus,
  /** HQ's reason when it rejected the claim (e.g. out of stock at HQ). */
  statusDetail: z.string().nullable(),
  /** Text of the redemption QR shown at the till; null until HQ confirms an exchange. */
  redemptionCode: z.string().nullable(),
  claimedAt: z.string(),
});
export type WalletCoupon = z.infer<typeof WalletCoupon>;

export const Offer = CouponFace.extend({
  ruleId: z.string(),
  action: z.enum(['claim', 'exchange']),
  stockLeft: z.number().int().nonnegative(),
  /** How many more this member may still take. */
  remainingForMember: z.number().int().nonnegative(),
  reason: LocalizedText,
});
export type Offer = z.infer<typeof Offer>;

export const MemberHome = z.object({
  /** Opaque handle for this member session in the agent; forgotten on sign-out or idle. */
  memberSession: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  member: z.object({
    /** The name masked for a public screen: 王**, L** */
    maskedName: z.string(),
    tier: MemberTier,
    /** Points available now (after pending exchanges are held back). */
    points: z.number().int().nonnegative(),
    pendingPoints: z.number().int().nonnegative(),
    expiring: z.object({ points: z.number().int().positive(), on: z.string() }).nullable(),
    birthdayThisMonth: z.boolean(),
  }),
  wallet: z.array(WalletCoupon),
  offers: z.array(Offer),
  /** The A/B arm this member session is in (null when no experiment runs). */
  experiment: z.object({ id: z.string(), arm: z.string(), holdout: z.boolean() }).nullable(),
  /** 'local': from the kiosk's member cache while HQ is unreachable; figures may be behind. */
  freshness: z.enum(['hq', 'local']),
});
export type MemberHome = z.infer<typeof MemberHome>;

export const IdentifyResult = z.discriminatedUnion('status', [
  z.object({ status: z.literal('identified'), home: MemberHome }),
  z.object({ status: z.literal('refused'), reason: IdentifyRefusal }),
]);
export type IdentifyResult = z.infer<typeof IdentifyResult>;

// ---- Claims: kiosk -> HQ as outbox events, HQ -> kiosk as results ----

/** Outbox event types for member actions (DeviceEvent.type) and their payloads. */
export const ClaimEventPayload = z.object({
  claimId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  memberId: Id,
  couponId: Id,
  via: z.enum(['claim', 'exchange']),
  pointsCost: z.number().int().nonnegative(),
  ruleId: z.string().nullable(),
  experiment: z.object({ id: z.string(), arm: z.string() }).nullable(),
  claimedAt: z.iso.datetime({ offset: true }),
  /** Where the member claimed it: the guide screen (absent means guide) or an interactive wall after a member scan. */
  channel: z.enum(['guide', 'wall']).optional(),
}).strict();
export type ClaimEventPayload = z.infer<typeof ClaimEventPayload>;

/** HQ's final word on a claim or exchange (topic devices/{device}/claims/result, QoS 1, not retained). */
export const ClaimResult = z.object({
  claimId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  status: z.enum(['confirmed', 'rejected']),
  detail: z.string().max(200).nullable().default(null),
  /** The member's points balance at HQ after this claim, when HQ knows it. */
  pointsBalance: z.number().int().nonnegative().nullable().default(null),
  redemptionCode: z.string().max(200).nullable().default(null),
  ts: z.iso.datetime({ offset: true }),
}).strict();
export type ClaimResult = z.infer<typeof ClaimResult>;

/** Names masked for a public screen: first character kept, the rest as `*` (at least two). */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '**';
  return chars[0] + '*'.repeat(Math.max(2, chars.length - 1));
}
