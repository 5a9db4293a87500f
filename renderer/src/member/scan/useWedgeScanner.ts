// Listens for keyboard-wedge scanner bursts on the whole window, whatever has focus (see wedgeDetector.ts for
// how a burst is told from typing). A layout effect, so a scan that wakes the attract screen is not missed.
import { useLayoutEffect } from 'react';
import { idleWedge, wedgeKey, type WedgeBurst, type WedgeState } from './wedgeDetector.ts';
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

export function useWedgeScanner(onBurst: (burst: WedgeBurst) => void): void {
  const latest = useLatest(onBurst);

  useLayoutEffect(() => {
    let state: WedgeState = idleWedge;
    // The focused field's value just before a burst's first character landed in it.
    let before: { field: TextField; value: string; startedAt: number } | null = null;

    const onKeyDown = (e: KeyboardEvent) => {
      if (e.isComposing) { state = idleWedge; return; }
      const field = textFieldOf(e.target);
      const step = wedgeKey(state, { key: e.key, time: e.timeStamp, modified: e.ctrlKey || e.altKey || e.metaKey });
      state = step.state;
      if (field && step.state.chars.length === 1 && step.state.firstAt === e.timeStamp) before = { field, value: field.value, startedAt: e.timeStamp };
      if (step.burst) {
        // The Enter that ends a burst must not submit or press anything.
        e.preventDefault();
        if (before && before.startedAt === step.burst.startedAt && before.field.value !== before.value) restoreField(before.field, before.value);
        before = null;
        latest.current(step.burst);
      } else if (step.fast && !field) {
        // A fast run outside a text field is scanner data: keep a space in it from pressing the focused button.
        e.preventDefault();
      }
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [latest]);
}
