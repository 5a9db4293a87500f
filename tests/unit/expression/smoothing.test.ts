// The expression smoothing: steady buckets, hysteresis against flicker, 'none' when the face is gone.
import { describe, expect, it } from 'vitest';
import type { Expression } from '../../../contracts/members.ts';
import { DEFAULT_SMOOTHING, initialSmoothing, isSteady, smooth, type SmoothingState } from '../../../edge-agent/src/expression/smoothing.ts';

const labels: Expression[] = ['neutral', 'happy', 'sad', 'angry', 'fearful', 'disgusted', 'surprised'];
/** Probabilities with `p` on one label and the rest spread evenly. */
function probs(label: Expression, p = 0.9): number[] {
  return labels.map((l) => (l === label ? p : (1 - p) / (labels.length - 1)));
}
type Step = [atMs: number, reading: Expression | null | number[]];
function run(steps: Step[], state: SmoothingState = initialSmoothing(0)) {
  const trail: { bucket: string; confidence: number; steady: boolean }[] = [];
  for (const [atMs, r] of steps) {
    state = smooth(state, { atMs, probs: r === null ? null : Array.isArray(r) ? r : probs(r) }, labels);
    trail.push({ bucket: state.bucket, confidence: state.confidence, steady: isSteady(state, atMs) });
  }
  return { state, trail };
}
const every200 = (readings: (Expression | null | number[])[], start = 0): Step[] => readings.map((r, i) => [start + i * 200, r]);

describe('smooth', () => {
  it('starts at none, shows the first face reading at once, and is steady after 1 s and 4 readings', () => {
    const { trail } = run(every200(['happy', 'happy', 'happy', 'happy', 'happy', 'happy']));
    expect(initialSmoothing().bucket).toBe('none');
    expect(trail.map((t) => t.bucket)).toEqual(['happy', 'happy', 'happy', 'happy', 'happy', 'happy']);
    expect(trail.map((t) => t.steady)).toEqual([false, false, false, false, false, true]);
    expect(trail[0]!.confidence).toBeCloseTo(0.9, 6);
  });

  it('a single odd reading does not flip the bucket (hysteresis)', () => {
    const { trail } = run(every200(['happy', 'happy', 'happy', 'sad', 'happy', 'happy']));
    expect(trail.map((t) => t.bucket)).toEqual(['happy', 'happy', 'happy', 'happy', 'happy', 'happy']);
  });

  it('alternating readings never flicker', () => {
    const { trail } = run(every200(['happy', 'sad', 'happy', 'sad', 'happy', 'sad', 'happy', 'sad']));
    expect(new Set(trail.map((t) => t.bucket))).toEqual(new Set(['happy']));
  });

  it('a lasting change switches after the challenger leads by the margin twice in a row, and steadiness restarts', () => {
    const { trail } = run(every200(['happy', 'happy', 'happy', 'happy', 'happy', 'happy', 'surprised', 'surprised', 'surprised', 'surprised', 'surprised', 'surprised', 'surprised', 'surprised', 'surprised']));
    const firstSurprised = trail.findIndex((t) => t.bucket === 'surprised');
    // EMA 0.45: after one surprised reading happy still leads; the lead flips at the 2nd, the switch needs 2 in a row.
    expect(firstSurprised).toBe(8);
    expect(trail[5]!.steady).toBe(true);
    expect(trail.slice(8, 12).every((t) => !t.steady)).toBe(true);
    expect(trail.slice(8).some((t) => t.steady)).toBe(true);
  });

  it('a close race (lead under the margin) keeps the shown bucket', () => {
    const close = labels.map((l) => (l === 'sad' ? 0.42 : l === 'neutral' ? 0.38 : 0.04));
    const { trail } = run([[0, 'neutral'], ...every200([close, close, close, close, close], 200)]);
    expect(trail.every((t) => t.bucket === 'neutral')).toBe(true);
  });

  it('short gaps without a face keep the bucket; a long one goes to none and the next face starts afresh', () => {
    const { state, trail } = run([[0, 'happy'], [200, 'happy'], [400, null], [600, null], [800, 'happy'], [1000, null], [2200, null], [2300, null]]);
    expect(trail.map((t) => t.bucket)).toEqual(['happy', 'happy', 'happy', 'happy', 'happy', 'happy', 'happy', 'none']);
    expect(state.confidence).toBe(0);
    expect(state.ema).toBeNull();
    const next = smooth(state, { atMs: 2500, probs: probs('angry') }, labels);
    expect(next.bucket).toBe('angry');
    expect(next.confidence).toBeCloseTo(0.9, 6);
  });

  it('a face reading after a long silence (the page never sent null) starts afresh too', () => {
    const { trail } = run([[0, 'happy'], [200, 'happy'], [5000, 'sad']]);
    expect(trail.map((t) => t.bucket)).toEqual(['happy', 'happy', 'sad']);
  });

  it('never steady at none, and a wrong-length reading is an error', () => {
    expect(isSteady(initialSmoothing(0), 10_000)).toBe(false);
    expect(() => smooth(initialSmoothing(), { atMs: 0, probs: [1, 0] }, labels)).toThrow(/2 probabilities for 7 labels/);
  });

  it('is pure: the input state is not changed', () => {
    const s0 = smooth(initialSmoothing(), { atMs: 0, probs: probs('happy') }, labels);
    const copy = structuredClone(s0);
    smooth(s0, { atMs: 200, probs: probs('sad') }, labels);
    expect(s0).toEqual(copy);
    expect(DEFAULT_SMOOTHING.steadyAfterMs).toBe(1000);
  });
});
