// HQ's queue engine, pure: size classes, ticket numbering per class, wait estimates and ranges, which ticket a call
// takes, and the status a kiosk shows.
import { describe, expect, it } from 'vitest';
import { sizeClassFor } from '../../../contracts/queue.ts';
import {
  demoRestaurants, estimateWaitMin, nextToCall, parseSizeClass, restaurantStatus, ticketNumber, waitRange, type TicketRow,
} from '../../../hq-sim/src/queue/engine.ts';

describe('size classes', () => {
  it.each([[1, 'small'], [2, 'small'], [3, 'medium'], [4, 'medium'], [5, 'large'], [6, 'large'], [7, 'xl'], [20, 'xl']] as const)('a party of %i is %s', (n, c) => {
    expect(sizeClassFor(n)).toBe(c);
  });
  it.each([['A', 'small'], ['b', 'medium'], ['large', 'large'], ['XL', 'xl'], ['extra-large', 'xl'], ['E', null], ['huge', null]] as const)('%s names %s', (t, c) => {
    expect(parseSizeClass(t)).toBe(c);
  });
});

describe('ticket numbers', () => {
  it.each([['small', 1, 'A001'], ['small', 23, 'A023'], ['medium', 7, 'B007'], ['large', 120, 'C120'], ['xl', 999, 'D999'], ['xl', 1000, 'D001']] as const)(
    '%s #%i is %s', (c, seq, number) => expect(ticketNumber(c, seq)).toBe(number),
  );
});

describe('wait estimates', () => {
  it.each([
    // ahead, tables, mean dining minutes -> minutes
    [0, 10, 60, 3], // half a turn of one table among ten
    [9, 10, 60, 57],
    [19, 10, 60, 117],
    [4, 2, 90, 203],
    [0, 1, 75, 38],
  ])('%i ahead, %i tables, %i min dining: %i min', (ahead, tables, dine, min) => {
    expect(estimateWaitMin(ahead, tables, dine)).toBe(min);
  });
  it('no tables of the class: no estimate', () => expect(estimateWaitMin(0, 0, 60)).toBeNull());
  it.each([[0, [0, 5]], [3, [0, 5]], [20, [15, 25]], [57, [45, 70]], [117, [90, 145]]] as const)('%i min shows as %j', (m, range) => {
    expect(waitRange(m)).toEqual(range);
  });
  it('ranges are never narrower than 5 minutes and never start below 0', () => {
    for (let m = 0; m < 300; m++) {
      const [lo, hi] = waitRange(m);
      expect(lo).toBeGreaterThanOrEqual(0);
      expect(hi - lo).toBeGreaterThanOrEqual(5);
      expect(lo <= m && m <= hi).toBe(true);
    }
  });
});

const t = (number: string, issuedAt: string, state: TicketRow['state'] = 'waiting', calledAt: string | null = null): TicketRow => ({
  number, sizeClass: number.startsWith('A') ? 'small' : number.startsWith('B') ? 'medium' : 'large', state, issuedAt, calledAt,
});

describe('calling and status', () => {
  const tickets = [
    t('A001', '2026-01-01T10:00:00Z', 'called', '2026-01-01T10:20:00Z'),
    t('A002', '2026-01-01T10:01:00Z'),
    t('B001', '2026-01-01T10:00:30Z'),
    t('A003', '2026-01-01T10:02:00Z'),
  ];
  it('a call takes the oldest waiting ticket of the class, or of all classes', () => {
    expect(nextToCall(tickets, 'small')?.number).toBe('A002');
    expect(nextToCall(tickets, null)?.number).toBe('B001');
    expect(nextToCall(tickets, 'large')).toBeNull();
  });
  it('the status counts waiting parties, names the number called last and estimates the wait per class', () => {
    const [r] = demoRestaurants(['s-hotpot']);
    const s = restaurantStatus(r!, tickets);
    expect(s.storeId).toBe('s-hotpot');
    expect(s.classes.map((c) => [c.sizeClass, c.waiting, c.nowCalling])).toEqual([['small', 2, 'A001'], ['medium', 1, null], ['large', 0, null], ['xl', 0, null]]);
    const small = r!.classes.find((c) => c.sizeClass === 'small')!;
    expect(s.classes[0]!.estimatedWaitMin).toBe(estimateWaitMin(2, small.tables, small.meanDiningMin));
  });
});
