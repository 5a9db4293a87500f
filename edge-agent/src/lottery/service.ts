// The member-day lottery on the kiosk: lottery.current (the terms as HQ published them, shown before anyone plays)
// and lottery.draw. The draw happens at HQ, never here: the kiosk asks once per drawId (a double tap joins the request
// in flight; a retry gets HQ's stored draw), checks HQ's answer against the published terms (a prize not on the list,
// or a fallback given where the stock rule does not allow one, is refused and nobody is told they won), and claims a
// prize's coupon into the member's wallet through member.claim's path (members/claim.ts, as a grant).
import { createHash } from 'node:crypto';
import type { ApiParsedParams, ApiResult } from '../../../contracts/api.ts';
import type { Lottery, LotteryDrawRequest, LotteryDrawResponse, LotteryDrawResult, PrizeCoupon } from '../../../contracts/lottery.ts';
import { lotteryState } from '../../../common/lottery-draw.ts';
import type { Logger } from '../../../common/node/log.ts';
import type { Db } from '../db/open.ts';
import type { MemberService } from '../members/service.ts';
import { heldLotteries, heldLottery } from './board.ts';

export type LotteryHq = { online(): boolean; requestLotteryDraw(req: LotteryDrawRequest): Promise<LotteryDrawResponse> };

export type LotteryServiceOptions = {
  db: Db;
  log: Logger;
  hq: LotteryHq;
  members: Pick<MemberService, 'memberOf' | 'claim'>;
  now?: () => Date;
};

/** Draws answered recently, by drawId: a repeat within this window is answered here. */
const REMEMBER_MS = 10 * 60_000;

/** The claim id of a prize's coupon: derived from the drawId, so a retried draw never claims twice. */
export const prizeClaimId = (drawId: string) => `lottery-${createHash('sha256').update(drawId, 'utf8').digest('base64url').slice(0, 32)}`;

/** The state a kiosk shows: closed as soon as the seed is revealed (no draw can be fair after that). */
export const stateOf = (l: Lottery, now: Date) => (l.revealedSeed !== null ? 'closed' : lotteryState(l, now));

export class LotteryService {
  private readonly o: LotteryServiceOptions;
  private readonly inFlight = new Map<string, Promise<LotteryDrawResult>>();
  private readonly answered = new Map<string, { result: LotteryDrawResult; at: number }>();

  constructor(o: LotteryServiceOptions) {
    this.o = o;
  }

  private now(): Date {
    return this.o.now?.() ?? new Date();
  }

  current(): ApiResult<'lottery.current'> {
    const now = this.now();
    return { lotteries: heldLotteries(this.o.db).map((lottery) => ({ lottery, state: stateOf(lottery, now) })), hqOnline: this.o.hq.online() };
  }

  draw(params: ApiParsedParams<'lottery.draw'>): Promise<LotteryDrawResult> {
    // The member first: a gone session is refused (410) before anything is asked.
    const { member } = this.o.members.memberOf(params.memberSession);
    this.forgetOld();
    const done = this.answered.get(params.drawId);
    if (done) return Promise.resolve(done.result);
    const pending = this.inFlight.get(params.drawId);
    if (pending) return pending;
    const p = this.ask(params, member.id).finally(() => this.inFlight.delete(params.drawId));
    this.inFlight.set(params.drawId, p);
    return p;
  }

  private async ask(params: ApiParsedParams<'lottery.draw'>, memberId: string): Promise<LotteryDrawResult> {
    const { lotteryId, drawId, channel } = params;
    const lottery = heldLottery(this.o.db, lotteryId);
    if (!lottery) return { status: 'unavailable', reason: 'no_lottery' };
    const state = stateOf(lottery, this.now());
    if (state !== 'open') return { status: 'refused', reason: state === 'upcoming' ? 'not_open' : 'closed' };
    if (!this.o.hq.online()) return { status: 'unavailable', reason: 'offline' };
    let answer: LotteryDrawResponse;
    try {
      answer = await this.o.hq.requestLotteryDraw({ drawId, lotteryId, memberId, channel });
    } catch (err) {
      const offline = (err as Error).message.startsWith('offline');
      this.o.log.warn('lottery draw: no answer from HQ', { lotteryId, reason: (err as Error).message });
      return { status: 'unavailable', reason: offline ? 'offline' : 'timeout' };
    }
    if (answer.status === 'refused') {
      this.o.log.info('lottery draw refused by HQ', { lotteryId, reason: answer.reason, detail: answer.detail });
      return { status: 'refused', reason: answer.reason };
    }
    const problem = answerProblem(lottery, answer.draw, drawId);
    if (problem) {
      this.o.log.warn('lottery draw answer refused: it does not fit the published terms', { lotteryId, drawId, problem });
      return { status: 'unavailable', reason: 'invalid_answer' };
    }
    const prize = lottery.prizes.find((p) => p.id === answer.draw.prizeId)!;
    const coupon = prize.couponId ? this.claimPrize(params.memberSession, prize.couponId, drawId, lotteryId) : null;
    this.o.log.info('lottery draw', { lotteryId, seq: answer.draw.seq, prize: prize.id, coupon: coupon?.status ?? 'none' });
    const result: LotteryDrawResult = { status: 'drawn', draw: answer.draw, prize, fallback: prize.id === lottery.fallbackPrizeId, coupon };
    this.answered.set(drawId, { result, at: Date.now() });
    return result;
  }

  private claimPrize(memberSession: string, couponId: string, drawId: string, lotteryId: string): PrizeCoupon {
    try {
      const r = this.o.members.claim({ memberSession, couponId, claimId: prizeClaimId(drawId) }, undefined, { ruleId: `lottery:${lotteryId}` });
      return r.status === 'claimed' ? { status: 'claimed', claimId: r.claimId } : { status: 'not_claimed', reason: r.reason };
    } catch (err) {
      this.o.log.warn('lottery prize coupon not claimed', { lotteryId, couponId, err: (err as Error).message });
      return { status: 'not_claimed', reason: (err as Error).message.slice(0, 200) };
    }
  }

  private forgetOld(): void {
    const cutoff = Date.now() - REMEMBER_MS;
    for (const [id, v] of this.answered) if (v.at < cutoff) this.answered.delete(id);
  }
}

/** Why HQ's draw does not fit the terms the kiosk showed, or null when it does. */
export function answerProblem(lottery: Lottery, draw: { drawId: string; lotteryId: string; derivedPrizeId: string; prizeId: string }, drawId: string): string | null {
  if (draw.drawId !== drawId || draw.lotteryId !== lottery.id) return `the answer is for draw ${draw.drawId} of ${draw.lotteryId}`;
  const ids = lottery.prizes.map((p) => p.id);
  if (!ids.includes(draw.prizeId)) return `prize ${draw.prizeId} is not on the published list (${ids.join(', ')})`;
  if (!ids.includes(draw.derivedPrizeId)) return `outcome ${draw.derivedPrizeId} is not on the published list`;
  // The stock rule gives either the drawn prize or the published fallback, nothing else.
  if (draw.prizeId !== draw.derivedPrizeId && draw.prizeId !== lottery.fallbackPrizeId) return `prize ${draw.prizeId} given for outcome ${draw.derivedPrizeId}`;
  return null;
}
