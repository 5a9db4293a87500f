// The words a promotion shows, in one place for the attract slide and the home card.
import type { PromotionCard } from '../../../contracts/api.ts';
import type { UiLanguage } from '../../../contracts/config.ts';
import { formatShortDate } from '../format/dates.ts';
import { couponValueText, isMembersOnly } from '../format/money.ts';
import { localized, t } from '../i18n/translate.ts';

export type PromotionText = {
  title: string;
  subtitle: string;
  /** "蜀香火锅" or "全场活动" when the campaign is mall-wide. */
  where: string;
  /** "5F · 5F-01", or null for a mall-wide campaign. */
  location: string | null;
  coupon: { value: string; title: string; membersOnly: boolean } | null;
  endsOn: string | null;
};

export function promotionText(p: PromotionCard, lang: UiLanguage): PromotionText {
  const first = p.coupons[0];
  const date = formatShortDate(p.endsAt, lang);
  return {
    title: localized(p.title, lang),
    subtitle: localized(p.subtitle, lang),
    where: p.store ? localized(p.store.name, lang) : t(lang, 'mallWide'),
    location: p.store ? t(lang, 'storeLocation', { floor: p.store.floor, unit: p.store.unit }) : null,
    coupon: first ? { value: couponValueText(first, lang), title: localized(first.title, lang), membersOnly: isMembersOnly(first.tiers) } : null,
    endsOn: date ? t(lang, 'endsOn', { date }) : null,
  };
}
