// The assets table: what HQ's catalog lists (sha256, size, type, URL) beside this kiosk's copy of each (state, bytes on
// disk, failures). Catalog writes (sync/apply.ts) call upsertAssets inside their own transaction; the content manager
// moves the state; the local server and promotions.list ask which are ready. Rows are parsed on the way out.
import { z } from 'zod';
import { Asset, Creative, type Asset as AssetType, type Creative as CreativeType } from '../../../contracts/content.ts';
import { MAX_REFUSED_REPORTED, type ContentSummary } from '../../../contracts/mqtt.ts';
import { metaJson, setMetaJson } from '../db/meta.ts';
import type { Db } from '../db/open.ts';
import { refusedAssets } from './refusals.ts';

export const AssetState = z.enum(['missing', 'downloading', 'ready', 'failed']);
export type AssetState = z.infer<typeof AssetState>;

const Flag = z.number().int().min(0).max(1).transform((n) => n === 1);

/** One row as stored; the catalog part is checked again with the contract's Asset schema by whoever downloads it. */
export const AssetRow = z.object({
  sha256: z.string(),
  bytes: z.number().int(),
  mime: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  duration_ms: z.number().int().nullable(),
  url: z.string(),
  in_catalog: Flag,
  referenced: Flag,
  wanted: Flag,
  state: AssetState,
  bytes_on_disk: z.number().int().nonnegative(),
  failures: z.number().int().nonnegative(),
  last_error: z.string().nullable(),
  last_error_at: z.string().nullable(),
  next_attempt_at: z.string().nullable(),
  last_used_at: z.string().nullable(),
  ready_at: z.string().nullable(),
});
export type AssetRow = z.infer<typeof AssetRow>;

/** The catalog's description of a stored row, or why it cannot be downloaded as stored (formatted by the caller). */
export function assetOf(row: AssetRow): ReturnType<typeof Asset.safeParse> {
  return Asset.safeParse({
    sha256: row.sha256, bytes: row.bytes, mime: row.mime, width: row.width, height: row.height,
    ...(row.duration_ms === null ? {} : { durationMs: row.duration_ms }), url: row.url,
  });
}

/**
 * Records the catalog's assets. `replace` (a snapshot): assets it does not list leave the catalog; their rows stay
 * while a file is on disk (it still counts against the quota) until the content manager deletes it (manager.ts
 * purgeRemoved: once nothing names it and it is off screen), and go at once when there is none.
 * A changed URL or size resets the failure count: HQ may have fixed what failed.
 */
export function upsertAssets(db: Db, assets: readonly AssetType[], opts: { replace: boolean }): void {
  if (opts.replace) {
    db.exec('UPDATE assets SET in_catalog = 0, referenced = 0, wanted = 0');
  }
  const upsert = db.prepare(`
    INSERT INTO assets (sha256, bytes, mime, width, height, duration_ms, url, in_catalog) VALUES (?, ?, ?, ?, ?, ?, ?, 1)
    ON CONFLICT (sha256) DO UPDATE SET
      failures = CASE WHEN assets.url = excluded.url AND assets.bytes = excluded.bytes THEN assets.failures ELSE 0 END,
      next_attempt_at = CASE WHEN assets.url = excluded.url AND assets.bytes = excluded.bytes THEN assets.next_attempt_at ELSE NULL END,
      bytes = excluded.bytes, mime = excluded.mime, width = excluded.width, height = excluded.height,
      duration_ms = excluded.duration_ms, url = excluded.url, in_catalog = 1`);
  for (const a of assets) upsert.run(a.sha256, a.bytes, a.mime, a.width, a.height, a.durationMs ?? null, a.url);
  if (opts.replace) db.exec("DELETE FROM assets WHERE in_catalog = 0 AND bytes_on_disk = 0 AND state != 'ready'");
}

/** A delta's `remove.assets`: they leave the catalog now; the content manager deletes each file once it may (manager.ts). */
export function removeAssets(db: Db, sha256s: readonly string[]): void {
  const stmt = db.prepare('UPDATE assets SET in_catalog = 0 WHERE sha256 = ?');
  for (const sha of sha256s) stmt.run(sha);
}

const WALL_ARTWORK_KEY = 'content.wallArtwork';

/** The wall's artwork comes only with snapshots (deltas do not carry it); kept in meta, parsed on the way out. */
export function setWallArtwork(db: Db, artwork: readonly CreativeType[]): void {
  setMetaJson(db, WALL_ARTWORK_KEY, artwork);
}

export function wallArtwork(db: Db): CreativeType[] {
  return metaJson(db, WALL_ARTWORK_KEY, z.array(Creative)) ?? [];
}

export function allAssets(db: Db): AssetRow[] {
  return (db.prepare('SELECT * FROM assets ORDER BY sha256').all() as unknown[]).map((r) => AssetRow.parse(r));
}

export function assetRow(db: Db, sha256: string): AssetRow | null {
  const row: unknown = db.prepare('SELECT * FROM assets WHERE sha256 = ?').get(sha256);
  return row === undefined ? null : AssetRow.parse(row);
}

/**
 * Of these sha256, the ones whose file is verified and in the store and that the catalog still lists (a removed or
 * refused asset is not offered to the page again, though its file may stay while it finishes on screen).
 */
export function readyAssets(db: Db, sha256s: readonly string[]): Map<string, { mime: string; bytes: number }> {
  const out = new Map<string, { mime: string; bytes: number }>();
  const stmt = db.prepare("SELECT mime, bytes FROM assets WHERE sha256 = ? AND state = 'ready' AND in_catalog = 1");
  for (const sha of new Set(sha256s)) {
    const row = stmt.get(sha) as { mime: string; bytes: number } | undefined;
    if (row) out.set(sha, row);
  }
  return out;
}

export type AssetUpdate = Partial<Pick<AssetRow, 'state' | 'bytes_on_disk' | 'failures' | 'last_error' | 'last_error_at' | 'next_attempt_at' | 'last_used_at' | 'ready_at'>>;

const UPDATABLE = new Set(['state', 'bytes_on_disk', 'failures', 'last_error', 'last_error_at', 'next_attempt_at', 'last_used_at', 'ready_at']);

export function updateAsset(db: Db, sha256: string, update: AssetUpdate): void {
  const keys = Object.keys(update).filter((k) => UPDATABLE.has(k));
  if (!keys.length) return;
  const values = keys.map((k) => (update as Record<string, unknown>)[k]);
  db.prepare(`UPDATE assets SET ${keys.map((k) => `${k} = ?`).join(', ')} WHERE sha256 = ?`).run(...values, sha256);
}

/** The manager's plan, written back so the summary (heartbeat, staff page) counts only what should be on disk. */
export function setPlanFlags(db: Db, referenced: { has(sha256: string): boolean }, wanted: { has(sha256: string): boolean }): void {
  db.transaction(() => {
    const stmt = db.prepare('UPDATE assets SET referenced = ?, wanted = ? WHERE sha256 = ? AND (referenced != ? OR wanted != ?)');
    for (const row of db.prepare('SELECT sha256 FROM assets').all() as { sha256: string }[]) {
      const r = referenced.has(row.sha256) ? 1 : 0;
      const w = wanted.has(row.sha256) ? 1 : 0;
      stmt.run(r, w, row.sha256, r, w);
    }
  })();
}

/**
 * The heartbeat's and staff page's figures. missing and failed count only assets the kiosk wants now (a campaign
 * starting next month is not "missing"); lastError is the latest error of an asset that is not ready.
 */
export function contentSummary(db: Db, quotaBytes: number): ContentSummary {
  const counts = db.prepare(`
    SELECT
      COALESCE(SUM(state = 'ready'), 0) AS ready,
      COALESCE(SUM(state = 'missing' AND wanted = 1), 0) AS missing,
      COALESCE(SUM(state = 'downloading'), 0) AS downloading,
      COALESCE(SUM(state = 'failed' AND wanted = 1), 0) AS failed,
      COALESCE(SUM(bytes_on_disk), 0) AS bytesOnDisk
    FROM assets`).get() as { ready: number; missing: number; downloading: number; failed: number; bytesOnDisk: number };
  const err = db.prepare("SELECT last_error FROM assets WHERE state != 'ready' AND wanted = 1 AND last_error IS NOT NULL ORDER BY last_error_at DESC LIMIT 1")
    .get() as { last_error: string } | undefined;
  const refused = refusedAssets(db);
  return { ...counts, quotaBytes, lastError: err ? err.last_error.slice(0, 500) : null, refused: refused.slice(0, MAX_REFUSED_REPORTED), refusedCount: refused.length };
}
