// HQ's car park: the levels, zones and spaces (the demo map's B2, common/node/imdf/demo-parking.ts), the demo's
// parked cars and members' parking coupons, and the answer to a kiosk's "where is my car" (pure over the store's
// rows and the member: the fee and benefits come from fee.ts).
import { randomUUID } from 'node:crypto';
import type { Member } from '../../../contracts/catalog.ts';
import type { ParkingRequest, ParkingResponse } from '../../../contracts/parking.ts';
import { checkPlate } from '../../../common/plate.ts';
import { demoSpaces, type DemoSpace } from '../../../common/node/imdf/demo-parking.ts';
import { DEMO_TARIFF, quoteStay } from './fee.ts';
import type { ParkingStore, StoredCar } from './store.ts';

/** Where HQ's payment page lives; a quote id ties the QR to this one answer (the kiosk never handles money). */
export const PAYMENT_BASE_URL = 'https://pay.atrium.example/parking';

export type CarPark = { levels: string[]; spaces: Map<string, DemoSpace> };

export function demoCarPark(): CarPark {
  const spaces = new Map(demoSpaces().map((s) => [s.code, s]));
  return { levels: [...new Set([...spaces.values()].map((s) => s.level))], spaces };
}

/** A small grey car drawn as SVG, standing in for an entry-camera thumbnail (no plate on it). */
export const DEMO_PHOTO = `data:image/svg+xml;base64,${btoa(
  '<svg xmlns="http://www.w3.org/2000/svg" width="160" height="90" viewBox="0 0 160 90"><rect width="160" height="90" fill="#3b4252"/>' +
  '<path d="M25 62 L35 40 Q40 32 52 32 L108 32 Q120 32 125 40 L135 62 Z" fill="#d8dee9"/><rect x="20" y="58" width="120" height="14" rx="5" fill="#e5e9f0"/>' +
  '<circle cx="45" cy="74" r="9" fill="#2e3440"/><circle cx="115" cy="74" r="9" fill="#2e3440"/></svg>',
)}`;

const MIN = 60_000;

/** The demo's cars (entry times relative to the first start) and coupons; written once per data folder. */
export function seedDemoCarPark(store: ParkingStore, now: Date): void {
  if (store.meta('seeded') !== null) return;
  const ago = (minutes: number) => new Date(now.getTime() - minutes * MIN);
  const cars: StoredCar[] = [
    { plate: '沪AD12348', space: 'B2-118', enteredAt: ago(155), photo: DEMO_PHOTO },
    { plate: '京A12345', space: 'B2-103', enteredAt: ago(26 * 60 + 10), photo: null },
    { plate: '粤B8K2F6', space: 'B2-131', enteredAt: ago(20), photo: DEMO_PHOTO },
    { plate: '浙A12345F', space: 'B2-142', enteredAt: ago(3 * 24 * 60 + 75), photo: null },
  ];
  for (const c of cars) store.park(c);
  store.giveCoupon('M1003', { couponId: 'pk-2h', title: { zh: '停车券 2 小时', en: 'Parking voucher, 2 hours' }, hours: 2 });
  store.giveCoupon('M1004', { couponId: 'pk-1h', title: { zh: '停车券 1 小时', en: 'Parking voucher, 1 hour' }, hours: 1 });
  store.setMeta('seeded', now.toISOString());
}

export type AnswerDeps = { store: ParkingStore; carPark: CarPark; memberById: (id: string) => Member | null; now: Date; timeZone: string };

/** HQ's answer to one request: found (space, time, quote with the member's benefits) or not found. */
export function answerParking(req: ParkingRequest, d: AnswerDeps): ParkingResponse {
  const check = checkPlate(req.plate);
  if (check.status !== 'complete') return { status: 'not_found', reason: 'invalid_plate' };
  const car = d.store.car(check.plate);
  const space = car ? d.carPark.spaces.get(car.space) : undefined;
  if (!car || !space) return { status: 'not_found', reason: 'unknown_plate' };
  const member = req.memberId ? d.memberById(req.memberId) : null;
  const benefitsFor = member ? { tier: member.tier, points: member.points, coupons: d.store.coupons(member.id) } : null;
  const q = quoteStay(car.enteredAt, d.now, DEMO_TARIFF, d.timeZone, benefitsFor);
  return {
    status: 'found',
    car: {
      space: space.code, level: space.level, zone: space.zone, enteredAt: car.enteredAt.toISOString(),
      minutes: Math.max(0, Math.floor((d.now.getTime() - car.enteredAt.getTime()) / MIN)), photo: car.photo,
    },
    quote: {
      feeFen: q.feeFen, tariff: DEMO_TARIFF, benefits: q.benefits, payableFen: q.payableFen,
      paymentUrl: q.payableFen > 0 ? `${PAYMENT_BASE_URL}?quote=${randomUUID()}` : null, quotedAt: d.now.toISOString(),
    },
  };
}
