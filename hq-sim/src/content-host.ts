// HQ's content host for the simulator: a plain HTTP server on loopback serving HQ's content store
// (<HQ data dir>/content/<sha256>) the way kiosks download it: GET and HEAD, the type from the file's magic bytes,
// Content-Length, ETag (the sha256 itself, so strong and never stale), If-None-Match, one byte range per request
// (206 + Content-Range; 416 for a range outside the file or one it cannot read), If-Range, and 404 for anything
// else. Production serves the same paths over HTTPS (a CDN or any static server): docs/mqtt.md "Content".
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { readHead, sniffMime } from './media.ts';

export type ContentHost = {
  /** http://127.0.0.1:<port>/content/ : an asset's URL is this plus its sha256. */
  baseUrl: string;
  port: number;
  stop(): Promise<void>;
};

export const contentDir = (dataDir: string) => path.join(dataDir, 'content');
export const assetUrl = (baseUrl: string, sha256: string) => `${baseUrl}${sha256}`;

export type ByteRange = { start: number; end: number };

/**
 * A Range header against a file of `size` bytes: null to send the whole file (no header, not bytes, or several
 * ranges, which RFC 9110 lets a server ignore), a range, or 'unsatisfiable'. A malformed single range is refused
 * (416) rather than ignored: the kiosk never sends one, so it is a bug to see, not a whole file to send.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | null {
  if (!header) return null;
  const m = /^bytes=(.*)$/.exec(header.trim());
  if (!m) return null;
  const specs = m[1]!.split(',');
  if (specs.length > 1) return null;
  const spec = /^\s*(\d*)-(\d*)\s*$/.exec(specs[0]!);
  if (!spec || (spec[1] === '' && spec[2] === '')) return 'unsatisfiable';
  if (spec[1] === '') {
    const suffix = Number(spec[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(spec[1]);
  const end = spec[2] === '' ? size - 1 : Math.min(Number(spec[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

function handle(dir: string, req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Length': 0 }).end();
    return;
  }
  const m = /^\/content\/([0-9a-f]{64})$/.exec(new URL(req.url ?? '/', 'http://host').pathname);
  const file = m ? path.join(dir, m[1]!) : null;
  const stat = file ? (() => {
    try {
      const s = statSync(file);
      return s.isFile() ? s : null;
    } catch {
      return null;
    }
  })() : null;
  if (!file || !stat || !m) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
    return;
  }
  const etag = `"${m[1]}"`;
  const common = {
    'Content-Type': sniffMime(readHead(file)) ?? 'application/octet-stream',
    'Accept-Ranges': 'bytes',
    ETag: etag,
    // Content-addressed: the bytes behind a URL never change.
    'Cache-Control': 'public, max-age=31536000, immutable',
  };
  if (req.headers['if-none-match']?.split(',').some((t) => t.trim() === etag || t.trim() === '*')) {
    res.writeHead(304, { ETag: etag, 'Cache-Control': common['Cache-Control'] }).end();
    return;
  }
  // If-Range with another validator: the file changed for that client, so it gets the whole of it.
  const ifRange = req.headers['if-range'];
  const range = typeof ifRange === 'string' && ifRange.trim() !== etag ? null : parseRange(req.headers.range, stat.size);
  if (range === 'unsatisfiable') {
    res.writeHead(416, { ...common, 'Content-Range': `bytes */${stat.size}`, 'Content-Length': 0 }).end();
    return;
  }
  const { start, end } = range ?? { start: 0, end: stat.size - 1 };
  const length = stat.size === 0 ? 0 : end - start + 1;
  res.writeHead(range ? 206 : 200, { ...common, 'Content-Length': length, ...(range ? { 'Content-Range': `bytes ${start}-${end}/${stat.size}` } : {}) });
  if (req.method === 'HEAD' || length === 0) {
    res.end();
    return;
  }
  const stream = createReadStream(file, { start, end });
  stream.on('error', () => res.destroy());
  res.on('close', () => stream.destroy());
  stream.pipe(res);
}

/**
 * Starts the host on 127.0.0.1. `port` is a preference (the demo asks for the one it had last time, so the
 * catalog's URLs stay the same); when it is taken, any free port.
 */
export async function startContentHost(opts: { dataDir: string; port?: number }): Promise<ContentHost> {
  const dir = contentDir(opts.dataDir);
  const server = createServer((req, res) => {
    try {
      handle(dir, req, res);
    } catch {
      if (!res.headersSent) res.writeHead(500, { 'Content-Length': 0 });
      res.end();
    }
  });
  const listen = (port: number) => new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once('error', onError).listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      resolve();
    });
  });
  try {
    await listen(opts.port ?? 0);
  } catch (err) {
    if (!opts.port || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    await listen(0);
  }
  const port = (server.address() as AddressInfo).port;
  let stopped: Promise<void> | null = null;
  return {
    baseUrl: `http://127.0.0.1:${port}/content/`,
    port,
    stop: () =>
      (stopped ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // A kiosk mid-download would hold the server open: the demo stops now, and the kiosk resumes with Range.
        server.closeAllConnections();
      })),
  };
}
