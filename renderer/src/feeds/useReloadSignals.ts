// Polls the agent's reload signals every SIGNALS_POLL_MS. A reload never cuts a shopper off: it waits until the
// screen is back on the attract loop (at once if it already is, otherwise when the session ends).
import { useEffect, useState } from 'react';
import { call } from '../api/client.ts';
import type { KioskScreen } from '../session/kioskSession.ts';
import { useReportFailure } from '../api/AgentFailureContext.ts';
import { useStaffActive } from '../session/staffContext.ts';
import { signalsAskForReload, type ReloadSignals } from './reloadSignals.ts';

export const SIGNALS_POLL_MS = 5_000;

function reloadPage(): void {
  window.location.reload();
}

export function useReloadSignals(screen: KioskScreen, reload: () => void = reloadPage): void {
  const reportFailure = useReportFailure();
  const [reloadWanted, setReloadWanted] = useState(false);

  useEffect(() => {
    let cancelled = false;
    let baseline: ReloadSignals | null = null;
    const poll = () => {
      call('kiosk.signals', {}).then(
        (latest) => {
          if (cancelled) return;
          if (signalsAskForReload(baseline, latest)) setReloadWanted(true);
          baseline ??= latest;
        },
        (err: unknown) => {
          if (cancelled || reportFailure(err)) return;
          console.warn('atrium: reload signals could not be read', err);
        },
      );
    };
    poll();
    const timer = setInterval(poll, SIGNALS_POLL_MS);
    return () => { cancelled = true; clearInterval(timer); };
  }, [reportFailure]);

  // Nor under staff working in the staff console: the reload waits until they have left.
  const staffActive = useStaffActive();
  useEffect(() => {
    if (reloadWanted && screen === 'attract' && !staffActive) reload();
  }, [reloadWanted, screen, reload, staffActive]);
}
