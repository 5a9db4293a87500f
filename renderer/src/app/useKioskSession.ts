// The effects around the pure session reducer: input listeners on the whole window, the idle deadline, the
// configured defaults, and the page's lang attribute.
import { useEffect, useLayoutEffect, useReducer, type Dispatch } from 'react';
import type { DisplayConfig } from '../../../contracts/config.ts';
import { initialSession, kioskSessionReducer, msUntilIdle, type SessionAction, type SessionState } from '../session/kioskSession.ts';
import { useLatest } from '../ui/useLatest.ts';

const touchEvents = ['pointerdown', 'keydown', 'wheel'] as const;
const activityEvents = ['pointermove', 'input'] as const;

export function useKioskSession(display: DisplayConfig): [SessionState, Dispatch<SessionAction>] {
  const [session, dispatch] = useReducer(kioskSessionReducer, undefined, () => initialSession(display.language, display.idleTimeoutSec, Date.now()));

  useEffect(() => {
    dispatch({ type: 'configure', defaultLanguage: display.language, idleTimeoutSec: display.idleTimeoutSec });
  }, [display.language, display.idleTimeoutSec]);

  // A layout effect: the listeners are in place before the attract screen is first painted, so the very first
  // touch or key press (however early) is never lost to a passive effect that has not run yet.
  useLayoutEffect(() => {
    const onTouch = () => dispatch({ type: 'touch', at: Date.now() });
    const onActivity = () => dispatch({ type: 'activity', at: Date.now() });
    // Bubble phase on window, so React's own handlers (on the root element) have run first: a re-render
    // triggered before a controlled input's onChange would put the old value back into the field.
    // `scroll` does not bubble, so it alone is caught in the capture phase; it never carries typed text.
    const bubble = { passive: true };
    const capture = { capture: true, passive: true };
    for (const e of touchEvents) window.addEventListener(e, onTouch, bubble);
    for (const e of activityEvents) window.addEventListener(e, onActivity, bubble);
    window.addEventListener('scroll', onActivity, capture);
    return () => {
      for (const e of touchEvents) window.removeEventListener(e, onTouch);
      for (const e of activityEvents) window.removeEventListener(e, onActivity);
      window.removeEventListener('scroll', onActivity, { capture: true });
    };
  }, []);

  // The idle deadline: one timer, re-armed from the latest state when it fires early because input moved it.
  const latest = useLatest(session);
  useEffect(() => {
    if (session.screen === 'attract') return undefined;
    let timer: ReturnType<typeof setTimeout>;
    const arm = () => {
      timer = setTimeout(() => {
        const now = Date.now();
        if (msUntilIdle(latest.current, now) === 0) dispatch({ type: 'tick', at: now });
        else arm();
      }, msUntilIdle(latest.current, Date.now()) + 20);
    };
    arm();
    return () => clearTimeout(timer);
  }, [session.screen, session.sessionId, session.idleTimeoutMs, latest]);

  useEffect(() => {
    document.documentElement.lang = session.language;
  }, [session.language]);

  return [session, dispatch];
}
