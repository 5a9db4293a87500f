// Feedback end to end: the real agent process, the real HQ simulator and a private Mosquitto (MQTT 5, per-device ACL).
// A ticket at once, online or offline; the feedback reaching HQ once through the outbox; the phone number sealed for
// HQ (found in clear nowhere on the kiosk or the broker, opened at HQ); HQ's `feedback reply` / `resolve` tools reaching
// the kiosk, where the member sees them; every bad input refused in plain words with nothing written; ticket numbers
// that go on across a restart.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topics } from '../../contracts/mqtt.ts';
import { FeedbackSubmittedPayload } from '../../contracts/feedback.ts';
import { openHqData, type HqData } from '../../hq-sim/src/hq-data.ts';
import type { HqLog } from '../../hq-sim/src/log.ts';
import { HqSimulator } from '../../hq-sim/src/simulator.ts';
import { FeedbackStore } from '../../hq-sim/src/feedback/store.ts';
import { callOk, freshDataDir, repoRoot, startAgentProcess, type AgentProcess } from '../support/agent-process.ts';
import { TestHq, waitUntil } from '../support/hq-client.ts';
import { startMosquitto, type Broker } from '../support/mosquitto.ts';
import { filesUnder } from '../support/privacy-scan.ts';
import { memberToken } from '../support/member-fixture.ts';
import { queryDb } from '../support/sqlite-read.ts';
import { needs } from '../support/requirements.ts';

const MALL = 'demo-mall';
const KIOSK = 'kiosk-fb';
const PHONE = '13987654321';
const hqLines: string[] = [];
const hqLog: HqLog = { info: (m, f) => hqLines.push(`info ${m} ${JSON.stringify(f)}`), warn: (m, f) => hqLines.push(`warn ${m} ${JSON.stringify(f)}`), error: (m, f) => hqLines.push(`error ${m} ${JSON.stringify(f)}`) };
const run = promisify(execFile);

let broker: Broker;
let data: HqData;
let sim: HqSimulator;
let recorder: TestHq;
let agent: AgentProcess;
let kioskDir: string;

const env = () => ({ ATRIUM_HQ_URL: broker.url, ATRIUM_MALL_ID: MALL, ATRIUM_DEVICE_ID: KIOSK, ATRIUM_MQTT_USERNAME: KIOSK, ATRIUM_MQTT_PASSWORD: 'kiosk-secret', ATRIUM_ZONES: '1F,north' });
const hqTickets = () => {
  const store = new FeedbackStore(data.dataDir);
  try {
    return store.tickets();
  } finally {
    store.close();
  }
};
const outboxDepth = () => queryDb<{ n: number }>(kioskDir, 'SELECT COUNT(*) AS n FROM outbox')[0]!.n;
const submit = (params: Record<string, unknown>) => callOk(agent, 'feedback.submit', params);
const base = { category: 'environment', rating: 4, text: '洗手间很干净 👍 clean toilets', language: 'zh-CN', contact: { kind: 'none' } };
const hqCli = (...args: string[]) => run(path.join(repoRoot, 'node_modules/.bin/node'), [path.join(repoRoot, 'hq-sim/src/cli.ts'), ...args, '--data', data.dataDir, '--url', broker.url, '--username', 'hq', '--password', 'hq-secret'], { cwd: repoRoot });

describe('feedback with HQ over Mosquitto', needs('mosquitto'), () => {
  beforeAll(async () => {
    broker = await startMosquitto({ users: { hq: 'hq-secret', [KIOSK]: 'kiosk-secret' } });
    data = openHqData(freshDataDir('atrium-feedback-hq-'), MALL);
    sim = new HqSimulator({ url: broker.url, username: 'hq', password: 'hq-secret', data, log: hqLog, devices: [KIOSK] });
    await sim.start();
    recorder = await TestHq.connect(broker.url, { username: 'hq', password: 'hq-secret', subscribe: ['atrium/v1/#'] });
    kioskDir = freshDataDir('atrium-feedback-kiosk-');
    agent = await startAgentProcess({ dataDir: kioskDir, env: env() });
    await waitUntil(() => agent.logs.some((l) => l.includes('feedback contact key applied')), 15_000, 'HQ`s feedback key on the kiosk');
  });

  afterAll(async () => {
    await agent?.stop();
    await recorder?.end();
    await sim?.stop();
    data?.close();
    await broker?.stop();
  });

  it('gives a ticket at once with the promise and follow link; HQ records it once with the phone opened', async () => {
    const r = await submit({ ...base, contact: { kind: 'phone', phone: PHONE } });
    expect(r.ticket).toBe('FB-1F-0001');
    expect(r.contact).toBe('phone');
    expect(Date.parse(r.replyDueAt) - Date.parse(r.submittedAt)).toBe(24 * 3_600_000);
    expect(Date.parse(r.resolveDueAt) - Date.parse(r.submittedAt)).toBe(72 * 3_600_000);
    expect(r.followUrl).toBe('https://m.atrium.example/feedback/FB-1F-0001');
    const t = await waitUntil(() => hqTickets().find((x) => x.ticket === 'FB-1F-0001'), 10_000, 'the ticket at HQ');
    expect(t).toMatchObject({ deviceId: KIOSK, category: 'environment', rating: 4, phone: PHONE, contactProblem: null, memberId: null });
    // Emoji and mixed scripts arrive exactly as typed.
    expect(t.text).toBe('洗手间很干净 👍 clean toilets');
  });

  it('HQ away: the feedback waits in HQ`s session and is recorded once when HQ is back', { timeout: 60_000 }, async () => {
    await sim.stop();
    const r = await submit({ ...base, category: 'service', rating: 1, text: '服务台没人 nobody at the desk 😞' });
    expect(r.ticket).toBe('FB-1F-0002');
    await waitUntil(() => outboxDepth() === 0, 20_000, 'the event handed to the broker');
    expect(hqTickets().some((x) => x.ticket === r.ticket)).toBe(false);
    sim = new HqSimulator({ url: broker.url, username: 'hq', password: 'hq-secret', data, log: hqLog, devices: [KIOSK] });
    await sim.start();
    const t = await waitUntil(() => hqTickets().find((x) => x.ticket === r.ticket), 20_000, 'the ticket at HQ once HQ is back');
    expect(t).toMatchObject({ category: 'service', rating: 1, text: '服务台没人 nobody at the desk 😞' });
    expect(hqTickets().filter((x) => x.ticket === r.ticket)).toHaveLength(1);
    expect(recorder.seen.filter((s) => s.topic === topics.events(MALL, KIOSK) && s.json?.payload?.ticket === r.ticket)).toHaveLength(1);
  });

  it('kiosk offline: the ticket comes at once, and the feedback leaves the outbox once the broker is back', { timeout: 60_000 }, async () => {
    await broker.stop();
    let ticket = '';
    try {
      await waitUntil(async () => (await (await fetch(new URL('/health', agent.url))).json()).sync.state !== 'online', 10_000, 'the kiosk offline');
      const r = await submit({ ...base, category: 'store', storeId: 's-hotpot', rating: 2, text: 'Waited 40 min, 服务慢' });
      ticket = r.ticket;
      expect(ticket).toBe('FB-1F-0003');
      expect(outboxDepth()).toBeGreaterThan(0);
    } finally {
      await broker.start();
    }
    await waitUntil(() => outboxDepth() === 0, 30_000, 'the outbox drained');
    // The recorder holds a plain persistent subscription, so it sees what the kiosk sent across the broker restart.
    // (HQ's shared subscription is not restored by Mosquitto 2.0.11 after a broker restart; the test before has HQ away
    // with the broker up, which is where HQ's own session keeps the event for it.)
    const events = await recorder.waitFor(() => {
      const e = recorder.seen.filter((s) => s.topic === topics.events(MALL, KIOSK) && s.json?.payload?.ticket === ticket);
      return e.length ? e : null;
    }, 10_000, 'the offline ticket`s event');
    expect(events).toHaveLength(1);
    expect(FeedbackSubmittedPayload.parse(events[0]!.json.payload)).toMatchObject({ ticket, category: 'store', storeId: 's-hotpot', rating: 2, text: 'Waited 40 min, 服务慢' });
    // HQ starts afresh on the restarted broker, so the tests after this one have HQ's subscriptions back.
    await sim.stop();
    sim = new HqSimulator({ url: broker.url, username: 'hq', password: 'hq-secret', data, log: hqLog, devices: [KIOSK] });
    await sim.start();
  });

  it('a member`s ticket: HQ`s reply and resolution (the CLI tools) reach the kiosk and show in feedback.mine', { timeout: 30_000 }, async () => {
    const key = { kid: data.key.kid, privateKey: data.key.privateKey, publicKey: data.key.hqKey.publicKey };
    const identified = await callOk(agent, 'member.identify', { source: 'wedge', code: memberToken(key, 'M1002', 'gold') });
    if (identified.status !== 'identified') throw new Error(`not identified: ${JSON.stringify(identified)}`);
    const memberSession = identified.home.memberSession;
    const r = await submit({ ...base, category: 'parking', rating: 3, text: 'B2 灯太暗 too dark', contact: { kind: 'member', memberSession }, memberSession });
    await waitUntil(() => hqTickets().find((x) => x.ticket === r.ticket), 10_000, 'the member ticket at HQ');
    expect(hqTickets().find((x) => x.ticket === r.ticket)).toMatchObject({ memberId: 'M1002', phone: null });

    const listed = await hqCli('feedback', 'list');
    const lines = listed.stdout.trim().split('\n');
    const n = hqTickets().length;
    expect(lines.at(-1)).toMatch(new RegExp(`^feedback list: ${n} tickets, ${n} open, 0 replied, 0 resolved, 0 breached`));
    expect(listed.stdout).toContain('139****4321');
    expect(listed.stdout).not.toContain(PHONE);

    const replied = await hqCli('feedback', 'reply', r.ticket, '已通知物业检修', 'lights', 'checked');
    expect(replied.stdout).toContain(`feedback reply: ${r.ticket} (${KIOSK}) reply met; sent to the kiosk`);
    await waitUntil(async () => (await callOk(agent, 'feedback.mine', { memberSession })).tickets[0]?.status === 'replied', 10_000, 'the reply on the kiosk');
    await hqCli('feedback', 'resolve', r.ticket, '灯已更换 lights replaced');
    const mine = await waitUntil(async () => {
      const m = await callOk(agent, 'feedback.mine', { memberSession });
      return m.tickets[0]?.status === 'resolved' ? m : null;
    }, 10_000, 'the resolution on the kiosk');
    expect(mine.tickets.map((t) => t.ticket)).toEqual([r.ticket]);
    expect(mine.tickets[0]).toMatchObject({ category: 'parking', rating: 3, text: 'B2 灯太暗 too dark' });
    expect(mine.tickets[0]!.updates.map((u) => [u.kind, u.text])).toEqual([['reply', '已通知物业检修 lights checked'], ['resolve', '灯已更换 lights replaced']]);

    // Resolving again is refused and sends nothing.
    const again = await hqCli('feedback', 'resolve', r.ticket, 'again').then(() => null, (err: { code: number; stderr: string }) => err);
    expect(again?.code).toBe(1);
    expect(again?.stderr).toContain('was resolved at');
    const unknown = await hqCli('feedback', 'reply', 'FB-1F-9999', 'hi').then(() => null, (err: { code: number; stderr: string }) => err);
    expect(unknown?.stderr).toContain('no feedback ticket "FB-1F-9999"');
    await callOk(agent, 'member.signOut', { memberSession });
  });

  it('bad input gets a clear message and changes nothing (no ticket number used, nothing in the outbox)', async () => {
    const depth = outboxDepth();
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ ...base, text: '   ' }, 'text', /empty/],
      [{ ...base, text: '好'.repeat(5000) }, 'text', /at most 500 characters/],
      [{ ...base, contact: { kind: 'phone', phone: '1234567' } }, 'contact.phone', /11 digits/],
      [{ ...base, contact: { kind: 'phone', phone: '139 1234 5678' } }, 'contact.phone', /11 digits/],
      [{ ...base, rating: 0 }, 'rating', /1 to 5/],
      [{ ...base, category: 'store' }, 'storeId', /pick the store/],
      [{ ...base, text: 'bell\u0007' }, 'text', /control character/],
    ];
    for (const [params, field, message] of cases) {
      const res = await agent.call('feedback.submit', params);
      expect(res.status, JSON.stringify(params).slice(0, 80)).toBe(400);
      expect(res.body.error.code).toBe('invalid_params');
      const issue = res.body.error.issues.find((i: { path: string }) => i.path === field);
      expect(issue?.message, field).toMatch(message);
    }
    const unknownStore = await agent.call('feedback.submit', { ...base, category: 'store', storeId: 's-nope' });
    expect(unknownStore.body.error.issues).toEqual([{ path: 'storeId', message: 'pick a store from the directory' }]);
    expect(outboxDepth()).toBe(depth);
    expect(queryDb<{ n: number }>(kioskDir, 'SELECT COUNT(*) AS n FROM feedback_tickets')[0]!.n).toBe(4);
  });

  it('ticket numbers go on after a restart (SQLite keeps the sequence)', async () => {
    await agent.stop();
    agent = await startAgentProcess({ dataDir: kioskDir, env: env() });
    const r = await submit(base);
    expect(r.ticket).toBe('FB-1F-0005');
  });

  it('privacy: the phone number is in clear nowhere on the kiosk or the broker; the event carries it sealed', async () => {
    expect(recorder.seen.filter((s) => s.payload.includes(PHONE))).toEqual([]);
    expect(agent.logs.filter((l) => l.includes(PHONE))).toEqual([]);
    expect(filesUnder(kioskDir).filter((f) => readFileSync(f).includes(PHONE))).toEqual([]);
    const first = recorder.seen.find((s) => s.topic === topics.events(MALL, KIOSK) && s.json?.payload?.ticket === 'FB-1F-0001');
    const payload = FeedbackSubmittedPayload.parse(first!.json.payload);
    expect(payload.contact).toMatchObject({ v: 1, kid: expect.stringMatching(/^fbk-/) });
  });
});
