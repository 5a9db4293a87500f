// What the content manager does once at start, before anything is served: a download cut by a crash or SIGKILL is
// put back to "missing" (its part file stays and is resumed); every file in the store is hashed again, and one whose
// hash does not match its name (a power cut, a damaged disk) is deleted and recorded, never served.
import type { Logger } from '../../../common/node/log.ts';
import type { Db } from '../db/open.ts';
import { allAssets, updateAsset } from './assets.ts';
import { listContent, partPath, remove, sha256File, sizeOf, storePath, type ContentPaths } from './files.ts';

/** Nothing counts as ready until recoverStore has checked its file; the page shows colour cards meanwhile. */
export function markUnverified(db: Db): void {
  db.exec("UPDATE assets SET state = 'missing' WHERE state IN ('ready', 'downloading')");
}

export async function recoverStore(db: Db, paths: ContentPaths, log: Logger, nowIso: string): Promise<void> {
  markUnverified(db);
  const rows = new Map(allAssets(db).map((r) => [r.sha256, r]));
  const { stored, parts } = await listContent(paths);
  const storedSet = new Set(stored);
  let verified = 0;
  for (const sha of stored) {
    const file = storePath(paths, sha);
    const row = rows.get(sha);
    if (!row) {
      // A file no catalog ever listed to this database (the database was replaced): nothing describes it.
      await remove(file);
      log.info('content file without a catalog entry deleted', { sha256: sha });
      continue;
    }
    const got = await sha256File(file);
    const size = await sizeOf(file);
    if (got !== sha || size !== row.bytes) {
      await remove(file);
      const reason = `stored file failed its check at start (sha256 ${got}, ${size} bytes); deleted`;
      updateAsset(db, sha, { state: 'missing', bytes_on_disk: 0, failures: row.failures + 1, last_error: reason, last_error_at: nowIso });
      log.warn('content file damaged; deleted', { sha256: sha, got, bytes: size });
      continue;
    }
    updateAsset(db, sha, { state: 'ready', bytes_on_disk: size, ...(row.ready_at ? {} : { ready_at: nowIso }) });
    verified += 1;
  }
  for (const sha of parts) {
    const row = rows.get(sha);
    const part = partPath(paths, sha);
    // A part of an asset already in the store, or of one no catalog lists, is of no use.
    if (!row || storedSet.has(sha)) {
      await remove(part);
      continue;
    }
    updateAsset(db, sha, { bytes_on_disk: await sizeOf(part) });
  }
  // Rows that claim bytes with neither a file nor a part (deleted by hand) claim none.
  const onDisk = new Set([...storedSet, ...parts]);
  for (const row of rows.values()) {
    if (row.bytes_on_disk > 0 && !onDisk.has(row.sha256)) updateAsset(db, row.sha256, { bytes_on_disk: 0 });
  }
  log.info('content store checked', { verified, parts: parts.length });
}
