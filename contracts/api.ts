// The renderer <-> agent local API, declared once. Each method has a params schema (parsed by the agent on
// receipt) and a result schema (parsed by the page on receipt). Transport: POST /api/v1/<method> with a JSON
// body, `Authorization: Bearer <per-start secret>`; answers are ApiResponse envelopes.
import { z } from 'zod';
import { LocalizedText, MemberTier, Store, StoreCategory } from './catalog.ts';
import { DeviceRole, DisplayConfig } from './config.ts';
import { wallApiMethods } from './wall.ts';
import { SyncStatus } from './sync-status.ts';
import { Point, Route, RouteParams, Venue } from './venue.ts';
import { ContentPlayed } from './content.ts';
import { staffApiMethods } from './staff.ts';
import { queueApiMethods } from './queue.ts';
import { IdentifyResult, IdentifySource, MemberHome, TOKEN_MAX_CHARS } from './members.ts';
import { AssetMime, Orientation, Sha256 } from './content.ts';
import { parkingApiMethods } from './parking.ts';
import { surveyApiMethods } from './survey.ts';
import { lotteryApiMethods } from './lottery.ts';
import { feedbackApiMethods } from './feedback.ts';

const MemberSession = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);

/** Why a claim or exchange was refused on the kiosk (nothing was written). */
export const ClaimRefusal = z.enum(['out_of_stock', 'limit_reached', 'not_enough_points', 'not_eligible', 'expired_coupon', 'holdout']);
export type ClaimRefusal = z.infer<typeof ClaimRefusal>;

/** What member.claim and wall.claim answer: claimed (written on the kiosk, HQ confirms later) or refused (nothing written). */
export const ClaimOutcome = z.discriminatedUnion('status', [
  z.object({ status: z.literal('claimed'), claimId: z.string(), home: MemberHome }),
  z.object({ status: z.literal('refused'), reason: ClaimRefusal, home: MemberHome }),
]);
export type ClaimOutcome = z.infer<typeof ClaimOutcome>;

export const API_PREFIX = '/api/v1/';

const Empty = z.object({}).strict();

/** Where the agent serves a verified asset to the page (edge-agent/src/api/content-route.ts). */
export const ContentUrl = z.string().regex(/^\/content\/[0-9a-f]{64}$/, 'a content URL: /content/<sha256>');

/** A creative the page can play now: its asset is ready on this kiosk (contracts/content.ts for the fields). */
export const ReadyCreative = z.object({
  id: z.string(),
  orientation: Orientation,
  sha256: Sha256,
  mime: AssetMime,
  playback: z.enum(['loop', 'once']),
  durationSec: z.number().int().optional(),
  url: ContentUrl,
});
export type ReadyCreative = z.infer<typeof ReadyCreative>;

export const PromotionCard = z.object({
  campaignId: z.string(),
  title: LocalizedText,
  subtitle: LocalizedText,
  colours: z.tuple([z.string(), z.string()]),
  /** `id`: the catalog store, so the page can ask map.route for the way there. */
  store: z.object({ id: z.string(), name: LocalizedText, floor: z.string(), unit: z.string() }).nullable(),
  endsAt: z.string(),
  coupons: z.array(z.object({ id: z.string(), title: LocalizedText, valueFen: z.number(), minSpendFen: z.number(), tiers: z.array(MemberTier) })),
  /**
   * The campaign's creatives that are on the kiosk and verified, served by the agent at `url` (/content/<sha256>).
   * Both orientations are listed (the page knows which way its screen is); absent or empty: show the colour card.
   */
  creatives: z.array(ReadyCreative).optional(),
});
export type PromotionCard = z.infer<typeof PromotionCard>;

/** A store as the directory lists it: `logoUrl` only while its logo (an image) is verified on this kiosk; absent: the coloured initial. */
export const DirectoryStore = Store.extend({ logoUrl: ContentUrl.optional() });
export type DirectoryStore = z.infer<typeof DirectoryStore>;

export const StoreSearchParams = z.object({
  query: z.string().trim().max(40, 'query is at most 40 characters').default(''),
  category: StoreCategory.nullable().default(null),
  floor: z.string().regex(/^(B[1-3]|[1-9]F)$/).nullable().default(null),
}).strict();

export const apiMethods = {
  'kiosk.bootstrap': {
    params: Empty,
    result: z.object({
      mall: z.object({ id: z.string(), name: LocalizedText }),
      device: z.object({ id: z.string(), role: DeviceRole }),
      display: DisplayConfig,
      catalogVersion: z.number().int(),
      floors: z.array(z.string()),
      /**
       * A wall only: the wall's artwork (the catalog's `wallArtwork`) that is verified on this kiosk, both orientations,
       * in the catalog's order; the page shows the first for its orientation behind attract and promotions. Absent on
       * other screens; empty: none ready (the wall keeps its drawn backdrop).
       */
      wallArtwork: z.array(ReadyCreative).optional(),
    }),
  },
  'promotions.list': {
    /** `everything`: every running campaign by priority, ignoring the display's attract playlist (the staff picker). */
    params: z.object({ limit: z.number().int().min(1).max(50).default(12), everything: z.boolean().default(false) }).strict(),
    result: z.object({
      /**
       * The campaigns to show, each once (the home shelf shows these): the attract playlist's in its order, or
       * those the schedule lets play on this kiosk now (dates and dayparts in the mall's time zone, targeting by
       * role, device id and zone tags), highest priority first. `everything`: every running one, no schedule.
       */
      promotions: z.array(PromotionCard),
      /**
       * The attract loop's order over one cycle, as campaign ids of `promotions`: a campaign of weight w appears w
       * times, spread evenly (share of voice); the page shows them in turn and starts over. Equal weights (a catalog
       * without them, or a playlist): each id once, in the order of `promotions`.
       */
      rotation: z.array(z.string()),
      /**
       * The next instant (ISO) what plays here may change by the clock: the earliest upcoming daypart, date or
       * campaign-window boundary (start or end) among the campaigns, within a day; null: none. The page reloads the
       * list just after it. Absent from older agents.
       */
      nextChangeAt: z.string().nullable().optional(),
    }),
  },
  /**
   * Proof of play: the page reports each attract-loop item it showed (campaign, asset, display, start, duration, and
   * whether it completed, was cut short by a touch, or failed to decode). The agent writes a `content.played` event
   * to the outbox (nothing is wiped at start), so HQ gets every one, offline or not.
   */
  'content.played': {
    params: ContentPlayed,
    result: z.object({ recorded: z.literal(true) }),
  },
  'stores.search': {
    params: StoreSearchParams,
    result: z.object({
      stores: z.array(DirectoryStore),
      categories: z.array(z.object({ category: StoreCategory, count: z.number().int() })),
    }),
  },
  /**
   * The mall's map as the kiosk holds it (null before HQ sent one), with "you are here" and each catalog store's place
   * on it. Large: the page asks once per version (`knownSha256` answers `unchanged` when the page has it already).
   */
  'map.venue': {
    params: z.object({ knownSha256: z.string().regex(/^[0-9a-f]{64}$/).optional() }).strict(),
    result: z.discriminatedUnion('status', [
      z.object({ status: z.literal('none') }),
      z.object({ status: z.literal('unchanged'), version: z.number().int() }),
      z.object({
        status: z.literal('map'),
        version: z.number().int(),
        sha256: z.string(),
        venue: Venue,
        here: z.object({ levelId: z.string(), point: Point, kioskId: z.string().nullable() }).nullable(),
        bearingDeg: z.number(),
        stores: z.array(z.object({ storeId: z.string(), featureId: z.string(), levelId: z.string(), point: Point })),
      }),
    ]),
  },
  /**
   * A route from `from` (default `here`) to `to`: a catalog store id, an IMDF unit, occupant, amenity or kiosk id, or
   * `nearest:<kind>`; `accessible` for step-free (lifts and ramps only). Errors: 503 no_map, 400 unknown_place,
   * 409 no_route / no_step_free_route.
   */
  'map.route': {
    params: RouteParams.strict(),
    result: z.object({ route: Route, shareUrl: z.string() }),
  },
  /** Polled by the page: it reloads when reloadSeq grows (HQ's reload-ui command) or configVersion changes. */
  'kiosk.signals': {
    params: Empty,
    result: z.object({ reloadSeq: z.number().int().nonnegative(), configVersion: z.number().int().nonnegative() }),
  },
  /** A scanned member code (camera or wedge scanner) or a card read: identifies the member or says why not. */
  'member.identify': {
    params: z.object({ source: IdentifySource, code: z.string().min(1).max(TOKEN_MAX_CHARS, `a scanned code is at most ${TOKEN_MAX_CHARS} characters`) }).strict(),
    result: IdentifyResult,
  },
  /** The identified member's home again (after a claim, or to see HQ's final word on pending ones). */
  'member.home': {
    params: z.object({ memberSession: MemberSession }).strict(),
    result: z.object({ home: MemberHome }),
  },
  /** Claim an offer, or exchange points for it when it costs points. `claimId` (made by the page) makes retries safe. */
  'member.claim': {
    params: z.object({ memberSession: MemberSession, couponId: z.string().min(1).max(64), claimId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/) }).strict(),
    result: ClaimOutcome,
  },
  /**
   * At the wall, after wall.member: claim the coupon the wall offers into the member's wallet. The same checks and
   * one-transaction write as member.claim, decided for the wall session's expression and A/B arm. Errors: 409
   * nothing_to_claim (nobody scanned at this wall session, or no coupon on the wall yet), 410 wall_session_gone,
   * 410 member_session_gone.
   */
  'wall.claim': {
    params: z.object({ wallSession: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/), claimId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/) }).strict(),
    result: ClaimOutcome,
  },
  ...wallApiMethods,
  ...staffApiMethods,
  ...parkingApiMethods,
  ...queueApiMethods,
  ...surveyApiMethods,
  ...lotteryApiMethods,
  ...feedbackApiMethods,
  /** Forget the member: the agent drops the session; the page wipes the screen. */
  'member.signOut': {
    params: z.object({ memberSession: MemberSession }).strict(),
    result: z.object({}),
  },
} as const;

export type ApiMethod = keyof typeof apiMethods;
export type ApiParams<M extends ApiMethod> = z.input<(typeof apiMethods)[M]['params']>;
export type ApiParsedParams<M extends ApiMethod> = z.output<(typeof apiMethods)[M]['params']>;
export type ApiResult<M extends ApiMethod> = z.infer<(typeof apiMethods)[M]['result']>;

/**
 * The agent's side of the API, typed from the contract: one function per method, taking its parsed params and
 * returning its result (the agent's local API server checks both ends against the schemas above).
 */
export type ApiHandlers = { [M in ApiMethod]: (params: ApiParsedParams<M>) => ApiResult<M> | Promise<ApiResult<M>> };
export type StaffMethod = Extract<ApiMethod, `staff.${string}`>;
export type QueueMethod = Extract<ApiMethod, `queue.${string}`>;
export type SurveyMethod = Extract<ApiMethod, `survey.${string}`>;
export type LotteryMethod = Extract<ApiMethod, `lottery.${string}`>;
export type FeedbackMethod = Extract<ApiMethod, `feedback.${string}`>;

export function isApiMethod(name: string): name is ApiMethod {
  return Object.hasOwn(apiMethods, name);
}

export const ApiErrorCode = z.enum([
  'unauthorized', 'forbidden_origin', 'bad_host', 'not_found', 'bad_request', 'invalid_params', 'payload_too_large', 'internal',
  /** The member session is gone (signed out, timed out, or the agent restarted): the page returns to the guide screen. */
  'member_session_gone',
  /** The wall session is gone (ended, idle too long, or the agent restarted): the page starts a new one. */
  'wall_session_gone',
  /** The wall's camera features are off (switched off, or a model is missing or corrupt): see wall.status. */
  'camera_disabled',
  /** The staff session is gone (signed out, idle too long, or the agent restarted): the page closes the staff console. */
  'staff_session_gone',
  /** map.venue / map.route before HQ sent a map. */
  'no_map',
  /** map.route: a place id the map does not have (the message names it). */
  'unknown_place',
  /** map.route: no way between the two places (e.g. a level with no connector). */
  'no_route',
  /** map.route with accessible: the only ways need stairs or an escalator. */
  'no_step_free_route',
  /** wall.claim with nothing to claim: no member has scanned at this wall session, or no coupon is on the wall yet. */
  'nothing_to_claim',
]);
export type ApiErrorCode = z.infer<typeof ApiErrorCode>;

export const ApiError = z.object({
  code: ApiErrorCode,
  message: z.string(),
  /** For invalid_params: each problem with the field path it concerns. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ApiError = z.infer<typeof ApiError>;

export const ApiFailure = z.object({ ok: z.literal(false), error: ApiError });
export function apiResponse<T extends z.ZodType>(result: T) {
  return z.union([z.object({ ok: z.literal(true), data: result }), ApiFailure]);
}

/** Pairing: a browser kiosk trades a single-use code (from the URL fragment) for the session secret. */
export const PairRequest = z.object({ code: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/) }).strict();
export const PairResponse = z.object({ secret: z.string().min(32) });
export const PairingCodeResponse = z.object({ code: z.string(), expiresInSec: z.number().int() });

export const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  versions: z.object({ agent: z.string(), node: z.string(), sqlite: z.string(), schema: z.number().int(), catalog: z.number().int() }),
  uptimeSec: z.number(),
  deviceId: z.string(),
  mallId: z.string(),
  sync: SyncStatus.pick({ state: true, lastSyncAt: true, lastError: true, outboxDepth: true }),
});
export type Health = z.infer<typeof Health>;
