// Restaurant queue tickets end to end: the real agent process, the real HQ simulator (its queue engine on SQLite)
// and a private Mosquitto (MQTT 5, password file, per-device ACL), with a fake ESC/POS printer on TCP. Live status,
// a ticket printed, duplicate request ids, HQ refusing, HQ restarting mid-request (the broker holds the request; the
// retry gets the ticket HQ issued for it), the time-out, no HQ at all, a printer out of paper reported to HQ, and the
// phone number found nowhere but in the one request.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Heartbeat, topics } from '../../contracts/mqtt.ts';
import { QueueTicketRequest, type QueueStoreView, type QueueTakeResult } from '../../contracts/queue.ts';
import { openHqData, type HqData } from '../../hq-sim/src/hq-data.ts';
import type { HqLog } from '../../hq-sim/src/log.ts';
import { HqSimulator } from '../../hq-sim/src/simulator.ts';
import { callOk, freshDataDir, startAgentProcess, type AgentProcess } from '../support/agent-process.ts';
import { startFakePrinter, type FakePrinter } from '../support/fake-printer.ts';
import { TestHq, waitUntil } from '../support/hq-client.ts';
import { startMosquitto, type Broker } from '../support/mosquitto.ts';
import { filesUnder } from '../support/privacy-scan.ts';
import { memberToken } from '../support/member-fixture.ts';
import { needs } from '../support/requirements.ts';

const MALL = 'demo-mall';
const KIOSK = 'kiosk-q';
const PHONE = '13912345678';
const hqLog: HqLog = { info: () => {}, warn: () => {}, error: () => {} };

let broker: Broker;
let data: HqData;
let sim: HqSimulator;
let recorder: TestHq;
let agent: AgentProcess;
let printer: FakePrinter;
let seq = 0;

const requestId = () => `req-${Date.now().toString(36)}-${(seq++).toString().padStart(6, '0')}`;
const newSim = () => new HqSimulator({ url: broker.url, username: 'hq', password: 'hq-secret', data, log: hqLog, devices: [KIOSK], queueStatusEveryMs: 1000 });
const status = async () => (await callOk(agent, 'queue.status', {})).stores;
const view = async (storeId: string): Promise<QueueStoreView | undefined> => (await status()).find((s) => s.storeId === storeId);
const take = (params: Record<string, unknown>) => callOk(agent, 'queue.take', params) as Promise<QueueTakeResult>;
const issued = (r: QueueTakeResult) => {
  if (r.status !== 'issued') throw new Error(`expected a ticket, got ${JSON.stringify(r)}`);
  return r;
};
const ticketRequests = () => recorder.on(`${KIOSK}/queue/ticket`);

describe('restaurant queue tickets with HQ over Mosquitto', needs('mosquitto'), () => {
  beforeAll(async () => {
    broker = await startMosquitto({ users: { hq: 'hq-secret', [KIOSK]: 'kiosk-secret' } });
    data = openHqData(freshDataDir('atrium-queue-hq-'), MALL);
    sim = newSim();
    await sim.start();
    // Sees every message on the broker, for the privacy check (a plain subscription, not HQ's shared group).
    recorder = await TestHq.connect(broker.url, { username: 'hq', password: 'hq-secret', subscribe: ['atrium/v1/#'] });
    printer = await startFakePrinter('ready');
    const dataDir = freshDataDir('atrium-queue-kiosk-');
    const configFile = path.join(dataDir, 'config.json');
    writeFileSync(configFile, JSON.stringify({ mqtt: { lookupTimeoutMs: 800, heartbeatSec: 1 }, printer: printer.target }));
    agent = await startAgentProcess({
      dataDir, args: ['--config', configFile],
      env: { ATRIUM_HQ_URL: broker.url, ATRIUM_MALL_ID: MALL, ATRIUM_DEVICE_ID: KIOSK, ATRIUM_MQTT_USERNAME: KIOSK, ATRIUM_MQTT_PASSWORD: 'kiosk-secret' },
    });
    await waitUntil(async () => (await view('s-hotpot'))?.state === 'live', 15_000, 'live queue status for s-hotpot');
  });

  afterAll(async () => {
    await agent?.stop();
    await recorder?.end();
    await sim?.stop();
    data?.close();
    await printer?.stop();
    await broker?.stop();
  });

  it('shows live figures for the catalog`s queuing restaurants only', async () => {
    const stores = await status();
    expect(stores.map((s) => s.storeId)).toEqual(['s-bbq', 's-cantonese', 's-hotpot']);
    const hotpot = stores.find((s) => s.storeId === 's-hotpot')!;
    expect(hotpot).toMatchObject({ state: 'live', open: true });
    if (hotpot.state !== 'live') throw new Error('not live');
    expect(hotpot.classes.map((c) => c.sizeClass)).toEqual(['small', 'medium', 'large', 'xl']);
  });

  it('issues a ticket with a phone number, prints it, and the status moves on', async () => {
    const before = await view('s-hotpot');
    const waitingBefore = before?.state === 'live' ? before.classes[0]!.waiting : -1;
    const r = issued(await take({ storeId: 's-hotpot', partySize: 2, requestId: requestId(), phone: PHONE }));
    expect(r.ticket.number).toMatch(/^A\d{3}$/);
    expect(r.ticket).toMatchObject({ storeId: 's-hotpot', sizeClass: 'small', partySize: 2, ahead: waitingBefore });
    expect(r.ticket.waitMin[1]).toBeGreaterThan(r.ticket.waitMin[0]);
    expect(r.print).toEqual({ state: 'printed', detail: null });
    const jobs = await printer.waitForJobs(1);
    expect(jobs.at(-1)!.lines.find((l) => l.width === 8)?.text).toBe(r.ticket.number);
    expect(jobs.at(-1)!.qr).toEqual([r.ticket.followUrl]);
    expect(jobs.at(-1)!.lines.map((l) => l.text)).toContain('蜀香火锅');
    // The request carried the phone, as the route table declares.
    const req = ticketRequests().map((s) => QueueTicketRequest.parse(s.json)).find((q) => q.requestId === r.ticket.requestId);
    expect(req?.phone).toBe(PHONE);
    await waitUntil(async () => {
      const v = await view('s-hotpot');
      return v?.state === 'live' && v.classes[0]!.waiting === waitingBefore + 1;
    }, 5000, 'the waiting count to include the new ticket');
  });

  it('a double tap and a retry with the same requestId get the same ticket, never two', async () => {
    const id = requestId();
    const params = { storeId: 's-cantonese', partySize: 4, requestId: id };
    const [a, b] = await Promise.all([take(params), take(params)]);
    const c = await take(params);
    expect(issued(a).ticket).toEqual(issued(b).ticket);
    expect(issued(c).ticket).toEqual(issued(a).ticket);
    expect(issued(a).ticket.number).toMatch(/^B\d{3}$/);
    // One request reached HQ, one ticket was printed for it.
    expect(ticketRequests().filter((s) => (s.json as { requestId: string }).requestId === id)).toHaveLength(1);
    expect(printer.jobs().filter((j) => j.qr.includes(issued(a).ticket.followUrl))).toHaveLength(1);
  });

  it('a signed-in member`s ticket names the member to HQ (and carries no phone)', async () => {
    const key = { kid: data.key.kid, privateKey: data.key.privateKey, publicKey: data.key.hqKey.publicKey };
    const identified = await callOk(agent, 'member.identify', { source: 'wedge', code: memberToken(key, 'M1004', 'diamond') });
    if (identified.status !== 'identified') throw new Error(`not identified: ${JSON.stringify(identified)}`);
    const r = issued(await take({ storeId: 's-hotpot', partySize: 2, requestId: requestId(), memberSession: identified.home.memberSession }));
    const req = ticketRequests().map((s) => QueueTicketRequest.parse(s.json)).find((q) => q.requestId === r.ticket.requestId);
    expect(req).toEqual({ requestId: r.ticket.requestId, storeId: 's-hotpot', partySize: 2, memberId: 'M1004' });
    await callOk(agent, 'member.signOut', { memberSession: identified.home.memberSession });
    const gone = await agent.call('queue.take', { storeId: 's-hotpot', partySize: 2, requestId: requestId(), memberSession: identified.home.memberSession });
    expect(gone.body.error.code).toBe('member_session_gone');
  });

  it('HQ refusing: no tables for the party size, a store that does not queue, bad input', async () => {
    expect(await take({ storeId: 's-bbq', partySize: 8, requestId: requestId() })).toEqual({ status: 'refused', reason: 'no_tables' });
    expect(await take({ storeId: 's-freshmart', partySize: 2, requestId: requestId() })).toEqual({ status: 'refused', reason: 'not_queuing' });
    const bad = await agent.call('queue.take', { storeId: 's-hotpot', partySize: 0, requestId: requestId(), phone: '12345' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_params');
    expect(bad.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['partySize', 'phone']);
  });

  it('a call at HQ shows as the number now called', async () => {
    const r = issued(await take({ storeId: 's-bbq', partySize: 5, requestId: requestId() }));
    const called = sim.queueStore.call('s-bbq', 'large', new Date());
    expect(called).toEqual({ kind: 'called', number: r.ticket.number, storeId: 's-bbq' });
    await sim.publishQueueStatus();
    await waitUntil(async () => {
      const v = await view('s-bbq');
      return v?.state === 'live' && v.classes.find((c) => c.sizeClass === 'large')!.nowCalling === r.ticket.number;
    }, 5000, 'the called number on the kiosk');
  });

  it('HQ restarting mid-request: the kiosk times out, the retry gets the one ticket HQ issued meanwhile', async () => {
    await sim.stop();
    const id = requestId();
    const params = { storeId: 's-hotpot', partySize: 1, requestId: id };
    expect(await take(params)).toEqual({ status: 'unavailable', reason: 'timeout' });
    sim = newSim();
    await sim.start();
    // The broker held the request for HQ's persistent session; HQ answers it once back (to nobody waiting).
    await waitUntil(() => agent.logs.some((l) => l.includes('no queue ticket request waiting')), 10_000, 'HQ`s late answer');
    const r = issued(await take(params));
    expect(ticketRequests().filter((s) => (s.json as { requestId: string }).requestId === id)).toHaveLength(2);
    // HQ issued exactly one ticket for the id: the retry got it back.
    const rows = new (await import('better-sqlite3')).default(path.join(data.dataDir, 'queue.db'), { readonly: true })
      .prepare('SELECT number FROM tickets WHERE request_id = ?').all(id) as { number: string }[];
    expect(rows).toEqual([{ number: r.ticket.number }]);
  });

  it('a printer out of paper: ticket issued and valid, printer reported on screen`s answer and in the heartbeat', async () => {
    printer.mode = 'out_of_paper';
    const jobsBefore = printer.jobs().length;
    const r = issued(await take({ storeId: 's-hotpot', partySize: 3, requestId: requestId() }));
    expect(r.print).toEqual({ state: 'unavailable', detail: 'out of paper' });
    expect(printer.jobs()).toHaveLength(jobsBefore);
    const since = recorder.seen.length;
    const hb = await recorder.waitFor(() => recorder.seen.slice(since).filter((s) => s.topic === topics.heartbeat(MALL, KIOSK)).map((s) => Heartbeat.parse(s.json)).find((h) => h.printer?.state === 'unavailable'), 5000, 'a heartbeat reporting the printer');
    expect(hb.printer).toMatchObject({ configured: true, target: printer.target, state: 'unavailable', detail: 'out of paper' });
    printer.mode = 'ready';
  });

  it('no HQ: every queue says unavailable, and no ticket is invented', async () => {
    await broker.stop();
    try {
      await waitUntil(async () => (await status()).every((s) => s.state === 'unavailable' && s.reason === 'offline'), 10_000, 'queues unavailable offline');
      expect(await take({ storeId: 's-hotpot', partySize: 2, requestId: requestId(), phone: PHONE })).toEqual({ status: 'unavailable', reason: 'offline' });
    } finally {
      await broker.start();
    }
    // HQ back too (it republishes every second once reconnected), so the suite ends with everyone connected.
    const since = recorder.seen.length;
    await recorder.waitFor(() => recorder.seen.slice(since).some((m) => m.topic === topics.queueStatus(MALL)), 20_000, 'HQ publishing again');
    await waitUntil(async () => (await view('s-hotpot'))?.state === 'live', 20_000, 'live again after the broker returned');
  });

  it('privacy: the phone number is in the one ticket request and nowhere else (SQLite, data folder, logs, MQTT)', async () => {
    const withPhone = recorder.seen.filter((s) => s.payload.includes(PHONE));
    expect(withPhone.map((s) => s.topic)).toEqual([topics.queueTicketRequest(MALL, KIOSK)]);
    expect(agent.logs.filter((l) => l.includes(PHONE))).toEqual([]);
    const leaks = filesUnder(agent.dataDir).filter((f) => readFileSync(f).includes(PHONE));
    expect(leaks).toEqual([]);
  });
});
