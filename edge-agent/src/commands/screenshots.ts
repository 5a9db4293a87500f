// HQ's screenshots kept on the kiosk too (the last 5), for staff diagnostics. They show the UI only, never camera frames.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const SCREENSHOTS_KEPT = 5;

/** Deletes all but the newest `keep` files ending in `suffix` (names sort by time: they start with an ISO timestamp). */
export function keepNewestFiles(dir: string, keep: number, suffix: string): void {
  const files = readdirSync(dir).filter((f) => f.endsWith(suffix)).sort();
  for (const f of files.slice(0, Math.max(0, files.length - keep))) rmSync(path.join(dir, f), { force: true });
}

/** Saves a screenshot as data/screenshots/<time>-<command id>.png (owner-only) and returns its path. */
export function saveScreenshot(dataDir: string, commandId: string, png: Buffer, now: Date = new Date()): string {
  const dir = path.join(dataDir, 'screenshots');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `${now.toISOString().replace(/[:.]/g, '-')}-${commandId.replace(/[^A-Za-z0-9_-]/g, '')}.png`);
  writeFileSync(file, png, { mode: 0o600 });
  keepNewestFiles(dir, SCREENSHOTS_KEPT, '.png');
  return file;
}
