// Calls `onInput` on every touch or key anywhere on the page, before the page's own handlers see it (capture phase),
// for idle timers, screen-off and keep-alives. Listeners are added in a layout effect so a first touch right after
// mount is never missed.
import { useLayoutEffect } from 'react';
import { useLatest } from './useLatest.ts';

export function useAnyInput(onInput: () => void): void {
  const latest = useLatest(onInput);
  useLayoutEffect(() => {
    const listener = () => latest.current();
    window.addEventListener('pointerdown', listener, { capture: true, passive: true });
    window.addEventListener('keydown', listener, { capture: true, passive: true });
    return () => {
      window.removeEventListener('pointerdown', listener, { capture: true });
      window.removeEventListener('keydown', listener, { capture: true });
    };
  }, [latest]);
}
