// The mall's wall-clock: month, weekday, hour and calendar day of an instant in a time zone (via Intl, full ICU).
// Pure: a function of its inputs; formatters are cached per zone because building one costs ~50 µs. Shared by the
// agent's decision engine and member home, the demo data and the HQ simulator's member list.

export type LocalTime = {
  year: number;
  month: number; // 1-12
  day: number; // 1-31
  weekday: number; // 1 = Monday ... 7 = Sunday
  hour: number; // 0-23
  minute: number; // 0-59 (dayparts, common/schedule.ts)
  /** The local calendar date as days since 1970-01-01 (for whole-day differences). */
  dayNumber: number;
};

const DAY_MS = 86_400_000;
const weekdays: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone, year: 'numeric', month: 'numeric', day: 'numeric', weekday: 'short', hour: 'numeric', minute: 'numeric', hourCycle: 'h23',
      });
    } catch {
      throw new RangeError(`unknown time zone "${timeZone}" (expected an IANA name such as Asia/Shanghai)`);
    }
    formatters.set(timeZone, f);
  }
  return f;
}

export function localTime(instant: Date, timeZone: string): LocalTime {
  if (Number.isNaN(instant.getTime())) throw new RangeError('decision time is not a valid date');
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  const year = Number(parts.year);
  const month = Number(parts.month);
  const day = Number(parts.day);
  return {
    year, month, day,
    weekday: weekdays[parts.weekday ?? ''] ?? 0,
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    dayNumber: Math.floor(Date.UTC(year, month - 1, day) / DAY_MS),
  };
}

/** The local calendar date at an instant, YYYY-MM-DD. */
export function localDate(instant: Date, timeZone: string): string {
  const t = localTime(instant, timeZone);
  return `${String(t.year).padStart(4, '0')}-${String(t.month).padStart(2, '0')}-${String(t.day).padStart(2, '0')}`;
}

/** A YYYY-MM-DD date as days since 1970-01-01, or NaN when it is not such a date. */
export function dayNumberOf(isoDate: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return NaN;
  return Math.floor(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS);
}
