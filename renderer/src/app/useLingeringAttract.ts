// Keeps the attract loop on top, transparent, for a moment after the first touch: it catches the click that
// follows that first pointerdown, so the finger that woke the screen does not also
// press whatever button of the home screen happens to be under it.
import { useEffect, useState } from 'react';
import type { KioskScreen } from '../session/kioskSession.ts';

export const ATTRACT_EXIT_MS = 450;

export function useLingeringAttract(screen: KioskScreen): boolean {
  const [previous, setPrevious] = useState(screen);
  const [lingering, setLingering] = useState(false);
  if (screen !== previous) {
    // Adjusting state during render (not in an effect) so the attract loop never unmounts for a frame.
    setPrevious(screen);
    setLingering(previous === 'attract' && screen !== 'attract');
  }
  useEffect(() => {
    if (!lingering) return undefined;
    const timer = setTimeout(() => setLingering(false), ATTRACT_EXIT_MS);
    return () => clearTimeout(timer);
  }, [lingering]);
  return lingering;
}
