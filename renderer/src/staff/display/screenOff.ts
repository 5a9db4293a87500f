// Screen-off hours: whether a moment falls inside them (kiosk local time; a span may cross midnight). Pure.
import type { ScreenOffHours } from '../../../../contracts/config.ts';

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

export function inScreenOffHours(hours: ScreenOffHours | null | undefined, at: Date): boolean {
  if (!hours) return false;
  const now = at.getHours() * 60 + at.getMinutes();
  const from = minutes(hours.from);
  const to = minutes(hours.to);
  return from < to ? now >= from && now < to : now >= from || now < to;
}

/** Dark only inside the hours AND once nobody has touched the screen for the idle timeout. */
export function screenIsDark(hours: ScreenOffHours | null | undefined, now: Date, lastInputAt: number, idleTimeoutMs: number): boolean {
  return inScreenOffHours(hours, now) && now.getTime() - lastInputAt >= idleTimeoutMs;
}
