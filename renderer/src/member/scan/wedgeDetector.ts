// Tells a hardware scanner that "types" (USB HID keyboard wedge) from a person at a keyboard, from key timings
// alone. Pure: feed it one key at a time with the event's time; the window listener lives in useWedgeScanner.ts.
//
// A scanner burst is at least `minLength` characters whose gaps are each at most `maxGapMs`, ended by Enter
// within `maxGapMs` of the last character. Any slower gap starts a new burst, so a person typing (100+ ms between
// keys) never completes one, and a person's Enter only ends their own slow typing.
//
// Text fields: the characters of a burst still reach a focused field (nobody can tell a scanner from a person
// at the first key), and the burst is still captured; the listener then puts the field back as it was before
// the burst. Outside text fields, characters that are part of a fast run are swallowed so that a space or an
// Enter in the burst cannot press whatever button has focus.

export type WedgeOptions = {
  /** Longest gap between two keys of one burst, and between its last character and the Enter. */
  maxGapMs: number;
  /** Fewest characters a burst needs. */
  minLength: number;
  /** Characters kept at most, plus one: a longer burst is reported with maxLength + 1 characters, never cut into a valid-looking code. */
  maxLength: number;
};

export const defaultWedgeOptions: WedgeOptions = { maxGapMs: 30, minLength: 8, maxLength: 512 };

export type WedgeState = {
  /** Characters of the burst in progress ('' when none). */
  chars: string;
  /** Time of the burst's last character. */
  lastAt: number;
  /** Time of the burst's first character. */
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
};

export type WedgeBurst = { code: string; startedAt: number; endedAt: number };

export type WedgeStep = {
  state: WedgeState;
  /** A completed burst, when this key (Enter) ended one. */
  burst: WedgeBurst | null;
  /** This key belongs to a fast run: the listener should keep it from reaching buttons (not text fields). */
  fast: boolean;
  /** The first key of the burst in progress arrived at this time (for restoring a text field). */
  burstStartedAt: number | null;
};

/** Keys a scanner sends around characters that carry no data (Shift for capitals, lock keys). */
const ignoredKeys = new Set(['Shift', 'CapsLock', 'NumLock', 'Unidentified', 'Dead']);

export function wedgeKey(state: WedgeState, input: WedgeKey, options: WedgeOptions = defaultWedgeOptions): WedgeStep {
  const { key, time } = input;
  if (ignoredKeys.has(key)) return { state, burst: null, fast: false, burstStartedAt: state.chars ? state.firstAt : null };
  const inTime = state.chars !== '' && time - state.lastAt <= options.maxGapMs;

  if (key === 'Enter' && !input.modified) {
    if (inTime && state.chars.length >= options.minLength) {
      const burst: WedgeBurst = { code: state.chars, startedAt: state.firstAt, endedAt: time };
      return { state: idleWedge, burst, fast: true, burstStartedAt: state.firstAt };
    }
    return { state: idleWedge, burst: null, fast: false, burstStartedAt: null };
  }

  if (key.length !== 1 || input.modified) return { state: idleWedge, burst: null, fast: false, burstStartedAt: null };

  if (!inTime) {
    return { state: { chars: key, firstAt: time, lastAt: time }, burst: null, fast: false, burstStartedAt: time };
  }
  const chars = state.chars.length > options.maxLength ? state.chars : state.chars + key;
  return { state: { chars, firstAt: state.firstAt, lastAt: time }, burst: null, fast: true, burstStartedAt: state.firstAt };
}
