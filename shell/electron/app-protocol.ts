// The kiosk UI's own scheme, atrium://app/. The shell serves the built renderer (dist/renderer) from disk and
// forwards /api/*, /health and /models/* to the edge agent on http://127.0.0.1:PORT. So the page's origin never
// changes when the agent restarts on another port, the page loads (and shows its own "unavailable" screen) while
// the agent is down, and nothing is loaded from file://.
//
// Origin checks: the page's requests carry `Origin: atrium://app`. This handler refuses any other Origin (and
// cross-site Sec-Fetch-Site) itself, then forwards the call over loopback WITHOUT the page's Origin, Cookie or
// Referer, the way any non-browser client calls the agent. The agent's own checks stay as they are: Host must be
// 127.0.0.1:PORT, a browser Origin other than the agent's own is refused, and every call needs the per-start secret.
// A web page in some other browser on the machine therefore still cannot use the API (wrong Origin at the
// agent, no secret), and no page can reach this scheme except the kiosk's own windows.
import { readFile } from 'node:fs/promises';
import type { CustomScheme } from 'electron';
import { securityHeaders } from '../../common/node/security-headers.ts';
import { findStaticFile } from '../../common/node/static-files.ts';
import type { ShellLogger } from '../core/log.ts';
import { APP_HOST, APP_ORIGIN, APP_SCHEME } from './origin.ts';

/**
 * Registered before app 'ready'. standard: real origin, relative URLs and storage; secure: a secure context
 * (the wall's camera needs one); supportFetchAPI + corsEnabled: fetch(), module scripts and module workers work;
 * stream: large files stream. Not bypassCSP (the page's CSP applies), no service workers, no extensions.
 */
export const appScheme: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true, codeCache: true, bypassCSP: false, allowServiceWorkers: false, allowExtensions: false },
};

/** The URL a window of this role loads; no role = whatever role the agent's configuration gives the device. */
export function appUrl(role: string | null = null): string {
  return role ? `${APP_ORIGIN}/?role=${encodeURIComponent(role)}` : `${APP_ORIGIN}/`;
}

export type AppProtocolOptions = {
  uiDir: string;
  /** http://127.0.0.1:PORT while the agent is up, null while it is down or restarting. */
  agentOrigin: () => string | null;
  log?: ShellLogger;
  fetchFn?: typeof fetch;
  maxBodyBytes?: number;
  timeoutMs?: number;
};

type Handler = (request: Request) => Promise<Response>;

const forwardedRequestHeaders = ['content-type', 'authorization', 'accept'];
const forwardedResponseHeaders = ['content-type', 'cache-control'];

export function appProtocolHandler(opts: AppProtocolOptions): Handler {
  const fetchFn = opts.fetchFn ?? fetch;
  const maxBody = opts.maxBodyBytes ?? 1024 * 1024;
  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return text(400, 'bad URL');
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host.toLowerCase() !== APP_HOST) return text(404, 'not found');
    if (isForwarded(url.pathname)) return forward(request, url);
    if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, `${request.method} is not served here`);
    return serveFile(opts.uiDir, url.pathname, request.method === 'HEAD');
  };

  async function forward(request: Request, url: URL): Promise<Response> {
    const refusal = forwardRefusal(request.headers);
    if (refusal) {
      opts.log?.warn('app protocol refused an API call', { reason: refusal });
      return json(403, { ok: false, error: { code: 'forbidden_origin', message: refusal } });
    }
    const agent = opts.agentOrigin();
    // A network error, as if the agent's port were closed: the page shows its "unavailable" screen and retries.
    if (!agent) return Response.error();
    let body: ArrayBuffer | undefined;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      body = await request.arrayBuffer();
      if (body.byteLength > maxBody) return json(413, { ok: false, error: { code: 'payload_too_large', message: `request body over ${maxBody} bytes` } });
    }
    const headers = new Headers();
    for (const name of forwardedRequestHeaders) {
      const value = request.headers.get(name);
      if (value !== null) headers.set(name, value);
    }
    let res: Response;
    try {
      res = await fetchFn(`${agent}${url.pathname}${url.search}`, {
        method: request.method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
      });
    } catch (err) {
      opts.log?.warn('the edge agent did not answer a proxied call', { path: url.pathname, err });
      return Response.error();
    }
    const out = new Headers(securityHeaders);
    for (const name of forwardedResponseHeaders) {
      const value = res.headers.get(name);
      if (value !== null) out.set(name, value);
    }
    return new Response(await res.arrayBuffer(), { status: res.status, headers: out });
  }
}

/** Paths the agent answers: its API, its health check and the models the page loads (the face detector). */
export function isForwarded(pathname: string): boolean {
  return pathname === '/health' || pathname === '/api' || pathname.startsWith('/api/') || pathname.startsWith('/models/');
}

/** Why a call to atrium://app/api may not be forwarded, or null when it may. */
export function forwardRefusal(headers: Headers): string | null {
  const origin = headers.get('origin');
  if (origin !== null && origin !== APP_ORIGIN) return `origin ${origin} may not call the kiosk API`;
  const site = headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin' && site !== 'none') return `cross-site API calls are refused (Sec-Fetch-Site: ${site})`;
  return null;
}

/** The built renderer, by the agent's own rules (common/node/static-files.ts). */
export async function serveFile(uiDir: string, urlPath: string, headOnly = false): Promise<Response> {
  const lookup = findStaticFile(uiDir, urlPath);
  if (!lookup.found) return text(lookup.status, lookup.text);
  return new Response(headOnly ? null : await readFile(lookup.file), { status: 200, headers: new Headers(lookup.headers) });
}

function text(status: number, body: string): Response {
  return new Response(body, { status, headers: { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' } });
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...securityHeaders, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' } });
}
