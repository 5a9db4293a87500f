// The bootstrap in force for this page: the one the connection polls (every 30 s), or a fresher one fetched right
// after a staff member changed a setting, so the change shows at once. A newer poll replaces the fetched one.
import { useCallback, useState } from 'react';
import { call } from '../../api/client.ts';
import type { Bootstrap } from '../../api/connectionState.ts';
import { useLatest } from '../../ui/useLatest.ts';

export function useLiveBoot(polled: Bootstrap): [Bootstrap, () => Promise<void>] {
  const [fetched, setFetched] = useState<{ boot: Bootstrap; basis: Bootstrap } | null>(null);
  const latestPolled = useLatest(polled);
  const refresh = useCallback(async () => {
    const basis = latestPolled.current;
    const boot = await call('kiosk.bootstrap', {});
    setFetched({ boot, basis });
  }, [latestPolled]);
  return [fetched !== null && fetched.basis === polled ? fetched.boot : polled, refresh];
}
