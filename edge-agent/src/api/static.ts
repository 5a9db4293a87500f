// Serves the built renderer. The page holds no secret, so serving it needs no token; the Host check in the
// server still applies (DNS rebinding).
import { createReadStream, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { securityHeaders } from './headers.ts';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.jpg': 'image/jpeg', '.webp': 'image/webp', '.woff2': 'font/woff2', '.wasm': 'application/wasm', '.ico': 'image/x-icon',
  '.tflite': 'application/octet-stream', '.task': 'application/octet-stream', '.onnx': 'application/octet-stream',
};

/** Models the page loads itself (the MediaPipe face detector), served from the models folder; see models/README.md. */
const PAGE_MODEL = /^\/models\/[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.(?:tflite|task)$/;

export function serveStatic(uiDir: string, urlPath: string, res: ServerResponse, modelsDir?: string): void {
  if (modelsDir && urlPath.startsWith('/models/')) {
    if (!PAGE_MODEL.test(urlPath)) return plain(res, 404, 'not found');
    return serveStatic(modelsDir, urlPath.slice('/models'.length), res);
  }
  const root = path.resolve(uiDir);
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return plain(res, 400, 'bad path');
  }
  const candidate = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  if (candidate !== root && !candidate.startsWith(root + path.sep)) return plain(res, 404, 'not found');
  let file = candidate;
  let stat = statOrNull(file);
  if (!stat || stat.isDirectory()) {
    // Client-side routes (no file extension) get the app shell; missing assets get a 404.
    if (path.extname(decoded) !== '' && !stat) return plain(res, 404, 'not found');
    file = path.join(root, 'index.html');
    stat = statOrNull(file);
    if (!stat) return plain(res, 503, `the kiosk UI is not built: no ${file} (run npm run build)`);
  }
  const ext = path.extname(file);
  const immutable = file.includes(`${path.sep}assets${path.sep}`);
  res.writeHead(200, {
    ...securityHeaders,
    'Content-Type': types[ext] ?? 'application/octet-stream',
    'Content-Length': stat.size,
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  createReadStream(file).pipe(res);
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

/** The content types above, for the Electron shell, which serves the same files over its atrium:// scheme. */
export { types as contentTypes };
