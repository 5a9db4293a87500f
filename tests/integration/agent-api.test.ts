// The real agent process on a real SQLite file, called over loopback HTTP as the kiosk page would.
import { request } from 'node:http';
import { existsSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { connect } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Health } from '../../contracts/api.ts';
import { SCHEMA_VERSION } from '../../edge-agent/src/db/migrations.ts';
import { demoMembers } from '../../common/demo/catalog.ts';
import { startAgentProcess, type AgentProcess } from '../support/agent-process.ts';
import { dbDigest } from '../support/db-digest.ts';

let agent: AgentProcess;

beforeAll(async () => {
  agent = await startAgentProcess();
});
afterAll(async () => {
  await agent?.stop();
});

/** Raw HTTP so tests can set headers fetch forbids (Host) and send arbitrary bodies. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw answers (good and malformed requests alike), walked by the tests and checked by expect() at run time
function raw(opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<{ status: number; body: any; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: agent.port, method: opts.method ?? 'POST', path: opts.path, headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          /* not JSON */
        }
        resolve({ status: res.statusCode ?? 0, body, headers: res.headers });
      });
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const json = { 'Content-Type': 'application/json' };
const auth = () => ({ ...json, Authorization: `Bearer ${agent.secret}` });

describe('health', () => {
  it('answers status ok with versions and no personal data or secrets', async () => {
    const res = await fetch(new URL('/health', agent.url));
    expect(res.status).toBe(200);
    const text = await res.text();
    const health = Health.parse(JSON.parse(text));
    expect(health.status).toBe('ok');
    expect(health.versions.node).toMatch(/^24\./);
    expect(health.versions.schema).toBe(SCHEMA_VERSION);
    expect(health.versions.catalog).toBe(1);
    for (const m of demoMembers()) {
      expect(text).not.toContain(m.name);
      expect(text).not.toContain(m.id);
    }
    expect(text).not.toContain(agent.secret);
  });
});

describe('API methods on the demo catalog', () => {
  it('bootstraps the kiosk with the mall, device and display config', async () => {
    const res = await agent.call('kiosk.bootstrap', {});
    expect(res.status).toBe(200);
    expect(res.body.data.mall.name.zh).toBe('星河广场');
    expect(res.body.data.display).toMatchObject({ role: 'guide', language: 'zh-CN', idleTimeoutSec: 60 });
    expect(res.body.data.floors).toEqual(['B1', '1F', '2F', '3F', '4F', '5F', '6F']);
  });

  it('lists running promotions, highest priority first, with their store and coupons', async () => {
    const res = await agent.call('promotions.list', { limit: 50 });
    const promos = res.body.data.promotions as { campaignId: string; store: { floor: string } | null; coupons: unknown[] }[];
    expect(promos.map((p) => p.campaignId)).toEqual(['cp-winter-sale', 'cp-hotpot-night', 'cp-coffee-bogo', 'cp-run-club', 'cp-beauty-gold', 'cp-movie-points', 'cp-kids-fun']);
    expect(promos[1]!.store).toEqual({ id: 's-hotpot', name: { zh: '蜀香火锅', en: 'Shu Spice Hotpot' }, floor: '5F', unit: '5F-01' });
    expect(promos.every((p) => p.coupons.length === 1)).toBe(true);
  });

  it('searches stores by Chinese name, English name, keyword, category and floor', async () => {
    const names = async (params: object) => ((await agent.call('stores.search', params)).body.data.stores as { id: string }[]).map((s) => s.id);
    expect(await names({ query: '咖啡' })).toEqual(['s-beanstalk']);
    expect(await names({ query: 'coffee' })).toEqual(['s-beanstalk']);
    expect(await names({ query: 'HOTPOT' })).toEqual(['s-hotpot']);
    expect(await names({ category: 'kids' })).toEqual(['s-tinytoes', 's-toyland', 's-playzone', 's-artkids']);
    expect(await names({ floor: 'B1', category: 'cafe' })).toEqual(['s-bubbletea', 's-bakery']);
    expect(await names({ query: '%' })).toEqual([]);
    expect(await names({ query: 'zzz-nothing' })).toEqual([]);
    const all = await agent.call('stores.search', {});
    expect(all.body.data.stores).toHaveLength(36);
    const counts = Object.fromEntries((all.body.data.categories as { category: string; count: number }[]).map((c) => [c.category, c.count]));
    expect(counts).toMatchObject({ dining: 7, kids: 4, fashion: 4, cinema: 1 });
  });
});

describe('refused requests name the problem and change nothing', () => {
  const cases: { name: string; req: () => Parameters<typeof raw>[0]; status: number; code: string; message: RegExp }[] = [
    { name: 'no secret', req: () => ({ path: '/api/v1/stores.search', headers: json, body: '{}' }), status: 401, code: 'unauthorized', message: /Authorization/ },
    { name: 'wrong secret', req: () => ({ path: '/api/v1/stores.search', headers: { ...json, Authorization: 'Bearer not-the-secret' }, body: '{}' }), status: 401, code: 'unauthorized', message: /wrong kiosk secret/ },
    { name: 'another web origin, even with the secret', req: () => ({ path: '/api/v1/stores.search', headers: { ...auth(), Origin: 'https://evil.example' }, body: '{}' }), status: 403, code: 'forbidden_origin', message: /evil\.example/ },
    { name: 'a cross-site fetch', req: () => ({ path: '/api/v1/stores.search', headers: { ...auth(), 'Sec-Fetch-Site': 'cross-site' }, body: '{}' }), status: 403, code: 'forbidden_origin', message: /cross-site/ },
    { name: 'a rebound DNS name in Host', req: () => ({ path: '/api/v1/stores.search', headers: { ...auth(), Host: `attacker.example:${agent.port}` }, body: '{}' }), status: 421, code: 'bad_host', message: /Host/ },
    { name: 'a CORS preflight', req: () => ({ method: 'OPTIONS', path: '/api/v1/stores.search', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' } }), status: 403, code: 'forbidden_origin', message: /evil/ },
    { name: 'malformed JSON', req: () => ({ path: '/api/v1/stores.search', headers: auth(), body: '{"query": "咖' }), status: 400, code: 'bad_request', message: /not valid JSON/ },
    { name: 'a wrong type', req: () => ({ path: '/api/v1/stores.search', headers: auth(), body: '{"query": 42}' }), status: 400, code: 'invalid_params', message: /query: .*expected string/ },
    { name: 'an unknown category', req: () => ({ path: '/api/v1/stores.search', headers: auth(), body: '{"category": "casino"}' }), status: 400, code: 'invalid_params', message: /category/ },
    { name: 'an unexpected field', req: () => ({ path: '/api/v1/stores.search', headers: auth(), body: '{"query": "a", "drop": "table"}' }), status: 400, code: 'invalid_params', message: /drop/ },
    { name: 'an over-long query', req: () => ({ path: '/api/v1/stores.search', headers: auth(), body: JSON.stringify({ query: 'x'.repeat(41) }) }), status: 400, code: 'invalid_params', message: /at most 40/ },
    { name: 'an unknown method', req: () => ({ path: '/api/v1/members.delete', headers: auth(), body: '{}' }), status: 404, code: 'not_found', message: /members\.delete/ },
    { name: 'a GET on the API', req: () => ({ method: 'GET', path: '/api/v1/stores.search', headers: auth() }), status: 405, code: 'bad_request', message: /POST/ },
    { name: 'a form post', req: () => ({ path: '/api/v1/stores.search', headers: { ...auth(), 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'query=a' }), status: 415, code: 'bad_request', message: /application\/json/ },
    { name: 'a huge body', req: () => ({ path: '/api/v1/stores.search', headers: auth(), body: JSON.stringify({ query: 'a', pad: 'x'.repeat(200_000) }) }), status: 413, code: 'payload_too_large', message: /bytes/ },
    { name: 'a pairing code never minted', req: () => ({ path: '/api/pair', headers: json, body: JSON.stringify({ code: 'A'.repeat(32) }) }), status: 401, code: 'unauthorized', message: /pairing code/ },
    { name: 'minting a pairing code without the secret', req: () => ({ path: '/api/pairing-codes', headers: json, body: '{}' }), status: 401, code: 'unauthorized', message: /Authorization/ },
  ];

  for (const c of cases) {
    it(`refuses ${c.name}`, async () => {
      const before = dbDigest(agent.dataDir);
      const res = await raw(c.req());
      expect(res.status).toBe(c.status);
      expect(res.body).toMatchObject({ ok: false, error: { code: c.code } });
      expect(res.body.error.message).toMatch(c.message);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(dbDigest(agent.dataDir)).toBe(before);
    });
  }

  it('lists every field problem with its path', async () => {
    const res = await raw({ path: '/api/v1/stores.search', headers: auth(), body: '{"query": 1, "floor": "9Z"}' });
    expect(res.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['floor', 'query']);
  });
});

describe('pairing a browser kiosk', () => {
  it('trades a single-use code for the secret exactly once', async () => {
    const url = await agent.pairUrl();
    const code = new URL(url).hash.replace('#pair=', '');
    const first = await raw({ path: '/api/pair', headers: json, body: JSON.stringify({ code }) });
    expect(first.status).toBe(200);
    expect(first.body.data.secret).toBe(agent.secret);
    const again = await raw({ path: '/api/pair', headers: json, body: JSON.stringify({ code }) });
    expect(again.status).toBe(401);
  });
});

describe('serving the UI', () => {
  it('serves the app shell with a strict CSP and refuses paths outside the UI folder', async () => {
    const page = await raw({ method: 'GET', path: '/' });
    expect(page.status).toBe(200);
    expect(String(page.body)).toContain('<div id="root">');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect((await raw({ method: 'GET', path: '/assets/missing.js' })).status).toBe(404);
    expect((await raw({ method: 'GET', path: '/../../package.json' })).body).not.toContain('"devDependencies"');
    expect((await raw({ method: 'GET', path: '/%2e%2e/%2e%2e/package.json' })).body).not.toContain('"devDependencies"');
  });
});

describe('network exposure', () => {
  it('listens on loopback only', async () => {
    const external = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal);
    if (!external) return expect.fail('this machine has no non-loopback IPv4 address to try');
    const outcome = await new Promise<string>((resolve) => {
      const socket = connect({ host: external.address, port: agent.port });
      socket.once('connect', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
    });
    expect(outcome).toBe('ECONNREFUSED');
  });
});

describe('lifecycle', () => {
  it('stops cleanly on SIGTERM and keeps its data for the next start', async () => {
    const own = await startAgentProcess();
    const runFile = path.join(own.dataDir, 'run', 'agent.json');
    expect(existsSync(runFile)).toBe(true);
    const code = await own.stop('SIGTERM');
    expect(code).toBe(0);
    expect(own.logs.some((l) => l.includes('"msg":"stopped"'))).toBe(true);
    expect(existsSync(runFile)).toBe(false);
    const digestAfterStop = dbDigest(own.dataDir);

    const again = await startAgentProcess({ dataDir: own.dataDir });
    expect(again.logs.some((l) => l.includes('database migrated'))).toBe(false);
    expect(again.logs.some((l) => l.includes('demo catalog seeded'))).toBe(false);
    expect(again.secret).not.toBe(own.secret);
    const res = await again.call('stores.search', { query: '火锅' });
    expect(res.body.data.stores[0].id).toBe('s-hotpot');
    await again.stop();
    expect(dbDigest(own.dataDir)).not.toBe(digestAfterStop); // the second start recorded its device.started event
  });

  it('still announces readiness (and nothing else at info) when the log level is error', async () => {
    const quiet = await startAgentProcess({ env: { ATRIUM_LOG_LEVEL: 'error' } });
    await quiet.stop();
    const lines = quiet.logs.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { msg: string });
    expect(lines.map((l) => l.msg)).toEqual(['agent ready']);
  });

  it('writes structured JSON log lines', () => {
    const lines = agent.logs.filter((l) => l.startsWith('{'));
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ ts: expect.any(String), level: expect.any(String), msg: expect.any(String) });
  });
});
