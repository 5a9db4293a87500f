// The demo mall's member-day lottery: made by HQ when it has no lottery open or coming, with a fresh secret seed (only
// its sha256 is published until the lottery closes). Its prizes are coupons of the demo catalog every tier may hold.
import { randomBytes } from 'node:crypto';
import type { Lottery } from '../../../contracts/lottery.ts';
import { seedCommitment } from '../../../common/lottery-draw.ts';

export const DEMO_LOTTERY_DAYS = 7;

/** A demo lottery opening `now` for DEMO_LOTTERY_DAYS, and its seed (hex). */
export function demoLottery(now: Date, seed = randomBytes(32).toString('hex')): { lottery: Lottery; seed: string } {
  const day = now.toISOString().slice(0, 10).replaceAll('-', '');
  const lottery: Lottery = {
    id: `member-day-${day}`,
    title: { zh: '会员日幸运抽奖', en: 'Member Day lucky draw' },
    opensAt: now.toISOString(),
    closesAt: new Date(now.getTime() + DEMO_LOTTERY_DAYS * 86_400_000).toISOString(),
    drawsPerMember: 3,
    seedCommitment: seedCommitment(seed),
    fallbackPrizeId: 'thanks',
    prizes: [
      { id: 'sprint-100', title: { zh: '疾风运动 满500减100', en: 'Sprint: ¥100 off ¥500' }, valueFen: 10_000, oddsPpm: 20_000, stock: 10, couponId: 'c-sprint-500-100' },
      { id: 'winter-50', title: { zh: '全场满300减50', en: '¥50 off ¥300 storewide' }, valueFen: 5_000, oddsPpm: 80_000, stock: 60, couponId: 'c-winter-300-50' },
      { id: 'hotpot-40', title: { zh: '蜀香火锅 满200减40', en: 'Shu Spice: ¥40 off ¥200' }, valueFen: 4_000, oddsPpm: 100_000, stock: 50, couponId: 'c-hotpot-200-40' },
      { id: 'dessert-half', title: { zh: '甜蜜时刻 第二份半价', en: 'Sweet Moments: second dessert half price' }, valueFen: 1_800, oddsPpm: 300_000, stock: 200, couponId: 'c-dessert-happy' },
      { id: 'thanks', title: { zh: '谢谢参与', en: 'Thanks for playing' }, valueFen: 0, oddsPpm: 500_000, stock: null, couponId: null },
    ],
    revealedSeed: null,
  };
  return { lottery, seed };
}
