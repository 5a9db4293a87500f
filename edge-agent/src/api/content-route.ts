// GET /content/<sha256>: the kiosk's verified signage files, for the page's <img> and <video>. Unauthenticated like
// the UI's own files (media elements cannot send the Bearer secret; assets are the mall's public content), behind
// the same loopback and Host checks in server.ts. Only an asset whose row says ready is served: a part file or an
// unchecked file is never reachable from here. Range requests (video seeking) get 206; a bad range gets 416.
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { securityHeaders } from '../../../common/node/security-headers.ts';
import { parseRange } from '../content/range.ts';

export const CONTENT_PATH = /^\/content\/([0-9a-f]{64})$/;

/** What the route needs from the content manager. */
export type ContentFiles = { readyFile(sha256: string): { file: string; bytes: number; mime: string } | null };

export function serveContent(files: ContentFiles | undefined, pathname: string, req: IncomingMessage, res: ServerResponse): void {
  const m = CONTENT_PATH.exec(pathname);
  const found = m && files ? files.readyFile(m[1]!) : null;
  if (!found) return plain(res, 404, 'not found (no such asset, or not downloaded and verified yet)');
  const sha = m![1]!;
  const etag = `"${sha}"`;
  const base = {
    ...securityHeaders,
    'Content-Type': found.mime,
    'Accept-Ranges': 'bytes',
    ETag: etag,
    // Content-addressed: the bytes under this name never change.
    'Cache-Control': 'public, max-age=31536000, immutable',
  };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, base);
    return void res.end();
  }
  // If-Range with another validator means the page holds other bytes: send the whole file.
  const ifRange = req.headers['if-range'];
  const range = ifRange !== undefined && ifRange !== etag ? { kind: 'whole' as const } : parseRange(req.headers.range, found.bytes);
  if (range.kind === 'unsatisfiable') {
    res.writeHead(416, { ...base, 'Content-Range': `bytes */${found.bytes}`, 'Content-Type': 'text/plain; charset=utf-8' });
    return void res.end('range not satisfiable');
  }
  const [status, start, end] = range.kind === 'part' ? [206, range.start, range.end] : [200, 0, found.bytes - 1];
  res.writeHead(status, {
    ...base,
    'Content-Length': String(end - start + 1),
    ...(status === 206 ? { 'Content-Range': `bytes ${start}-${end}/${found.bytes}` } : {}),
  });
  if (req.method === 'HEAD' || found.bytes === 0) return void res.end();
  const stream = createReadStream(found.file, { start, end });
  // The file vanished between the lookup and the open (evicted): the client sees a cut response, never other bytes.
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

function plain(res: ServerResponse, status: number, text: string) {
  res.writeHead(status, { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}
