// The part of a coupon shared by an offer and a wallet entry: its value stub, title, store and validity.
import type { ReactNode } from 'react';
import type { LocalizedText } from '../../../../contracts/catalog.ts';
import { formatDay } from '../../format/dates.ts';
import { couponValueText } from '../../format/money.ts';
import { useLanguage, useTranslate } from '../../i18n/LanguageContext.tsx';
import { localized } from '../../i18n/translate.ts';

export type CouponLike = {
  title: LocalizedText;
  valueFen: number;
  minSpendFen: number;
  store: { name: LocalizedText; floor: string; unit: string } | null;
  validTo: string;
};

export function CouponFace({ coupon, children, stubLabel }: { coupon: CouponLike; children?: ReactNode; stubLabel?: string }) {
  const tr = useTranslate();
  const lang = useLanguage();
  const validTo = formatDay(coupon.validTo, lang);
  return (
    <div className="coupon-face">
      <div className="coupon-face__stub">
        <span className="coupon-face__value">{couponValueText(coupon, lang)}</span>
        {stubLabel && <span className="coupon-face__stub-label">{stubLabel}</span>}
      </div>
      <div className="coupon-face__body">
        <h3 className="coupon-face__title">{localized(coupon.title, lang)}</h3>
        <p className="coupon-face__meta">
          {coupon.store && <span>{localized(coupon.store.name, lang)}</span>}
          {coupon.store && <span>{tr('storeLocation', { floor: coupon.store.floor, unit: coupon.store.unit })}</span>}
          {validTo && <span>{tr('validUntil', { date: validTo })}</span>}
        </p>
        {children}
      </div>
    </div>
  );
}
