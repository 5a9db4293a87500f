// The display config in force on this kiosk, from every source in increasing precedence:
//
//   built-in defaults < the agent's config file < environment  (together `base`, loaded by config.ts)
//     < HQ's desired config (desired.ts) < staff overrides on this kiosk (overrides.ts, which says when HQ takes a
//     field back)
import type { DisplayConfig } from '../../../contracts/config.ts';
import type { Db } from '../db/open.ts';
import { desiredConfig } from './desired.ts';
import { listOverrides, mergeDisplay, overrideValues } from './overrides.ts';

export function effectiveDisplay(db: Db, base: DisplayConfig): DisplayConfig {
  const desired = desiredConfig(db);
  return mergeDisplay(base, desired?.config, overrideValues(listOverrides(db)));
}
