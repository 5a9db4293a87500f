// Browser behaviour a public touch screen must not have: page zoom (ctrl+wheel, ctrl +/-, pinch through the
// wheel event), the long-press context menu, and dragging images or text out of the page.
import { useEffect } from 'react';

const zoomKeys = new Set(['+', '-', '=', '0', '_']);

export function useKioskLockdown(): void {
  useEffect(() => {
    const onWheel = (e: WheelEvent) => { if (e.ctrlKey) e.preventDefault(); };
    const onKey = (e: KeyboardEvent) => { if ((e.ctrlKey || e.metaKey) && zoomKeys.has(e.key)) e.preventDefault(); };
    const prevent = (e: Event) => e.preventDefault();
    window.addEventListener('wheel', onWheel, { passive: false });
    window.addEventListener('keydown', onKey);
    window.addEventListener('contextmenu', prevent);
    window.addEventListener('dragstart', prevent);
    return () => {
      window.removeEventListener('wheel', onWheel);
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('contextmenu', prevent);
      window.removeEventListener('dragstart', prevent);
    };
  }, []);
}
