// Launches the real Electron kiosk (dist/shell/shell/electron/main.js) for the specs in this folder, on a fresh data
// folder. Where no Electron binary exists (this build environment cannot download it) the calling test skips.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { electronBinary } from '../../scripts/electron-binary.ts';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const binary = electronBinary(root);

export function skipWithoutElectron(): void {
  test.skip(!binary.path, `Electron binary not available here: ${binary.reason}`);
}

export async function launchKiosk(env: Record<string, string> = {}): Promise<ElectronApplication> {
  // With a binary, a missing build is a setup error, not a reason to skip.
  expect(existsSync(path.join(root, 'dist/shell/shell/electron/main.js')), 'dist/shell is missing: run npm run build').toBe(true);
  expect(existsSync(path.join(root, 'dist/renderer/index.html')), 'dist/renderer is missing: run npm run build').toBe(true);
  const args = [root];
  // Chromium refuses to start as root without --no-sandbox (CI runs as root).
  if (process.getuid?.() === 0) args.unshift('--no-sandbox');
  return electron.launch({
    executablePath: binary.path!,
    args,
    cwd: root,
    env: { ...process.env, ATRIUM_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'atrium-electron-e2e-')), ATRIUM_API_PORT: '0', ...env } as Record<string, string>,
    timeout: 30_000,
  });
}
