// Finds a runnable Electron binary: ELECTRON_OVERRIDE_DIST_PATH, or the one the electron package downloaded.
// Here (no download host) there is none, and the caller falls back to the browser kiosk.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export function electronBinary(root: string): { path: string | null; reason: string } {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const bin = path.join(override, process.platform === 'darwin' ? 'Electron.app/Contents/MacOS/Electron' : 'electron');
    return existsSync(bin) ? { path: bin, reason: '' } : { path: null, reason: `ELECTRON_OVERRIDE_DIST_PATH has no ${bin}` };
  }
  const pkg = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return { path: null, reason: 'the electron package has not downloaded its binary (no internet here)' };
  const bin = path.join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(bin) ? { path: bin, reason: '' } : { path: null, reason: `missing ${bin}` };
}
