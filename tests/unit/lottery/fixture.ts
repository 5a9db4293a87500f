// A small lottery for the lottery unit tests: three prizes (two with stock, the fallback), odds 10/40/50 %, and two
// seeds whose draws the tests know.
import { seedCommitment } from '../../../common/lottery-draw.ts';
import { Lottery } from '../../../contracts/lottery.ts';

export const SEED_1 = `${'00'.repeat(31)}01`;
export const SEED_A5 = 'a5'.repeat(32);

export function sampleLottery(seed = SEED_1, stock = { big: 1, small: 2 }): Lottery {
  return Lottery.parse({
    id: 'ld-test', title: { zh: '测试抽奖', en: 'Test draw' }, opensAt: '2026-12-08T00:00:00.000Z', closesAt: '2026-12-09T00:00:00.000Z',
    drawsPerMember: 3, seedCommitment: seedCommitment(seed), fallbackPrizeId: 'thanks', revealedSeed: null,
    prizes: [
      { id: 'big', title: { zh: '大奖', en: 'Big' }, valueFen: 10_000, oddsPpm: 100_000, stock: stock.big, couponId: 'c-big' },
      { id: 'small', title: { zh: '小奖', en: 'Small' }, valueFen: 1_000, oddsPpm: 400_000, stock: stock.small, couponId: 'c-small' },
      { id: 'thanks', title: { zh: '谢谢参与', en: 'Thanks' }, valueFen: 0, oddsPpm: 500_000, stock: null, couponId: null },
    ],
  });
}
