// HQ's answer on screen: the masked plate (never what was typed), then, once the shopper confirms it is their car,
// the entry photo; where the car is, since when, the fee and each member benefit HQ confirmed, what is left to pay
// with HQ's payment QR, and "Take me to my car". Not found and unavailable get their own plain messages, with no
// figures.
import { useState } from 'react';
import type { ParkingBenefit, ParkingFindResult } from '../../../contracts/parking.ts';
import { useLanguage } from '../i18n/LanguageContext.tsx';
import { localized } from '../i18n/translate.ts';
import { formatFen } from '../format/money.ts';
import { PaymentQr } from './PaymentQr.tsx';
import { parkingText, useParkingText } from './parkingStrings.ts';
import type { UiLanguage } from '../../../contracts/config.ts';

type Found = Extract<ParkingFindResult, { status: 'found' }>;

export function durationText(minutes: number, lang: UiLanguage): string {
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  return d > 0 ? parkingText(lang, 'daysHoursMinutes', { d, h, m }) : parkingText(lang, 'hoursMinutes', { h, m });
}

function entryTime(iso: string, lang: UiLanguage): string {
  return new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
}

function benefitText(b: ParkingBenefit, lang: UiLanguage): string {
  switch (b.kind) {
    case 'tier-free-hours': return parkingText(lang, 'tierFree', { hours: b.hours });
    case 'coupon': return localized(b.title, lang);
    case 'points': return parkingText(lang, 'points', { points: b.points, balance: b.balance });
  }
}

export function ParkingResult({ result, onTakeMe, onAgain }: { result: ParkingFindResult; onTakeMe: ((to: string) => void) | null; onAgain: () => void }) {
  const pt = useParkingText();
  if (result.status === 'unavailable') {
    return (
      <section className="parking-result parking-result--message" data-testid="parking-unavailable" data-reason={result.reason}>
        <p className="parking-result__message">{pt('unavailable')}</p>
        <button type="button" className="parking-button" onClick={onAgain} data-testid="parking-again">{pt('searchAgain')}</button>
      </section>
    );
  }
  if (result.status === 'not_found') {
    return (
      <section className="parking-result parking-result--message" data-testid="parking-not-found">
        <p className="parking-result__message">{pt('notFound', { plate: result.maskedPlate })}</p>
        <button type="button" className="parking-button" onClick={onAgain} data-testid="parking-again">{pt('searchAgain')}</button>
      </section>
    );
  }
  return <FoundCar result={result} onTakeMe={onTakeMe} onAgain={onAgain} />;
}

function FoundCar({ result, onTakeMe, onAgain }: { result: Found; onTakeMe: ((to: string) => void) | null; onAgain: () => void }) {
  const lang = useLanguage();
  const pt = useParkingText();
  const [confirmed, setConfirmed] = useState(false);
  const { car, quote } = result;
  return (
    <section className="parking-result" data-testid="parking-found">
      {/* The car, then what to pay: one column in portrait, side by side in landscape (parking.css). */}
      <div className="parking-result__car">
        <div className="parking-result__plate">
          <span className="parking-result__label">{pt('plate')}</span>
          <span className="parking-plate-masked" data-testid="parking-masked-plate">{result.maskedPlate}</span>
        </div>
        {!confirmed ? (
          <div className="parking-result__confirm">
            <span>{pt('confirmPlate')}</span>
            <button type="button" className="parking-button parking-button--light" onClick={() => setConfirmed(true)} data-testid="parking-confirm">{pt('confirm')}</button>
          </div>
        ) : car.photo ? (
          <img className="parking-result__photo" src={car.photo} alt={pt('photoAlt')} data-testid="parking-photo" />
        ) : (
          <p className="parking-result__nophoto" data-testid="parking-no-photo">{pt('noPhoto')}</p>
        )}
        <p className="parking-result__where" data-testid="parking-where">{pt('where', { level: car.level, zone: car.zone, space: car.space })}</p>
        <p className="parking-result__time">
          <span>{pt('entered', { time: entryTime(car.enteredAt, lang) })}</span>
          <span data-testid="parking-duration">{pt('parkedFor', { duration: durationText(car.minutes, lang) })}</span>
        </p>
      </div>
      <div className="parking-result__pay">
        <dl className="parking-fee">
          <div className="parking-fee__row"><dt>{pt('fee')}</dt><dd data-testid="parking-fee">{formatFen(quote.feeFen)}</dd></div>
          {quote.benefits.map((b, i) => (
            <div key={i} className={`parking-fee__row parking-fee__row--benefit${b.kind === 'points' ? ' parking-fee__row--offer' : ''}`} data-testid={`parking-benefit-${b.kind}`}>
              <dt>{benefitText(b, lang)}</dt>
              <dd>-{formatFen(b.savedFen)}</dd>
            </div>
          ))}
          <div className="parking-fee__row parking-fee__row--total"><dt>{pt('payable')}</dt><dd data-testid="parking-payable">{formatFen(quote.payableFen)}</dd></div>
        </dl>
        <p className="parking-fee__tariff">
          {pt('tariff', { grace: quote.tariff.graceMin, hourly: formatFen(quote.tariff.hourlyFen), cap: formatFen(quote.tariff.dailyCapFen) })}
          {quote.benefits.some((b) => b.kind === 'points') && ` · ${pt('pointsNote')}`}
        </p>
        <div className="parking-result__actions">
          {quote.paymentUrl ? <PaymentQr url={quote.paymentUrl} /> : <p className="parking-result__free" data-testid="parking-nothing-to-pay">{pt('nothingToPay')}</p>}
          <div className="parking-result__buttons">
            {onTakeMe && result.mapTarget
              ? <button type="button" className="parking-button parking-button--go" onClick={() => onTakeMe(result.mapTarget!)} data-testid="parking-take-me">{pt('takeMe')}</button>
              : <p className="parking-result__nomap">{pt('noMapPlace')}</p>}
            <button type="button" className="parking-button parking-button--light" onClick={onAgain} data-testid="parking-again">{pt('searchAgain')}</button>
          </div>
        </div>
      </div>
    </section>
  );
}
