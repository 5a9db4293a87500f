// For the logo and wall-artwork tests: media drawn by ffmpeg at test time (solid colours, so a screenshot's pixels
// say which one is painted), stores that name a logo asset, a catalog carrying them and the wall's artwork, written
// into a kiosk's real SQLite database (the agent is stopped meanwhile), and a wait for the agent to serve assets.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Asset, Creative } from '../../contracts/content.ts';
import type { Campaign, Store } from '../../contracts/catalog.ts';
import { CatalogSnapshot } from '../../contracts/mqtt.ts';
import { openDatabase } from '../../edge-agent/src/db/open.ts';
import { applySnapshot } from '../../edge-agent/src/sync/apply.ts';
import { sha256, snapshotWith, type ContentHost } from './content-kit.ts';
import { waitUntil } from './hq-client.ts';
import { queryDb } from './sqlite-read.ts';

const FFMPEG = '/usr/bin/ffmpeg';

/** A still of one colour (`#RRGGBB`) at `width`x`height`; the extension picks PNG or JPEG. */
export function drawStill(file: string, width: number, height: number, colour: string): Buffer {
  execFileSync(FFMPEG, ['-v', 'error', '-y', '-f', 'lavfi', '-i', `color=c=0x${colour.slice(1)}:s=${width}x${height}`, '-frames:v', '1', '-q:v', '2', file]);
  return readFileSync(file);
}

/** A short H.264 clip of one colour with a white square moving across it (frames that change while it plays). */
export function drawClip(file: string, width: number, height: number, colour: string, seconds: number): Buffer {
  execFileSync(FFMPEG, [
    '-v', 'error', '-y', '-f', 'lavfi', '-i', `color=c=0x${colour.slice(1)}:s=${width}x${height}:r=24:d=${seconds}`,
    '-f', 'lavfi', '-i', 'color=c=white:s=120x120:r=24', '-filter_complex', `[0][1]overlay=x=${width / 2}+t*60:y=${height - 200}:shortest=1`,
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', file,
  ]);
  return readFileSync(file);
}

/** Hosts `body` at /<name> and returns the catalog's asset for it (`sha` overrides the hash: bytes that lie on the wire). */
export function hostAsset(host: ContentHost, name: string, body: Buffer, mime: Asset['mime'], width: number, height: number, opts: { durationMs?: number; sha?: string } = {}): Asset {
  host.files.set(`/${name}`, { body, mime });
  return { sha256: opts.sha ?? sha256(body), bytes: body.length, mime, width, height, url: host.url(`/${name}`), ...(opts.durationMs ? { durationMs: opts.durationMs } : {}) };
}

export function storeWith(id: string, unit: string, name: { zh: string; en: string }, logoColour: string, logo?: string): Store {
  return { id, name, category: 'home', floor: '1F', unit, keywords: [], logoColour, ...(logo ? { logo } : {}) };
}

export function campaignShowing(id: string, title: { zh: string; en: string }, colours: [string, string], creatives: Creative[] = []): Campaign {
  const now = Date.now();
  return {
    id, title, subtitle: title, storeId: null, couponIds: [], colours, priority: 50, creatives,
    startsAt: new Date(now - 3_600_000).toISOString(), endsAt: new Date(now + 86_400_000).toISOString(),
  };
}

/** A snapshot of `version` with these stores, campaigns, assets and wall artwork. */
export function catalogWith(version: number, parts: { stores: Store[]; campaigns: Campaign[]; assets: Asset[]; wallArtwork: Creative[] }): CatalogSnapshot {
  return CatalogSnapshot.parse({ ...snapshotWith(version, parts.campaigns, parts.assets), stores: parts.stores, wallArtwork: parts.wallArtwork });
}

/** Writes `snap` into the kiosk database in `dataDir` (as the sync engine would), with no agent running on it. */
export function applyToKiosk(dataDir: string, snap: CatalogSnapshot): void {
  const db = openDatabase(dataDir);
  try {
    applySnapshot(db, snap, snap.mallId);
  } finally {
    db.close();
  }
}

/** Waits until the agent at `url` serves every one of `shas` (each verified on its disk). */
export async function waitServed(url: string, shas: readonly string[], timeoutMs = 30_000): Promise<void> {
  await waitUntil(async () => {
    const codes = await Promise.all(shas.map(async (s) => (await fetch(`${url}content/${s}`, { method: 'HEAD' })).status));
    return codes.every((c) => c === 200);
  }, timeoutMs, `the agent to serve ${shas.length} asset(s)`);
}

/** Waits until the agent has tried `sha` and recorded a failure (a positive sign that it refused it, not that it has not got to it). */
export async function waitFailed(dataDir: string, sha: string, timeoutMs = 30_000): Promise<string> {
  return waitUntil(() => {
    const row = queryDb<{ failures: number; last_error: string | null }>(dataDir, 'SELECT failures, last_error FROM assets WHERE sha256 = ?', sha)[0];
    return row && row.failures > 0 ? (row.last_error ?? 'failed') : null;
  }, timeoutMs, `the agent to refuse ${sha.slice(0, 12)}`);
}
