// Find my car and pay for parking (issue #14): the kiosk asks HQ's car park about a plate over MQTT 5
// request/response (routes parkingRequest / parkingResponse in mqtt-routes.ts), and the page asks the agent with the
// local API method `parking.find` (api.ts). Money is integer fen throughout; HQ does the arithmetic, the kiosk shows
// it and never takes a payment (the shopper pays on the phone through HQ's QR).
//
// The plate's own rules (provinces, D/F, no I or O) live in common/plate.ts, which both ends apply on top of the
// loose shape checked here (contracts/ may use nothing but zod).
import { z } from 'zod';
import { FeatureId } from './venue.ts';
import { LocalizedText } from './members.ts';

/** A plate as it travels: 7 or 8 characters, CJK province first, no separators (common/plate.ts says if it is valid). */
export const PlateText = z.string().regex(/^[\u4e00-\u9fa5][A-Z][A-Z0-9\u4e00-\u9fa5]{5,6}$/u, 'a plate is 7 or 8 characters: province, letter, serial');

const Fen = z.number().int().nonnegative();
const Iso = z.iso.datetime({ offset: true });
/** A space's code as painted on the floor and shown on the map, e.g. B2-118. */
export const SpaceCode = z.string().regex(/^B[1-9]-[0-9]{3}$/, 'a space code looks like B2-118');

// ---- MQTT: kiosk -> HQ ----

/** The one message that carries the plate: to HQ, once per search, never stored or logged on the kiosk. */
export const ParkingRequest = z.object({
  plate: PlateText,
  /** The signed-in member (from their verified session on the kiosk), so HQ can apply their benefits; null when none. */
  memberId: z.string().regex(/^[A-Za-z0-9_-]{1,48}$/).nullable(),
}).strict();
export type ParkingRequest = z.infer<typeof ParkingRequest>;

/** The tariff HQ charged by: per started hour after a free grace period, capped per calendar day (mall's time zone). */
export const ParkingTariff = z.object({
  graceMin: z.number().int().nonnegative(),
  hourlyFen: Fen,
  dailyCapFen: Fen,
});
export type ParkingTariff = z.infer<typeof ParkingTariff>;

/** A member benefit HQ confirmed for this stay; `savedFen` is what it takes off the fee. */
export const ParkingBenefit = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('tier-free-hours'), hours: z.number().int().positive(), savedFen: Fen }),
  z.object({ kind: z.literal('coupon'), couponId: z.string().min(1).max(64), title: LocalizedText, savedFen: Fen }),
  /** Points the member may spend on the rest: `points` buys `savedFen` (whole yuan); applied only if they pay with points. */
  z.object({ kind: z.literal('points'), points: z.number().int().positive(), pointsPerYuan: z.number().int().positive(), savedFen: Fen, balance: z.number().int().nonnegative() }),
]);
export type ParkingBenefit = z.infer<typeof ParkingBenefit>;

export const ParkedCar = z.object({
  space: SpaceCode,
  level: z.string().min(1).max(8),
  zone: z.string().min(1).max(8),
  enteredAt: Iso,
  /** Whole minutes parked when HQ answered. */
  minutes: z.number().int().nonnegative(),
  /** A small photo from the entry camera (a data: URL), or null; the page shows it only after the shopper confirms the plate. */
  photo: z.string().startsWith('data:image/').max(64 * 1024).nullable(),
});
export type ParkedCar = z.infer<typeof ParkedCar>;

export const ParkingQuote = z.object({
  feeFen: Fen,
  tariff: ParkingTariff,
  /** The benefits HQ confirmed, each with what it saves (points last: paid with only if the shopper chooses). */
  benefits: z.array(ParkingBenefit),
  /** The fee less the tier's free hours and coupons (points not taken off: the shopper chooses on the phone). */
  payableFen: Fen,
  /** What the payment QR opens (HQ's payment page, tied to this quote); null when nothing is owed. */
  paymentUrl: z.url().max(512).nullable(),
  quotedAt: Iso,
});
export type ParkingQuote = z.infer<typeof ParkingQuote>;

export const ParkingResponse = z.discriminatedUnion('status', [
  z.object({ status: z.literal('found'), car: ParkedCar, quote: ParkingQuote }),
  /** HQ refuses: no car with that plate is in the car park (or the plate is not one it takes). */
  z.object({ status: z.literal('not_found'), reason: z.enum(['unknown_plate', 'invalid_plate']) }),
]);
export type ParkingResponse = z.infer<typeof ParkingResponse>;

// ---- local API: page -> agent ----

export const ParkingFindParams = z.object({
  /** As typed on the on-screen keys; the agent normalises and checks it (common/plate.ts) before it leaves the kiosk. */
  plate: z.string().min(1).max(16),
  /** The signed-in member's session, for their benefits; omitted or null for anyone else. */
  memberSession: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/).nullable().default(null),
}).strict();

export const ParkingFindResult = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('found'),
    /** The plate masked (沪A·D****8): the page shows this, never what was typed, once the answer is in. */
    maskedPlate: z.string(),
    car: ParkedCar,
    quote: ParkingQuote,
    /** The map feature (an IMDF amenity) of the space, for `map.route`; null when this kiosk's map does not have it. */
    mapTarget: FeatureId.nullable(),
  }),
  z.object({ status: z.literal('not_found'), maskedPlate: z.string() }),
  /** HQ could not be asked or did not answer in time: no figures at all (nothing stale is shown). */
  z.object({ status: z.literal('unavailable'), reason: z.enum(['no_hq', 'offline', 'timeout']) }),
]);
export type ParkingFindResult = z.infer<typeof ParkingFindResult>;

export const parkingApiMethods = {
  /**
   * Where is my car, and what do I owe: HQ's car park answers for the plate (typed on the page's keys). An invalid
   * plate is refused with 400 invalid_params and the reason in the shopper's words; nothing is stored.
   */
  'parking.find': { params: ParkingFindParams, result: ParkingFindResult },
} as const;
