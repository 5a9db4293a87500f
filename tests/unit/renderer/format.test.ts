import { describe, expect, it } from 'vitest';
import { contrastRatio, fallbackColours, safeColours, textToneFor } from '../../../renderer/src/format/colours.ts';
import { formatShortDate } from '../../../renderer/src/format/dates.ts';
import { couponValueText, formatFen, isMembersOnly } from '../../../renderer/src/format/money.ts';

describe('money', () => {
  it.each([
    [0, '¥0'], [1, '¥0.01'], [50, '¥0.50'], [2_850, '¥28.50'], [5_000, '¥50'], [30_000, '¥300'],
    [123_456, '¥1,234.56'], [-5_000, '-¥50'], [2_850.4, '¥28.50'],
  ])('%d fen is %s', (fen, text) => {
    expect(formatFen(fen)).toBe(text);
  });

  it('says what a coupon is worth in each language', () => {
    expect(couponValueText({ minSpendFen: 30_000, valueFen: 5_000 }, 'zh-CN')).toBe('满300减50');
    expect(couponValueText({ minSpendFen: 30_000, valueFen: 5_000 }, 'en')).toBe('¥50 off ¥300');
    expect(couponValueText({ minSpendFen: 0, valueFen: 2_800 }, 'zh-CN')).toBe('价值¥28');
    expect(couponValueText({ minSpendFen: 0, valueFen: 2_850 }, 'en')).toBe('Worth ¥28.50');
    expect(couponValueText({ minSpendFen: 9_950, valueFen: 1_050 }, 'zh-CN')).toBe('满99.50减10.50');
  });

  it('calls a coupon members-only when the regular tier cannot use it', () => {
    expect(isMembersOnly(['silver', 'gold', 'diamond'])).toBe(true);
    expect(isMembersOnly(['regular', 'silver', 'gold', 'diamond'])).toBe(false);
  });
});

describe('dates', () => {
  it('shows month and day in the kiosk language', () => {
    expect(formatShortDate('2026-03-12T15:59:00Z', 'zh-CN', 'Asia/Shanghai')).toBe('3月12日');
    expect(formatShortDate('2026-03-12T16:00:00Z', 'zh-CN', 'Asia/Shanghai')).toBe('3月13日');
    expect(formatShortDate('2026-03-12T10:00:00+08:00', 'en', 'Asia/Shanghai')).toBe('12 Mar');
  });

  it('gives an empty string for a date it cannot read', () => {
    expect(formatShortDate('not a date', 'en')).toBe('');
  });
});

describe('promotion colours', () => {
  it('passes #RRGGBB colours and replaces anything else with the house colours', () => {
    expect(safeColours(['#C8102E', '#7b1fa2'])).toEqual(['#C8102E', '#7b1fa2']);
    expect(safeColours(['red', '#7B1FA2'])).toEqual(fallbackColours);
    expect(safeColours(['#C8102E', 'url(https://evil.example/x.png)'])).toEqual(fallbackColours);
  });

  it('computes WCAG contrast', () => {
    expect(contrastRatio('#FFFFFF', '#000000')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#777777')).toBeCloseTo(1, 5);
  });

  it.each([
    [['#C8102E', '#7B1FA2'], 'light'],
    [['#212121', '#3949AB'], 'light'],
    [['#FFB300', '#F06292'], 'dark'],
    [['#D84315', '#FFA000'], 'dark'],
    [['#FFFFFF', '#FFFFFF'], 'dark'],
  ] as const)('text on %j is %s', (colours, tone) => {
    expect(textToneFor(colours)).toBe(tone);
  });
});
