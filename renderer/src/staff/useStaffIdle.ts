// The console's idle sign-out: STAFF_IDLE_SEC without a touch or key signs the staff member out (the page does it
// a little before the agent would). Input keeps the agent's session alive (staff.keepAlive, at most every 10 s).
import { useEffect, useRef, useState } from 'react';
import { STAFF_IDLE_SEC } from '../../../contracts/staff.ts';
import { useAnyInput } from '../ui/useAnyInput.ts';
import { useLatest } from '../ui/useLatest.ts';

const PAGE_IDLE_MS = STAFF_IDLE_SEC * 1000 - 10_000;
const KEEPALIVE_EVERY_MS = 10_000;
/** The countdown shows in the last this-many seconds. */
export const WARN_SEC = 20;

/** Returns the seconds left when the countdown should show, else null. */
export function useStaffIdle(onIdle: () => void, keepAlive: () => void): number | null {
  // The clock is read once, at mount (a lazy initial state), not on every render.
  const [mountedAt] = useState(Date.now);
  const lastInput = useRef(mountedAt);
  const lastKeepAlive = useRef(mountedAt);
  const [left, setLeft] = useState<number | null>(null);
  const latest = useLatest({ onIdle, keepAlive });

  useAnyInput(() => { lastInput.current = Date.now(); });

  useEffect(() => {
    const timer = setInterval(() => {
      const now = Date.now();
      const remaining = lastInput.current + PAGE_IDLE_MS - now;
      if (remaining <= 0) {
        clearInterval(timer);
        latest.current.onIdle();
        return;
      }
      setLeft(remaining <= WARN_SEC * 1000 ? Math.ceil(remaining / 1000) : null);
      if (lastInput.current > lastKeepAlive.current && now - lastKeepAlive.current >= KEEPALIVE_EVERY_MS) {
        lastKeepAlive.current = now;
        latest.current.keepAlive();
      }
    }, 1000);
    return () => clearInterval(timer);
  }, [latest]);

  return left;
}
