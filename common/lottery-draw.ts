// How a lottery draw is decided, written once so that HQ (which draws), the verify tool and anyone holding the
// revealed seed compute the same thing (issue 15). Pure: no Node, no DOM.
//
//   number = first 6 bytes of HMAC-SHA256(key = the seed's 32 bytes, message = UTF-8 of the drawId), big-endian,
//            times 1 000 000, divided by 2^48, rounded down   -> a whole number in [0, 1 000 000)
//   derived prize = the first prize, in the published order, whose running total of oddsPpm is above that number
//   awarded prize = the derived prize while its stock lasts (draws counted in `seq` order); once it has given out
//                   its published stock, the published fallback ("thanks for playing"). A draw is never redrawn, so
//                   stock-outs move chance only to the fallback, never to another prize.
//
// The seed's commitment is sha256(seed bytes), published before the lottery opens. The kiosk makes the drawId (HQ
// cannot pick it) and never knows the seed before the close (it cannot pick a drawId that wins).
import { fromHex, hmacSha256, sha256, toHex } from './sha256.ts';
import { ODDS_TOTAL_PPM, type Lottery, type LotteryPrize } from '../contracts/lottery.ts';

const encoder = new TextEncoder();

/** sha256(seed bytes) in hex: what HQ publishes before the lottery opens. */
export function seedCommitment(seedHex: string): string {
  return toHex(sha256(fromHex(seedHex)));
}

/** Whether a revealed seed is the one HQ committed to. */
export function seedMatches(seedHex: string, commitment: string): boolean {
  return /^[0-9a-f]{64}$/.test(seedHex) && seedCommitment(seedHex) === commitment;
}

/** The draw's number in [0, 1 000 000), from the seed and the drawId. */
export function drawNumber(seedHex: string, drawId: string): number {
  const mac = hmacSha256(fromHex(seedHex), encoder.encode(drawId));
  let x = 0n;
  for (let i = 0; i < 6; i++) x = (x << 8n) | BigInt(mac[i]!);
  return Number((x * BigInt(ODDS_TOTAL_PPM)) >> 48n);
}

/** The prize whose share of the odds holds `n` (prizes in their published order). */
export function prizeAt(prizes: readonly LotteryPrize[], n: number): LotteryPrize {
  let total = 0;
  for (const p of prizes) {
    total += p.oddsPpm;
    if (n < total) return p;
  }
  throw new Error(`no prize holds ${n}: the odds add up to ${total} ppm, not ${ODDS_TOTAL_PPM}`);
}

/** The outcome the seed gives a drawId (before any stock is looked at). */
export function derivePrize(lottery: Pick<Lottery, 'prizes'>, seedHex: string, drawId: string): LotteryPrize {
  return prizeAt(lottery.prizes, drawNumber(seedHex, drawId));
}

/** Prize id -> how many it has given so far. */
export type Given = ReadonlyMap<string, number>;

/** What is awarded for a derived outcome: itself while it has stock left, else the fallback. */
export function awardedPrize(lottery: Pick<Lottery, 'prizes' | 'fallbackPrizeId'>, derived: LotteryPrize, given: Given): LotteryPrize {
  if (derived.stock === null || (given.get(derived.id) ?? 0) < derived.stock) return derived;
  const fallback = lottery.prizes.find((p) => p.id === lottery.fallbackPrizeId);
  if (!fallback) throw new Error(`fallback ${lottery.fallbackPrizeId} is not one of the prizes`);
  return fallback;
}

/** One recorded draw, as the verify tool reads it from HQ's record. */
export type RecordedDraw = { seq: number; drawId: string; derivedPrizeId: string; prizeId: string };

export type DrawCheck = { seq: number; drawId: string; ok: boolean; why: string | null };

export type VerifyReport = {
  /** Whether the revealed seed matches the published commitment; when it does not, no draw can match. */
  seedOk: boolean;
  draws: number;
  match: number;
  checks: DrawCheck[];
};

/**
 * Recomputes every draw from the seed and replays stock in `seq` order: each record's derived outcome must be the
 * seed's, and its awarded prize what the stock rule gives. `seq` must run 1, 2, 3... with no gap or repeat.
 */
export function verifyDraws(lottery: Pick<Lottery, 'prizes' | 'fallbackPrizeId' | 'seedCommitment'>, seedHex: string, records: readonly RecordedDraw[]): VerifyReport {
  const seedOk = seedMatches(seedHex, lottery.seedCommitment);
  const sorted = [...records].sort((a, b) => a.seq - b.seq);
  const given = new Map<string, number>();
  const checks = sorted.map((r, i): DrawCheck => {
    const fail = (why: string): DrawCheck => ({ seq: r.seq, drawId: r.drawId, ok: false, why });
    if (!seedOk) return fail('the revealed seed does not match its commitment');
    if (r.seq !== i + 1) return fail(`sequence ${r.seq} where ${i + 1} was due`);
    const derived = derivePrize(lottery, seedHex, r.drawId);
    const awarded = awardedPrize(lottery, derived, given);
    given.set(awarded.id, (given.get(awarded.id) ?? 0) + 1);
    if (r.derivedPrizeId !== derived.id) return fail(`recorded outcome ${r.derivedPrizeId}, the seed gives ${derived.id}`);
    if (r.prizeId !== awarded.id) return fail(`awarded ${r.prizeId}, the stock rule gives ${awarded.id}`);
    return { seq: r.seq, drawId: r.drawId, ok: true, why: null };
  });
  return { seedOk, draws: records.length, match: checks.filter((c) => c.ok).length, checks };
}

/** The lottery's state at `now`: upcoming before opensAt, open until closesAt, closed after. */
export function lotteryState(lottery: Pick<Lottery, 'opensAt' | 'closesAt'>, now: Date): 'upcoming' | 'open' | 'closed' {
  const t = now.getTime();
  if (t < Date.parse(lottery.opensAt)) return 'upcoming';
  return t < Date.parse(lottery.closesAt) ? 'open' : 'closed';
}

/**
 * The published terms a kiosk holds fixed once a lottery has opened (China's rule: odds published in advance, no
 * change afterwards): everything but the revealed seed. Returns what changed, or null when nothing did.
 */
export function termsChange(held: Lottery, next: Lottery): string | null {
  const { revealedSeed: _a, ...a } = held;
  const { revealedSeed: _b, ...b } = next;
  if (JSON.stringify(a.prizes) !== JSON.stringify(b.prizes)) return 'the prizes, their odds, values or stock changed';
  for (const k of Object.keys(a) as (keyof typeof a)[]) {
    if (JSON.stringify(a[k]) !== JSON.stringify(b[k])) return `${k} changed`;
  }
  return null;
}
