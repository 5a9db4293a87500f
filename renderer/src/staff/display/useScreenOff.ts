// Screen-off hours in effect: true while the screen should be dark (inside the hours and idle). Any touch or key
// wakes it for the idle timeout.
import { useEffect, useState } from 'react';
import type { ScreenOffHours } from '../../../../contracts/config.ts';
import { useAnyInput } from '../../ui/useAnyInput.ts';
import { screenIsDark } from './screenOff.ts';

const CHECK_MS = 10_000;

export function useScreenOff(hours: ScreenOffHours | null | undefined, idleTimeoutSec: number): boolean {
  const [lastInputAt, setLastInputAt] = useState(() => Date.now());
  const [now, setNow] = useState(() => Date.now());

  useAnyInput(() => { const t = Date.now(); setLastInputAt(t); setNow(t); });

  // Look again every CHECK_MS (the hours may begin), and exactly when the idle timeout runs out.
  useEffect(() => {
    if (!hours) return undefined;
    const timer = setInterval(() => setNow(Date.now()), CHECK_MS);
    const idleEnds = setTimeout(() => setNow(Date.now()), Math.max(0, lastInputAt + idleTimeoutSec * 1000 - Date.now()) + 50);
    return () => { clearInterval(timer); clearTimeout(idleEnds); };
  }, [hours, lastInputAt, idleTimeoutSec]);

  return screenIsDark(hours, new Date(now), lastInputAt, idleTimeoutSec * 1000);
}
