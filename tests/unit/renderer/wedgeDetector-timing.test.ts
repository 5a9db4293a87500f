// The wedge detector against generated key timings (fast-check): scanners from 1 to 50 ms a character with jitter,
// people at 80 ms a key or slower, and scanner-fast runs that do not end with their Enter (reported, never silent).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultWedgeOptions, idleWedge, wedgeKey, wedgePause, type WedgeBurst, type WedgeStep } from '../../../renderer/src/member/scan/wedgeDetector.ts';

const { maxAverageGapMs, maxGapMs, minLength } = defaultWedgeOptions;

type Fed = { steps: WedgeStep[]; bursts: WedgeBurst[]; unread: WedgeBurst[] };

/** Feeds `text` with gaps[i] ms before character i, then Enter after gaps[text.length] (when given); then a long pause. */
function feed(text: string, gaps: number[], start = 5000): Fed {
  let state = idleWedge;
  let time = start;
  const steps: WedgeStep[] = [];
  const keys = [...text];
  if (gaps.length > keys.length) keys.push('Enter');
  keys.forEach((key, i) => {
    time += gaps[i]!;
    const step = wedgeKey(state, { key, time });
    state = step.state;
    steps.push(step);
  });
  steps.push(wedgePause(state, time + 10_000));
  return { steps, bursts: steps.flatMap((s) => (s.burst ? [s.burst] : [])), unread: steps.flatMap((s) => (s.unread ? [s.unread] : [])) };
}

/** Printable characters a member code, a card number or garbage is made of. */
const code = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.'), minLength, maxLength: 200 });

/** A scanner's gaps: a cadence of 1-50 ms (a hair under 50, so float sums do not round over), each gap jittered by up to ±25 ms (never above maxGapMs), scaled so they average at most the cadence. */
const scannerGaps = (n: number) => fc.tuple(fc.double({ min: 1, max: maxAverageGapMs - 0.001, noNaN: true }), fc.array(fc.double({ min: -25, max: 25, noNaN: true }), { minLength: n + 1, maxLength: n + 1 }))
  .map(([cadence, jitter]) => {
    const raw = jitter.map((j) => Math.min(maxGapMs, Math.max(0.5, cadence + j)));
    // The first gap is the pause before the scan; the rest (n of them, through the Enter) average at most the cadence.
    const sum = raw.slice(1).reduce((a, b) => a + b, 0);
    const scale = Math.min(1, (cadence * n) / sum);
    return [1000, ...raw.slice(1).map((g) => g * scale)];
  });

describe('wedge detector, generated timings', () => {
  it('every scanner burst of 1-50 ms a character on average, with jitter, is one scan with exactly its text', () => {
    fc.assert(fc.property(code.chain((text) => fc.tuple(fc.constant(text), scannerGaps(text.length))), ([text, gaps]) => {
      const { bursts, unread } = feed(text, gaps);
      expect(bursts.map((b) => b.code)).toEqual([text]);
      expect(unread).toEqual([]);
    }), { numRuns: 300 });
  });

  it('a person typing (80 ms a key or slower) is never a scan nor reported, and none of their keys is swallowed', () => {
    const personGaps = (n: number) => fc.array(fc.double({ min: 80, max: 600, noNaN: true }), { minLength: n + 1, maxLength: n + 1 });
    fc.assert(fc.property(code.chain((text) => fc.tuple(fc.constant(text), personGaps(text.length))), ([text, gaps]) => {
      const { steps, bursts, unread } = feed(text, gaps);
      expect(bursts).toEqual([]);
      expect(unread).toEqual([]);
      expect(steps.some((s) => s.fast)).toBe(false);
    }), { numRuns: 300 });
  });

  it('a burst averaging slower than 50 ms a character is not a scan, however even', () => {
    fc.assert(fc.property(code, fc.double({ min: maxAverageGapMs + 0.01, max: maxGapMs, noNaN: true }), (text, gap) => {
      const { bursts } = feed(text, [1000, ...Array<number>(text.length).fill(gap)]);
      expect(bursts).toEqual([]);
    }), { numRuns: 200 });
  });

  it('a scanner-fast run with no Enter, or a late one, is reported as unread with what was read, once', () => {
    fc.assert(fc.property(code.chain((text) => fc.tuple(fc.constant(text), scannerGaps(text.length - 1), fc.boolean())), ([text, noEnter, lateEnter]) => {
      // scannerGaps(n - 1): the pause before the run, then n - 1 gaps between its characters; no Enter, or one too late.
      const { bursts, unread } = feed(text, lateEnter ? [...noEnter, maxGapMs + 50] : noEnter);
      expect(bursts).toEqual([]);
      expect(unread.map((u) => u.code)).toEqual([text]);
    }), { numRuns: 200 });
  });

  it('a pause before the run is over changes nothing; a key held down (auto-repeat) is never scanner data', () => {
    const start = wedgeKey(idleWedge, { key: 'A', time: 0 }).state;
    expect(wedgePause(start, maxGapMs).state).toBe(start);
    let state = idleWedge;
    const unread: WedgeBurst[] = [];
    for (let i = 0; i < 30; i++) {
      const step = wedgeKey(state, { key: 'a', time: 500 + i * 33, repeat: i > 0 });
      state = step.state;
      if (step.unread) unread.push(step.unread);
    }
    const end = wedgeKey(state, { key: 'Enter', time: 500 + 30 * 33 });
    expect([end.burst, end.unread, unread]).toEqual([null, null, []]);
  });

  it('a run cut by another key (Tab, an arrow) after a scanner-fast start is reported, not dropped', () => {
    let state = idleWedge;
    let cut: WedgeStep | null = null;
    [...'6200000000001002', 'Tab'].forEach((key, i) => {
      const step = wedgeKey(state, { key, time: 100 + i * 20 });
      state = step.state;
      cut = step;
    });
    expect(cut!.unread).toEqual({ code: '6200000000001002', startedAt: 100, endedAt: 100 + 15 * 20 });
  });
});
