// Pure: turns a stream of per-crop probabilities into one expression bucket that does not flicker.
// An exponential moving average of the probabilities; the bucket shown changes only when another label leads the
// average by a margin for several readings in a row (hysteresis); 'none' once no face has been seen for a while.
import type { ExpressionBucket } from '../../../contracts/wall.ts';
import type { Expression } from '../../../contracts/members.ts';

export type SmoothingParams = {
  /** Weight of the newest reading in the average (0..1]. */
  alpha: number;
  /** A challenger must lead the shown label's average by this much ... */
  switchMargin: number;
  /** ... for this many readings in a row before the bucket switches. */
  switchAfter: number;
  /** A bucket is steady (an offer may follow) once shown this long ... */
  steadyAfterMs: number;
  /** ... over at least this many face readings. */
  steadyReadings: number;
  /** No face for this long -> 'none' (short gaps of missed detections keep the bucket). */
  noneAfterMs: number;
};

export const DEFAULT_SMOOTHING: SmoothingParams = {
  alpha: 0.45,
  switchMargin: 0.1,
  switchAfter: 2,
  steadyAfterMs: 1000,
  steadyReadings: 4,
  noneAfterMs: 1500,
};

export type SmoothingState = {
  /** Averaged probabilities per label; null with no face. */
  ema: number[] | null;
  bucket: ExpressionBucket;
  /** Averaged probability of the bucket shown (0 with 'none'). */
  confidence: number;
  bucketSinceMs: number;
  /** Face readings since the bucket was shown. */
  bucketReadings: number;
  lastFaceMs: number | null;
  challenger: number | null;
  challengerCount: number;
};

export const initialSmoothing = (nowMs = 0): SmoothingState => ({
  ema: null, bucket: 'none', confidence: 0, bucketSinceMs: nowMs, bucketReadings: 0, lastFaceMs: null, challenger: null, challengerCount: 0,
});

export type Reading = { atMs: number; probs: readonly number[] | null };

export function smooth(state: SmoothingState, reading: Reading, labels: readonly Expression[], p: SmoothingParams = DEFAULT_SMOOTHING): SmoothingState {
  const { atMs, probs } = reading;
  const faceGone = state.lastFaceMs === null || atMs - state.lastFaceMs >= p.noneAfterMs;
  if (probs === null) return faceGone ? { ...initialSmoothing(atMs), lastFaceMs: state.lastFaceMs } : state;
  if (probs.length !== labels.length) throw new RangeError(`smoothing: ${probs.length} probabilities for ${labels.length} labels`);

  const ema = faceGone || !state.ema ? [...probs] : state.ema.map((v, i) => p.alpha * probs[i]! + (1 - p.alpha) * v);
  const leader = argmax(ema);
  const shown = state.bucket === 'none' || faceGone ? -1 : labels.indexOf(state.bucket);
  const base = { ...state, ema, lastFaceMs: atMs };

  if (shown < 0) return show(base, leader, labels, atMs);
  if (leader === shown) return { ...base, confidence: ema[shown]!, bucketReadings: state.bucketReadings + 1, challenger: null, challengerCount: 0 };
  if (ema[leader]! - ema[shown]! < p.switchMargin) {
    return { ...base, confidence: ema[shown]!, bucketReadings: state.bucketReadings + 1, challenger: null, challengerCount: 0 };
  }
  const count = state.challenger === leader ? state.challengerCount + 1 : 1;
  if (count >= p.switchAfter) return show(base, leader, labels, atMs);
  return { ...base, confidence: ema[shown]!, bucketReadings: state.bucketReadings + 1, challenger: leader, challengerCount: count };
}

function show(s: SmoothingState, index: number, labels: readonly Expression[], atMs: number): SmoothingState {
  return { ...s, bucket: labels[index]!, confidence: s.ema![index]!, bucketSinceMs: atMs, bucketReadings: 1, challenger: null, challengerCount: 0 };
}

/** The bucket has held long enough for an offer. */
export function isSteady(s: SmoothingState, nowMs: number, p: SmoothingParams = DEFAULT_SMOOTHING): boolean {
  return s.bucket !== 'none' && nowMs - s.bucketSinceMs >= p.steadyAfterMs && s.bucketReadings >= p.steadyReadings;
}

function argmax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}
