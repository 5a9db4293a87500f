// The member-day lottery (issue 15, 会员日抽奖), declared once: the lotteries HQ publishes to kiosks (retained on
// catalog/lottery: prizes, odds and values shown before anyone plays, a draw limit per member, and the sha256
// commitment of the secret seed, revealed after the lottery closes), the draw request/response between the kiosk and
// HQ (MQTT 5 request/response, as member look-ups: the draw happens at HQ, never on the kiosk), and the local API
// methods lottery.current and lottery.draw. How a draw is derived from the seed is common/lottery-draw.ts.
//
// Odds are whole parts per million (ppm) so that "the odds sum to 1" is an exact integer check, and anyone can
// recompute a draw without floating-point doubt. Money is integer fen.
import { z } from 'zod';
import { LocalizedText } from './members.ts';

/** China's rule on prize sales (有奖销售): the top prize is worth at most ¥50,000. */
export const MAX_PRIZE_FEN = 5_000_000;
/** The odds of a lottery's prizes add up to exactly this (1 000 000 ppm = 1). */
export const ODDS_TOTAL_PPM = 1_000_000;

const Id = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/);
const Iso = z.iso.datetime({ offset: true });
const Hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 is 64 lower-case hex digits');
/** Made by the kiosk once per draw attempt: a retry with it gets the same result, never a second draw. */
export const DrawId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'drawId is 16-64 letters, digits, _ or -');
const MemberId = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/);

export const LotteryPrize = z.object({
  id: Id,
  title: LocalizedText,
  /** What the prize is worth, in fen (0 for the "thanks for playing" outcome); at most MAX_PRIZE_FEN. */
  valueFen: z.number().int().nonnegative().max(MAX_PRIZE_FEN, `a prize is worth at most ¥${MAX_PRIZE_FEN / 100} (China's rule on prize sales)`),
  /** The chance of this outcome, in parts per million; the lottery's prizes add up to ODDS_TOTAL_PPM. */
  oddsPpm: z.number().int().nonnegative().max(ODDS_TOTAL_PPM),
  /** How many HQ will give; null only for the fallback (unlimited). */
  stock: z.number().int().nonnegative().nullable(),
  /** The catalog coupon claimed into the winner's wallet; null for the fallback. */
  couponId: Id.nullable(),
});
export type LotteryPrize = z.infer<typeof LotteryPrize>;

/** The terms of one lottery; `prizes` lists every outcome, and exactly one is the published fallback. */
const LotteryFields = z.object({
  id: Id,
  title: LocalizedText,
  opensAt: Iso,
  closesAt: Iso,
  /** Draws a member may make in this lottery. */
  drawsPerMember: z.number().int().min(1).max(20),
  /** sha256 (hex) of the secret seed, published before the lottery opens. */
  seedCommitment: Hex64,
  /**
   * The outcome given when the drawn prize's stock is used up, published in advance ("thanks for playing"): an
   * unlimited prize of value 0 in the list. A draw is never redrawn, so the odds of the other prizes never change.
   */
  fallbackPrizeId: Id,
  prizes: z.array(LotteryPrize).min(2).max(12),
  /** The seed (64 hex digits), once the lottery has closed; null before. */
  revealedSeed: Hex64.nullable(),
});

/** The checks the contract itself makes: odds add up to 1, ids unique, a real fallback, a window that closes after it opens. */
export const Lottery = LotteryFields.superRefine((l, ctx) => {
  const sum = l.prizes.reduce((s, p) => s + p.oddsPpm, 0);
  if (sum !== ODDS_TOTAL_PPM) ctx.addIssue({ code: 'custom', path: ['prizes'], message: `the odds add up to ${sum} ppm, not ${ODDS_TOTAL_PPM} (1)` });
  const ids = new Set(l.prizes.map((p) => p.id));
  if (ids.size !== l.prizes.length) ctx.addIssue({ code: 'custom', path: ['prizes'], message: 'two prizes share an id' });
  const fallback = l.prizes.find((p) => p.id === l.fallbackPrizeId);
  if (!fallback) ctx.addIssue({ code: 'custom', path: ['fallbackPrizeId'], message: `fallback ${l.fallbackPrizeId} is not one of the prizes` });
  else if (fallback.stock !== null || fallback.valueFen !== 0 || fallback.couponId !== null) {
    ctx.addIssue({ code: 'custom', path: ['fallbackPrizeId'], message: 'the fallback is worth nothing, has no coupon and never runs out (stock null)' });
  }
  for (const [i, p] of l.prizes.entries()) {
    if (p.id !== l.fallbackPrizeId && (p.stock === null || p.couponId === null)) ctx.addIssue({ code: 'custom', path: ['prizes', i], message: `prize ${p.id} needs a stock and a coupon` });
  }
  if (Date.parse(l.closesAt) <= Date.parse(l.opensAt)) ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'a lottery closes after it opens' });
});
export type Lottery = z.infer<typeof Lottery>;

/** Topic catalog/lottery, retained: the mall's lotteries (open, coming or recently closed with their seed revealed). */
export const LotteryBoard = z.object({
  mallId: z.string().regex(/^[A-Za-z0-9_-]{1,48}$/),
  publishedAt: Iso,
  lotteries: z.array(Lottery).max(20),
});
export type LotteryBoard = z.infer<typeof LotteryBoard>;

/** The kiosk -> HQ draw request (devices/{device}/lottery/draw, with responseTopic and correlationData). */
export const LotteryDrawRequest = z.object({
  drawId: DrawId,
  lotteryId: Id,
  /** The signed-in member (verified on the kiosk); draws are counted per member. */
  memberId: MemberId,
  channel: z.enum(['guide', 'wall']),
}).strict();
export type LotteryDrawRequest = z.infer<typeof LotteryDrawRequest>;

/** One draw as HQ recorded it: the outcome derived from the seed, and the prize given (the fallback when out of stock). */
export const LotteryDraw = z.object({
  drawId: DrawId,
  lotteryId: Id,
  /** The draw's place in the lottery (1, 2, ...): stock is checked in this order. */
  seq: z.number().int().positive(),
  derivedPrizeId: Id,
  prizeId: Id,
  drawnAt: Iso,
  /** Draws the member has left in this lottery after this one. */
  drawsLeft: z.number().int().nonnegative(),
});
export type LotteryDraw = z.infer<typeof LotteryDraw>;

/** unknown_lottery, not_open (before opensAt), closed (after closesAt), limit_reached, bad_request (e.g. a drawId used by another member). */
export const LotteryRefusal = z.enum(['unknown_lottery', 'not_open', 'closed', 'limit_reached', 'bad_request']);
export type LotteryRefusal = z.infer<typeof LotteryRefusal>;

/** HQ -> kiosk (devices/{device}/lottery/draw/response, with the request's correlationData). */
export const LotteryDrawResponse = z.discriminatedUnion('status', [
  z.object({ status: z.literal('drawn'), draw: LotteryDraw }),
  z.object({ status: z.literal('refused'), reason: LotteryRefusal, detail: z.string().max(200).nullable().default(null) }),
]);
export type LotteryDrawResponse = z.infer<typeof LotteryDrawResponse>;

// ---- the local API (contracts/api.ts spreads these in) ----

const MemberSession = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);

/** A lottery as the page shows it: its terms, and whether it is open now. */
export const LotteryView = z.object({
  lottery: Lottery,
  state: z.enum(['upcoming', 'open', 'closed']),
});
export type LotteryView = z.infer<typeof LotteryView>;

/** The coupon of a prize: claimed into the wallet (HQ confirms later), or why not. */
export const PrizeCoupon = z.discriminatedUnion('status', [
  z.object({ status: z.literal('claimed'), claimId: z.string() }),
  z.object({ status: z.literal('not_claimed'), reason: z.string().max(200) }),
]);
export type PrizeCoupon = z.infer<typeof PrizeCoupon>;

export const LotteryDrawResult = z.discriminatedUnion('status', [
  /** HQ drew: `prize` is from the published list (the fallback when the drawn prize ran out). */
  z.object({ status: z.literal('drawn'), draw: LotteryDraw, prize: LotteryPrize, fallback: z.boolean(), coupon: PrizeCoupon.nullable() }),
  z.object({ status: z.literal('refused'), reason: LotteryRefusal }),
  /**
   * No draw to show: HQ cannot be reached or did not answer (offline, timeout), no lottery is open here (no_lottery),
   * or HQ's answer did not fit the published terms (invalid_answer: e.g. a prize not on the list). Nobody is told they
   * won anything; the same drawId may retry.
   */
  z.object({ status: z.literal('unavailable'), reason: z.enum(['offline', 'timeout', 'no_lottery', 'invalid_answer']) }),
]);
export type LotteryDrawResult = z.infer<typeof LotteryDrawResult>;

export const lotteryApiMethods = {
  /** The lotteries the kiosk holds (as HQ published them), each with its state now; the page shows the open one. */
  'lottery.current': {
    params: z.object({}).strict(),
    result: z.object({ lotteries: z.array(LotteryView), hqOnline: z.boolean() }),
  },
  /**
   * Asks HQ to draw for the signed-in member. The same drawId returns the same result (HQ keeps draws by id). A
   * prize's coupon is claimed into the member's wallet through member.claim's path. Errors: 410 member_session_gone.
   */
  'lottery.draw': {
    params: z.object({ lotteryId: Id, drawId: DrawId, memberSession: MemberSession, channel: z.enum(['guide', 'wall']).default('guide') }).strict(),
    result: LotteryDrawResult,
  },
} as const;
