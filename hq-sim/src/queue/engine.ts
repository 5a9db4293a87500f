// HQ's restaurant queue engine, pure: per restaurant, tables by size class and a mean dining time; tickets numbered
// per class (A small 1–2, B medium 3–4, C large 5–6, D extra large 7+); the wait estimate; which ticket a call
// takes; and the status a kiosk shows. The SQLite store (store.ts) keeps the state; this decides.
import { SIZE_CLASSES, type QueueClassStatus, type RestaurantQueueStatus, type SizeClass } from '../../../contracts/queue.ts';

export type ClassConfig = { sizeClass: SizeClass; tables: number; meanDiningMin: number };
export type RestaurantConfig = { storeId: string; open: boolean; classes: ClassConfig[] };

export type TicketState = 'waiting' | 'called';
export type TicketRow = { number: string; sizeClass: SizeClass; state: TicketState; issuedAt: string; calledAt: string | null };

export const letterOf = (c: SizeClass): string => SIZE_CLASSES.find((k) => k.sizeClass === c)!.letter;

/** The class a letter or a name names (A, small, b, medium ...), or null. */
export function parseSizeClass(text: string): SizeClass | null {
  const t = text.trim().toLowerCase();
  const c = SIZE_CLASSES.find((k) => k.sizeClass === t || k.letter.toLowerCase() === t || (t === 'extra-large' && k.sizeClass === 'xl'));
  return c?.sizeClass ?? null;
}

/** Ticket numbers run 001–999 per class, then start over at 001 (a day's queue never gets near 999 in one class). */
export function ticketNumber(sizeClass: SizeClass, seq: number): string {
  const n = ((seq - 1) % 999) + 1;
  return `${letterOf(sizeClass)}${String(n).padStart(3, '0')}`;
}

/**
 * Minutes a party waits with `ahead` parties of its class before it: tables of the class free up one every
 * meanDiningMin / tables minutes on average (sittings staggered), and the party needs the (ahead + 1)-th, half a
 * turn away on average for the first. No tables of the class: null (the class is not served).
 */
export function estimateWaitMin(ahead: number, tables: number, meanDiningMin: number): number | null {
  if (tables <= 0) return null;
  return Math.round(((ahead + 0.5) * meanDiningMin) / tables);
}

/** The range shown on the ticket: the estimate ±20 %, rounded out to 5 minutes, at least 5 minutes wide. */
export function waitRange(estimateMin: number): [number, number] {
  const lo = Math.max(0, Math.floor((estimateMin * 0.8) / 5) * 5);
  const hi = Math.max(lo + 5, Math.ceil((estimateMin * 1.2) / 5) * 5);
  return [lo, hi];
}

/** Which waiting ticket a call takes: the oldest of the class, or with no class the oldest of all. */
export function nextToCall(tickets: TicketRow[], sizeClass: SizeClass | null): TicketRow | null {
  const waiting = tickets.filter((t) => t.state === 'waiting' && (sizeClass === null || t.sizeClass === sizeClass));
  waiting.sort((a, b) => a.issuedAt.localeCompare(b.issuedAt) || a.number.localeCompare(b.number));
  return waiting[0] ?? null;
}

/** The restaurant as a kiosk shows it: per class tables, parties waiting, the number called last, the wait now. */
export function restaurantStatus(r: RestaurantConfig, tickets: TicketRow[]): RestaurantQueueStatus {
  const classes: QueueClassStatus[] = r.classes.map((c) => {
    const mine = tickets.filter((t) => t.sizeClass === c.sizeClass);
    const waiting = mine.filter((t) => t.state === 'waiting').length;
    const called = mine.filter((t) => t.state === 'called' && t.calledAt !== null).sort((a, b) => a.calledAt!.localeCompare(b.calledAt!));
    return {
      sizeClass: c.sizeClass,
      tables: c.tables,
      waiting,
      nowCalling: called.at(-1)?.number ?? null,
      estimatedWaitMin: estimateWaitMin(waiting, c.tables, c.meanDiningMin) ?? 0,
    };
  });
  return { storeId: r.storeId, open: r.open, classes };
}

/** The demo's queues: a hotpot with many small tables, a Cantonese restaurant with big round tables, a BBQ. */
export function demoRestaurants(storeIds: readonly string[]): RestaurantConfig[] {
  const shapes: [number, number, number, number, number][] = [
    // small, medium, large, xl tables; mean dining minutes
    [12, 10, 6, 2, 75],
    [8, 8, 8, 6, 90],
    [10, 8, 4, 0, 60],
  ];
  return storeIds.map((storeId, i) => {
    const [s, m, l, xl, dine] = shapes[i % shapes.length]!;
    const tables = { small: s, medium: m, large: l, xl } as const;
    return { storeId, open: true, classes: SIZE_CLASSES.map((k) => ({ sizeClass: k.sizeClass, tables: tables[k.sizeClass], meanDiningMin: dine })) };
  });
}
