// When the page should reload itself: HQ's reload-ui command bumps the agent's reloadSeq, and new desired
// config from HQ bumps configVersion. Pure; the polling is in useReloadSignals.ts.
import type { ApiResult } from '../../../contracts/api.ts';

export type ReloadSignals = ApiResult<'kiosk.signals'>;

/** The first answer is the baseline (no reload); after that, a higher reloadSeq or a different configVersion asks for one. */
export function signalsAskForReload(baseline: ReloadSignals | null, latest: ReloadSignals): boolean {
  if (baseline === null) return false;
  return latest.reloadSeq > baseline.reloadSeq || latest.configVersion !== baseline.configVersion;
}
