// HQ's content host against the real server: whole file, byte ranges (206 + Content-Range, suffix and open
// ranges), 416 for ranges outside the file or malformed, several ranges answered whole, 404 for unknown content
// and paths, ETag with If-None-Match (304) and If-Range, HEAD, the type from magic bytes, and a clean stop.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentDir, parseRange, startContentHost, type ContentHost } from '../../hq-sim/src/content-host.ts';

/** 1000 bytes that start like a PNG. */
const BODY = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(Array.from({ length: 992 }, (_, i) => i % 251))]);
const SHA = createHash('sha256').update(BODY).digest('hex');

describe('parseRange', () => {
  it.each([
    [undefined, null],
    ['bytes=0-9', { start: 0, end: 9 }],
    ['bytes=990-', { start: 990, end: 999 }],
    ['bytes=-10', { start: 990, end: 999 }],
    ['bytes=-5000', { start: 0, end: 999 }],
    ['bytes=500-5000', { start: 500, end: 999 }],
    ['bytes=999-999', { start: 999, end: 999 }],
    ['bytes=1000-', 'unsatisfiable'],
    ['bytes=5-4', 'unsatisfiable'],
    ['bytes=-0', 'unsatisfiable'],
    ['bytes=abc', 'unsatisfiable'],
    ['bytes=-', 'unsatisfiable'],
    ['bytes=0-1,5-6', null],
    ['items=0-1', null],
  ] as const)('%s', (header, expected) => {
    expect(parseRange(header, 1000)).toEqual(expected);
  });
});

type Reply = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer };
function get(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the content host', () => {
  let dir: string;
  let host: ContentHost;
  const url = () => host.baseUrl + SHA;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'atrium-content-host-'));
    mkdirSync(contentDir(dir));
    writeFileSync(path.join(contentDir(dir), SHA), BODY);
    host = await startContentHost({ dataDir: dir });
  });
  afterAll(async () => {
    await host.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the whole file with its type, length, ETag and Accept-Ranges', async () => {
    expect(host.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/content\/$/);
    const r = await get(url());
    expect(r.status).toBe(200);
    expect(r.body.equals(BODY)).toBe(true);
    expect(r.headers).toMatchObject({ 'content-type': 'image/png', 'content-length': '1000', 'accept-ranges': 'bytes', etag: `"${SHA}"` });
  });

  it.each([
    ['bytes=0-9', 0, 9],
    ['bytes=990-', 990, 999],
    ['bytes=-100', 900, 999],
    ['bytes=500-99999', 500, 999],
  ])('Range %s: 206 with Content-Range and exactly those bytes', async (range, start, end) => {
    const r = await get(url(), { Range: range });
    expect(r.status).toBe(206);
    expect(r.headers['content-range']).toBe(`bytes ${start}-${end}/1000`);
    expect(r.headers['content-length']).toBe(String(end - start + 1));
    expect(r.body.equals(BODY.subarray(start, end + 1))).toBe(true);
  });

  it.each(['bytes=1000-', 'bytes=2000-3000', 'bytes=9-3', 'bytes=x-y'])('Range %s: 416 with the size', async (range) => {
    const r = await get(url(), { Range: range });
    expect(r.status).toBe(416);
    expect(r.headers['content-range']).toBe('bytes */1000');
    expect(r.body.length).toBe(0);
  });

  it('several ranges, or a unit it does not know: the whole file', async () => {
    for (const range of ['bytes=0-1,5-6', 'pages=1-2']) {
      const r = await get(url(), { Range: range });
      expect([r.status, r.body.length]).toEqual([200, 1000]);
    }
  });

  it('If-None-Match with the ETag: 304; If-Range with another validator: the whole file', async () => {
    expect((await get(url(), { 'If-None-Match': `"${SHA}"` })).status).toBe(304);
    expect((await get(url(), { 'If-None-Match': '"other"' })).status).toBe(200);
    const same = await get(url(), { Range: 'bytes=0-9', 'If-Range': `"${SHA}"` });
    expect([same.status, same.body.length]).toEqual([206, 10]);
    const other = await get(url(), { Range: 'bytes=0-9', 'If-Range': '"not-it"' });
    expect([other.status, other.body.length]).toEqual([200, 1000]);
  });

  it('HEAD: the headers without the body; other methods: 405', async () => {
    const r = await get(url(), {}, 'HEAD');
    expect([r.status, r.headers['content-length'], r.body.length]).toEqual([200, '1000', 0]);
    expect((await get(url(), {}, 'DELETE')).status).toBe(405);
  });

  it.each([
    ['an unknown sha256', () => host.baseUrl + 'a'.repeat(64)],
    ['a name that is no sha256', () => host.baseUrl + 'passwd'],
    ['a path outside /content/', () => host.baseUrl.replace('/content/', '/') + SHA],
    ['an escape attempt', () => host.baseUrl + '..%2f..%2fhq.db'],
  ])('404 for %s', async (_name, target) => {
    expect((await get(target())).status).toBe(404);
  });

  it('stops cleanly, even with a connection held open', async () => {
    const other = await startContentHost({ dataDir: dir });
    // A client mid-request (headers half sent) would keep a plain server.close() waiting.
    const idle = connect(other.port, '127.0.0.1');
    await new Promise((resolve) => idle.once('connect', resolve));
    idle.write(`GET /content/${SHA} HTTP/1.1\r\nHost: x\r\n`);
    idle.on('error', () => {});
    await other.stop();
    expect(idle.destroyed || idle.readableEnded || (await new Promise((resolve) => idle.once('close', () => resolve(true))))).toBeTruthy();
    await expect(get(other.baseUrl + SHA)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('takes the port it is asked for, or another when that one is taken', async () => {
    const again = await startContentHost({ dataDir: dir, port: host.port });
    try {
      expect(again.port).not.toBe(host.port);
      expect((await get(again.baseUrl + SHA)).status).toBe(200);
    } finally {
      await again.stop();
    }
  });
});
