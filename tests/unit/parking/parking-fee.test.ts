// The car park's arithmetic in integer fen (hq-sim/src/parking/fee.ts): started hours after the grace period, each
// calendar day of the mall capped on its own (across midnight and over several days), and members' benefits.
import { describe, expect, it } from 'vitest';
import { DEMO_TARIFF, quoteStay, stayFee } from '../../../hq-sim/src/parking/fee.ts';

const TZ = 'Asia/Shanghai'; // UTC+8, no daylight saving
const at = (local: string) => new Date(`${local}+08:00`);
const fee = (from: string, to: string, freeHours = 0) => stayFee(at(from), at(to), DEMO_TARIFF, TZ, freeHours);

describe('stayFee', () => {
  it.each([
    ['2026-03-02T10:00:00', '2026-03-02T10:30:00', 0], // within the 30 min grace
    ['2026-03-02T10:00:00', '2026-03-02T10:31:00', 500], // past grace: one started hour
    ['2026-03-02T10:00:00', '2026-03-02T11:00:00', 500],
    ['2026-03-02T10:00:00', '2026-03-02T11:00:01', 1000],
    ['2026-03-02T10:00:00', '2026-03-02T12:35:00', 1500],
    ['2026-03-02T08:00:00', '2026-03-02T22:00:00', 4000], // 14 h = ¥70, capped at ¥40
  ])('%s to %s costs %d fen', (from, to, expected) => {
    expect(fee(from, to).feeFen).toBe(expected);
  });

  it('charges each hour on the day it starts: across midnight each day has its own cap', () => {
    // 22:00-02:30: hours starting 22, 23 on the 2nd (¥10), 00, 01, 02 on the 3rd (¥15).
    const r = fee('2026-03-02T22:00:00', '2026-03-03T02:30:00');
    expect(r.days).toEqual([
      { date: '2026-03-02', hours: 2, fen: 1000, capped: false },
      { date: '2026-03-03', hours: 3, fen: 1500, capped: false },
    ]);
    expect(r.feeFen).toBe(2500);
  });

  it('caps several whole days one by one', () => {
    // From 06:00 on the 2nd to 10:00 on the 5th: 18 h (cap), 24 h (cap), 24 h (cap), 10 h (cap).
    const r = fee('2026-03-02T06:00:00', '2026-03-05T10:00:00');
    expect(r.days.map((d) => [d.date, d.hours, d.fen, d.capped])).toEqual([
      ['2026-03-02', 18, 4000, true], ['2026-03-03', 24, 4000, true], ['2026-03-04', 24, 4000, true], ['2026-03-05', 10, 4000, true],
    ]);
    expect(r.feeFen).toBe(16000);
  });

  it('a short last day is not capped: 23:00 to 01:10 the next day', () => {
    expect(fee('2026-03-02T23:00:00', '2026-03-03T01:10:00').feeFen).toBe(1500);
  });

  it('free hours come off the start of the stay', () => {
    expect(fee('2026-03-02T10:00:00', '2026-03-02T12:35:00', 2).feeFen).toBe(500);
    expect(fee('2026-03-02T10:00:00', '2026-03-02T12:35:00', 5).feeFen).toBe(0);
  });
});

describe('quoteStay', () => {
  const from = at('2026-03-02T10:00:00');
  const to = at('2026-03-02T15:20:00'); // 6 started hours: ¥30

  it('without a member: the whole fee is payable', () => {
    expect(quoteStay(from, to, DEMO_TARIFF, TZ, null)).toEqual({ feeFen: 3000, benefits: [], payableFen: 3000 });
  });

  it('gold (2 h free), a 2-hour coupon, then points offered for the rest in whole yuan', () => {
    const q = quoteStay(from, to, DEMO_TARIFF, TZ, {
      tier: 'gold', points: 5200, coupons: [{ couponId: 'pk-2h', title: { zh: '停车券 2 小时' }, hours: 2 }],
    });
    expect(q.benefits).toEqual([
      { kind: 'tier-free-hours', hours: 2, savedFen: 1000 },
      { kind: 'coupon', couponId: 'pk-2h', title: { zh: '停车券 2 小时' }, savedFen: 1000 },
      { kind: 'points', points: 1000, pointsPerYuan: 100, savedFen: 1000, balance: 5200 },
    ]);
    expect(q.payableFen).toBe(1000); // points are the shopper's choice on the phone, not taken off here
  });

  it('a coupon that would save nothing is not listed; points only as far as the balance goes', () => {
    const q = quoteStay(from, to, DEMO_TARIFF, TZ, {
      tier: 'diamond', points: 250, coupons: [{ couponId: 'a', title: { zh: 'A' }, hours: 3 }, { couponId: 'b', title: { zh: 'B' }, hours: 1 }],
    });
    expect(q.benefits.map((b) => [b.kind, b.savedFen])).toEqual([['tier-free-hours', 1500], ['coupon', 1500]]);
    expect(q.payableFen).toBe(0);
    const poor = quoteStay(from, to, DEMO_TARIFF, TZ, { tier: 'regular', points: 250, coupons: [] });
    expect(poor.benefits).toEqual([{ kind: 'points', points: 200, pointsPerYuan: 100, savedFen: 200, balance: 250 }]);
  });

  it('within the grace period nothing is owed and no benefit is listed', () => {
    expect(quoteStay(from, at('2026-03-02T10:20:00'), DEMO_TARIFF, TZ, { tier: 'diamond', points: 9999, coupons: [] })).toEqual({ feeFen: 0, benefits: [], payableFen: 0 });
  });
});
