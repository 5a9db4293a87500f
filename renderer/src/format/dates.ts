// Dates on screen, in the kiosk's own time zone unless a test pins one.
import type { UiLanguage } from '../../../contracts/config.ts';

/** "3月12日" / "12 Mar"; an unparseable date gives "" so the caller can leave the line out. */
export function formatShortDate(iso: string, lang: UiLanguage, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const options: Intl.DateTimeFormatOptions = lang === 'en' ? { day: 'numeric', month: 'short' } : { month: 'long', day: 'numeric' };
  if (timeZone) options.timeZone = timeZone;
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', options).format(date);
}

/** Like formatShortDate, but a calendar date (YYYY-MM-DD) is that day everywhere, not midnight UTC moved into the kiosk's zone. */
export function formatDay(value: string, lang: UiLanguage, timeZone?: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatShortDate(`${value}T12:00:00Z`, lang, 'UTC') : formatShortDate(value, lang, timeZone);
}

/** 12580 → "12,580" in both languages (points are whole numbers). */
export function formatPoints(points: number): string {
  return Math.round(points).toLocaleString('en-US');
}
