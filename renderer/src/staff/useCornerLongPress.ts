// The staff entry: a finger resting on the top-left corner for STAFF_LONG_PRESS_MS opens the staff sign-in. Listens
// on the window (nothing on screen is covered or blocked); the corner is the `corner` element's box, so it follows
// the UI when the orientation setting turns it. Moving away or lifting the finger cancels.
import { useLayoutEffect, useState, type RefObject } from 'react';
import { STAFF_LONG_PRESS_MS } from '../../../contracts/staff.ts';
import { useLatest } from '../ui/useLatest.ts';

/** Movement (px) a resting finger may make. */
const SLOP_PX = 24;
/** Feedback (a ring filling up) shows only after this long, so a brief tap on the corner shows nothing. */
export const FEEDBACK_AFTER_MS = 1000;

export function useCornerLongPress(corner: RefObject<HTMLElement | null>, onOpen: () => void, enabled: boolean): boolean {
  const latest = useLatest(onOpen);
  const [pressing, setPressing] = useState(false);

  useLayoutEffect(() => {
    if (!enabled) return undefined;
    let press: { id: number; x: number; y: number; downAt: number; timer: ReturnType<typeof setTimeout>; feedback: ReturnType<typeof setTimeout> } | null = null;
    const cancel = () => {
      if (!press) return;
      clearTimeout(press.timer);
      clearTimeout(press.feedback);
      press = null;
      setPressing(false);
    };
    const onDown = (e: PointerEvent) => {
      cancel();
      const box = corner.current?.getBoundingClientRect();
      if (!box || e.clientX < box.left || e.clientX > box.right || e.clientY < box.top || e.clientY > box.bottom) return;
      press = {
        id: e.pointerId, x: e.clientX, y: e.clientY, downAt: e.timeStamp,
        feedback: setTimeout(() => setPressing(true), FEEDBACK_AFTER_MS),
        timer: setTimeout(() => { cancel(); latest.current(); }, STAFF_LONG_PRESS_MS),
      };
    };
    const onMove = (e: PointerEvent) => {
      if (press && e.pointerId === press.id && Math.hypot(e.clientX - press.x, e.clientY - press.y) > SLOP_PX) cancel();
    };
    // A busy page may run the lift before the timer even though the finger rested long enough: the event times decide.
    const onEnd = (e: PointerEvent) => {
      if (!press || e.pointerId !== press.id) return;
      const held = e.type === 'pointerup' && e.timeStamp - press.downAt >= STAFF_LONG_PRESS_MS;
      cancel();
      if (held) latest.current();
    };
    const opts = { capture: true, passive: true };
    window.addEventListener('pointerdown', onDown, opts);
    window.addEventListener('pointermove', onMove, opts);
    window.addEventListener('pointerup', onEnd, opts);
    window.addEventListener('pointercancel', onEnd, opts);
    return () => {
      cancel();
      window.removeEventListener('pointerdown', onDown, { capture: true });
      window.removeEventListener('pointermove', onMove, { capture: true });
      window.removeEventListener('pointerup', onEnd, { capture: true });
      window.removeEventListener('pointercancel', onEnd, { capture: true });
    };
  }, [corner, enabled, latest]);

  return pressing;
}
