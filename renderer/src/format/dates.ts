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
