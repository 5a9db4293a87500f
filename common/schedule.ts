// When a campaign's content plays (issue 13): its schedule (dates, dayparts, targeting) in the mall's time zone, a
// weighted share-of-voice rotation, and the next start within a horizon (the agent prefetches ahead of it). Pure:
// the clock, the time zone and the device are arguments, so the agent, the staff page and tests get the same answer.
//
// Semantics, in one place:
// - Absent fields do not restrict, and neither do empty lists (as `dayparts: []`, the contract's default, means
//   "all day"): a schedule that plays nowhere is a campaign to end, not an empty list.
// - dateFrom/dateTo are mall-local calendar dates, inclusive, of the instant itself (a daypart 22:00-02:00 on the
//   last day stops at midnight).
// - A daypart with `to` <= `from` crosses midnight and belongs to the weekday it starts on: Friday 22:00-02:00 runs
//   until Saturday 02:00. `from` == `to` is a whole 24 hours from `from`.
// - Targeting fields combine with AND; within one field any listed value matches.
import type { DeviceRole } from '../contracts/config.ts';
import type { z } from 'zod';
import type { Daypart as DaypartSchema, Schedule as ScheduleSchema } from '../contracts/content.ts';
import { dayNumberOf, localTime } from './local-time.ts';

/** Parsed or not: defaults (all weekdays, no dayparts) are applied here too, so a hand-written schedule works. */
export type Schedule = z.input<typeof ScheduleSchema>;
export type Daypart = z.input<typeof DaypartSchema>;
export type ScheduleDevice = { id: string; role: DeviceRole; zones: readonly string[] };
/** The campaign's own window (Campaign.startsAt/endsAt, ISO instants): it plays from startsAt until before endsAt. */
export type CampaignWindow = { startsAt: string; endsAt: string };

const MINUTES_PER_DAY = 1440;
const MINUTE_MS = 60_000;

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
/** The weekday before `weekday` (1 = Monday ... 7 = Sunday). */
const previousWeekday = (weekday: number) => (weekday === 1 ? 7 : weekday - 1);
const days = (d: Daypart) => d.days ?? [1, 2, 3, 4, 5, 6, 7];

/** Whether one daypart covers a local weekday and minute of the day. */
export function inDaypart(d: Daypart, weekday: number, minute: number): boolean {
  const from = minutesOf(d.from);
  const to = minutesOf(d.to);
  if (from < to) return days(d).includes(weekday) && minute >= from && minute < to;
  // Crosses midnight (or is a whole day): the evening part on a listed day, the morning part on the day after one.
  return (days(d).includes(weekday) && minute >= from) || (days(d).includes(previousWeekday(weekday)) && minute < to);
}

/** Whether the device is one the schedule targets (role, device id, zone tags). */
export function targets(schedule: Schedule | undefined, device: ScheduleDevice): boolean {
  if (!schedule) return true;
  const { roles, devices, zones } = schedule;
  if (roles?.length && !roles.includes(device.role)) return false;
  if (devices?.length && !devices.includes(device.id)) return false;
  if (zones?.length && !zones.some((z) => device.zones.includes(z))) return false;
  return true;
}

/** Whether the schedule's time rules (dates, dayparts) and the campaign window allow `now`; targeting aside. */
export function inTime(schedule: Schedule | undefined, window: CampaignWindow | null, now: Date, timeZone: string): boolean {
  const t = now.getTime();
  if (window && !(Date.parse(window.startsAt) <= t && t < Date.parse(window.endsAt))) return false;
  if (!schedule) return true;
  const local = localTime(now, timeZone);
  if (schedule.dateFrom !== undefined && local.dayNumber < dayNumberOf(schedule.dateFrom)) return false;
  if (schedule.dateTo !== undefined && local.dayNumber > dayNumberOf(schedule.dateTo)) return false;
  const dayparts = schedule.dayparts ?? [];
  if (!dayparts.length) return true;
  const minute = local.hour * 60 + local.minute;
  return dayparts.some((d) => inDaypart(d, local.weekday, minute));
}

/**
 * Whether a campaign with this schedule plays on `device` at `now` in the mall's `timeZone`. `window` is the
 * campaign's own startsAt/endsAt (null: none). An absent schedule plays whenever the window allows, anywhere.
 */
export function isScheduled(schedule: Schedule | undefined, window: CampaignWindow | null, now: Date, timeZone: string, device: ScheduleDevice): boolean {
  return targets(schedule, device) && inTime(schedule, window, now, timeZone);
}

// ---- the next start, for prefetch ----

/** The instant a mall-local wall-clock time (days since 1970 + minute of the day) happens, or the first after it. */
function instantOfLocal(dayNumber: number, minute: number, timeZone: string): number {
  const wall = (dayNumber * MINUTES_PER_DAY + minute) * MINUTE_MS;
  // The zone's offset (local wall-clock minus UTC) at a guess, twice: exact except inside a DST gap.
  const offsetAt = (t: number) => {
    const l = localTime(new Date(t), timeZone);
    return (l.dayNumber * MINUTES_PER_DAY + l.hour * 60 + l.minute) * MINUTE_MS - Math.floor(t / MINUTE_MS) * MINUTE_MS;
  };
  const guess = wall - offsetAt(wall);
  return wall - offsetAt(guess);
}

/**
 * When the campaign next starts playing within `hours` of `now`: `now` itself when it plays already, the first
 * instant it starts otherwise, or null when it does not within the horizon. Time rules only (dates, dayparts, the
 * campaign window); the agent checks targeting, which does not change with time, with `targets`.
 */
export function nextStartWithin(schedule: Schedule | undefined, now: Date, hours: number, timeZone: string, window: CampaignWindow | null = null): Date | null {
  if (inTime(schedule, window, now, timeZone)) return now;
  const t0 = now.getTime();
  const end = t0 + hours * 3_600_000;
  // A schedule can only start at a daypart's `from`, at local midnight (a new date, or a crossing daypart's
  // morning part), or when the campaign window opens: those instants are the candidates.
  const candidates: number[] = [];
  if (window) candidates.push(Date.parse(window.startsAt));
  const today = localTime(now, timeZone).dayNumber;
  const starts = [0, ...(schedule?.dayparts ?? []).map((d) => minutesOf(d.from))];
  for (let day = today; day <= today + Math.ceil(hours / 24) + 1; day++) {
    for (const m of starts) candidates.push(instantOfLocal(day, m, timeZone));
  }
  const sorted = [...new Set(candidates)].filter((c) => c > t0 && c <= end).sort((a, b) => a - b);
  for (const c of sorted) if (inTime(schedule, window, new Date(c), timeZone)) return new Date(c);
  return null;
}

/**
 * The first instant after `now`, within `hours`, at which the schedule's time rules (dates, dayparts, the campaign
 * window) change their answer: the end of what plays now, or the start of what does not; null when nothing changes
 * within the horizon. The counterpart of nextStartWithin for both directions: the agent tells the page when to reload.
 */
export function nextChangeWithin(schedule: Schedule | undefined, now: Date, hours: number, timeZone: string, window: CampaignWindow | null = null): Date | null {
  const t0 = now.getTime();
  const end = t0 + hours * 3_600_000;
  const playing = inTime(schedule, window, now, timeZone);
  // The answer can only change at a daypart's `from` or `to`, at local midnight (dates, a crossing daypart) or at
  // the window's ends.
  const candidates: number[] = [];
  if (window) candidates.push(Date.parse(window.startsAt), Date.parse(window.endsAt));
  const today = localTime(now, timeZone).dayNumber;
  const minutes = [0, ...(schedule?.dayparts ?? []).flatMap((d) => [minutesOf(d.from), minutesOf(d.to)])];
  for (let day = today; day <= today + Math.ceil(hours / 24) + 1; day++) {
    for (const m of minutes) candidates.push(instantOfLocal(day, m, timeZone));
  }
  const sorted = [...new Set(candidates)].filter((c) => c > t0 && c <= end).sort((a, b) => a - b);
  for (const c of sorted) if (inTime(schedule, window, new Date(c), timeZone) !== playing) return new Date(c);
  return null;
}

// ---- share of voice ----

export type Weighted = { id: string; weight: number };

/** A 32-bit hash of a seed (FNV-1a), so a device id can seed its own order. */
function seedHash(seed: string | number): number {
  let h = 0x811c9dc5;
  for (const ch of String(seed)) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** mulberry32: a small seeded generator, for the tie order only. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `slots` ids in play order, each item getting slots in proportion to its weight, spread evenly: nginx's smooth
 * weighted round-robin (each turn every item gains its weight, the richest plays and pays the total). Over any
 * run of `total weight` slots each item plays exactly `weight` times, and never twice in a row while another item
 * could play instead (unless its weight is more than the rest together). `seed` (say, the device id) shuffles the
 * order ties break in, so kiosks side by side do not show the same campaign at the same moment; the same seed
 * gives the same order. Items of weight <= 0 (or not a finite number) never play.
 */
export function rotation(items: readonly Weighted[], slots: number, seed: string | number = 0): string[] {
  const live = items.filter((i) => Number.isFinite(i.weight) && i.weight > 0);
  if (!live.length || slots <= 0) return [];
  const random = generator(seedHash(seed));
  // Fisher-Yates with the seeded generator: the order in which equal credits are broken.
  const order = [...live];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const total = order.reduce((s, i) => s + i.weight, 0);
  const credit = order.map(() => 0);
  const out: string[] = [];
  for (let s = 0; s < slots; s++) {
    let best = 0;
    for (let i = 0; i < order.length; i++) {
      credit[i]! += order[i]!.weight;
      if (credit[i]! > credit[best]!) best = i;
    }
    credit[best]! -= total;
    out.push(order[best]!.id);
  }
  return out;
}
