// common/schedule.ts: dayparts (crossing midnight, weekday boundaries in Asia/Shanghai vs UTC), date ranges,
// targeting, the campaign window, the next start for prefetch, and the share-of-voice rotation; then seeded random
// schedules checked against an independent minute-of-week oracle and a minute-by-minute scan.
import { describe, expect, it } from 'vitest';
import { Schedule as ScheduleSchema } from '../../../contracts/content.ts';
import { inDaypart, isScheduled, nextStartWithin, rotation, targets, type Schedule, type ScheduleDevice } from '../../../common/schedule.ts';

const SH = 'Asia/Shanghai';
const UTC = 'UTC';
const kiosk: ScheduleDevice = { id: 'k1', role: 'guide', zones: ['1F', 'north-atrium'] };
const wall: ScheduleDevice = { id: 'w1', role: 'wall', zones: ['food-court'] };
/** 2025-03-14 is a Friday. Shanghai is UTC+8 all year. */
const at = (iso: string) => new Date(iso);

describe('dayparts', () => {
  // Friday 22:00-02:00 in Shanghai; instants in Shanghai local time (+08:00).
  const late: Schedule = { dayparts: [{ days: [5], from: '22:00', to: '02:00' }] };
  it.each([
    ['Friday 21:59', '2025-03-14T21:59:00+08:00', false],
    ['Friday 22:00 (from is inclusive)', '2025-03-14T22:00:00+08:00', true],
    ['Friday 23:59', '2025-03-14T23:59:00+08:00', true],
    ['Saturday 00:00 (crossed midnight)', '2025-03-15T00:00:00+08:00', true],
    ['Saturday 01:59', '2025-03-15T01:59:00+08:00', true],
    ['Saturday 02:00 (to is exclusive)', '2025-03-15T02:00:00+08:00', false],
    ['Saturday 22:30 (Saturday not listed)', '2025-03-15T22:30:00+08:00', false],
    ['Friday 01:00 (Thursday not listed)', '2025-03-14T01:00:00+08:00', false],
  ])('Fri 22:00-02:00 at %s: %s', (_name, iso, expected) => {
    expect(isScheduled(late, null, at(iso), SH, kiosk)).toBe(expected);
  });

  it.each([
    // Sunday 23:00-01:00 wraps to Monday (weekday 7 -> 1).
    [{ days: [7], from: '23:00', to: '01:00' }, 1, 30, true],
    [{ days: [7], from: '23:00', to: '01:00' }, 7, 30, false],
    [{ days: [7], from: '23:00', to: '01:00' }, 7, 23 * 60, true],
    // from == to: 24 hours from `from`.
    [{ days: [1], from: '06:00', to: '06:00' }, 1, 6 * 60, true],
    [{ days: [1], from: '06:00', to: '06:00' }, 2, 5 * 60 + 59, true],
    [{ days: [1], from: '06:00', to: '06:00' }, 2, 6 * 60, false],
    [{ days: [1], from: '00:00', to: '00:00' }, 1, 0, true],
    [{ days: [1], from: '00:00', to: '00:00' }, 2, 0, false],
    // Days default to every day.
    [{ from: '10:00', to: '11:00' }, 3, 10 * 60 + 30, true],
    [{ from: '10:00', to: '11:00' }, 3, 11 * 60, false],
  ] as const)('%j on weekday %i at minute %i: %s', (d, weekday, minute, expected) => {
    expect(inDaypart({ ...d, days: 'days' in d ? [...d.days] : undefined }, weekday, minute)).toBe(expected);
  });

  it('several dayparts: any one of them', () => {
    const s: Schedule = { dayparts: [{ days: [1, 2, 3, 4, 5], from: '07:00', to: '09:00' }, { days: [6, 7], from: '11:00', to: '13:00' }] };
    expect(isScheduled(s, null, at('2025-03-14T08:00:00+08:00'), SH, kiosk)).toBe(true); // Friday morning
    expect(isScheduled(s, null, at('2025-03-15T08:00:00+08:00'), SH, kiosk)).toBe(false); // Saturday morning
    expect(isScheduled(s, null, at('2025-03-15T12:00:00+08:00'), SH, kiosk)).toBe(true); // Saturday noon
  });

  it('no dayparts, an empty list, or no schedule at all: all day', () => {
    for (const s of [undefined, {}, { dayparts: [] }, ScheduleSchema.parse({})]) {
      expect(isScheduled(s, null, at('2025-03-14T03:17:00+08:00'), SH, kiosk)).toBe(true);
    }
  });
});

describe('weekday boundaries: the mall-local day, not UTC', () => {
  // Monday 00:00-08:00 in Shanghai is Sunday 16:00-24:00 UTC.
  const mondayMorning: Schedule = { dayparts: [{ days: [1], from: '00:00', to: '08:00' }] };
  it.each([
    ['Sunday 16:30 UTC = Monday 00:30 Shanghai', '2025-03-16T16:30:00Z', SH, true],
    ['the same instant for a UTC mall: Sunday', '2025-03-16T16:30:00Z', UTC, false],
    ['Monday 07:59 Shanghai = Sunday 23:59 UTC', '2025-03-16T23:59:00Z', SH, true],
    ['Monday 08:00 Shanghai', '2025-03-17T00:00:00Z', SH, false],
    ['Monday 00:00 UTC for a UTC mall', '2025-03-17T00:00:00Z', UTC, true],
    ['Monday 07:59 UTC for a UTC mall', '2025-03-17T07:59:00Z', UTC, true],
    ['Monday 07:59 UTC = Monday 15:59 Shanghai', '2025-03-17T07:59:00Z', SH, false],
  ])('%s: %s', (_name, iso, zone, expected) => {
    expect(isScheduled(mondayMorning, null, at(iso), zone, kiosk)).toBe(expected);
  });
});

describe('date range (mall-local dates, inclusive)', () => {
  const march: Schedule = { dateFrom: '2025-03-10', dateTo: '2025-03-14' };
  it.each([
    ['the first local minute of dateFrom', '2025-03-10T00:00:00+08:00', SH, true],
    ['the last local minute before it', '2025-03-09T23:59:00+08:00', SH, false],
    ['the last local minute of dateTo', '2025-03-14T23:59:59+08:00', SH, true],
    ['the first local minute after it', '2025-03-15T00:00:00+08:00', SH, false],
    // 2025-03-14T20:00Z is 03-15 04:00 in Shanghai (over) but still 03-14 in UTC.
    ['dateTo evening UTC, already the next day in Shanghai', '2025-03-14T20:00:00Z', SH, false],
    ['the same instant for a UTC mall', '2025-03-14T20:00:00Z', UTC, true],
    ['dateFrom eve UTC, already dateFrom in Shanghai', '2025-03-09T17:00:00Z', SH, true],
  ])('%s: %s', (_name, iso, zone, expected) => {
    expect(isScheduled(march, null, at(iso), zone, kiosk)).toBe(expected);
  });

  it('only dateFrom, or only dateTo, bound one side', () => {
    expect(isScheduled({ dateFrom: '2025-03-10' }, null, at('2030-01-01T00:00:00Z'), SH, kiosk)).toBe(true);
    expect(isScheduled({ dateTo: '2025-03-10' }, null, at('2000-01-01T00:00:00Z'), SH, kiosk)).toBe(true);
    expect(isScheduled({ dateTo: '2025-03-10' }, null, at('2025-03-11T00:00:00+08:00'), SH, kiosk)).toBe(false);
  });

  it('a midnight-crossing daypart stops when the last date ends', () => {
    const s: Schedule = { dateTo: '2025-03-14', dayparts: [{ from: '22:00', to: '02:00' }] };
    expect(isScheduled(s, null, at('2025-03-14T23:30:00+08:00'), SH, kiosk)).toBe(true);
    expect(isScheduled(s, null, at('2025-03-15T00:30:00+08:00'), SH, kiosk)).toBe(false);
  });
});

describe('the campaign window', () => {
  const window = { startsAt: '2025-03-14T10:00:00+08:00', endsAt: '2025-03-14T12:00:00+08:00' };
  it.each([
    ['before', '2025-03-14T09:59:59+08:00', false],
    ['at startsAt', '2025-03-14T10:00:00+08:00', true],
    ['just before endsAt', '2025-03-14T11:59:59+08:00', true],
    ['at endsAt', '2025-03-14T12:00:00+08:00', false],
  ])('%s: %s', (_name, iso, expected) => {
    expect(isScheduled(undefined, window, at(iso), SH, kiosk)).toBe(expected);
  });
});

describe('targeting', () => {
  it.each([
    ['roles: guide', { roles: ['guide'] }, kiosk, true],
    ['roles: guide, on a wall', { roles: ['guide'] }, wall, false],
    ['roles: both', { roles: ['guide', 'wall'] }, wall, true],
    ['devices: k1', { devices: ['k1', 'k9'] }, kiosk, true],
    ['devices: k1, on w1', { devices: ['k1'] }, wall, false],
    ['zones: one of the device\'s', { zones: ['north-atrium', 'B1'] }, kiosk, true],
    ['zones: none of the device\'s', { zones: ['B1'] }, kiosk, false],
    ['zones: a device with no zones', { zones: ['B1'] }, { id: 'k2', role: 'guide', zones: [] }, false],
    ['role AND device: role matches, device does not', { roles: ['guide'], devices: ['k9'] }, kiosk, false],
    ['role AND zone: both match', { roles: ['wall'], zones: ['food-court'] }, wall, true],
    ['empty lists do not restrict', { roles: [], devices: [], zones: [] }, wall, true],
    ['nothing given', {}, wall, true],
  ] as [string, Schedule, ScheduleDevice, boolean][])('%s: %s', (_name, s, device, expected) => {
    expect(targets(s, device)).toBe(expected);
    expect(isScheduled(s, null, at('2025-03-14T12:00:00Z'), SH, device)).toBe(expected);
  });
});

describe('nextStartWithin (prefetch)', () => {
  const evening: Schedule = { dayparts: [{ days: [5], from: '18:00', to: '21:00' }] };
  it.each([
    ['already playing: now', '2025-03-14T19:00:00+08:00', 24, '2025-03-14T19:00:00+08:00'],
    ['later today', '2025-03-14T09:00:00+08:00', 24, '2025-03-14T18:00:00+08:00'],
    ['later today, beyond the horizon', '2025-03-14T09:00:00+08:00', 8, null],
    ['exactly at the horizon', '2025-03-14T09:00:00+08:00', 9, '2025-03-14T18:00:00+08:00'],
    ['next Friday', '2025-03-14T21:00:00+08:00', 24 * 7, '2025-03-21T18:00:00+08:00'],
  ])('%s', (_name, now, hours, expected) => {
    const next = nextStartWithin(evening, at(now), hours, SH);
    expect(next?.toISOString() ?? null).toBe(expected === null ? null : at(expected).toISOString());
  });

  it('a crossing daypart seen from its morning part is playing; a date range starts at local midnight', () => {
    const late: Schedule = { dayparts: [{ days: [5], from: '22:00', to: '02:00' }] };
    expect(nextStartWithin(late, at('2025-03-15T01:00:00+08:00'), 1, SH)?.toISOString()).toBe(at('2025-03-15T01:00:00+08:00').toISOString());
    expect(nextStartWithin({ dateFrom: '2025-03-20' }, at('2025-03-18T12:00:00+08:00'), 48, SH)?.toISOString()).toBe(at('2025-03-20T00:00:00+08:00').toISOString());
    expect(nextStartWithin({ dateFrom: '2025-03-20' }, at('2025-03-18T12:00:00+08:00'), 24, SH)).toBeNull();
  });

  it('the campaign window opening counts, and one that has ended never starts', () => {
    const window = { startsAt: '2025-03-14T10:17:00+08:00', endsAt: '2025-03-20T00:00:00+08:00' };
    expect(nextStartWithin(undefined, at('2025-03-14T09:00:00+08:00'), 2, SH, window)?.toISOString()).toBe(at(window.startsAt).toISOString());
    expect(nextStartWithin(undefined, at('2025-03-21T09:00:00+08:00'), 48, SH, window)).toBeNull();
  });

  it('in a zone with DST: the local wall-clock start (Europe/Berlin, the spring-forward week)', () => {
    // 2025-03-30 02:00 -> 03:00 in Berlin. A daily 09:00 start is 08:00Z before, 07:00Z after.
    const nine: Schedule = { dayparts: [{ from: '09:00', to: '10:00' }] };
    expect(nextStartWithin(nine, at('2025-03-29T12:00:00Z'), 48, 'Europe/Berlin')?.toISOString()).toBe('2025-03-30T07:00:00.000Z');
    expect(nextStartWithin(nine, at('2025-03-29T06:00:00Z'), 48, 'Europe/Berlin')?.toISOString()).toBe('2025-03-29T08:00:00.000Z');
  });
});

describe('rotation (share of voice)', () => {
  it('gives each item slots in proportion to its weight, exactly over each cycle of the total weight', () => {
    const items = [{ id: 'a', weight: 5 }, { id: 'b', weight: 1 }, { id: 'c', weight: 1 }];
    const out = rotation(items, 7 * 100, 'k1');
    for (let cycle = 0; cycle < 100; cycle++) {
      const slice = out.slice(cycle * 7, cycle * 7 + 7);
      expect(slice.filter((x) => x === 'a')).toHaveLength(5);
      expect(slice.filter((x) => x === 'b')).toHaveLength(1);
    }
  });

  it('spreads a heavy item out (smooth, like nginx): 5,1,1 never puts b and c side by side', () => {
    const out = rotation([{ id: 'a', weight: 5 }, { id: 'b', weight: 1 }, { id: 'c', weight: 1 }], 70, 'k1');
    for (let i = 1; i < out.length; i++) expect(out[i - 1] !== 'a' && out[i] !== 'a').toBe(false);
  });

  it('equal weights alternate, never the same one twice in a row', () => {
    const out = rotation([{ id: 'a', weight: 2 }, { id: 'b', weight: 2 }, { id: 'c', weight: 2 }], 60, 'seed');
    for (let i = 1; i < out.length; i++) expect(out[i]).not.toBe(out[i - 1]);
  });

  it('is deterministic per seed, and seeds change the order of ties', () => {
    const items = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, weight: 1 }));
    expect(rotation(items, 20, 'kiosk-7')).toEqual(rotation(items, 20, 'kiosk-7'));
    const firsts = new Set(Array.from({ length: 40 }, (_, i) => rotation(items, 1, `kiosk-${i}`)[0]));
    expect(firsts.size).toBeGreaterThan(2);
  });

  it.each([
    ['no items', [], 5, []],
    ['no slots', [{ id: 'a', weight: 1 }], 0, []],
    ['weight 0 and NaN never play', [{ id: 'a', weight: 0 }, { id: 'b', weight: Number.NaN }, { id: 'c', weight: 1 }], 3, ['c', 'c', 'c']],
    ['one item', [{ id: 'a', weight: 3 }], 2, ['a', 'a']],
  ] as const)('%s', (_name, items, slots, expected) => {
    expect(rotation(items, slots, 1)).toEqual(expected);
  });
});

// ---- seeded random schedules ----

function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const WEEK = 7 * 1440;

/** Independent oracle: a daypart is, per listed day, an interval of the week's minutes from its start, mod a week. */
function oracle(s: Schedule, localWeekday: number, localMinute: number, localDate: string): boolean {
  if (s.dateFrom && localDate < s.dateFrom) return false;
  if (s.dateTo && localDate > s.dateTo) return false;
  if (!s.dayparts?.length) return true;
  const mw = (localWeekday - 1) * 1440 + localMinute;
  return s.dayparts.some((d) => {
    const from = Number(d.from.slice(0, 2)) * 60 + Number(d.from.slice(3));
    const to = Number(d.to.slice(0, 2)) * 60 + Number(d.to.slice(3));
    const length = to > from ? to - from : to - from + 1440;
    return (d.days ?? [1, 2, 3, 4, 5, 6, 7]).some((day) => (mw - ((day - 1) * 1440 + from) + WEEK) % WEEK < length);
  });
}

function randomSchedule(r: () => number): Schedule {
  const minute = () => Math.floor(r() * 96) * 15;
  const dayparts = Array.from({ length: Math.floor(r() * 4) }, () => ({
    days: [1, 2, 3, 4, 5, 6, 7].filter(() => r() < 0.5).concat([1 + Math.floor(r() * 7)]).filter((d, i, a) => a.indexOf(d) === i),
    from: hhmm(minute()),
    to: hhmm(minute()),
  }));
  const date = (d: number) => new Date(Date.UTC(2025, 2, d)).toISOString().slice(0, 10);
  const first = 8 + Math.floor(r() * 10);
  return ScheduleSchema.parse({
    dayparts,
    ...(r() < 0.5 ? { dateFrom: date(first) } : {}),
    ...(r() < 0.5 ? { dateTo: date(first + Math.floor(r() * 6)) } : {}),
  });
}

describe('random schedules (seeded)', () => {
  it('isScheduled agrees with the minute-of-week oracle at 40 instants each, in Shanghai and UTC', () => {
    const r = generator(13);
    const base = Date.parse('2025-03-08T00:00:00Z');
    for (let i = 0; i < 300; i++) {
      const s = randomSchedule(r);
      for (let j = 0; j < 40; j++) {
        const now = new Date(base + Math.floor(r() * 16 * 1440) * 60_000);
        for (const [zone, offsetMin] of [[SH, 480], [UTC, 0]] as const) {
          const local = new Date(now.getTime() + offsetMin * 60_000);
          const weekday = ((local.getUTCDay() + 6) % 7) + 1;
          const expected = oracle(s, weekday, local.getUTCHours() * 60 + local.getUTCMinutes(), local.toISOString().slice(0, 10));
          expect(isScheduled(s, null, now, zone, kiosk), `${JSON.stringify(s)} at ${now.toISOString()} in ${zone}`).toBe(expected);
        }
      }
    }
  });

  it('nextStartWithin is the first minute a minute-by-minute scan finds', () => {
    const r = generator(7);
    const base = Date.parse('2025-03-08T00:00:00Z');
    for (let i = 0; i < 60; i++) {
      const s = randomSchedule(r);
      const now = new Date(base + Math.floor(r() * 14 * 96) * 15 * 60_000);
      const zone = i % 2 ? SH : UTC;
      let scan: string | null = null;
      for (let m = 0; m <= 30 * 60 && scan === null; m += 15) {
        const t = new Date(now.getTime() + m * 60_000);
        if (isScheduled(s, null, t, zone, kiosk)) scan = t.toISOString();
      }
      expect(nextStartWithin(s, now, 30, zone)?.toISOString() ?? null, `${JSON.stringify(s)} from ${now.toISOString()} in ${zone}`).toBe(scan);
    }
  });

  it('rotation: random weights get exactly weight x cycles slots, and every prefix stays within one slot of its share', () => {
    const r = generator(99);
    for (let i = 0; i < 100; i++) {
      const items = Array.from({ length: 1 + Math.floor(r() * 8) }, (_, k) => ({ id: `c${k}`, weight: 1 + Math.floor(r() * 10) }));
      const total = items.reduce((s, x) => s + x.weight, 0);
      const out = rotation(items, total * 5, `seed-${i}`);
      const counts = new Map<string, number>();
      out.forEach((id, n) => {
        counts.set(id, (counts.get(id) ?? 0) + 1);
        // Smooth WRR keeps every item within one slot of its exact share at every point.
        for (const it of items) expect(Math.abs((counts.get(it.id) ?? 0) - ((n + 1) * it.weight) / total)).toBeLessThan(1 + 1e-9);
      });
      for (const it of items) expect(counts.get(it.id)).toBe(it.weight * 5);
    }
  });
});
