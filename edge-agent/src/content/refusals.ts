// Assets of HQ's catalog this kiosk refused (contracts/content.ts partitionAssets: an unknown MIME type, oversized,
// malformed), kept in meta so the heartbeat and the staff Status page can say which and why until HQ fixes them. A
// snapshot replaces the list; a delta adds its refusals and clears those of assets it now lists validly or removes.
import { z } from 'zod';
import { RefusedAsset } from '../../../contracts/content.ts';
import { metaJson, setMetaJson } from '../db/meta.ts';
import type { Db } from '../db/open.ts';

const KEY = 'content.refusedAssets';
/** Kept at most (the latest); the heartbeat lists fewer (MAX_REFUSED_REPORTED) and counts these. */
export const MAX_REFUSED_KEPT = 200;

const Stored = z.array(RefusedAsset).max(MAX_REFUSED_KEPT);

/** The refusals in force, the latest first. */
export function refusedAssets(db: Db): RefusedAsset[] {
  return metaJson(db, KEY, Stored) ?? [];
}

/**
 * Records what a snapshot (`replace`) or a delta refused. `cleared`: sha256 the same delta lists validly or removes,
 * whose earlier refusal no longer holds. A refused asset the table holds from an earlier catalog leaves the catalog:
 * HQ's latest word on it is one the kiosk cannot use, so its creatives fall back to the colour card.
 */
export function recordRefusedAssets(db: Db, refused: readonly RefusedAsset[], opts: { replace: boolean; cleared?: Iterable<string> }): void {
  const cleared = new Set(opts.cleared ?? []);
  const now = new Set(refused.map((r) => r.sha256).filter((s): s is string => s !== null));
  const earlier = opts.replace ? [] : refusedAssets(db).filter((r) => r.sha256 === null || (!cleared.has(r.sha256) && !now.has(r.sha256)));
  setMetaJson(db, KEY, [...refused, ...earlier].slice(0, MAX_REFUSED_KEPT));
  if (!opts.replace) {
    const leave = db.prepare('UPDATE assets SET in_catalog = 0 WHERE sha256 = ?');
    for (const sha of now) leave.run(sha);
  }
}
