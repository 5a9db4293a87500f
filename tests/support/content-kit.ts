// For the content tests: a real HTTP content host whose faults the test injects per request (cut connections, wrong
// bytes, 404, stalls, longer bodies), catalogs naming its files, and a real SQLite database to put them in.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Asset, Creative } from '../../contracts/content.ts';
import type { Campaign } from '../../contracts/catalog.ts';
import { CatalogSnapshot } from '../../contracts/mqtt.ts';
import { parseRange } from '../../edge-agent/src/content/range.ts';
import { rmSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
import type { Backoff } from '../../contracts/backoff.ts';
import type { ContentSettings } from '../../contracts/config.ts';
import { createLogger } from '../../common/node/log.ts';
import { assetRow, type AssetRow } from '../../edge-agent/src/content/assets.ts';
import { ContentManager } from '../../edge-agent/src/content/manager.ts';
import { openDatabase, type Db } from '../../edge-agent/src/db/open.ts';
import { applySnapshot } from '../../edge-agent/src/sync/apply.ts';
import { freshDataDir } from './agent-process.ts';
import { waitUntil } from './hq-client.ts';

export type HostedFile = { body: Buffer; mime: string };
export type HostRequest = { path: string; range: string | null };
/** Answers one request; return false to let the host serve the file normally. */
export type FaultHandler = (req: IncomingMessage, res: ServerResponse, file: HostedFile | undefined, n: number) => boolean | void;

export type ContentHost = {
  port: number;
  files: Map<string, HostedFile>;
  requests: HostRequest[];
  /** Per path: a fault for the next requests (removed with `heal`). */
  faults: Map<string, FaultHandler>;
  url(path: string): string;
  close(): Promise<void>;
  /** Listens again on the same port after close() (the host "comes back"). */
  reopen(): Promise<void>;
};

export function sha256(buf: Buffer): string {
  return createHash('sha256').update(buf).digest('hex');
}

/** Serves `file` from its Range like a real content host (206 with Content-Range, 416 for a bad range). */
export function serveNormally(req: IncomingMessage, res: ServerResponse, file: HostedFile): void {
  const r = parseRange(req.headers.range, file.body.length);
  if (r.kind === 'unsatisfiable') {
    res.writeHead(416, { 'Content-Range': `bytes */${file.body.length}` });
    return void res.end();
  }
  const [start, end] = r.kind === 'part' ? [r.start, r.end] : [0, file.body.length - 1];
  res.writeHead(r.kind === 'part' ? 206 : 200, {
    'Content-Type': file.mime, 'Content-Length': String(end - start + 1), 'Accept-Ranges': 'bytes',
    ...(r.kind === 'part' ? { 'Content-Range': `bytes ${start}-${end}/${file.body.length}` } : {}),
  });
  res.end(file.body.subarray(start, end + 1));
}

export async function startContentHost(port = 0): Promise<ContentHost> {
  const files = new Map<string, HostedFile>();
  const requests: HostRequest[] = [];
  const faults = new Map<string, FaultHandler>();
  const sockets = new Set<import('node:net').Socket>();
  let count = 0;
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push({ path, range: req.headers.range ?? null });
    const file = files.get(path);
    const fault = faults.get(path);
    if (fault && fault(req, res, file, count++) !== false) return;
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      return void res.end('not here');
    }
    serveNormally(req, res, file);
  };
  let server: Server;
  const listen = (p: number) => new Promise<number>((resolve, reject) => {
    server = createServer(handler);
    server.on('connection', (s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    server.once('error', reject);
    server.listen(p, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
  const actual = await listen(port);
  return {
    port: actual, files, requests, faults,
    url: (path) => `http://127.0.0.1:${actual}${path}`,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
    reopen: async () => {
      await listen(actual);
    },
  };
}

/** Random bytes of `size`, hosted at /<name>, and the catalog's asset for them. */
export function hostFile(host: ContentHost, name: string, size: number, mime: Asset['mime'] = 'image/png'): { asset: Asset; body: Buffer } {
  const body = randomBytes(size);
  host.files.set(`/${name}`, { body, mime });
  const video = mime.startsWith('video/');
  const asset: Asset = { sha256: sha256(body), bytes: size, mime, width: 1080, height: 1920, url: host.url(`/${name}`), ...(video ? { durationMs: 5000 } : {}) };
  return { asset, body };
}

const HOUR = 3_600_000;

/** A campaign showing `assets` (portrait creatives), running from `startsInHours` (negative: already running) for a day. */
export function campaignWith(id: string, assets: readonly Asset[], startsInHours = -1, now = Date.now()): Campaign {
  const creatives: Creative[] = assets.map((a, i) => ({ id: `${id}-${i}`, orientation: 'portrait', asset: a.sha256, playback: 'once' }));
  return {
    id, title: { zh: id }, subtitle: { zh: id }, storeId: null, couponIds: [], colours: ['#112233', '#445566'],
    startsAt: new Date(now + startsInHours * HOUR).toISOString(), endsAt: new Date(now + (startsInHours + 24) * HOUR).toISOString(),
    priority: 50, creatives,
  };
}

export function snapshotWith(version: number, campaigns: Campaign[], assets: Asset[], mallId = 'demo-mall'): CatalogSnapshot {
  return CatalogSnapshot.parse({
    mallId, version, mallName: { zh: '测试' }, stores: [], campaigns, coupons: [], assets,
    publishedAt: new Date().toISOString(),
  });
}

export type ManagerRig = {
  dir: string;
  db: Db;
  mgr: ContentManager;
  /** The manager's log records (parsed JSON lines). */
  logs: Record<string, unknown>[];
  row(sha: string): AssetRow;
  apply(snap: CatalogSnapshot): void;
  /** Resolves once `check` holds for the asset's row (a positive signal, polled). */
  waitRow(sha: string, check: (r: AssetRow) => boolean, what: string, timeoutMs?: number): Promise<AssetRow>;
  close(): Promise<void>;
};

/** Fast retries for tests: the same capped exponential schedule, in tens of milliseconds. */
export const testBackoff: Backoff = { initialMs: 50, maxMs: 400, factor: 2, jitter: 0 };

/** A content manager on a fresh data folder and a real SQLite database holding `snap`. */
export async function startManagerRig(snap: CatalogSnapshot, settings: Partial<ContentSettings> = {}, opts: { idleTimeoutMs?: number; backoff?: Backoff; beforeStart?: (db: Db) => void; onScreenGraceMs?: number } = {}): Promise<ManagerRig> {
  const dir = freshDataDir('atrium-content-');
  const db = openDatabase(dir);
  const logs: Record<string, unknown>[] = [];
  const log = createLogger('debug', 'content', (line) => logs.push(JSON.parse(line) as Record<string, unknown>));
  applySnapshot(db, snap, snap.mallId);
  opts.beforeStart?.(db);
  const mgr = new ContentManager({
    db, dataDir: dir, log, settings: { quotaMb: 64, concurrency: 2, bandwidthBytesPerSec: null, prefetchHours: 24, ...settings }, timeZone: 'Asia/Shanghai',
    backoff: opts.backoff ?? testBackoff, idleTimeoutMs: opts.idleTimeoutMs ?? 5000,
    ...(opts.onScreenGraceMs !== undefined ? { onScreenGraceMs: opts.onScreenGraceMs } : {}),
  });
  await mgr.start();
  const row = (sha: string) => assetRow(db, sha)!;
  return {
    dir, db, mgr, logs, row,
    apply: (s) => {
      applySnapshot(db, s, s.mallId);
      mgr.poke();
    },
    waitRow: (sha, check, what, timeoutMs = 15_000) => waitUntil(() => (check(row(sha)) ? row(sha) : null), timeoutMs, `${sha.slice(0, 8)}: ${what}`),
    close: async () => {
      await mgr.stop();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A real PNG of one colour (IHDR, one IDAT, IEND). */
export function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3).map((_, i) => rgb[i % 3]!)]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
