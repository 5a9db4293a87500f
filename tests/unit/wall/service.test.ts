// The wall service in-process with a controlled clock: real SQLite (demo catalog), real model files and ONNX.
// Session timeout, steadiness by time, a model installed while the agent runs, and the camera switch.
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DisplayConfig } from '../../../contracts/config.ts';
import { fromDomain } from '../../../edge-agent/src/api/errors.ts';
import { DomainError } from '../../../edge-agent/src/errors.ts';
import { offerCatalog, offerCatalogChanged } from '../../../edge-agent/src/catalog/offers.ts';
import { openDatabase, type Db } from '../../../edge-agent/src/db/open.ts';
import { assignArm } from '../../../edge-agent/src/decision/engine.ts';
import { seedDemoIfEmpty } from '../../../edge-agent/src/demo/seed.ts';
import { createLogger } from '../../../common/node/log.ts';
import { MemberService } from '../../../edge-agent/src/members/service.ts';
import { WallService } from '../../../edge-agent/src/wall/service.ts';
import { WallSessions } from '../../../edge-agent/src/wall/sessions.ts';
import { repoRoot } from '../../support/agent-process.ts';
import { centreCrops, type TestCrop } from '../../support/wall-crops.ts';

const MODELS = path.join(repoRoot, 'models');
let db: Db;
let crops: TestCrop[];
let clock = Date.parse('2026-11-18T06:30:00Z');
const services: WallService[] = [];
const log = createLogger('error');

function service(opts: { modelsDir?: string; camera?: boolean; members?: MemberService } = {}) {
  const display = DisplayConfig.parse({ role: 'wall', camera: opts.camera ?? true });
  const s = new WallService({
    db, log, mallId: 'demo-mall', modelsDir: opts.modelsDir ?? MODELS, threads: 1, display: () => display, now: () => new Date(clock), sessionIdleMs: 30_000,
    ...(opts.members ? { members: opts.members } : {}),
  });
  services.push(s);
  return s;
}
const crop = (label: string) => ({ width: 112 as const, height: 112 as const, rgb: crops.find((c) => c.label === label && c.p > 0.9)!.base64 });
async function statusOf(fn: () => Promise<unknown>): Promise<number> {
  try {
    await fn();
    return 200;
  } catch (err) {
    if (err instanceof DomainError) return fromDomain(err).status;
    throw err;
  }
}

beforeAll(async () => {
  db = openDatabase(mkdtempSync(path.join(tmpdir(), 'atrium-wall-service-')));
  offerCatalogChanged();
  seedDemoIfEmpty(db, log, new Date(clock));
  crops = await centreCrops();
}, 60_000);
afterAll(async () => {
  for (const s of services) await s.stop();
  db.close();
});

describe('WallSessions', () => {
  it('ends a session not seen for the idle time, keeps a used one, and caps how many live', () => {
    let now = 0;
    const sessions = new WallSessions({ idleMs: 1000, nowMs: () => now });
    const a = sessions.create(null);
    const b = sessions.create(null);
    now = 900;
    expect(sessions.use(a.id)).toBe(a);
    now = 1500;
    expect(sessions.use(b.id)).toBeNull();
    expect(sessions.use(a.id)).toBe(a);
    now = 2600;
    expect(sessions.sweep()).toBe(1);
    expect(sessions.size).toBe(0);
    for (let i = 0; i < 12; i++) sessions.create(null);
    expect(sessions.size).toBe(8);
  });

  it('tells onEnd why each session went: ended, timed out (at the idle time exactly), evicted, stopped', () => {
    let now = 0;
    const ended: string[] = [];
    const sessions = new WallSessions({ idleMs: 1000, nowMs: () => now, onEnd: (s, reason) => ended.push(`${s.id}:${reason}`) });
    sessions.create(null, 'a');
    sessions.create(null, 'b');
    expect(sessions.end('a', 'signed-out')?.id).toBe('a');
    now = 999;
    expect(sessions.use('b')).not.toBeNull();
    now = 1999;
    expect(sessions.use('b')).toBeNull();
    for (let i = 0; i < 9; i++) sessions.create(null, `c${i}`);
    sessions.stop();
    expect(ended).toEqual(['a:signed-out', 'b:expired', 'c0:evicted', ...Array.from({ length: 8 }, (_, i) => `c${i + 1}:stopped`)]);
  });
});

describe('WallService', () => {
  it('the offer comes once the bucket has held 1 s over 4 readings, by the clock', async () => {
    const wall = service();
    let s = await wall.startSession();
    for (let i = 0; s.experiment?.holdout; i++) s = await wall.startSession();
    const states = [];
    for (let i = 0; i < 6; i++) {
      states.push(await wall.observe({ wallSession: s.wallSession, crop: crop('happy') }));
      clock += 250;
    }
    expect(states.map((x) => x.expression)).toEqual(Array(6).fill('happy'));
    // readings at 0, 250, 500, 750, 1000 ms: steady at the 5th (>= 1000 ms and >= 4 readings)
    expect(states.map((x) => x.offer?.couponId ?? null)).toEqual([null, null, null, null, 'c-dessert-happy', 'c-dessert-happy']);
  });

  it('crops faster than the page\'s cap are answered without classifying again', async () => {
    const wall = service();
    const s = await wall.startSession();
    const first = await wall.observe({ wallSession: s.wallSession, crop: crop('happy') });
    clock += 50;
    const fast = await wall.observe({ wallSession: s.wallSession, crop: crop('surprised') });
    expect(fast.expression).toBe(first.expression);
    expect(fast.confidence).toBe(first.confidence);
  });

  it('a session that times out or stops signs out the member who scanned their code at it', async () => {
    const members = new MemberService({ db, log, hq: null, idleTimeoutSec: () => 600, now: () => new Date(clock) });
    const wall = service({ members });
    const scanned = async (): Promise<{ wallSession: string; memberSession: string }> => {
      const r = await members.identify({ source: 'card', code: '6200000000001003' });
      if (r.status !== 'identified') throw new Error(`demo card not identified: ${r.reason}`);
      const s = await wall.startSession();
      expect(wall.attachMember({ wallSession: s.wallSession, memberSession: r.home.memberSession }).member).not.toBeNull();
      return { wallSession: s.wallSession, memberSession: r.home.memberSession };
    };
    const first = await scanned();
    clock += 30_000; // the wall's idle time exactly: over
    expect(await statusOf(() => wall.observe({ wallSession: first.wallSession, crop: null }))).toBe(410);
    expect(members.keepAlive(first.memberSession)).toBe(false);
    const second = await scanned();
    await wall.stop();
    expect(members.keepAlive(second.memberSession)).toBe(false);
    expect(wall.liveSessions).toBe(0);
  });

  it('a session idle for 30 s is gone', async () => {
    const wall = service();
    const s = await wall.startSession();
    clock += 29_000;
    expect(await statusOf(() => wall.observe({ wallSession: s.wallSession, crop: null }))).toBe(200);
    clock += 30_001;
    expect(await statusOf(() => wall.observe({ wallSession: s.wallSession, crop: null }))).toBe(410);
  });

  it('the A/B arm of a session is the engine\'s arm for its id', async () => {
    const wall = service();
    const exp = offerCatalog(db).experiments[0]!;
    for (let i = 0; i < 10; i++) {
      const s = await wall.startSession();
      expect(s.experiment).toEqual({ id: exp.id, ...assignArm(exp, s.wallSession) });
    }
  });

  it('a model installed while the agent runs is picked up 30 s after the failed load', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'atrium-wall-late-models-'));
    copyFileSync(path.join(MODELS, 'manifest.json'), path.join(dir, 'manifest.json'));
    const wall = service({ modelsDir: dir });
    expect(await wall.status()).toMatchObject({ camera: 'disabled', model: { status: 'missing' } });
    expect(await statusOf(() => wall.startSession())).toBe(503);
    for (const f of ['faceapi-expression.onnx', 'blaze_face_short_range.tflite']) copyFileSync(path.join(MODELS, f), path.join(dir, f));
    clock += 10_000;
    expect((await wall.status()).camera).toBe('disabled');
    clock += 25_000;
    expect(await wall.status()).toMatchObject({ camera: 'ready', reason: null, model: { status: 'ok' } });
    expect(await statusOf(() => wall.startSession())).toBe(200);
  });

  it('a guide screen\'s status is a file check that loads no model; turned into a wall it loads the model on its first call', async () => {
    const lines: string[] = [];
    let display = DisplayConfig.parse({ role: 'guide' });
    const wall = new WallService({
      db, log: createLogger('info', 'test', (line) => lines.push(line)), mallId: 'demo-mall', modelsDir: MODELS, threads: 1, display: () => display, now: () => new Date(clock),
    });
    services.push(wall);
    expect(await wall.status()).toMatchObject({ camera: 'disabled', reason: expect.stringMatching(/guide screen; the camera features run on a wall/), model: { name: 'face-expression', status: 'ok' } });
    expect(lines.filter((l) => l.includes('expression model'))).toEqual([]);
    display = DisplayConfig.parse({ role: 'wall' });
    expect(await wall.status()).toMatchObject({ camera: 'ready', reason: null, model: { status: 'ok' } });
    expect(lines.filter((l) => l.includes('expression model loaded'))).toHaveLength(1);
    expect(await statusOf(() => wall.startSession())).toBe(200);
  });

  it('with the camera switched off nothing loads and sessions are refused', async () => {
    const wall = service({ camera: false });
    expect(await wall.status()).toMatchObject({ camera: 'disabled', reason: expect.stringMatching(/switched off/), model: { status: 'ok' } });
    expect(await statusOf(() => wall.startSession())).toBe(503);
  });
});
