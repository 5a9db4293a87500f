// The wedge detector against synthetic key timings: scanners (a few ms between keys), people (100+ ms), and the
// awkward cases in between.
import { describe, expect, it } from 'vitest';
import { defaultWedgeOptions, idleWedge, wedgeKey, type WedgeBurst, type WedgeStep } from '../../../renderer/src/member/scan/wedgeDetector.ts';

type Key = { key: string; gap: number; modified?: boolean };

/** Feeds keys with the given gaps (ms before each key); returns every step and the bursts found. */
function feed(keys: Key[], start = 1000, options = defaultWedgeOptions): { steps: WedgeStep[]; bursts: WedgeBurst[] } {
  let state = idleWedge;
  let time = start;
  const steps: WedgeStep[] = [];
  for (const k of keys) {
    time += k.gap;
    const step = wedgeKey(state, { key: k.key, time, modified: k.modified }, options);
    state = step.state;
    steps.push(step);
  }
  return { steps, bursts: steps.flatMap((s) => (s.burst ? [s.burst] : [])) };
}

const typed = (text: string, gap: number, enterGap = gap): Key[] => [...[...text].map((key) => ({ key, gap })), { key: 'Enter', gap: enterGap }];

const TOKEN = 'ATM1.eyJraWQiOiJ0ZXN0LWhxLTEiLCJtaWQiOiJNMTAwMiJ9.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU';

describe('wedge detector', () => {
  it('captures a scanner burst (5 ms between keys, Enter at the end) with its timing', () => {
    const { bursts, steps } = feed(typed(TOKEN, 5), 1000);
    expect(bursts).toEqual([{ code: TOKEN, startedAt: 1005, endedAt: 1005 + 5 * TOKEN.length }]);
    expect(steps.at(-1)!.state).toEqual(idleWedge);
  });

  it('ignores a person typing, however long, and their Enter', () => {
    expect(feed(typed('6200000000001003', 120)).bursts).toEqual([]);
    expect(feed(typed('hello world coffee', 60)).bursts).toEqual([]);
  });

  it('needs at least 8 characters: 7 fast ones and Enter are not a scan', () => {
    expect(feed(typed('1234567', 3)).bursts).toEqual([]);
    expect(feed(typed('12345678', 3)).bursts.map((b) => b.code)).toEqual(['12345678']);
  });

  it('judges the average cadence, not the slowest gap: a 45 ms scanner with a 90 ms hiccup is a scan', () => {
    expect(feed(typed('ABCDEFGHIJ', 50)).bursts.map((b) => b.code)).toEqual(['ABCDEFGHIJ']);
    expect(feed(typed('ABCDEFGHIJ', 51)).bursts).toEqual([]);
    const keys = typed('ABCDEFGHIJKLMNOP', 45);
    keys[6]!.gap = 90;
    keys[7]!.gap = 10; // the scanner catching up after the hiccup
    expect(feed(keys).bursts.map((b) => b.code)).toEqual(['ABCDEFGHIJKLMNOP']);
  });

  it('a pause longer than 100 ms ends a run: only what follows it can be the scan', () => {
    const keys = typed('ABCDEFGHIJ', 5);
    keys[4]!.gap = 101; // before 'E': 'ABCD' then 'EFGHIJ' (6 characters) is all that is fast
    expect(feed(keys).bursts).toEqual([]);
  });

  it('keeps only the fast run when a person typed just before a scan', () => {
    const keys = [...[...'cof'].map((key) => ({ key, gap: 150 })), ...typed('6200000000001002', 4)];
    keys[3]!.gap = 400; // the scanner starts a while after the person stopped
    expect(feed(keys).bursts.map((b) => b.code)).toEqual(['6200000000001002']);
  });

  it('refuses a burst whose Enter comes late (a person pressing Enter after a paste-like run)', () => {
    expect(feed(typed('6200000000001002', 4, 200)).bursts).toEqual([]);
  });

  it('skips Shift and lock keys between characters, as scanners send them for capitals', () => {
    const keys: Key[] = [];
    for (const ch of 'ATM1.AbCdEfGh') {
      if (ch >= 'A' && ch <= 'Z') keys.push({ key: 'Shift', gap: 2 });
      keys.push({ key: ch, gap: 2 });
    }
    keys.push({ key: 'Enter', gap: 2 });
    expect(feed(keys).bursts.map((b) => b.code)).toEqual(['ATM1.AbCdEfGh']);
  });

  it('drops a burst interrupted by a shortcut, an arrow or Backspace', () => {
    // After the interruption only 6 characters follow: not enough for a burst of their own.
    const pasted = typed('6200000000001002', 3);
    pasted.splice(10, 0, { key: 'v', gap: 3, modified: true });
    expect(feed(pasted).bursts).toEqual([]);
    const edited = typed('6200000000001002', 3);
    edited.splice(10, 0, { key: 'Backspace', gap: 3 });
    expect(feed(edited).bursts).toEqual([]);
  });

  it('reports two scans in a row separately', () => {
    const keys = [...typed('6200000000001002', 3), ...typed('6200000000001003', 3)];
    keys[17]!.gap = 800;
    expect(feed(keys).bursts.map((b) => b.code)).toEqual(['6200000000001002', '6200000000001003']);
  });

  it('keeps at most maxLength + 1 characters of an endless burst, so it is never cut into a valid-looking code', () => {
    const long = 'x'.repeat(2000);
    const [burst] = feed(typed(long, 1)).bursts;
    expect(burst!.code.length).toBe(defaultWedgeOptions.maxLength + 1);
  });

  it('marks keys after the first of a fast run as fast (the listener keeps them from buttons), and the ending Enter too', () => {
    const { steps } = feed(typed('ABCDEFGHIJ', 5));
    expect(steps.map((s) => s.fast)).toEqual([false, true, true, true, true, true, true, true, true, true, true]);
    expect(steps.every((s) => s.burstStartedAt === 1005)).toBe(true);
    const person = feed(typed('ABC', 150)).steps;
    expect(person.map((s) => s.fast)).toEqual([false, false, false, false]);
  });

  it('honours other thresholds', () => {
    const options = { maxAverageGapMs: 20, maxGapMs: 50, minLength: 4, maxLength: 64 };
    expect(feed(typed('ABCD', 20), 0, options).bursts.map((b) => b.code)).toEqual(['ABCD']);
    expect(feed(typed('ABCD', 21), 0, options).bursts).toEqual([]);
    expect(feed(typed('ABC', 5), 0, options).bursts).toEqual([]);
  });
});
