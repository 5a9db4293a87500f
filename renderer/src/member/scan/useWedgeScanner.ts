// Listens for keyboard-wedge scanner bursts on the whole window, whatever has focus (see wedgeDetector.ts for
// how a burst is told from typing). A layout effect, so a scan that wakes the attract screen is not missed.
import { useLayoutEffect } from 'react';
import { defaultWedgeOptions, idleWedge, wedgeKey, wedgePause, type WedgeBurst, type WedgeState, type WedgeStep } from './wedgeDetector.ts';
import { useLatest } from '../../ui/useLatest.ts';

type TextField = HTMLInputElement | HTMLTextAreaElement;

const textInputTypes = new Set(['text', 'search', 'email', 'tel', 'url', 'password', 'number']);

function textFieldOf(target: EventTarget | null): TextField | null {
  if (target instanceof HTMLTextAreaElement) return target;
  if (target instanceof HTMLInputElement && textInputTypes.has(target.type)) return target;
  return null;
}

/**
 * Puts a field back to `value` the way a person's typing would, so React's onChange sees it (assigning
 * `.value` directly would be overwritten by React with its own state on the next render).
 */
function restoreField(field: TextField, value: string): void {
  const prototype = field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(prototype, 'value')?.set?.call(field, value);
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

/**
 * How long after the last key the page handled a run with no Enter is taken as over. Far longer than the detector's
 * 100 ms gap on purpose: the keys' own stamps say whether they were in time, but a key can reach the page well after
 * its stamp (a busy main thread, a USB or Bluetooth stack delivering a few keys at once), and a timer judged by the
 * clock alone would cut a scan whose next keys are still on their way.
 */
const PAUSE_END_MS = 500;

/**
 * Calls `onBurst` with every scan, and with every run that had a scanner's length and cadence but ended without its
 * Enter (what was read, so the screen answers it rather than staying silent: the agent names what it is).
 */
export function useWedgeScanner(onBurst: (burst: WedgeBurst) => void): void {
  const latest = useLatest(onBurst);

  useLayoutEffect(() => {
    let state: WedgeState = idleWedge;
    // The focused field's value just before a run's first character landed in it.
    let before: { field: TextField; value: string; startedAt: number } | null = null;
    // Ends a scanner-like run that no further key ends (a scanner without the Enter suffix).
    let pauseTimer: ReturnType<typeof setTimeout> | undefined;
    // The key being handled, when it is scanner data outside a text field: stopped at the document (below).
    let scannerData: KeyboardEvent | null = null;

    /** Hands on what a step found; the field gets back what it had before the run's characters landed in it. */
    const deliver = (step: WedgeStep) => {
      const found = step.burst ?? step.unread;
      if (!found) return;
      if (before && before.startedAt === found.startedAt && before.field.value !== before.value) restoreField(before.field, before.value);
      if (before?.startedAt === found.startedAt) before = null;
      latest.current(found);
    };

    const armPause = () => {
      clearTimeout(pauseTimer);
      if (state.chars.length < defaultWedgeOptions.minLength) return;
      pauseTimer = setTimeout(() => {
        const step = wedgePause(state, performance.now());
        state = step.state;
        deliver(step);
      }, PAUSE_END_MS);
    };

    const onKeyDown = (e: KeyboardEvent) => {
      if (e.isComposing) { state = idleWedge; return; }
      const field = textFieldOf(e.target);
      const step = wedgeKey(state, { key: e.key, time: e.timeStamp, modified: e.ctrlKey || e.altKey || e.metaKey, repeat: e.repeat });
      // A run that ended before this key is handed on first, with the field as it was before that run.
      if (step.unread) deliver(step);
      state = step.state;
      if (field && step.state.chars.length === 1 && step.state.firstAt === e.timeStamp) before = { field, value: field.value, startedAt: e.timeStamp };
      if (step.burst) {
        // The Enter that ends a burst must not submit or press anything.
        e.preventDefault();
        if (!field) scannerData = e;
        deliver(step);
      } else if (step.fast && !field) {
        // A fast run outside a text field is scanner data: keep a space in it from pressing the focused button.
        e.preventDefault();
        scannerData = e;
      }
      armPause();
    };
    // Scanner data goes no further than the window's capture listeners (idle timers, the staff scanner test, which
    // all run before this one): every key that reaches the page's bubble listeners re-renders the whole kiosk (the
    // session counts it as a touch), and a 250-character code at 4 ms a key then kept the main thread busy for
    // 0.7 s, so the scanner's Enter was handled hundreds of ms after it came. The first key of a run still goes
    // through (nobody can tell yet that it is a scanner): it wakes the attract screen like any key.
    const onDocumentKeyDown = (e: KeyboardEvent) => {
      if (e !== scannerData) return;
      scannerData = null;
      e.stopPropagation();
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    document.addEventListener('keydown', onDocumentKeyDown, { capture: true });
    return () => {
      clearTimeout(pauseTimer);
      window.removeEventListener('keydown', onKeyDown, { capture: true });
      document.removeEventListener('keydown', onDocumentKeyDown, { capture: true });
    };
  }, [latest]);
}
