// Files the kiosk keeps a few of in its data folder (HQ's screenshots, staff diagnostics exports): owner-only, and only
// the newest N, so a busy kiosk never fills its disk with them.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Deletes all but the newest `keep` files ending in `suffix` (names sort by time: they start with an ISO timestamp). */
export function keepNewestFiles(dir: string, keep: number, suffix: string): void {
  const files = readdirSync(dir).filter((f) => f.endsWith(suffix)).sort();
  for (const f of files.slice(0, Math.max(0, files.length - keep))) rmSync(path.join(dir, f), { force: true });
}

/** Writes dir/fileName (owner-only, folder created 0700), then keeps the newest `keep` files of its kind. */
export function saveKeepingNewest(dir: string, fileName: string, data: string | Buffer, keep: number): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, fileName);
  writeFileSync(file, data, { mode: 0o600 });
  keepNewestFiles(dir, keep, path.extname(fileName));
  return file;
}
