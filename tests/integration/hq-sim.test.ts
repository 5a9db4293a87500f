// The HQ simulator against REAL Debian Mosquitto (password file + fleet ACL) and a REAL edge agent process, plus
// Debian's mosquitto_sub / mosquitto_pub as independent third-party MQTT 5 clients.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Health } from '../../contracts/api.ts';
import { CatalogSnapshot, DesiredConfig, MemberLookupResponse, topics, type DeviceEvent } from '../../contracts/mqtt.ts';
import { cardHash } from '../../common/node/card-hash.ts';
import { demoCardNumber } from '../../hq-sim/src/demo-people.ts';
import { openHqData, type HqData } from '../../hq-sim/src/hq-data.ts';
import type { HqLog } from '../../hq-sim/src/log.ts';
import { HqSimulator } from '../../hq-sim/src/simulator.ts';
import { freshDataDir, repoRoot, startAgentProcess, type AgentProcess } from '../support/agent-process.ts';
import { startMosquitto, type Broker } from '../support/mosquitto.ts';
import { needs } from '../support/requirements.ts';
import { sendMarkerEvent } from '../support/signals.ts';

const MALL = 'demo-mall';
const KIOSK = 'kiosk-a';
const KIOSK_PW = 'kiosk-a-secret';
const HQ_PW = 'hq-secret';

let broker: Broker;
let data: HqData;
let sim: HqSimulator;
let agent: AgentProcess;
const logs: { level: string; msg: string; fields?: Record<string, unknown> }[] = [];
const log: HqLog = {
  info: (msg, fields) => logs.push({ level: 'info', msg, fields }),
  warn: (msg, fields) => logs.push({ level: 'warn', msg, fields }),
  error: (msg, fields) => logs.push({ level: 'error', msg, fields }),
};

async function waitFor<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe();
    if (last) return last as NonNullable<T>;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

const health = async () => Health.parse(await (await fetch(new URL('/health', agent.url))).json());
const newSimulator = () => new HqSimulator({ url: broker.url, username: 'hq', password: HQ_PW, data, log, devices: [KIOSK] });

/** Debian's mosquitto_sub / mosquitto_pub, MQTT 5, as the kiosk user. */
const mosquittoClient = (tool: 'mosquitto_sub' | 'mosquitto_pub', args: string[]) =>
  spawnSync(tool, ['-V', 'mqttv5', '-h', '127.0.0.1', '-p', String(broker.port), '-u', KIOSK, '-P', KIOSK_PW, ...args], { encoding: 'utf8', timeout: 15_000 });

describe('HQ simulator with Mosquitto and a real agent', needs('mosquitto', 'mosquitto-clients'), () => {
  beforeAll(async () => {
    broker = await startMosquitto({ users: { hq: HQ_PW, [KIOSK]: KIOSK_PW } });
    data = openHqData(freshDataDir('atrium-hq-it-'), MALL);
    sim = newSimulator();
    await sim.start();
    // No demo seed: every store the kiosk shows must have come from HQ's snapshot.
    agent = await startAgentProcess({
      env: {
        ATRIUM_HQ_URL: broker.url, ATRIUM_DEVICE_ID: KIOSK, ATRIUM_MALL_ID: MALL, ATRIUM_MQTT_USERNAME: KIOSK, ATRIUM_MQTT_PASSWORD: KIOSK_PW,
        ATRIUM_HEARTBEAT_SEC: '1', ATRIUM_DEMO: 'false',
      },
    });
  });

  afterAll(async () => {
    await agent?.stop();
    await sim?.stop();
    data?.close();
    await broker?.stop();
  });

  it('the kiosk applies HQ`s retained snapshot: /health shows its version and stores.search finds its stores', async () => {
    const h = await waitFor('catalog version 2 on the kiosk', async () => {
      const h = await health();
      return h.versions.catalog === 2 && h.sync.state === 'online' ? h : null;
    });
    expect(h.mallId).toBe(MALL);
    const res = await agent.call('stores.search', { query: 'sushi' });
    expect(res.status).toBe(200);
    expect(res.body.data.stores.map((s: { id: string }) => s.id)).toEqual(['s-sushi']);
    // and HQ sees the kiosk: online, with heartbeats that report the same catalog version
    const row = await waitFor('a heartbeat at HQ', () => data.store.fleet(MALL).find((r) => r.deviceId === KIOSK && r.heartbeat?.catalogVersion === 2));
    expect(row).toMatchObject({ online: true, statusReason: 'birth', agentVersion: expect.any(String) });
    expect(data.store.reportedConfig(MALL, KIOSK)).toMatchObject({ desiredVersion: 1 });
  });

  it('records the agent`s device.started event at HQ exactly once', async () => {
    const started = await waitFor('device.started at HQ', () => data.store.events({ deviceId: KIOSK, type: 'device.started' }).length > 0);
    expect(started).toBe(true);
    // A later event from the same kiosk: once HQ has it, a repeat of device.started sent before it has arrived too.
    await sendMarkerEvent(agent);
    await waitFor('a later event at HQ', () => data.store.events({ deviceId: KIOSK, type: 'staff.audit' }).length > 0);
    const rows = data.store.events({ deviceId: KIOSK, type: 'device.started' });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ duplicates: 0, payload: { deviceId: KIOSK } });
  });

  it('a delta reaches the kiosk: version 3, the renamed store and the new coupon', async () => {
    const { delta, snapshot } = await sim.publishDelta();
    expect([delta.fromVersion, delta.toVersion, snapshot.version]).toEqual([2, 3, 3]);
    await waitFor('catalog version 3 on the kiosk', async () => (await health()).versions.catalog === 3);
    const res = await agent.call('stores.search', { query: 'flagship' });
    expect(res.body.data.stores.map((s: { id: string; name: { zh: string } }) => [s.id, s.name.zh])).toEqual([['s-bubbletea', '茶语轩·旗舰店']]);
  });

  it('answers member look-ups on the device`s response topic with its correlation data', async () => {
    // The device ACL lets only kiosk-a publish kiosk-a's look-ups, so the test logs in as that device user.
    const asKiosk = await mqtt.connectAsync(broker.url, { protocolVersion: 5, clientId: `${KIOSK}-test`, username: KIOSK, password: KIOSK_PW, reconnectPeriod: 0 });
    try {
      const replies = new Map<string, MemberLookupResponse>();
      asKiosk.on('message', (_t, payload, packet) => {
        replies.set(packet.properties?.correlationData?.toString() ?? '', MemberLookupResponse.parse(JSON.parse(payload.toString())));
      });
      await asKiosk.subscribeAsync(topics.lookupResponse(MALL, KIOSK), { qos: 1 });
      const ask = (correlation: string, req: unknown, responseTopic = topics.lookupResponse(MALL, KIOSK)) =>
        asKiosk.publishAsync(topics.lookupRequest(MALL, KIOSK), JSON.stringify(req), { qos: 1, properties: { responseTopic, correlationData: Buffer.from(correlation) } });
      await ask('corr-by-id', { by: 'memberId', memberId: 'M1003' });
      await ask('corr-by-card', { by: 'cardHash', cardHash: cardHash(data.cardSalt, demoCardNumber('M1004')) });
      await ask('corr-unknown', { by: 'memberId', memberId: 'M9999' });
      await waitFor('three answers', () => replies.size === 3);
      expect(replies.get('corr-by-id')).toMatchObject({ found: true, member: { id: 'M1003', tier: 'gold', segment: 'dormant' } });
      expect(replies.get('corr-by-card')).toMatchObject({ found: true, member: { id: 'M1004', tier: 'diamond' } });
      expect(replies.get('corr-unknown')).toEqual({ found: false, member: null, cardHash: null });
      // a found member comes with their card hash, so the kiosk can recognise the card later from its cache
      expect(replies.get('corr-by-id')!.cardHash).toBe(cardHash(data.cardSalt, demoCardNumber('M1003')));

      // A request naming another device's response topic is refused: HQ, which may publish anywhere, stays silent.
      const refusedBefore = sim.counters.refused;
      await ask('corr-spoof', { by: 'memberId', memberId: 'M1003' }, topics.lookupResponse(MALL, 'kiosk-b'));
      await waitFor('the spoofed look-up refused', () => sim.counters.refused > refusedBefore);
      expect(logs.some((l) => l.msg === 'look-up refused' && String(l.fields?.reason).includes('kiosk-b'))).toBe(true);
      expect(replies.has('corr-spoof')).toBe(false);
    } finally {
      await asKiosk.endAsync();
    }
  });

  it('a reload-ui command gets accepted, then done', async () => {
    const seen: string[] = [];
    const outcome = await sim.sendCommand(KIOSK, 'reload-ui', { onResult: (r) => seen.push(r.status) });
    expect(outcome.timedOut).toBe(false);
    expect(outcome.results.map((r) => r.status)).toEqual(['accepted', 'done']);
    expect(seen).toEqual(['accepted', 'done']);
    expect(outcome.results[1]!.data).toEqual({ reloadSeq: 1 });
    expect(data.store.commandResults(outcome.command.id).map((r) => r.status)).toEqual(['accepted', 'done']);
    const signals = await agent.call('kiosk.signals', {});
    expect(signals.body.data.reloadSeq).toBe(1);
  });

  it('a command that expired before it arrived gets expired, and nothing runs', async () => {
    const outcome = await sim.sendCommand(KIOSK, 'reload-ui', { ttlSec: -60 });
    expect(outcome.results.map((r) => r.status)).toEqual(['expired']);
    expect((await agent.call('kiosk.signals', {})).body.data.reloadSeq).toBe(1);
  });

  it('the CLI sends a command as a separate tool process and prints the results', async () => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'hq-sim/src/cli.ts'), 'command', KIOSK, 'sync-now', '--url', broker.url, '--username', 'hq', '--password', HQ_PW, '--data', data.dataDir, '--timeout', '10'], { cwd: repoRoot });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(stdout).toMatch(/ accepted\n/);
    expect(stdout).toMatch(/ done {2}\{"outboxDepth":0,"catalogVersion":3\}/);
    expect(code).toBe(0);
  });

  it('Debian`s mosquitto_sub (MQTT 5) reads the retained snapshot and desired config; both parse with the contract', () => {
    const snap = mosquittoClient('mosquitto_sub', ['-t', topics.catalogSnapshot(MALL), '-C', '1', '-W', '10']);
    expect(snap.status).toBe(0);
    const snapshot = CatalogSnapshot.parse(JSON.parse(snap.stdout));
    expect(snapshot.version).toBe(3);
    expect(snapshot.hqKeys).toEqual([data.key.hqKey]);
    expect(snapshot.cardSalt).toBe(data.cardSalt);
    expect(snapshot.offerRules.length).toBeGreaterThan(0);
    expect(snapshot.staff.map((s) => s.staffId)).toEqual(['mgr-zhao', 'staff-li', 'tech-chen']);
    const desired = mosquittoClient('mosquitto_sub', ['-t', topics.configDesired(MALL, KIOSK), '-C', '1', '-W', '10']);
    expect(DesiredConfig.parse(JSON.parse(desired.stdout))).toMatchObject({ version: 1 });
    // and the ACL keeps the kiosk out of another kiosk's topics
    const other = mosquittoClient('mosquitto_sub', ['-t', topics.configDesired(MALL, 'kiosk-b'), '-C', '1', '-W', '2']);
    expect(other.stdout).toBe('');
  });

  it('mosquitto_pub as a third-party kiosk: a repeated event is stored once and counted; a malformed one is refused', async () => {
    // (a plain event type: claim events also get an answer from HQ, tested in hq-sim-claims.test.ts)
    const event: DeviceEvent = { eventId: 'third-party-0001', type: 'feedback.given', deviceId: KIOSK, mallId: MALL, ts: new Date().toISOString(), payload: { score: 4 } };
    for (let i = 0; i < 2; i++) expect(mosquittoClient('mosquitto_pub', ['-q', '1', '-t', topics.events(MALL, KIOSK), '-m', JSON.stringify(event)]).status).toBe(0);
    const refusedBefore = sim.counters.refused;
    expect(mosquittoClient('mosquitto_pub', ['-q', '1', '-t', topics.events(MALL, KIOSK), '-m', '{"eventId": 42']).status).toBe(0);
    expect(mosquittoClient('mosquitto_pub', ['-q', '1', '-t', topics.events(MALL, KIOSK), '-m', JSON.stringify({ ...event, eventId: 'third-party-0002', deviceId: 'kiosk-b' })]).status).toBe(0);
    await waitFor('the repeat counted', () => data.store.events({ deviceId: KIOSK }).find((e) => e.eventId === 'third-party-0001')?.duplicates === 1);
    await waitFor('both bad payloads refused', () => sim.counters.refused >= refusedBefore + 2);
    const reasons = logs.filter((l) => l.msg === 'message refused').map((l) => String(l.fields?.reason));
    expect(reasons).toContain('not JSON');
    expect(reasons.some((r) => r.includes('deviceId kiosk-b does not match'))).toBe(true);
    expect(data.store.events({ deviceId: 'kiosk-b' })).toEqual([]);
    expect(data.store.fleet(MALL).find((r) => r.deviceId === KIOSK)).toMatchObject({ duplicates: 1 });
  });

  it('events sent while HQ is away wait in its persistent session and are recorded when it returns', async () => {
    await sim.stop();
    const event: DeviceEvent = { eventId: 'while-hq-away-0001', type: 'feedback.given', deviceId: KIOSK, mallId: MALL, ts: new Date().toISOString(), payload: { score: 5 } };
    expect(mosquittoClient('mosquitto_pub', ['-q', '1', '-t', topics.events(MALL, KIOSK), '-m', JSON.stringify(event)]).status).toBe(0);
    sim = newSimulator();
    await sim.start();
    await waitFor('the queued event at HQ', () => data.store.events({ deviceId: KIOSK }).some((e) => e.eventId === 'while-hq-away-0001'));
  });

  it('a kiosk that stops says so (retained status), and HQ shows it offline', async () => {
    await agent.stop();
    const row = await waitFor('the kiosk offline at HQ', () => data.store.fleet(MALL).find((r) => r.deviceId === KIOSK && r.online === false));
    expect(row.statusReason).toBe('shutdown');
  });
});
