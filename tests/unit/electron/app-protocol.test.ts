// The atrium://app scheme handler (shell/electron/app-protocol.ts), called with real fetch Requests: the built UI is
// served from real files, and API calls are forwarded to a real HTTP server on loopback standing in for the
// agent's port, so the headers that actually arrive there are checked (kiosk-real-agent.test.ts forwards to
// the real edge agent).
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { appProtocolHandler, appScheme, appUrl, forwardRefusal, isForwarded } from '../../../shell/electron/app-protocol.ts';

vi.mock('electron', () => ({}));

let uiDir: string;
let server: Server;
let origin: string;
const seen: Array<{ method: string; url: string; headers: IncomingHttpHeaders; body: string }> = [];

beforeAll(async () => {
  uiDir = mkdtempSync(path.join(tmpdir(), 'atrium-ui-'));
  mkdirSync(path.join(uiDir, 'assets'));
  writeFileSync(path.join(uiDir, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(path.join(uiDir, 'assets', 'app-1234.js'), 'console.log(1)');
  writeFileSync(path.join(uiDir, 'assets', 'qr.wasm'), Buffer.from([0, 97, 115, 109]));
  writeFileSync(path.join(tmpdir(), 'outside-ui.txt'), 'secret');
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      res.writeHead(req.url === '/api/v1/missing' ? 404 : 200, { 'Content-Type': 'application/json; charset=utf-8', 'Set-Cookie': 'x=1', 'Access-Control-Allow-Origin': '*' });
      res.end(JSON.stringify({ ok: true, data: { echo: body } }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const handler = (agent: () => string | null = () => origin, extra: Partial<Parameters<typeof appProtocolHandler>[0]> = {}) => appProtocolHandler({ uiDir, agentOrigin: agent, ...extra });
const post = (p: string, body: string, headers: Record<string, string> = {}) =>
  new Request(`atrium://app${p}`, { method: 'POST', body, headers: { 'Content-Type': 'application/json', Authorization: 'Bearer s3cret', ...headers } });

describe('the scheme', () => {
  it('is standard and secure (a real origin, a secure context for the camera), not CSP-exempt, without service workers', () => {
    expect(appScheme).toEqual({ scheme: 'atrium', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true, bypassCSP: false, allowServiceWorkers: false, allowExtensions: false }) });
    expect(appUrl()).toBe('atrium://app/');
    expect(appUrl('wall')).toBe('atrium://app/?role=wall');
  });

  it('forwards only the agent’s own paths', () => {
    expect(['/api', '/api/v1/kiosk.bootstrap', '/api/pair', '/health', '/models/blaze_face_short_range.tflite'].every(isForwarded)).toBe(true);
    expect(['/', '/index.html', '/assets/app.js', '/apis', '/healthz'].some(isForwarded)).toBe(false);
  });
});

describe('serving the built UI', () => {
  it('serves files with the kiosk CSP and their content type; client routes get index.html', async () => {
    const h = handler();
    const js = await h(new Request('atrium://app/assets/app-1234.js'));
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect(js.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect((await h(new Request('atrium://app/assets/qr.wasm'))).headers.get('content-type')).toBe('application/wasm');
    const route = await h(new Request('atrium://app/member/home?role=wall'));
    expect(await route.text()).toContain('id="root"');
    expect(route.headers.get('cache-control')).toBe('no-cache');
  });

  it('never serves a file outside the UI folder, and 404s missing assets', async () => {
    const h = handler();
    for (const p of ['/../outside-ui.txt', '/%2e%2e/outside-ui.txt', '/assets/../../outside-ui.txt']) {
      const res = await h(new Request(`atrium://app${p}`));
      expect(await res.text()).not.toBe('secret');
    }
    expect((await h(new Request('atrium://app/assets/missing.js'))).status).toBe(404);
    expect((await h(new Request('atrium://app/%E0%A4%A'))).status).toBe(400);
  });

  it('refuses other hosts on the scheme and writes to files', async () => {
    const h = handler();
    expect((await h(new Request('atrium://other/index.html'))).status).toBe(404);
    expect((await h(new Request('atrium://app/index.html', { method: 'PUT', body: 'x' }))).status).toBe(405);
  });

  it('says the UI is not built (503) rather than showing nothing', async () => {
    const res = await appProtocolHandler({ uiDir: path.join(uiDir, 'nope'), agentOrigin: () => origin })(new Request('atrium://app/'));
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run build');
  });
});

describe('forwarding to the agent', () => {
  it('forwards method, path, query, body, Content-Type and Authorization; never the page’s Origin, Cookie or Referer', async () => {
    seen.length = 0;
    const res = await handler()(post('/api/v1/stores.search?x=1', '{"q":"咖啡"}', { Origin: 'atrium://app', Cookie: 'a=b', Referer: 'atrium://app/', 'Sec-Fetch-Site': 'same-origin' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, data: { echo: '{"q":"咖啡"}' } });
    const got = seen[0]!;
    expect([got.method, got.url]).toEqual(['POST', '/api/v1/stores.search?x=1']);
    expect(got.headers.authorization).toBe('Bearer s3cret');
    expect(got.headers['content-type']).toBe('application/json');
    expect(got.headers.host).toBe(new URL(origin).host);
    expect(got.headers.origin).toBeUndefined();
    expect(got.headers.cookie).toBeUndefined();
    expect(got.headers.referer).toBeUndefined();
    expect(got.headers['sec-fetch-site']).toBeUndefined();
    // The agent's answer reaches the page with the kiosk headers, without the agent's cookies or CORS grants.
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('passes the agent’s status through', async () => {
    expect((await handler()(post('/api/v1/missing', '{}'))).status).toBe(404);
  });

  it('refuses a foreign Origin or a cross-site fetch before anything reaches the agent', async () => {
    seen.length = 0;
    const foreign = await handler()(post('/api/v1/kiosk.bootstrap', '{}', { Origin: 'https://evil.example' }));
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ ok: false, error: { code: 'forbidden_origin' } });
    expect((await handler()(post('/api/v1/kiosk.bootstrap', '{}', { Origin: 'http://127.0.0.1:1' }))).status).toBe(403);
    expect((await handler()(post('/api/v1/kiosk.bootstrap', '{}', { 'Sec-Fetch-Site': 'cross-site' }))).status).toBe(403);
    expect(seen).toEqual([]);
    expect(forwardRefusal(new Headers({ Origin: 'atrium://app', 'Sec-Fetch-Site': 'same-origin' }))).toBeNull();
    expect(forwardRefusal(new Headers())).toBeNull();
  });

  it('refuses an oversized body with 413', async () => {
    seen.length = 0;
    const res = await handler(() => origin, { maxBodyBytes: 10 })(post('/api/v1/wall.classify', '{"rgb":"0123456789"}'));
    expect(res.status).toBe(413);
    expect(seen).toEqual([]);
  });

  it('answers a network error while the agent is down or not answering (the page shows "unavailable")', async () => {
    expect((await handler(() => null)(post('/api/v1/kiosk.bootstrap', '{}'))).type).toBe('error');
    expect((await handler(() => 'http://127.0.0.1:1')(post('/api/v1/kiosk.bootstrap', '{}'))).type).toBe('error');
  });

  it('forwards the models the page loads as GET', async () => {
    seen.length = 0;
    const res = await handler()(new Request('atrium://app/models/blaze_face_short_range.tflite'));
    expect(res.status).toBe(200);
    expect(seen[0]).toMatchObject({ method: 'GET', url: '/models/blaze_face_short_range.tflite' });
  });
});
