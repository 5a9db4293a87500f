// Surveys end to end: the real agent process, the real HQ simulator (its survey desk on its SQLite store) and a private
// Mosquitto (MQTT 5, password file, per-device ACL). HQ's retained survey set reaches the kiosk; an answer goes
// through the outbox, HQ credits the points once and confirms, and only then does the kiosk show the reward; a second
// response of the same member is refused on the kiosk and at HQ; answered offline, the response waits in the outbox
// and is delivered (and credited) once when the broker is back; a malformed definition or an unknown question type is
// refused with its reason and reported to HQ while the other surveys apply.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topics } from '../../contracts/mqtt.ts';
import { openHqData, type HqData } from '../../hq-sim/src/hq-data.ts';
import type { HqLog } from '../../hq-sim/src/log.ts';
import { HqSimulator } from '../../hq-sim/src/simulator.ts';
import { demoSurveys } from '../../hq-sim/src/surveys/demo.ts';
import { SurveyStore } from '../../hq-sim/src/surveys/store.ts';
import { callOk, freshDataDir, startAgentProcess, type AgentProcess } from '../support/agent-process.ts';
import { TestHq, waitUntil } from '../support/hq-client.ts';
import { memberToken } from '../support/member-fixture.ts';
import { startMosquitto, type Broker } from '../support/mosquitto.ts';
import { needs } from '../support/requirements.ts';

/**
 * The kiosk's network link to the broker, as a TCP relay the test can cut and restore (the broker and HQ's session stay
 * up, as when a kiosk's own network drops). Restarting the broker instead would also drop HQ's shared subscription.
 */
async function startLink(target: number): Promise<{ port: number; cut(): Promise<void>; restore(): Promise<void>; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  let port = 0;
  const listen = () => new Promise<void>((resolve) => {
    server = net.createServer((client) => {
      const upstream = net.connect(target, '127.0.0.1');
      for (const s of [client, upstream]) {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    server.listen(port, '127.0.0.1', () => {
      port = (server!.address() as net.AddressInfo).port;
      resolve();
    });
  });
  const cut = async () => {
    const s = server as net.Server | null;
    server = null;
    for (const x of sockets) x.destroy();
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };
  await listen();
  return { port, cut, restore: listen, close: cut };
}

const MALL = 'demo-mall';
const KIOSK = 'kiosk-sv';
const hqLog: HqLog = { info: () => {}, warn: () => {}, error: () => {} };

let broker: Broker;
let data: HqData;
let sim: HqSimulator;
let hqStore: SurveyStore;
let recorder: TestHq;
let agent: AgentProcess;
let seq = 0;
let link: Awaited<ReturnType<typeof startLink>>;

const responseId = () => `resp-${Date.now().toString(36)}-${(seq++).toString().padStart(6, '0')}`;
const visitAnswers = { purpose: 'dining', floors: ['1F', '5F'], overall: 4, recommend: true, transport: 'metro', favourite: '蜀香火锅', ideas: 'More seats 🙂' };

async function signIn(memberId: string, tier: 'regular' | 'silver' | 'gold' | 'diamond'): Promise<string> {
  const key = { kid: data.key.kid, privateKey: data.key.privateKey, publicKey: data.key.hqKey.publicKey };
  const r = await callOk(agent, 'member.identify', { source: 'wedge', code: memberToken(key, memberId, tier) });
  if (r.status !== 'identified') throw new Error(`not identified: ${JSON.stringify(r)}`);
  return r.home.memberSession;
}

const points = async (memberSession: string) => (await callOk(agent, 'member.home', { memberSession })).home.member.points;

describe('surveys with HQ over Mosquitto', needs('mosquitto'), () => {
  beforeAll(async () => {
    broker = await startMosquitto({ users: { hq: 'hq-secret', [KIOSK]: 'kiosk-secret' } });
    data = openHqData(freshDataDir('atrium-survey-hq-'), MALL);
    sim = new HqSimulator({ url: broker.url, username: 'hq', password: 'hq-secret', data, log: hqLog, devices: [KIOSK] });
    await sim.start();
    hqStore = sim.surveyDesk.store;
    recorder = await TestHq.connect(broker.url, { username: 'hq', password: 'hq-secret', subscribe: [`atrium/v1/${MALL}/devices/${KIOSK}/surveys/result`] });
    link = await startLink(broker.port);
    agent = await startAgentProcess({
      dataDir: freshDataDir('atrium-survey-kiosk-'),
      env: { ATRIUM_HQ_URL: `mqtt://127.0.0.1:${link.port}`, ATRIUM_MALL_ID: MALL, ATRIUM_DEVICE_ID: KIOSK, ATRIUM_MQTT_USERNAME: KIOSK, ATRIUM_MQTT_PASSWORD: 'kiosk-secret' },
    });
    await waitUntil(async () => (await callOk(agent, 'survey.list', { place: 'home' })).surveys.length > 0, 15_000, 'the demo surveys on the kiosk');
  });

  afterAll(async () => {
    await agent?.stop();
    await recorder?.end();
    await link?.close();
    await sim?.stop();
    data?.close();
    await broker?.stop();
  });

  it('HQ`s retained survey set reaches the kiosk, targeted by place and tier', async () => {
    expect((await callOk(agent, 'survey.list', { place: 'home' })).surveys.map((s) => s.id)).toEqual(['sv-visit']);
    const gold = await signIn('M1003', 'gold');
    expect((await callOk(agent, 'survey.list', { place: 'member', memberSession: gold })).surveys.map((s) => s.id)).toEqual(['sv-service', 'sv-visit']);
    const regular = await signIn('M1001', 'regular');
    expect((await callOk(agent, 'survey.list', { place: 'member', memberSession: regular })).surveys.map((s) => s.id)).toEqual(['sv-visit']);
  });

  it('answer -> outbox -> HQ credits once and confirms -> the kiosk shows the points only then', async () => {
    const session = await signIn('M1004', 'diamond');
    const before = await points(session);
    const id = responseId();
    const r = await callOk(agent, 'survey.answer', { surveyId: 'sv-service', surveyVersion: 1, responseId: id, memberSession: session, answers: { service: 5, wish: '停车优惠' }, lang: 'zh' });
    expect(r).toMatchObject({ status: 'recorded', rewardPoints: 30, hqOnline: true });
    if (r.status !== 'recorded') throw new Error('not recorded');
    // Written as pending: no points awarded until HQ says so.
    expect(r.response).toMatchObject({ status: 'pending', pointsAwarded: 0 });
    const confirmed = await waitUntil(async () => {
      const s = (await callOk(agent, 'survey.response', { responseId: id })).response;
      return s?.status === 'confirmed' ? s : null;
    }, 10_000, 'HQ`s confirmation');
    expect(confirmed).toMatchObject({ pointsAwarded: 30, pointsBalance: before + 30 });
    expect(await points(session)).toBe(before + 30);
    expect(hqStore.responses('sv-service').filter((x) => x.memberId === 'M1004')).toHaveLength(1);
    expect(data.store.memberById('M1004')!.points).toBe(before + 30);
    // Answered surveys leave the member's list.
    expect((await callOk(agent, 'survey.list', { place: 'member', memberSession: session })).surveys.map((s) => s.id)).toEqual(['sv-visit']);
  });

  it('a second response of the same member is refused on the kiosk, and HQ refuses one from another kiosk', async () => {
    const session = await signIn('M1004', 'diamond');
    const again = await callOk(agent, 'survey.answer', { surveyId: 'sv-service', surveyVersion: 1, responseId: responseId(), memberSession: session, answers: { service: 1 }, lang: 'en' });
    expect(again).toMatchObject({ status: 'refused', reason: 'already_answered' });
    // Another kiosk's response for the same member (published as that kiosk would): HQ rejects it, credits nothing.
    const before = data.store.memberById('M1004')!.points;
    const other = await TestHq.connect(broker.url, { username: 'hq', password: 'hq-secret' });
    const dup = responseId();
    try {
      await other.publish(topics.events(MALL, KIOSK), {
        eventId: `ev-${dup}`, type: 'survey.answered', deviceId: KIOSK, mallId: MALL, ts: new Date().toISOString(),
        payload: { responseId: dup, surveyId: 'sv-service', surveyVersion: 1, memberId: 'M1004', answers: { service: 2 }, lang: 'en', answeredAt: new Date().toISOString() },
      });
    } finally {
      await other.end();
    }
    const result = await recorder.waitFor(() => recorder.on('/surveys/result').map((s) => s.json as { responseId: string; status: string; detail: string }).find((j) => j.responseId === dup), 10_000, 'HQ`s answer to the duplicate');
    expect(result.status).toBe('rejected');
    expect(result.detail).toMatch(/^duplicate_response: /);
    expect(data.store.memberById('M1004')!.points).toBe(before);
  });

  it('bad answers are refused with a reason and nothing is written', async () => {
    const session = await signIn('M1002', 'silver');
    for (const [answers, reason] of [
      [{ service: 9 }, /service: expected a whole number from 1 to 5/],
      [{ wish: 'x' }, /service: an answer is required/],
      [{ service: 3, nope: 1 }, /nope: no such question/],
      [{ service: 3, wish: 'x'.repeat(201) }, /wish: at most 200 characters/],
    ] as const) {
      const r = await callOk(agent, 'survey.answer', { surveyId: 'sv-service', surveyVersion: 1, responseId: responseId(), memberSession: session, answers, lang: 'en' });
      expect(r).toMatchObject({ status: 'refused', reason: 'invalid_answers' });
      if (r.status === 'refused') expect(r.detail).toMatch(reason);
    }
    expect(await callOk(agent, 'survey.answer', { surveyId: 'sv-nope', surveyVersion: 1, responseId: responseId(), answers: {}, lang: 'en' })).toMatchObject({ status: 'refused', reason: 'unknown_survey' });
    expect(await callOk(agent, 'survey.answer', { surveyId: 'sv-service', surveyVersion: 1, responseId: responseId(), answers: { service: 3 }, lang: 'en' })).toMatchObject({ status: 'refused', reason: 'anonymous_not_allowed' });
    // The member can still answer properly afterwards: the refusals wrote nothing.
    expect((await callOk(agent, 'survey.list', { place: 'member', memberSession: session })).surveys.map((s) => s.id)).toEqual(['sv-service', 'sv-visit']);
  });

  it('answered offline (the kiosk`s link cut): waits in the outbox, the screen knows HQ is away, delivered and credited once when back', async () => {
    const session = await signIn('M1002', 'silver');
    const before = data.store.memberById('M1002')!.points;
    await link.cut();
    const id = responseId();
    try {
      await waitUntil(async () => !(await callOk(agent, 'survey.response', { responseId: 'resp-probe-00000000' })).hqOnline, 10_000, 'the kiosk to see HQ gone');
      const r = await callOk(agent, 'survey.answer', { surveyId: 'sv-visit', surveyVersion: 1, responseId: id, memberSession: session, answers: visitAnswers, lang: 'zh' });
      expect(r).toMatchObject({ status: 'recorded', hqOnline: false, rewardPoints: 50, response: { status: 'pending', pointsAwarded: 0 } });
      // A retry of the same response (a double tap) is the same response, not a second one.
      expect(await callOk(agent, 'survey.answer', { surveyId: 'sv-visit', surveyVersion: 1, responseId: id, memberSession: session, answers: visitAnswers, lang: 'zh' })).toMatchObject({ status: 'recorded' });
    } finally {
      await link.restore();
    }
    const done = await waitUntil(async () => {
      const s = (await callOk(agent, 'survey.response', { responseId: id })).response;
      return s?.status === 'confirmed' ? s : null;
    }, 20_000, 'the confirmation after the broker came back');
    expect(done).toMatchObject({ pointsAwarded: 50, pointsBalance: before + 50 });
    expect(hqStore.responses('sv-visit').filter((x) => x.responseId === id)).toHaveLength(1);
    expect(data.store.events({ mallId: MALL, type: 'survey.answered' }).filter((e) => e.payload['responseId'] === id)).toHaveLength(1);
    expect(data.store.memberById('M1002')!.points).toBe(before + 50);
  });

  it('an anonymous shopper may answer a survey that allows it; no points', async () => {
    const id = responseId();
    expect(await callOk(agent, 'survey.answer', { surveyId: 'sv-visit', surveyVersion: 1, responseId: id, answers: { purpose: 'shopping', overall: 5 }, lang: 'en' })).toMatchObject({ status: 'recorded', rewardPoints: 0 });
    const s = await waitUntil(async () => {
      const x = (await callOk(agent, 'survey.response', { responseId: id })).response;
      return x?.status === 'confirmed' ? x : null;
    }, 10_000, 'HQ`s word on the anonymous response');
    expect(s).toMatchObject({ pointsAwarded: 0, pointsBalance: null });
  });

  it('a malformed definition and an unknown question type are refused with the reason and reported to HQ; the rest applies', async () => {
    const [visit, service] = demoSurveys(new Date());
    const bad = [
      { ...visit!, id: 'sv-matrix', definition: { elements: [{ type: 'matrix', name: 'q1', title: 'Rows', columns: ['a'], rows: ['b'] }] } },
      { ...service!, id: 'sv-broken', definition: { pages: 'not a list' } },
    ];
    const set = hqStore.publishSet([visit!, { ...service!, version: 2, title: { zh: '会员服务满意度（新）', en: 'Member service survey (new)' } }, ...bad], new Date(), { unchecked: true });
    await sim.publishSurveys();
    const refused = await waitUntil(() => {
      const events = data.store.events({ mallId: MALL, type: 'survey.refused' });
      return events.length >= 2 ? events : null;
    }, 10_000, 'the kiosk`s survey.refused reports');
    const reasons = refused.map((e) => String(e.payload['reason']));
    expect(reasons.some((r) => r.startsWith('survey sv-matrix: definition.elements.0.type: unknown question type "matrix"'))).toBe(true);
    expect(reasons.some((r) => r.startsWith('survey sv-broken: definition.pages:'))).toBe(true);
    expect(refused.every((e) => e.payload['surveysVersion'] === set.version)).toBe(true);
    // The good ones of the same set applied: the new version of the service survey is what the kiosk shows.
    const got = await callOk(agent, 'survey.get', { surveyId: 'sv-service' });
    expect(got).toMatchObject({ status: 'survey', survey: { version: 2, title: { en: 'Member service survey (new)' } } });
    expect(await callOk(agent, 'survey.get', { surveyId: 'sv-matrix' })).toEqual({ status: 'unknown' });
  });
});
