// Feedback ticket numbers, made on the kiosk at once (FB-1F-0423) and the SLA due times HQ keeps. Pure: the kiosk
// code comes from the kiosk's floor zone (or its device id), the sequence from the agent's SQLite counter, which is
// what keeps numbers unique on a device across restarts (edge-agent/src/feedback/store.ts).
import { FEEDBACK_RESOLUTION_HOURS, FEEDBACK_RESPONSE_HOURS } from '../contracts/feedback.ts';

const FLOOR_ZONE = /^(B[1-3]|[1-9]F)$/;

/**
 * The kiosk's part of its ticket numbers: the floor it stands on when one of its zone tags is a floor ("1F", "B1");
 * otherwise the last 4 letters and digits of its device id ("demo-kiosk-1" -> "OSK1").
 */
export function ticketKioskCode(deviceId: string, zones: readonly string[]): string {
  const floor = zones.find((z) => FLOOR_ZONE.test(z));
  if (floor) return floor;
  const tail = deviceId.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(-4);
  return tail || 'K';
}

/** The ticket for the n-th feedback of this kiosk (n >= 1): at least 4 digits, more once past 9999. */
export function formatTicket(kioskCode: string, n: number): string {
  if (!Number.isSafeInteger(n) || n < 1 || n > 999_999_999) throw new RangeError(`ticket sequence out of range: ${n}`);
  if (!/^[A-Z0-9]{1,6}$/.test(kioskCode)) throw new RangeError(`kiosk code must be 1-6 capitals or digits: ${kioskCode}`);
  return `FB-${kioskCode}-${String(n).padStart(4, '0')}`;
}

/** The parts of a ticket number, or null when it is not one. */
export function parseTicket(ticket: string): { kioskCode: string; n: number } | null {
  const m = /^FB-([A-Z0-9]{1,6})-(\d{4,9})$/.exec(ticket);
  return m ? { kioskCode: m[1]!, n: Number(m[2]) } : null;
}

const HOUR_MS = 3_600_000;

/** When a reply and a solution are due: calendar hours after submission (no business hours, nights and holidays count). */
export function feedbackDueTimes(submittedAt: Date): { replyDueAt: Date; resolveDueAt: Date } {
  return {
    replyDueAt: new Date(submittedAt.getTime() + FEEDBACK_RESPONSE_HOURS * HOUR_MS),
    resolveDueAt: new Date(submittedAt.getTime() + FEEDBACK_RESOLUTION_HOURS * HOUR_MS),
  };
}

export type SlaClock = 'met' | 'running' | 'breached';

/**
 * One promise's state at `now`: met (done by its due time), breached (done late, or not done and past due), or
 * running (not done yet, not due yet). `doneAt` null: not done.
 */
export function slaState(dueAt: Date, doneAt: Date | null, now: Date): SlaClock {
  if (doneAt) return doneAt.getTime() <= dueAt.getTime() ? 'met' : 'breached';
  return now.getTime() > dueAt.getTime() ? 'breached' : 'running';
}

/** Both promises of a ticket: the reply (the first reply, or the resolution if it came first) and the solution. */
export function ticketSla(t: { submittedAt: Date; firstReplyAt: Date | null; resolvedAt: Date | null }, now: Date) {
  const due = feedbackDueTimes(t.submittedAt);
  const answeredAt = [t.firstReplyAt, t.resolvedAt].filter((d): d is Date => d !== null).sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
  return {
    ...due,
    reply: slaState(due.replyDueAt, answeredAt, now),
    resolution: slaState(due.resolveDueAt, t.resolvedAt, now),
  };
}
