// Tells a hardware scanner that "types" (USB HID or Bluetooth keyboard wedge) from a person at a keyboard, from key
// timings alone. Pure: feed it one key at a time with the event's time, and `wedgePause` when no key has come for a
// while; the window listener and its timer live in useWedgeScanner.ts.
//
// Judged like onscan.js, by a run's length and its average cadence, not by its slowest gap: Bluetooth and low-speed
// USB scanners send a character every 20-50 ms with jitter (one gap of 70 ms in a 45 ms scan is normal), while a
// person types at 80 ms a key or slower. A run is a sequence of characters whose gaps are each at most `maxGapMs`
// (a longer pause ends it). A run is a scan when it has at least `minLength` characters, its Enter comes within
// `maxGapMs` of its last character, and from its first character to the Enter it averaged at most
// `maxAverageGapMs` per character.
//
// A run with a scanner's length and cadence that does not end in time with its Enter (a pause, a late Enter,
// another key, a scanner set up without the Enter suffix) is not dropped in silence: it is reported as `unread`
// with what was read, so the screen can answer it (the agent names what it is, and refuses what is not a code).
//
// Text fields: the characters of a run still reach a focused field (nobody can tell a scanner from a person at the
// first key); the listener puts the field back as it was when a run turns out to be a scan. Outside text fields,
// characters of a run that is scanner-fast so far are swallowed, so that a space or an Enter in the scan cannot
// press whatever button has focus.

export type WedgeOptions = {
  /** Longest average time per character, first character to Enter, of a scan. */
  maxAverageGapMs: number;
  /** Longest single gap inside a run (a scanner's jitter), and between its last character and the Enter. */
  maxGapMs: number;
  /** Fewest characters a scan needs. */
  minLength: number;
  /** Characters kept at most, plus one: a longer run is reported with maxLength + 1 characters, never cut into a valid-looking code. */
  maxLength: number;
};

export const defaultWedgeOptions: WedgeOptions = { maxAverageGapMs: 50, maxGapMs: 100, minLength: 8, maxLength: 512 };

export type WedgeState = {
  /** Characters of the run in progress ('' when none). */
  chars: string;
  /** Time of the run's last character. */
  lastAt: number;
  /** Time of the run's first character. */
  firstAt: number;
};

export const idleWedge: WedgeState = { chars: '', lastAt: -Infinity, firstAt: -Infinity };

export type WedgeKey = {
  /** KeyboardEvent.key */
  key: string;
  /** Event time in ms (KeyboardEvent.timeStamp). */
  time: number;
  /** Ctrl, Alt or Meta held: a shortcut, never scanner data. */
  modified?: boolean;
  /** The key is held down (KeyboardEvent.repeat): a person leaning on a key, never scanner data. */
  repeat?: boolean;
};

export type WedgeBurst = { code: string; startedAt: number; endedAt: number };

export type WedgeStep = {
  state: WedgeState;
  /** A completed scan, when this key (Enter) ended one. */
  burst: WedgeBurst | null;
  /** A run with a scanner's length and cadence that ended without a proper Enter, with what was read. */
  unread: WedgeBurst | null;
  /** This key belongs to a run that is scanner-fast so far: the listener should keep it from buttons (not text fields). */
  fast: boolean;
  /** The first key of the run in progress arrived at this time (for restoring a text field). */
  burstStartedAt: number | null;
};

/** Keys a scanner sends around characters that carry no data (Shift for capitals, lock keys). */
const ignoredKeys = new Set(['Shift', 'CapsLock', 'NumLock', 'Unidentified', 'Dead']);

/** Average time per character of a run that ends at `endAt` (its Enter, or its last character). */
function averageGap(state: WedgeState, endAt: number, gaps: number): number {
  return gaps > 0 ? (endAt - state.firstAt) / gaps : Infinity;
}

/** The run, as `unread`, when it had a scanner's length and cadence; null for a person's typing or a short run. */
function unreadRun(state: WedgeState, options: WedgeOptions): WedgeBurst | null {
  const n = state.chars.length;
  if (n < options.minLength || averageGap(state, state.lastAt, n - 1) > options.maxAverageGapMs) return null;
  return { code: state.chars, startedAt: state.firstAt, endedAt: state.lastAt };
}

/** The run has ended without a scan: reports it if it looked like one, and starts over from `next`. */
function endRun(state: WedgeState, next: WedgeState, options: WedgeOptions): WedgeStep {
  return { state: next, burst: null, unread: unreadRun(state, options), fast: false, burstStartedAt: next.chars ? next.firstAt : null };
}

export function wedgeKey(state: WedgeState, input: WedgeKey, options: WedgeOptions = defaultWedgeOptions): WedgeStep {
  const { key, time } = input;
  if (ignoredKeys.has(key)) return { state, burst: null, unread: null, fast: false, burstStartedAt: state.chars ? state.firstAt : null };
  const inTime = state.chars !== '' && time - state.lastAt <= options.maxGapMs;

  if (key === 'Enter' && !input.modified && !input.repeat) {
    const n = state.chars.length;
    if (inTime && n >= options.minLength && averageGap(state, time, n) <= options.maxAverageGapMs) {
      const burst: WedgeBurst = { code: state.chars, startedAt: state.firstAt, endedAt: time };
      return { state: idleWedge, burst, unread: null, fast: true, burstStartedAt: state.firstAt };
    }
    return endRun(state, idleWedge, options);
  }

  if (key.length !== 1 || input.modified || input.repeat) return endRun(state, idleWedge, options);

  if (!inTime) return endRun(state, { chars: key, firstAt: time, lastAt: time }, options);
  const chars = state.chars.length > options.maxLength ? state.chars : state.chars + key;
  const next = { chars, firstAt: state.firstAt, lastAt: time };
  const fast = averageGap(next, time, next.chars.length - 1) <= options.maxAverageGapMs;
  return { state: next, burst: null, unread: null, fast, burstStartedAt: state.firstAt };
}

/**
 * No key since the run's last character, and it is now `now`: once the pause is longer than `maxGapMs` the run is
 * over, reported as `unread` if it looked like a scan. Before that, nothing changes.
 */
export function wedgePause(state: WedgeState, now: number, options: WedgeOptions = defaultWedgeOptions): WedgeStep {
  if (state.chars === '' || now - state.lastAt <= options.maxGapMs) {
    return { state, burst: null, unread: null, fast: false, burstStartedAt: state.chars ? state.firstAt : null };
  }
  return endRun(state, idleWedge, options);
}
