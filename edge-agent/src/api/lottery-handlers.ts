// The lottery.* API methods (contracts/lottery.ts), answered by the lottery service.
import type { ApiHandlers, LotteryMethod } from '../../../contracts/api.ts';
import type { LotteryService } from '../lottery/service.ts';

export function lotteryHandlers(lottery: LotteryService): Pick<ApiHandlers, LotteryMethod> {
  return {
    'lottery.current': () => lottery.current(),
    'lottery.draw': (params) => lottery.draw(params),
  };
}
