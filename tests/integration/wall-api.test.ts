// The wall through the real HTTP API of the real agent process: sessions, smoothing, the coupon once the expression
// is steady (offers and hold-out arms), 'none' when the face is gone, bad crops refused with the agent staying up,
// the detector served to the page, and camera features disabled (kiosk still working) without a usable model.
import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiMethods, Health } from '../../contracts/api.ts';
import { CROP_BYTES } from '../../contracts/wall.ts';
import { sha256Of } from '../../edge-agent/src/expression/manifest.ts';
import { repoRoot, startAgentProcess, callOk, type AgentProcess } from '../support/agent-process.ts';
import { centreCrops, confidentCrop, type TestCrop } from '../support/wall-crops.ts';

const MODELS = path.join(repoRoot, 'models');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let agent: AgentProcess;
let crops: TestCrop[];
const crop = (label: string) => confidentCrop(crops, label);

beforeAll(async () => {
  crops = await centreCrops();
  agent = await startAgentProcess({ env: { ATRIUM_ROLE: 'wall' } });
});
afterAll(async () => {
  await agent?.stop();
});

const call = <M extends keyof typeof apiMethods>(method: M, params: unknown) => callOk(agent, method, params);
/** A new wall session in the wanted arm of the demo experiment (10 % of sessions are held out). */
async function startIn(holdout: boolean) {
  for (let i = 0; i < 300; i++) {
    const s = await call('wall.start', {});
    if (s.experiment?.holdout === holdout) return s;
    await call('wall.end', { wallSession: s.wallSession, reason: 'reset' });
  }
  throw new Error('no session in the wanted arm after 300 tries');
}
/** Observes `n` crops at the page's pace (5 a second). */
async function play(wallSession: string, c: { width: number; height: number; rgb: string } | null, n: number) {
  const states = [];
  for (let i = 0; i < n; i++) {
    states.push(await call('wall.observe', { wallSession, crop: c }));
    await sleep(210);
  }
  return states;
}
function outbox(type: string): Record<string, unknown>[] {
  const db = new Database(path.join(agent.dataDir, 'atrium.db'), { readonly: true });
  try {
    return (db.prepare('SELECT payload FROM outbox WHERE type = ? ORDER BY seq').all(type) as { payload: string }[]).map((r) => JSON.parse(r.payload));
  } finally {
    db.close();
  }
}

describe('wall.status', () => {
  it('is ready with the sha-checked model, the mode and the privacy notice', async () => {
    const s = await call('wall.status', {});
    const manifest = JSON.parse(readFileSync(path.join(MODELS, 'manifest.json'), 'utf8')) as { models: { name: string; sha256: string }[] };
    expect(s).toMatchObject({ camera: 'ready', reason: null, mode: 'opt-in', model: { name: 'face-expression', status: 'ok', sha256: manifest.models[0]!.sha256 } });
    expect(s.notice.zh).toMatch(/不保存、不上传/);
  });
});

describe('a wall session', () => {
  it('shows the expression at once, offers the rules\' coupon once it is steady, and records the events with the arm', async () => {
    const start = await startIn(false);
    expect(start).toMatchObject({ expression: 'none', confidence: 0, offer: null, experiment: { id: 'x-offers-2026q4', arm: 'offers', holdout: false } });
    const states = await play(start.wallSession, crop('happy'), 7);
    expect(states[0]).toMatchObject({ expression: 'happy', offer: null });
    expect(states[0]!.confidence).toBeGreaterThan(0.9);
    const firstOffer = states.findIndex((s) => s.offer !== null);
    expect(firstOffer).toBeGreaterThanOrEqual(3); // steady: >= 4 readings and >= 1 s (readings 210 ms + a round trip apart)
    const offer = states.at(-1)!.offer!;
    expect(offer).toMatchObject({ couponId: 'c-dessert-happy', ruleId: 'w-happy', reason: { zh: '开心就来点甜的' } });
    expect(offer.claimUrl).toMatch(/^https:\/\/mp\.atrium\.example\/claim\?mall=demo-mall&coupon=c-dessert-happy&code=[A-Za-z0-9_-]{12}$/);
    // The offer stays for the session (no new coupon every tick).
    expect(new Set(states.slice(firstOffer).map((s) => s.offer!.claimUrl)).size).toBe(1);

    const arm = { id: 'x-offers-2026q4', arm: 'offers' };
    expect(outbox('wall.impression')).toContainEqual({ wallSession: start.wallSession, experiment: arm });
    expect(outbox('wall.engaged').filter((e) => e.wallSession === start.wallSession)).toEqual([{ wallSession: start.wallSession, experiment: arm }]);
    const shown = outbox('wall.coupon_shown').filter((e) => e.wallSession === start.wallSession);
    expect(shown).toEqual([{ wallSession: start.wallSession, couponId: 'c-dessert-happy', ruleId: 'w-happy', claimCode: new URL(offer.claimUrl).searchParams.get('code'), experiment: arm }]);
    await call('wall.end', { wallSession: start.wallSession, reason: 'left' });
  });

  it('the hold-out arm sees the expression but no coupon; the withheld coupon is recorded for the uplift', async () => {
    const start = await startIn(true);
    const states = await play(start.wallSession, crop('surprised'), 7);
    expect(states.at(-1)).toMatchObject({ expression: 'surprised', offer: null, experiment: { arm: 'holdout', holdout: true } });
    expect(outbox('wall.offer_withheld').filter((e) => e.wallSession === start.wallSession)).toEqual([
      { wallSession: start.wallSession, couponId: 'c-dessert-happy', ruleId: 'w-happy', experiment: { id: 'x-offers-2026q4', arm: 'holdout' } },
    ]);
    expect(outbox('wall.coupon_shown').filter((e) => e.wallSession === start.wallSession)).toEqual([]);
  });

  it("goes to 'none' when no face is seen for a while, and back when one returns", async () => {
    const start = await startIn(false);
    await play(start.wallSession, crop('sad'), 2);
    const gone = await play(start.wallSession, null, 9);
    expect(gone[0]!.expression).toBe('sad'); // a missed detection or two keeps the bucket
    expect(gone.at(-1)).toMatchObject({ expression: 'none', confidence: 0 });
    const back = await call('wall.observe', { wallSession: start.wallSession, crop: crop('surprised') });
    expect(back.expression).toBe('surprised');
  });

  it('wall.end ends it: the next observation is refused as gone; ending twice is fine', async () => {
    const start = await startIn(false);
    await call('wall.end', { wallSession: start.wallSession, reason: 'left' });
    await call('wall.end', { wallSession: start.wallSession, reason: 'left' });
    const r = await agent.call('wall.observe', { wallSession: start.wallSession, crop: crop('happy') });
    expect(r.status).toBe(410);
    expect(r.body.error).toMatchObject({ code: 'wall_session_gone', message: expect.stringMatching(/call wall.start/) });
  });

  it('handles concurrent observations of one session in order, without errors', async () => {
    const start = await startIn(false);
    const all = await Promise.all(Array.from({ length: 12 }, () => agent.call('wall.observe', { wallSession: start.wallSession, crop: crop('fearful') })));
    expect(all.map((r) => r.status)).toEqual(Array(12).fill(200));
    expect(all.every((r) => r.body.data.expression === 'fearful')).toBe(true);
  });
});

describe('bad crops get a clear error and the agent stays up', () => {
  let session: string;
  beforeAll(async () => {
    session = (await startIn(false)).wallSession;
    await call('wall.observe', { wallSession: session, crop: crop('happy') });
  });

  const good = () => crop('happy');
  const cases: [string, () => unknown, number, string, RegExp][] = [
    ['wrong size', () => ({ wallSession: session, crop: { ...good(), width: 96 } }), 400, 'invalid_params', /crop.width/],
    ['empty crop', () => ({ wallSession: session, crop: { width: 112, height: 112, rgb: '' } }), 400, 'invalid_params', /base64 of exactly 37632 bytes/],
    ['crop without pixels', () => ({ wallSession: session, crop: {} }), 400, 'invalid_params', /crop.width|crop.rgb/],
    ['bad base64 of the right length', () => ({ wallSession: session, crop: { ...good(), rgb: '!'.repeat(50176) } }), 400, 'invalid_params', /not valid base64/],
    ['base64 of too few bytes (padded)', () => ({ wallSession: session, crop: { ...good(), rgb: Buffer.alloc(CROP_BYTES - 2, 7).toString('base64').padEnd(50176, 'A') } }), 400, 'invalid_params', /not valid base64|decodes to/],
    ['a blank (black) frame', () => ({ wallSession: session, crop: { ...good(), rgb: Buffer.alloc(CROP_BYTES).toString('base64') } }), 400, 'invalid_params', /blank/],
    ['pixels as a number array', () => ({ wallSession: session, crop: { ...good(), rgb: Array.from({ length: 100 }, () => 1) } }), 400, 'invalid_params', /crop.rgb/],
    ['NaN sizes (JSON null)', () => ({ wallSession: session, crop: { ...good(), width: Number.NaN, height: Number.NaN } }), 400, 'invalid_params', /crop.width/],
    ['an extra field', () => ({ wallSession: session, crop: { ...good(), depth: 3 } }), 400, 'invalid_params', /depth/],
    ['a malformed session id', () => ({ wallSession: 'x', crop: good() }), 400, 'invalid_params', /wallSession/],
    ['an unknown session', () => ({ wallSession: 'A'.repeat(24), crop: good() }), 410, 'wall_session_gone', /has ended/],
  ];
  for (const [name, params, status, code, message] of cases) {
    it(name, async () => {
      const r = await agent.call('wall.observe', params());
      expect(r.status).toBe(status);
      expect(r.body.ok).toBe(false);
      expect(r.body.error.code).toBe(code);
      expect(JSON.stringify(r.body.error)).toMatch(message);
    });
  }

  it('garbage bodies: not JSON, NaN literals, oversized', async () => {
    const post = (body: string) => fetch(new URL('/api/v1/wall.observe', agent.url), { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${agent.secret}` }, body });
    const notJson = await post('{"wallSession": "' + session + '", "crop": {"width": NaN}}');
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error.code).toBe('bad_request');
    const huge = await post(JSON.stringify({ wallSession: session, crop: { ...good(), rgb: 'A'.repeat(200_000) } }));
    expect(huge.status).toBe(413);
  });

  it('random bytes are a valid (if odd) image: classified, no crash', async () => {
    const noise = Buffer.from(Array.from({ length: CROP_BYTES }, (_, i) => (i * 2654435761) % 251));
    const r = await agent.call('wall.observe', { wallSession: session, crop: { width: 112, height: 112, rgb: noise.toString('base64') } });
    expect(r.status).toBe(200);
  });

  it('after all that the agent is healthy and the session still works', async () => {
    // 'ok', not merely "answered": this agent has no HQ, so only a recorded error would make it 'degraded'.
    const health = Health.parse(await (await fetch(new URL('/health', agent.url))).json());
    expect(health).toMatchObject({ status: 'ok', sync: { state: 'disabled', lastError: null } });
    expect(agent.child.exitCode).toBeNull();
    expect(await call('wall.status', {})).toMatchObject({ camera: 'ready', reason: null });
    const s = await call('wall.observe', { wallSession: session, crop: crop('happy') });
    expect(s.wallSession).toBe(session);
    expect((await agent.call('stores.search', { query: '' })).status).toBe(200);
  });
});

describe('the face detector for the page', () => {
  it('is served at /models/blaze_face_short_range.tflite with the pinned bytes; nothing else in the models folder is', async () => {
    const r = await fetch(new URL('/models/blaze_face_short_range.tflite', agent.url));
    expect(r.status).toBe(200);
    expect(sha256Of(new Uint8Array(await r.arrayBuffer()))).toBe('b4578f35940bf5a1a655214a1cce5cab13eba73c1297cd78e1a04c2380b0152f');
    for (const p of ['/models/faceapi-expression.onnx', '/models/manifest.json', '/models/..%2fpackage.json', '/models/%2e%2e/models/x.tflite', '/models/missing.tflite']) {
      expect([p, (await fetch(new URL(p, agent.url))).status]).toEqual([p, 404]);
    }
  });
});

describe('without a usable model the camera features are off and the kiosk keeps working', () => {
  function modelsDirWith(change: 'missing' | 'corrupt'): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'atrium-wall-models-'));
    for (const f of ['manifest.json', 'blaze_face_short_range.tflite']) copyFileSync(path.join(MODELS, f), path.join(dir, f));
    if (change === 'corrupt') {
      const bytes = readFileSync(path.join(MODELS, 'faceapi-expression.onnx'));
      bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 0x40;
      writeFileSync(path.join(dir, 'faceapi-expression.onnx'), bytes);
    }
    return dir;
  }
  const cases: [string, Record<string, string>, string, RegExp][] = [
    ['model missing', { ATRIUM_MODELS_DIR: modelsDirWith('missing') }, 'missing', /faceapi-expression.onnx is not installed .*run npm run models/],
    ['model corrupt (sha256 mismatch)', { ATRIUM_MODELS_DIR: modelsDirWith('corrupt') }, 'corrupt', /faceapi-expression.onnx has sha256 [0-9a-f]{12}…, the manifest says c0cf3b441d17…/],
    ['camera switched off', { ATRIUM_CAMERA: 'false' }, 'ok', /switched off in this display's settings/],
  ];
  for (const [name, env, modelStatus, reason] of cases) {
    it(name, async () => {
      const a = await startAgentProcess({ env: { ATRIUM_ROLE: 'wall', ...env } });
      try {
        const status = apiMethods['wall.status'].result.parse((await a.call('wall.status', {})).body.data);
        expect(status).toMatchObject({ camera: 'disabled', model: { name: 'face-expression', status: modelStatus } });
        expect(status.reason).toMatch(reason);
        const start = await a.call('wall.start', {});
        expect(start.status).toBe(503);
        expect(start.body.error).toMatchObject({ code: 'camera_disabled', message: expect.stringMatching(reason) });
        expect((await a.call('kiosk.bootstrap', {})).body.data.device.role).toBe('wall');
        expect((await a.call('stores.search', { query: '' })).status).toBe(200);
        expect((await a.call('promotions.list', {})).status).toBe(200);
        if (modelStatus !== 'ok') expect(a.logs.join('\n')).toMatch(/wall camera disabled: expression model not usable/);
      } finally {
        await a.stop();
      }
    });
  }
});
