// When what plays may next change by the clock (common/schedule.ts nextChangeWithin, playing.ts nextChange), so the
// page reloads the promotions just after a daypart, date or campaign-window boundary: the end of what plays now or
// the start of what does not, in the mall's zone (Asia/Shanghai here, across a UTC day boundary).
import { describe, expect, it } from 'vitest';
import type { Campaign } from '../../../contracts/catalog.ts';
import type { Schedule } from '../../../contracts/content.ts';
import { nextChangeWithin } from '../../../common/schedule.ts';
import { nextChange, type ScheduleScope } from '../../../edge-agent/src/catalog/playing.ts';

const TZ = 'Asia/Shanghai';
const ALL = [1, 2, 3, 4, 5, 6, 7];
const kiosk: ScheduleScope = { timeZone: TZ, device: { id: 'kiosk-7', role: 'guide', zones: ['1F'] } };
const iso = (d: Date | null) => d?.toISOString() ?? null;

function campaign(id: string, schedule?: Partial<Schedule>, window: { startsAt?: string; endsAt?: string } = {}): Campaign {
  return {
    id, title: { zh: id }, subtitle: { zh: id }, storeId: null, couponIds: [], colours: ['#000000', '#ffffff'], priority: 1,
    startsAt: window.startsAt ?? '2026-01-01T00:00:00Z', endsAt: window.endsAt ?? '2027-01-01T00:00:00Z',
    ...(schedule ? { schedule: { dayparts: [], weight: 1, ...schedule } } : {}),
  };
}

describe('nextChangeWithin', () => {
  // Tuesday 07:00-09:00 Shanghai is Monday 23:00Z - Tuesday 01:00Z.
  const breakfast = { dayparts: [{ days: [2], from: '07:00', to: '09:00' }], weight: 1 } as Schedule;
  it.each([
    ['before it: its start', '2026-11-23T22:00:00Z', '2026-11-23T23:00:00.000Z'],
    ['inside it: its end', '2026-11-24T00:30:00Z', '2026-11-24T01:00:00.000Z'],
    ['at its start exactly: its end', '2026-11-23T23:00:00Z', '2026-11-24T01:00:00.000Z'],
    ['after it: next Tuesday is beyond a day', '2026-11-24T02:00:00Z', null],
  ])('%s', (_name, now, expected) => {
    expect(iso(nextChangeWithin(breakfast, new Date(now), 24, TZ))).toBe(expected);
  });

  it('a minute-long boundary: A ends and B starts at the same minute', () => {
    const now = new Date('2026-11-24T02:14:20Z'); // 10:14:20 Shanghai
    const a: Schedule = { dayparts: [{ from: '00:00', to: '10:15' }], weight: 1 } as Schedule;
    const b: Schedule = { dayparts: [{ from: '10:15', to: '23:59' }], weight: 1 } as Schedule;
    expect(iso(nextChangeWithin(a, now, 24, TZ))).toBe('2026-11-24T02:15:00.000Z');
    expect(iso(nextChangeWithin(b, now, 24, TZ))).toBe('2026-11-24T02:15:00.000Z');
  });

  it('no schedule and no window: nothing changes; a window end or a date range ending at midnight does', () => {
    const now = new Date('2026-11-24T02:00:00Z');
    expect(nextChangeWithin(undefined, now, 24, TZ)).toBeNull();
    expect(iso(nextChangeWithin(undefined, now, 24, TZ, { startsAt: '2026-01-01T00:00:00Z', endsAt: '2026-11-24T05:00:00Z' }))).toBe('2026-11-24T05:00:00.000Z');
    expect(iso(nextChangeWithin({ dateTo: '2026-11-24', dayparts: [], weight: 1 } as Schedule, now, 24, TZ))).toBe('2026-11-24T16:00:00.000Z');
  });
});

describe('nextChange: the earliest among the campaigns that target this kiosk', () => {
  const now = new Date('2026-11-24T02:00:00Z'); // 10:00 Shanghai
  it('takes the earliest boundary, a running campaign\'s end or a coming one\'s start, ignores other devices', () => {
    const lunch = campaign('lunch', { dayparts: [{ days: ALL, from: '11:30', to: '13:30' }] });
    const elsewhere = campaign('elsewhere', { devices: ['kiosk-9'], dayparts: [{ days: ALL, from: '10:05', to: '11:00' }] });
    expect(iso(nextChange([lunch, elsewhere], [], now, kiosk))).toBe('2026-11-24T03:30:00.000Z');
    expect(iso(nextChange([lunch], ['2026-11-24T03:00:00Z'], now, kiosk))).toBe('2026-11-24T03:00:00.000Z');
    expect(iso(nextChange([lunch, campaign('ending', undefined, { endsAt: '2026-11-24T02:20:00Z' })], [], now, kiosk))).toBe('2026-11-24T02:20:00.000Z');
  });
  it('null without boundaries within a day, or without a scope (no schedule applies)', () => {
    expect(nextChange([campaign('always')], [], now, kiosk)).toBeNull();
    expect(nextChange([campaign('lunch', { dayparts: [{ days: ALL, from: '11:30', to: '13:30' }] })], [], now, null)).toBeNull();
  });
});
