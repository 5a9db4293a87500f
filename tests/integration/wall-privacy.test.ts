// Privacy of the wall: after real wall sessions (offers and hold-out arms, bad crops, a face leaving), nothing
// image-like is in any outbox payload, any SQLite cell, any file of the data folder, the agent's log, or any MQTT
// message HQ receives. The expression reaches HQ only as hourly counts per bucket.
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceEvent } from '../../contracts/mqtt.ts';
import { WALL_EVENT_TYPES, WallCouponShownPayload, WallEngagedPayload, WallExpressionHourlyPayload, WallImpressionPayload, WallOfferWithheldPayload } from '../../contracts/wall.ts';
import { openDatabase } from '../../edge-agent/src/db/open.ts';
import { countExpression } from '../../edge-agent/src/wall/hourly.ts';
import { freshDataDir, startAgentProcess, type AgentProcess } from '../support/agent-process.ts';
import { TestHq, waitUntil } from '../support/hq-client.ts';
import { startMosquitto, type Broker } from '../support/mosquitto.ts';
import { imageLikeIn, imageLikeInText, rawLeaks, rawLeaksInFiles } from '../support/privacy-scan.ts';
import { centreCrops, type TestCrop } from '../support/wall-crops.ts';

const DEV = 'wall-1';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let crops: TestCrop[];
let dataDir: string;
let broker: Broker | undefined;
let hq: TestHq | undefined;
let agent: AgentProcess | undefined;
const agentLogs: string[] = [];

beforeAll(async () => {
  crops = await centreCrops();
  dataDir = freshDataDir('atrium-wall-privacy-');
  // Counts of an hour that is over, as a kiosk would have them after a restart: sent at start.
  const db = openDatabase(dataDir);
  countExpression(db, 'happy', new Date(Date.now() - 3_600_000));
  countExpression(db, 'sad', new Date(Date.now() - 3_600_000));
  db.close();
}, 60_000);

afterAll(async () => {
  await agent?.stop();
  await hq?.end();
  await broker?.stop();
});

async function wallCall(method: string, params: unknown) {
  const r = await agent!.call(method, params);
  return r;
}
/** A session in the wanted arm, played to a steady expression with a few odd inputs on the way. */
async function playSession(holdout: boolean, crop: TestCrop) {
  let s;
  for (let i = 0; i < 300; i++) {
    s = (await wallCall('wall.start', {})).body.data;
    if (s.experiment?.holdout === holdout) break;
    await wallCall('wall.end', { wallSession: s.wallSession, reason: 'reset' });
  }
  const c = { width: 112, height: 112, rgb: crop.base64 };
  for (let i = 0; i < 7; i++) {
    expect((await wallCall('wall.observe', { wallSession: s.wallSession, crop: c })).status).toBe(200);
    await sleep(210);
  }
  // Bad crops along the way (refused, not stored anywhere either).
  expect((await wallCall('wall.observe', { wallSession: s.wallSession, crop: { ...c, rgb: Buffer.alloc(37632).toString('base64') } })).status).toBe(400);
  expect((await wallCall('wall.observe', { wallSession: s.wallSession, crop: { ...c, rgb: c.rgb.slice(0, 100) } })).status).toBe(400);
  expect((await wallCall('wall.observe', { wallSession: s.wallSession, crop: null })).status).toBe(200);
  expect((await wallCall('wall.end', { wallSession: s.wallSession, reason: 'left' })).status).toBe(200);
  return s.wallSession as string;
}

function allCells(file: string): { where: string; value: unknown }[] {
  const db = new Database(file, { readonly: true });
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    return tables.flatMap((t) => (db.prepare(`SELECT * FROM "${t}"`).all() as Record<string, unknown>[]).flatMap((row, i) => Object.entries(row).map(([col, value]) => ({ where: `${t}[${i}].${col}`, value }))));
  } finally {
    db.close();
  }
}

describe('the scanner itself finds what it must (so a clean result means something)', () => {
  it('flags crops, pixel arrays, embeddings and long base64, and passes a wall event', () => {
    const c = crops[0]!;
    expect(imageLikeIn({ wallSession: 'abc', crop: { rgb: c.base64 } })).toEqual(expect.arrayContaining(['$.crop: suspicious key', '$.crop.rgb: suspicious key', `$.crop.rgb: base64-like string of ${c.base64.length} characters`]));
    expect(imageLikeIn({ v: Array.from({ length: 128 }, () => 0.5) })).toEqual(['$.v: array of 128 numbers']);
    expect(imageLikeIn({ embedding: [1, 2] })).toEqual(['$.embedding: suspicious key']);
    expect(rawLeaks(Buffer.concat([Buffer.from('xx'), Buffer.from(c.rgb.subarray(11_990, 12_100))]), [c], 'f')).toContain('f: 32 raw bytes of crop 0 at offset 12000');
    expect(rawLeaks(Buffer.from(`{"p":"${c.base64.slice(900, 1400)}"}`), [c], 'f')).toEqual(expect.arrayContaining(['f: 48 base64 characters of crop 0 at offset 1000', 'f: base64-like run of 500 bytes ending at 506']));
    expect(imageLikeIn({ wallSession: 'abcdefghijklmnopqrstuvwx', experiment: { id: 'x', arm: 'offers' } })).toEqual([]);
  });
});

describe('offline: outbox, SQLite and files after wall sessions', () => {
  let sessions: string[];
  beforeAll(async () => {
    agent = await startAgentProcess({ dataDir, env: { ATRIUM_ROLE: 'wall', ATRIUM_DEVICE_ID: DEV } });
    const happy = crops.find((c) => c.label === 'happy' && c.p > 0.9)!;
    const surprised = crops.find((c) => c.label === 'surprised' && c.p > 0.9)!;
    sessions = [await playSession(false, happy), await playSession(true, surprised), await playSession(false, surprised)];
    agentLogs.push(...agent.logs);
    await agent.stop();
    agent = undefined;
  }, 120_000);

  it('every outbox payload is a declared wall event (or another kiosk event) with nothing image-like', () => {
    const db = new Database(path.join(dataDir, 'atrium.db'), { readonly: true });
    const rows = db.prepare('SELECT type, payload FROM outbox ORDER BY seq').all() as { type: string; payload: string }[];
    db.close();
    const byType = (t: string) => rows.filter((r) => r.type === t).map((r) => JSON.parse(r.payload));
    expect(byType(WALL_EVENT_TYPES.impression).length).toBeGreaterThanOrEqual(3);
    byType(WALL_EVENT_TYPES.impression).forEach((p) => WallImpressionPayload.parse(p));
    expect(byType(WALL_EVENT_TYPES.engaged).map((p) => WallEngagedPayload.parse(p).wallSession).sort()).toEqual([...sessions].sort());
    expect(byType(WALL_EVENT_TYPES.couponShown).map((p) => WallCouponShownPayload.parse(p).wallSession).sort()).toEqual([sessions[0], sessions[2]].sort());
    expect(byType(WALL_EVENT_TYPES.offerWithheld).map((p) => WallOfferWithheldPayload.parse(p).wallSession)).toEqual([sessions[1]]);
    const hourly = byType(WALL_EVENT_TYPES.expressionHourly).map((p) => WallExpressionHourlyPayload.parse(p));
    expect(hourly).toEqual([{ hour: expect.any(String), counts: { happy: 1, sad: 1 } }]);
    const problems = rows.flatMap((r, i) => imageLikeInText(r.payload, `outbox[${i}] ${r.type}`));
    expect(problems).toEqual([]);
  });

  it('no SQLite cell holds anything image-like or any piece of a crop', () => {
    const cells = allCells(path.join(dataDir, 'atrium.db'));
    expect(cells.length).toBeGreaterThan(100);
    const problems = cells.flatMap(({ where, value }) =>
      typeof value === 'string' ? imageLikeInText(value, where) : Buffer.isBuffer(value) ? rawLeaks(value, crops, where) : []);
    expect(problems).toEqual([]);
  });

  it('no file of the data folder (database, WAL, run files) and no log line holds crop bytes or base64 blobs', () => {
    expect(rawLeaksInFiles(dataDir, crops)).toEqual([]);
    expect(rawLeaks(Buffer.from(agentLogs.join('\n')), crops, 'agent log')).toEqual([]);
    expect(agentLogs.join('\n')).not.toMatch(/"rgb"|"crop"/);
  });
});

describe('online: every MQTT message HQ receives', () => {
  it('drains the wall events to HQ; no message holds anything image-like; the expression arrives only as hourly counts', async () => {
    broker = await startMosquitto({ users: { hq: 'hq-secret', [DEV]: 'dev-secret' } });
    hq = await TestHq.connect(broker.url, { username: 'hq', password: 'hq-secret', subscribe: ['atrium/v1/#'] });
    agent = await startAgentProcess({
      dataDir,
      env: { ATRIUM_ROLE: 'wall', ATRIUM_DEVICE_ID: DEV, ATRIUM_HQ_URL: broker.url, ATRIUM_MQTT_USERNAME: DEV, ATRIUM_MQTT_PASSWORD: 'dev-secret', ATRIUM_HEARTBEAT_SEC: '1' },
    });
    // One more session while online, so live events go out too.
    const live = await playSession(false, crops.find((c) => c.label === 'happy' && c.p > 0.9)!);
    await waitUntil(async () => ((await (await fetch(new URL('/health', agent!.url))).json()) as { sync: { outboxDepth: number } }).sync.outboxDepth === 0, 15_000, 'outbox drained');
    const events = hq.on('/events').map((m) => DeviceEvent.parse(m.json));
    const types = new Set(events.map((e) => e.type));
    for (const t of Object.values(WALL_EVENT_TYPES)) expect(types, t).toContain(t);
    expect(events.filter((e) => e.type === WALL_EVENT_TYPES.couponShown).map((e) => e.payload.wallSession)).toContain(live);
    // Per-session events have exactly their declared fields (strict schemas): no expression, confidence or
    // probabilities; only the hourly aggregate carries expression buckets, as counts.
    const strict: Record<string, { parse(v: unknown): unknown }> = {
      [WALL_EVENT_TYPES.impression]: WallImpressionPayload, [WALL_EVENT_TYPES.engaged]: WallEngagedPayload,
      [WALL_EVENT_TYPES.couponShown]: WallCouponShownPayload, [WALL_EVENT_TYPES.offerWithheld]: WallOfferWithheldPayload,
      [WALL_EVENT_TYPES.expressionHourly]: WallExpressionHourlyPayload,
    };
    const labels = new Set(['neutral', 'happy', 'sad', 'angry', 'fearful', 'disgusted', 'surprised', 'none']);
    for (const e of events.filter((x) => x.type.startsWith('wall.'))) {
      expect(() => strict[e.type]!.parse(e.payload), e.type).not.toThrow();
      if (e.type === WALL_EVENT_TYPES.expressionHourly) continue;
      const values: unknown[] = [];
      JSON.stringify(e.payload, (_k, v: unknown) => (values.push(v), v));
      expect(values.filter((v) => typeof v === 'string' && labels.has(v)), e.type).toEqual([]);
      expect(JSON.stringify(e.payload)).not.toMatch(/"(expression|confidence|bucket|probs)"/);
    }
    expect(hq.seen.length).toBeGreaterThan(10);
    const problems = hq.seen.flatMap((m, i) => [...imageLikeInText(m.payload.toString('utf8'), `mqtt[${i}] ${m.topic}`), ...rawLeaks(m.payload, crops, `mqtt[${i}] ${m.topic}`)]);
    expect(problems).toEqual([]);
  }, 90_000);
});
