// Serving the built renderer from disk, with one set of rules for both servers of the kiosk UI: the agent's HTTP
// server (serveStatic) and the Electron shell's atrium:// scheme (findStaticFile, answered as a fetch Response).
// No escape from the UI folder, client-side routes get index.html, missing assets get a 404, hashed assets are
// cached for good. The page holds no secret, so serving it needs no token; the agent's Host check still applies.
import { createReadStream, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { securityHeaders } from './security-headers.ts';

export const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.jpg': 'image/jpeg', '.webp': 'image/webp', '.woff2': 'font/woff2', '.wasm': 'application/wasm', '.ico': 'image/x-icon',
  '.tflite': 'application/octet-stream', '.task': 'application/octet-stream', '.onnx': 'application/octet-stream',
};

/** A file to send, with its response headers; or why there is none (status and a plain-text body). */
export type StaticLookup =
  | { found: true; file: string; size: number; headers: Record<string, string> }
  | { found: false; status: 400 | 404 | 503; text: string };

export function findStaticFile(uiDir: string, urlPath: string): StaticLookup {
  const root = path.resolve(uiDir);
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { found: false, status: 400, text: 'bad path' };
  }
  const candidate = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  if (candidate !== root && !candidate.startsWith(root + path.sep)) return { found: false, status: 404, text: 'not found' };
  let file = candidate;
  let stat = statOrNull(file);
  if (!stat || stat.isDirectory()) {
    // Client-side routes (no file extension) get the app shell; missing assets get a 404.
    if (path.extname(decoded) !== '' && !stat) return { found: false, status: 404, text: 'not found' };
    file = path.join(root, 'index.html');
    stat = statOrNull(file);
    if (!stat) return { found: false, status: 503, text: `the kiosk UI is not built: no ${file} (run npm run build)` };
  }
  const immutable = file.includes(`${path.sep}assets${path.sep}`);
  return {
    found: true,
    file,
    size: stat.size,
    headers: {
      ...securityHeaders,
      'Content-Type': contentTypes[path.extname(file)] ?? 'application/octet-stream',
      'Content-Length': String(stat.size),
      'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    },
  };
}

/** Models the page loads itself (the MediaPipe face detector), served from the models folder; see models/README.md. */
const PAGE_MODEL = /^\/models\/[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.(?:tflite|task)$/;

/** The agent's static route: the UI folder, and the page's own models under /models/ when a models folder is set. */
export function serveStatic(uiDir: string, urlPath: string, res: ServerResponse, modelsDir?: string): void {
  if (modelsDir && urlPath.startsWith('/models/')) {
    if (!PAGE_MODEL.test(urlPath)) return plain(res, 404, 'not found');
    return serveStatic(modelsDir, urlPath.slice('/models'.length), res);
  }
  const lookup = findStaticFile(uiDir, urlPath);
  if (!lookup.found) return plain(res, lookup.status, lookup.text);
  res.writeHead(200, lookup.headers);
  createReadStream(lookup.file).pipe(res);
}

function statOrNull(file: string) {
  try {
    return statSync(file);
  } catch {
    return null;
  }
}

function plain(res: ServerResponse, status: number, text: string) {
  res.writeHead(status, { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}
