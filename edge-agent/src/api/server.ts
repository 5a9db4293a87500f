// The local API: loopback only, Host-checked (DNS rebinding), Origin-checked (other web pages), and every
// /api/v1 call must carry the per-start secret. Params are parsed with the contract before any handler runs.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { API_PREFIX, apiMethods, isApiMethod, PairRequest, type ApiHandlers, type Health } from '../../../contracts/api.ts';
import { formatZodError, zodIssues } from '../../../contracts/zod-errors.ts';
import type { Logger } from '../../../common/node/log.ts';
import { DomainError } from '../errors.ts';
import { fromDomain, HttpError } from './errors.ts';
import { securityHeaders } from '../../../common/node/security-headers.ts';
import { PairingCodes } from './pairing.ts';
import { serveStatic } from '../../../common/node/static-files.ts';
import { serveContent, type ContentFiles } from './content-route.ts';


export type ApiServerOptions = {
  port: number;
  secret: string;
  uiDir: string;
  /** Folder of the installed models; the page's face detector is served from it at /models/. */
  modelsDir?: string;
  handlers: ApiHandlers;
  health: () => Health;
  log: Logger;
  /** Verified signage files, served at GET /content/<sha256> (content-route.ts). */
  content?: ContentFiles;
  /** Origins besides the server's own that may call the API (e.g. the Electron app's custom protocol). */
  extraOrigins?: string[];
  maxBodyBytes?: number;
};

export type ApiServer = { port: number; url: string; pairing: PairingCodes; close(): Promise<void> };

export async function startApiServer(opts: ApiServerOptions): Promise<ApiServer> {
  const pairing = new PairingCodes();
  const secret = Buffer.from(opts.secret);
  const maxBody = opts.maxBodyBytes ?? 64 * 1024;
  let port = opts.port;

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (err instanceof HttpError) return sendError(res, err);
      if (err instanceof DomainError) return sendError(res, fromDomain(err));
      opts.log.error('api request failed', { err, url: req.url });
      sendError(res, new HttpError(500, 'internal', 'the agent could not complete this request; see its log'));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const remote = req.socket.remoteAddress ?? '';
    if (!isLoopback(remote)) throw new HttpError(403, 'forbidden_origin', 'the local API answers loopback clients only');
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      throw new HttpError(421, 'bad_host', `unexpected Host header ${JSON.stringify(host)}; use http://127.0.0.1:${port}/`);
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname === '/health') {
      if (req.method !== 'GET') throw new HttpError(405, 'bad_request', 'use GET /health');
      return sendJson(res, 200, opts.health());
    }
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return handleApi(req, res, url.pathname);
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'bad_request', `${req.method} is not served here`);
    if (url.pathname.startsWith('/content/')) return serveContent(opts.content, url.pathname, req, res);
    serveStatic(opts.uiDir, url.pathname, res, opts.modelsDir);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, pathname: string) {
    checkOrigin(req);
    if (req.method !== 'POST') throw new HttpError(405, 'bad_request', 'API calls are POST requests with a JSON body');
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') throw new HttpError(415, 'bad_request', 'API calls need Content-Type: application/json');
    if (pathname === '/api/pair') {
      const body = PairRequest.safeParse(await readJson(req));
      if (!body.success) throw invalid(body.error);
      if (!pairing.redeem(body.data.code)) throw new HttpError(401, 'unauthorized', 'this pairing code is unknown, used or expired; restart the kiosk or ask for a new link');
      opts.log.info('kiosk page paired');
      return sendJson(res, 200, { ok: true, data: { secret: opts.secret } });
    }
    checkSecret(req);
    if (pathname === '/api/pairing-codes') {
      await readJson(req);
      return sendJson(res, 200, { ok: true, data: pairing.mint() });
    }
    if (!pathname.startsWith(API_PREFIX)) throw new HttpError(404, 'not_found', `no API at ${pathname}`);
    const method = pathname.slice(API_PREFIX.length);
    if (!isApiMethod(method)) throw new HttpError(404, 'not_found', `unknown API method ${JSON.stringify(method)}`);
    const params = apiMethods[method].params.safeParse(await readJson(req));
    if (!params.success) throw invalid(params.error);
    const handler = opts.handlers[method] as (p: unknown) => unknown;
    const data = await handler(params.data);
    sendJson(res, 200, { ok: true, data });
  }

  function checkOrigin(req: IncomingMessage) {
    const origin = req.headers.origin;
    const allowed = [`http://127.0.0.1:${port}`, `http://localhost:${port}`, ...(opts.extraOrigins ?? [])];
    if (origin !== undefined && !allowed.includes(origin)) {
      opts.log.warn('api call from a foreign origin refused', { origin });
      throw new HttpError(403, 'forbidden_origin', `origin ${origin} may not call the kiosk API`);
    }
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') {
      throw new HttpError(403, 'forbidden_origin', `cross-site API calls are refused (Sec-Fetch-Site: ${site})`);
    }
  }

  function checkSecret(req: IncomingMessage) {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer (\S+)$/.exec(header);
    if (!match) throw new HttpError(401, 'unauthorized', 'missing Authorization: Bearer <kiosk secret>');
    const given = Buffer.from(match[1]!);
    if (given.length !== secret.length || !timingSafeEqual(given, secret)) {
      throw new HttpError(401, 'unauthorized', 'wrong kiosk secret (it changes every time the agent starts)');
    }
  }

  async function readJson(req: IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > maxBody) throw new HttpError(413, 'payload_too_large', `request body over ${maxBody} bytes`);
      chunks.push(chunk as Buffer);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    if (text.trim() === '') return {};
    try {
      return JSON.parse(text);
    } catch (err) {
      throw new HttpError(400, 'bad_request', `body is not valid JSON: ${(err as Error).message}`);
    }
  }

  function sendError(res: ServerResponse, err: HttpError) {
    if (res.headersSent) return res.destroy();
    const error = { code: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}) };
    // A refused request may have left part of its body unread: close the connection rather than reuse it.
    res.setHeader('Connection', 'close');
    sendJson(res, err.status, { ok: false, error });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  opts.log.info('api listening', { port, url: `http://127.0.0.1:${port}/` });

  return {
    port,
    url: `http://127.0.0.1:${port}/`,
    pairing,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function invalid(error: z.ZodError): HttpError {
  return new HttpError(400, 'invalid_params', `invalid parameters: ${formatZodError(error, { root: '(body)' })}`, zodIssues(error, '(body)'));
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...securityHeaders, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function isLoopback(address: string): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}
