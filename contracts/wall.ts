// The interactive wall: the face crop the page hands the agent, the agent's smoothed expression and the coupon
// the decision engine picks. Privacy: a crop lives only for one classification in the agent's memory; nothing
// from the camera is stored or sent; HQ receives aggregate counts per expression bucket only.
import { z } from 'zod';
import { Expression, LocalizedText, MemberTier } from './members.ts';

/** Side of the square crop the page sends (the classifier's input size; see models/manifest.json). */
export const CROP_SIZE = 112;
/** Bytes of one crop: RGB, 8 bits per channel, row-major, no alpha. */
export const CROP_BYTES = CROP_SIZE * CROP_SIZE * 3;
/** The page sends at most this many crops a second. */
export const MAX_CROPS_PER_SEC = 5;

/** The smoothed bucket the wall shows; 'none' when nobody is in front of the wall (or not yet sure). */
export const ExpressionBucket = z.union([Expression, z.literal('none')]);
export type ExpressionBucket = z.infer<typeof ExpressionBucket>;

const WallSession = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);

export const FaceCrop = z.object({
  width: z.literal(CROP_SIZE),
  height: z.literal(CROP_SIZE),
  /** base64 of CROP_BYTES bytes of RGB. */
  rgb: z.string().length(Math.ceil(CROP_BYTES / 3) * 4, `rgb is base64 of exactly ${CROP_BYTES} bytes (${CROP_SIZE}x${CROP_SIZE} RGB)`),
}).strict();
export type FaceCrop = z.infer<typeof FaceCrop>;

export const WallOffer = z.object({
  couponId: z.string(),
  ruleId: z.string(),
  title: LocalizedText,
  valueFen: z.number().int(),
  minSpendFen: z.number().int(),
  store: z.object({ name: LocalizedText, floor: z.string(), unit: z.string() }).nullable(),
  reason: LocalizedText,
  /** Text of the QR that claims it in the mall's mini-program (no personal data in it). */
  claimUrl: z.string(),
});
export type WallOffer = z.infer<typeof WallOffer>;

export const WallState = z.object({
  wallSession: WallSession,
  expression: ExpressionBucket,
  /** Confidence of the smoothed bucket, 0..1 (0 with 'none'). */
  confidence: z.number().min(0).max(1),
  /** The coupon for this person's mood, once the expression is steady; null before, or in the hold-out arm. */
  offer: WallOffer.nullable(),
  experiment: z.object({ id: z.string(), arm: z.string(), holdout: z.boolean() }).nullable(),
  /** The member who scanned their code at the wall (wall.member): masked name and tier only; null when anonymous. */
  member: z.object({ maskedName: z.string(), tier: MemberTier }).nullable(),
});
export type WallState = z.infer<typeof WallState>;

/** Whether the wall's camera features can run, for the wall page and for staff. */
export const WallStatus = z.object({
  camera: z.enum(['ready', 'disabled']),
  /** Why the camera features are off (missing or corrupt model, switched off by config), in plain words. */
  reason: z.string().nullable(),
  mode: z.enum(['opt-in', 'always-on']),
  notice: LocalizedText,
  model: z.object({ name: z.string(), sha256: z.string(), status: z.enum(['ok', 'missing', 'corrupt', 'failed']) }).nullable(),
});
export type WallStatus = z.infer<typeof WallStatus>;

/**
 * Local API methods of the wall (merged into contracts/api.ts). Errors besides invalid params: 503 camera_disabled
 * (wall.start / wall.observe while wall.status says disabled), 410 wall_session_gone (ended, 30 s without an
 * observation, or the agent restarted: call wall.start). A bad crop (bad base64, wrong byte count, a blank one-colour
 * frame) is 400 invalid_params with the problem under issues[].path 'crop.rgb'; the session carries on.
 * Crops closer together than the 5-a-second cap are answered with the current state without classifying.
 */
export const wallApiMethods = {
  'wall.status': { params: z.object({}).strict(), result: WallStatus },
  /** Someone stepped up (or tapped to start in opt-in mode): a new wall session; counts an impression. */
  'wall.start': { params: z.object({}).strict(), result: WallState },
  /** One face crop (at most MAX_CROPS_PER_SEC), or null when no face is in view this tick. */
  'wall.observe': { params: z.object({ wallSession: WallSession, crop: FaceCrop.nullable() }).strict(), result: WallState },
  /**
   * A member scanned their code at the wall (member.identify gave this member session): the wall session now
   * decides for that member (the rules' tiers, segments and limits count) and wall.claim puts the coupon in their
   * wallet. Errors: 410 member_session_gone, 410 wall_session_gone.
   */
  'wall.member': { params: z.object({ wallSession: WallSession, memberSession: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/) }).strict(), result: WallState },
  /** The person left (no face for a while) or the page went back to attract: the session ends (and signs out its member). */
  'wall.end': { params: z.object({ wallSession: WallSession, reason: z.enum(['left', 'timeout', 'reset']) }).strict(), result: z.object({}) },
} as const;

// ---- Events the agent sends HQ about the wall (outbox event types and payloads) ----
// No image, crop, probability vector or per-person expression ever appears here: the expression reaches HQ only as
// hourly counts per bucket. The wall session id is random per visit and links nothing to a person.

const ArmRef = z.object({ id: z.string(), arm: z.string() }).nullable();

export const WALL_EVENT_TYPES = {
  impression: 'wall.impression',
  engaged: 'wall.engaged',
  couponShown: 'wall.coupon_shown',
  offerWithheld: 'wall.offer_withheld',
  expressionHourly: 'wall.expression_hourly',
} as const;

/** A wall session started (someone stepped up, or tapped to play). */
export const WallImpressionPayload = z.object({ wallSession: WallSession, experiment: ArmRef }).strict();
/** The first face reading of the session: the person is actually playing. */
export const WallEngagedPayload = z.object({ wallSession: WallSession, experiment: ArmRef }).strict();
/** A coupon shown with its claim QR; claimCode is the one-time code in the QR, for HQ to honour the claim once. */
export const WallCouponShownPayload = z.object({
  wallSession: WallSession, couponId: z.string(), ruleId: z.string(), claimCode: z.string().regex(/^[A-Za-z0-9_-]{8,32}$/), experiment: ArmRef,
}).strict();
/** The hold-out arm: the rules picked this coupon but it was not shown (the control group of the uplift). */
export const WallOfferWithheldPayload = z.object({ wallSession: WallSession, couponId: z.string(), ruleId: z.string(), experiment: ArmRef }).strict();
/** Wall sessions per steady expression bucket in one hour (UTC, hour start); each session counts once per bucket. */
export const WallExpressionHourlyPayload = z.object({
  hour: z.iso.datetime(),
  counts: z.partialRecord(Expression, z.number().int().nonnegative()),
}).strict();
