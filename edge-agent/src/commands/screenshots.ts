// HQ's screenshots kept on the kiosk too (the last 5), for staff diagnostics. They show the UI only, never camera frames.
import path from 'node:path';
import { saveKeepingNewest } from '../kept-files.ts';

export const SCREENSHOTS_KEPT = 5;

/** Saves a screenshot as data/screenshots/<time>-<command id>.png (owner-only) and returns its path. */
export function saveScreenshot(dataDir: string, commandId: string, png: Buffer, now: Date = new Date()): string {
  const name = `${now.toISOString().replace(/[:.]/g, '-')}-${commandId.replace(/[^A-Za-z0-9_-]/g, '')}.png`;
  return saveKeepingNewest(path.join(dataDir, 'screenshots'), name, png, SCREENSHOTS_KEPT);
}
