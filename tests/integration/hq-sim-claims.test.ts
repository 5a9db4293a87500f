// Members' claims through REAL Debian Mosquitto (password file + the fleet ACL from hq-sim/src/acl.ts) and the HQ
// simulator: a kiosk publishes a claim event, HQ answers with a ClaimResult on that kiosk's claims/result topic;
// the same event twice gets the same single decision; points are spent once; another kiosk can neither read that
// topic nor forge HQ's answer on its own; a result sent while the kiosk is away reaches it when it returns.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClaimResult, type ClaimEventPayload } from '../../contracts/members.ts';
import { topics, type DeviceEvent } from '../../contracts/mqtt.ts';
import { claimById, listClaims } from '../../hq-sim/src/claim-ledger.ts';
import { CLAIM_EVENT_TYPES } from '../../hq-sim/src/claims.ts';
import { openHqData, type HqData } from '../../hq-sim/src/hq-data.ts';
import { silentLog } from '../../hq-sim/src/log.ts';
import { checkRedemptionCode } from '../../hq-sim/src/redemption.ts';
import { HqSimulator } from '../../hq-sim/src/simulator.ts';
import { freshDataDir, repoRoot } from '../support/agent-process.ts';
import { waitUntil } from '../support/hq-client.ts';
import { startMosquitto, type Broker } from '../support/mosquitto.ts';
import { needs } from '../support/requirements.ts';

const MALL = 'demo-mall';
const USERS = { hq: 'hq-secret', 'kiosk-a': 'kiosk-a-secret', 'kiosk-b': 'kiosk-b-secret' } as const;
type Kiosk = 'kiosk-a' | 'kiosk-b';

let broker: Broker;
let data: HqData;
let sim: HqSimulator;

/** A kiosk's MQTT 5 connection (persistent session), collecting every claim result it is delivered, by topic. */
class KioskClient {
  readonly results: { topic: string; result: ClaimResult; raw: string }[] = [];
  readonly id: Kiosk;
  readonly client: MqttClient;
  private constructor(id: Kiosk, client: MqttClient) {
    this.id = id;
    this.client = client;
    client.on('message', (topic, payload) => this.results.push({ topic, result: ClaimResult.parse(JSON.parse(payload.toString())), raw: payload.toString() }));
  }

  static async connect(id: Kiosk, clean = true, suffix = ''): Promise<KioskClient> {
    // The listener is attached before the CONNACK: a resumed session's queued messages can arrive in the same
    // read as the CONNACK, before a listener added after `await connectAsync` exists.
    const client = mqtt.connect(broker.url, {
      protocolVersion: 5, clientId: `atrium-${MALL}-${id}${suffix ? `-${suffix}` : ''}`, username: id, password: USERS[id], reconnectPeriod: 0, clean,
      properties: { sessionExpiryInterval: clean ? 0 : 3600 },
    });
    const kiosk = new KioskClient(id, client);
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('error', reject);
    });
    return kiosk;
  }

  /** SUBACK reason codes (0-2 granted QoS, >= 0x80 refused). */
  async subscribe(topic: string): Promise<number[]> {
    return (await this.client.subscribeAsync(topic, { qos: 1 })).map((g) => g.qos);
  }

  async sendClaim(c: ClaimEventPayload, eventId = `ev-${c.claimId}`): Promise<DeviceEvent> {
    const event: DeviceEvent = { eventId, type: CLAIM_EVENT_TYPES[c.via], deviceId: this.id, mallId: MALL, ts: c.claimedAt, payload: c };
    await this.client.publishAsync(topics.events(MALL, this.id), JSON.stringify(event), { qos: 1 });
    return event;
  }

  resultsFor(claimId: string) {
    return this.results.filter((r) => r.result.claimId === claimId);
  }

  end(): Promise<void> {
    return this.client.endAsync();
  }
}

let seq = 0;
const claim = (memberId: string, couponId: string, o: Partial<ClaimEventPayload> = {}): ClaimEventPayload => ({
  claimId: `it-claim-${Date.now().toString(36)}-${++seq}`, memberId, couponId, via: 'claim', pointsCost: 0, ruleId: null, experiment: null, claimedAt: new Date().toISOString(), ...o,
});
/**
 * A later message on `k`'s own result topic: a claim whose event type does not match its `via` is answered
 * 'rejected' and recorded nowhere. HQ answers in order and the broker delivers to a client in order, so once `k` has
 * this answer, anything HQ sent `k` before it has arrived too: a positive signal before asserting "nothing came".
 */
async function answeredMarker(k: KioskClient): Promise<void> {
  const c = claim('M1001', 'c-winter-300-50');
  await k.client.publishAsync(topics.events(MALL, k.id), JSON.stringify({
    eventId: `ev-marker-${c.claimId}`, type: CLAIM_EVENT_TYPES.exchange, deviceId: k.id, mallId: MALL, ts: c.claimedAt, payload: c,
  }), { qos: 1 });
  await waitUntil(() => k.resultsFor(c.claimId)[0], 10_000, `HQ's answer to ${k.id}'s marker claim`);
}
const newSimulator = () => new HqSimulator({ url: broker.url, username: 'hq', password: USERS.hq, data, log: silentLog, devices: ['kiosk-a', 'kiosk-b'] });

describe('claims through Mosquitto and the HQ simulator', needs('mosquitto', 'mosquitto-clients'), () => {
  let a: KioskClient;
  let b: KioskClient;

  beforeAll(async () => {
    broker = await startMosquitto({ users: { ...USERS } });
    data = openHqData(freshDataDir('atrium-hq-claims-it-'), MALL);
    sim = newSimulator();
    await sim.start();
    a = await KioskClient.connect('kiosk-a');
    b = await KioskClient.connect('kiosk-b');
    expect(await a.subscribe(topics.claimResults(MALL, 'kiosk-a'))).toEqual([1]);
    expect(await b.subscribe(topics.claimResults(MALL, 'kiosk-b'))).toEqual([1]);
  });

  afterAll(async () => {
    await a?.end();
    await b?.end();
    await sim?.stop();
    data?.close();
    await broker?.stop();
  });

  it('a claim event gets HQ`s ClaimResult on the sending kiosk`s claims/result; the same event again gets the same single decision', async () => {
    const c = claim('M1002', 'c-coffee-gift'); // silver, coffee lover
    await a.sendClaim(c);
    const first = await waitUntil(() => a.resultsFor(c.claimId)[0], 10_000, 'the claim result');
    expect(first.topic).toBe(topics.claimResults(MALL, 'kiosk-a'));
    expect(first.result).toMatchObject({ claimId: c.claimId, status: 'confirmed', detail: null, pointsBalance: 1850 });
    expect(checkRedemptionCode(first.result.redemptionCode!, [data.key.hqKey])).toMatchObject({ ok: true, claimId: c.claimId });

    await a.sendClaim(c); // a re-sent outbox row: same event id
    await a.sendClaim(c, `ev-new-id-${c.claimId}`); // the kiosk asking again under a new event id
    await waitUntil(() => a.resultsFor(c.claimId).length === 3, 10_000, 'three answers');
    expect(new Set(a.resultsFor(c.claimId).map((r) => r.raw)).size).toBe(1); // byte for byte the same result
    expect(listClaims(data.store, { memberId: 'M1002' })).toHaveLength(1);
    expect(claimById(data.store, c.claimId)).toMatchObject({ status: 'confirmed', repeats: 2, deviceId: 'kiosk-a' });
    expect(data.store.events({ deviceId: 'kiosk-a', type: CLAIM_EVENT_TYPES.claim }).map((e) => e.duplicates).sort()).toEqual([0, 1]);
    expect(b.resultsFor(c.claimId)).toEqual([]);
  });

  it('a points exchange spends the points once however often it arrives; a member without enough points is refused', async () => {
    const ex = claim('M1005', 'c-points-cinema', { via: 'exchange', pointsCost: 500 }); // 940 points
    for (let i = 0; i < 3; i++) await a.sendClaim(ex, `ev-exchange-try-${i}-${ex.claimId}`);
    await waitUntil(() => a.resultsFor(ex.claimId).length === 3, 10_000, 'three exchange answers');
    expect(a.resultsFor(ex.claimId).map((r) => [r.result.status, r.result.pointsBalance])).toEqual([['confirmed', 440], ['confirmed', 440], ['confirmed', 440]]);
    expect(data.store.pointsSpent('M1005')).toBe(500);
    expect(data.store.memberById('M1005')).toMatchObject({ points: 440 });

    const poor = claim('M1001', 'c-points-cinema', { via: 'exchange', pointsCost: 500 }); // 320 points
    await b.sendClaim(poor);
    const refused = await waitUntil(() => b.resultsFor(poor.claimId)[0], 10_000, 'the refusal');
    expect(refused.topic).toBe(topics.claimResults(MALL, 'kiosk-b'));
    expect(refused.result).toMatchObject({ status: 'rejected', pointsBalance: 320, redemptionCode: null, detail: expect.stringMatching(/^not_enough_points: /) });
    expect(data.store.pointsSpent('M1001')).toBe(0);
  });

  it('the CLI lists exactly one claim per claim id, as a separate process on HQ`s store', () => {
    const r = spawnSync(process.execPath, [path.join(repoRoot, 'hq-sim/src/cli.ts'), 'claims', '--data', data.dataDir, '--member', 'M1005'], { cwd: repoRoot, encoding: 'utf8' });
    expect(r.status).toBe(0);
    const rows = r.stdout.split('\n').filter((l) => l.includes('c-points-cinema'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/kiosk-a\s+M1005\s+c-points-cinema\s+exchange\s+confirmed\s+-500\s+2/);
    expect(r.stdout).toContain('1 claim(s): 1 confirmed, 0 rejected');
  });

  it('ACL: kiosk-b cannot read kiosk-a`s claims/result (MQTT.js and Debian`s mosquitto_sub), nor can kiosk-a forge it', async () => {
    const spy = await KioskClient.connect('kiosk-b', true, 'spy');
    // Debian's mosquitto_sub as kiosk-b, listening on kiosk-a's topic while kiosk-a claims
    // -d: debug lines ("Client … received SUBACK") tell when it listens; -v prints a received message as "topic payload".
    const sub = spawn('mosquitto_sub', ['-d', '-V', 'mqttv5', '-h', '127.0.0.1', '-p', String(broker.port), '-u', 'kiosk-b', '-P', USERS['kiosk-b'], '-t', topics.claimResults(MALL, 'kiosk-a'), '-C', '1', '-W', '3', '-v']);
    let subOut = '';
    sub.stdout.on('data', (chunk: Buffer) => (subOut += chunk.toString()));
    const subExit = new Promise<number | null>((resolve) => sub.once('exit', resolve));
    const subMessages = () => subOut.split('\n').filter((l) => l.startsWith(topics.claimResults(MALL, 'kiosk-a')));
    const spyOnA = () => spy.results.filter((r) => r.topic === topics.claimResults(MALL, 'kiosk-a'));
    try {
      // Mosquitto 2.0 grants the subscription (SUBACK QoS 1) and then withholds every message the read ACL denies.
      const granted = await spy.subscribe(topics.claimResults(MALL, 'kiosk-a'));
      expect([[1], [0x87]]).toContainEqual(granted);
      expect(await spy.subscribe(topics.claimResults(MALL, 'kiosk-b'))).toEqual([1]); // its own, for the marker below
      await waitUntil(() => subOut.includes('received SUBACK'), 10_000, 'mosquitto_sub subscribed');
      const c = claim('M1004', 'c-diamond-lounge');
      await a.sendClaim(c);
      await waitUntil(() => a.resultsFor(c.claimId)[0], 10_000, 'kiosk-a`s answer');
      // The spy's own answer comes after HQ's answer to kiosk-a: had the broker let kiosk-a's through, it would be here.
      await answeredMarker(spy);
      expect(spyOnA()).toEqual([]);
      expect(await subExit).toBe(27); // mosquitto_sub -W: timed out with nothing received
      expect(subMessages()).toEqual([]);
      // and kiosk-a cannot forge HQ's answer on its own topic: MQTT 5 PUBACK 0x87 (not authorised)
      const forged = JSON.stringify({ claimId: c.claimId, status: 'confirmed', detail: null, pointsBalance: 99999, redemptionCode: 'ATC1.fake', ts: new Date().toISOString() });
      await expect(a.client.publishAsync(topics.claimResults(MALL, 'kiosk-a'), forged, { qos: 1 })).rejects.toThrow(/135|not authori[sz]ed/i);
      await answeredMarker(a); // a later message on kiosk-a's topic: the forged one, had it gone through, came before it
      expect(a.resultsFor(c.claimId).map((r) => r.result.pointsBalance)).toEqual([28600]);
    } finally {
      sub.kill();
      await spy.end();
    }
  });

  it('a claim sent while HQ is away is decided when HQ returns, and its result waits for the kiosk that left meanwhile', async () => {
    await sim.stop(); // HQ's persistent session keeps the kiosk's event for it
    const first = await KioskClient.connect('kiosk-b', false, 'persistent');
    expect(await first.subscribe(topics.claimResults(MALL, 'kiosk-b'))).toEqual([1]);
    const c = claim('M1003', 'c-winback-pack'); // dormant member, win-back pack
    await first.sendClaim(c);
    await first.end(); // the kiosk goes away before HQ is back
    sim = newSimulator();
    await sim.start();
    await waitUntil(() => claimById(data.store, c.claimId), 10_000, 'HQ deciding the queued claim');
    const back = await KioskClient.connect('kiosk-b', false, 'persistent');
    try {
      const got = await waitUntil(() => back.resultsFor(c.claimId)[0], 10_000, 'the queued result');
      expect(got.result).toMatchObject({ status: 'confirmed', claimId: c.claimId });
      expect(first.results).toEqual([]);
    } finally {
      await back.end();
    }
  });

  it('a malformed claim with a claim id is answered rejected; HQ keeps running and records nothing for it', async () => {
    const rejectedBefore = sim.counters.claimsRejected;
    const c = claim('M1001', 'c-winter-300-50');
    await a.client.publishAsync(topics.events(MALL, 'kiosk-a'), JSON.stringify({
      eventId: `ev-bad-${c.claimId}`, type: CLAIM_EVENT_TYPES.exchange, deviceId: 'kiosk-a', mallId: MALL, ts: c.claimedAt, payload: c,
    }), { qos: 1 });
    const r = await waitUntil(() => a.resultsFor(c.claimId)[0], 10_000, 'the malformed answer');
    expect(r.result).toMatchObject({ status: 'rejected', detail: expect.stringMatching(/^malformed: event type points.exchange.requested does not match via claim/) });
    expect(claimById(data.store, c.claimId)).toBeNull();
    expect(sim.counters.claimsRejected).toBe(rejectedBefore + 1);
  });
});
