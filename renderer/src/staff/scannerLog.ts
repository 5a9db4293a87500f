// The scanner test page's view of key presses: keys grouped into one reading per Enter (or per pause), each with its
// timing and whether member scanning (wedgeDetector.ts, the same rules) would take it as a scan. Pure.
import { defaultWedgeOptions, idleWedge, wedgeKey, type WedgeOptions } from '../member/scan/wedgeDetector.ts';

export type KeyIn = { key: string; time: number };

export type ScanVerdict = 'scanner' | 'slow' | 'short' | 'no-enter';

export type ScanReading = {
  text: string;
  chars: number;
  durationMs: number;
  maxGapMs: number;
  endedWithEnter: boolean;
  verdict: ScanVerdict;
};

/** A pause this long ends a reading that had no Enter. */
export const READING_PAUSE_MS = 400;

export function reading(keys: readonly KeyIn[], options: WedgeOptions = defaultWedgeOptions): ScanReading | null {
  const chars = keys.filter((k) => k.key.length === 1);
  if (chars.length === 0) return null;
  const endedWithEnter = keys.at(-1)?.key === 'Enter';
  let state = idleWedge;
  let accepted = false;
  for (const k of keys) {
    const step = wedgeKey(state, k, options);
    state = step.state;
    if (step.burst) accepted = true;
  }
  let maxGapMs = 0;
  for (let i = 1; i < keys.length; i++) maxGapMs = Math.max(maxGapMs, keys[i]!.time - keys[i - 1]!.time);
  const verdict: ScanVerdict = accepted ? 'scanner' : chars.length < options.minLength ? 'short' : !endedWithEnter ? 'no-enter' : 'slow';
  return {
    text: chars.map((k) => k.key).join(''),
    chars: chars.length,
    durationMs: Math.round(keys.at(-1)!.time - keys[0]!.time),
    maxGapMs: Math.round(maxGapMs),
    endedWithEnter,
    verdict,
  };
}
