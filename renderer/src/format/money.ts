// Money on screen. Amounts arrive in fen (1/100 yuan) and are shown as ¥ with decimals only when needed.
import type { MemberTier } from '../../../contracts/catalog.ts';
import type { UiLanguage } from '../../../contracts/config.ts';

/** 5000 → "¥50", 2850 → "¥28.50", 123456 → "¥1,234.56". Negative or fractional fen are treated as a whole number of fen. */
export function formatFen(fen: number): string {
  const whole = Math.round(Math.abs(fen));
  const sign = fen < 0 && whole > 0 ? '-' : '';
  const yuan = Math.floor(whole / 100);
  const rest = whole % 100;
  const yuanText = yuan.toLocaleString('en-US');
  return `${sign}¥${rest === 0 ? yuanText : `${yuanText}.${String(rest).padStart(2, '0')}`}`;
}

/** The number without the currency sign, for compact 满减 phrases: 30000 → "300". */
function yuanNumber(fen: number): string {
  return formatFen(fen).replace('¥', '');
}

export type CouponValue = { valueFen: number; minSpendFen: number };

/** One short line that says what a coupon is worth: "满300减50" / "¥50 off ¥300", or "价值¥28" / "Worth ¥28". */
export function couponValueText(coupon: CouponValue, lang: UiLanguage): string {
  if (coupon.minSpendFen > 0) {
    return lang === 'en'
      ? `${formatFen(coupon.valueFen)} off ${formatFen(coupon.minSpendFen)}`
      : `满${yuanNumber(coupon.minSpendFen)}减${yuanNumber(coupon.valueFen)}`;
  }
  return lang === 'en' ? `Worth ${formatFen(coupon.valueFen)}` : `价值${formatFen(coupon.valueFen)}`;
}

/** True when the ordinary (regular-tier) shopper cannot use the coupon. */
export function isMembersOnly(tiers: readonly MemberTier[]): boolean {
  return !tiers.includes('regular');
}
