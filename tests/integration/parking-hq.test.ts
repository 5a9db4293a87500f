// Find my car end to end: the real agent process asks the HQ simulator's car park over real Mosquitto (MQTT 5
// request/response, password file, per-device ACL) and answers the page's parking.find: found (space, fee, a
// member's benefits confirmed by HQ, the space on the map and a route to it), not found, an invalid plate, HQ silent
// (time-out), HQ restarting mid-request, and no HQ at all. Then the privacy check: the plate is nowhere in the
// kiosk's SQLite, data folder or logs, and in exactly one MQTT message per search (the request to HQ).
import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiMethods } from '../../contracts/api.ts';
import { ParkingRequest } from '../../contracts/parking.ts';
import { Route } from '../../contracts/venue.ts';
import { spaceAmenityId } from '../../common/node/imdf/demo-map.ts';
import { startDemoHq, type DemoHq } from '../../hq-sim/src/demo-hq.ts';
import { silentLog } from '../../hq-sim/src/log.ts';
import { issueMemberToken } from '../../hq-sim/src/member-qr.ts';
import { ParkingStore } from '../../hq-sim/src/parking/store.ts';
import { freshDataDir, startAgentProcess, type AgentProcess } from '../support/agent-process.ts';
import { TestHq, waitUntil } from '../support/hq-client.ts';
import { needs } from '../support/requirements.ts';

let hq: DemoHq;
let watcher: TestHq;
let agent: AgentProcess;
let dataDir: string;
const agentLogs: string[] = [];
/** Every plate this file searches for, with how many searches for it reached HQ. */
const searched = new Map<string, number>();

const find = async (plate: string, memberSession: string | null = null) => {
  const r = await agent.call('parking.find', { plate, memberSession });
  if (r.status === 200) searched.set(plate, (searched.get(plate) ?? 0) + 1);
  return r;
};
const found = async (plate: string, memberSession: string | null = null) => {
  const r = await find(plate, memberSession);
  expect(r.status).toBe(200);
  return apiMethods['parking.find'].result.parse(r.body.data);
};

describe('find my car with HQ over Mosquitto', needs('mosquitto'), () => {
  beforeAll(async () => {
    hq = await startDemoHq({ dataDir: mkdtempSync(path.join(tmpdir(), 'atrium-hq-parking-')), log: silentLog });
    // A plain (not shared) HQ subscription sees every message on the broker without taking any from the simulator.
    watcher = await TestHq.connect(hq.url, { username: hq.hq.username, password: hq.hq.password, subscribe: ['atrium/v1/#'] });
    dataDir = freshDataDir('atrium-parking-');
    const config = path.join(dataDir, 'config.json');
    writeFileSync(config, JSON.stringify({ mqtt: { lookupTimeoutMs: 1500 } }));
    agent = await startAgentProcess({ dataDir, env: hq.agentEnv, args: ['--config', config] });
    await waitUntil(async () => ((await agent.call('map.venue', {})).body.data.version ?? 0) >= 2, 20_000, 'the map from HQ');
    await waitUntil(async () => (await (await fetch(new URL('/health', agent.url))).json()).sync.state === 'online', 20_000, 'online');
  }, 60_000);

  afterAll(async () => {
    await agent?.stop();
    await watcher?.end();
    await hq?.stop();
  });

  it('finds a seeded car: space, time, the fee in fen, a payment link, the plate masked, and the way to the space', async () => {
    const r = await found('沪AD12348');
    expect(r.status).toBe('found');
    if (r.status !== 'found') return;
    expect(r.maskedPlate).toBe('沪A·D****8');
    expect(r.car).toMatchObject({ space: 'B2-118', level: 'B2', zone: 'B' });
    expect(r.car.minutes).toBeGreaterThanOrEqual(155);
    expect(r.quote.feeFen).toBe(1500); // 3 started hours at ¥5
    expect(r.quote.payableFen).toBe(1500);
    expect(r.quote.benefits).toEqual([]);
    expect(r.quote.paymentUrl).toMatch(/^https:\/\/pay\.atrium\.example\/parking\?quote=/);
    expect(r.quote.paymentUrl).not.toContain('12348');
    expect(r.mapTarget).toBe(spaceAmenityId('B2-118'));
    const route = Route.parse((await agent.call('map.route', { to: r.mapTarget })).body.data.route);
    expect(route.legs[0]!.ordinal).toBe(0);
    expect(route.legs.at(-1)!.ordinal).toBe(-2);
    expect(route.to.name).toEqual({ zh: '车位 B2-118', en: 'Space B2-118' });
  });

  it('finds a car parked from HQ`s side just now (as `npm run hq -- parking park` does)', async () => {
    const store = new ParkingStore(hq.data.dataDir);
    store.park({ plate: '川A88888', space: 'B2-120', enteredAt: new Date(), photo: null });
    store.close();
    const r = await found('川A88888');
    expect(r).toMatchObject({ status: 'found', maskedPlate: '川A·8***8', car: { space: 'B2-120', zone: 'B' }, quote: { feeFen: 0, payableFen: 0, paymentUrl: null } });
  });

  it('applies a signed-in member`s benefits, each from HQ: gold tier hours, then their parking coupon', async () => {
    const member = hq.data.store.memberById('M1003')!;
    const { token } = issueMemberToken(hq.data.key, member, new Date());
    const id = apiMethods['member.identify'].result.parse((await agent.call('member.identify', { source: 'camera', code: token })).body.data);
    expect(id.status).toBe('identified');
    if (id.status !== 'identified') return;
    const r2 = await found('沪AD12348', id.home.memberSession);
    if (r2.status !== 'found') throw new Error(`expected found, got ${r2.status}`);
    expect(r2.quote.benefits).toEqual([
      { kind: 'tier-free-hours', hours: 2, savedFen: 1000 },
      { kind: 'coupon', couponId: 'pk-2h', title: { zh: '停车券 2 小时', en: 'Parking voucher, 2 hours' }, savedFen: 500 },
    ]);
    expect(r2.quote.payableFen).toBe(0);
    const sent = watcher.on('/parking').map((s) => ParkingRequest.parse(s.json));
    expect(sent.at(-1)).toEqual({ plate: '沪AD12348', memberId: 'M1003' });
  });

  it('HQ refusing: an unknown plate is not found, shown masked', async () => {
    expect(await found('苏E54321')).toEqual({ status: 'not_found', maskedPlate: '苏E·5***1' });
  });

  it('an invalid plate is refused on the kiosk with the reason in both languages, and never sent', async () => {
    const before = watcher.on('/parking').length;
    const r = await find('沪AB12O4');
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_params');
    expect(r.body.error.issues[0].message).toContain('I 和 O');
    expect(JSON.stringify(r.body)).not.toContain('沪AB12O4');
    expect(watcher.on('/parking').length).toBe(before);
  });

  it('HQ silent: unavailable after the time-out, no figures; HQ back after restarting mid-request: answers again', async () => {
    await hq.simulator.stop();
    const r = await found('沪AD12348');
    expect(r).toEqual({ status: 'unavailable', reason: 'timeout' });
    // HQ restarts: its persistent session gets the request it missed and answers it late; the kiosk drops that answer.
    await hq.simulator.start();
    await waitUntil(() => agent.logs.some((l) => l.includes('no parking request waiting')), 10_000, 'the late answer refused');
    const again = await found('沪AD12348');
    expect(again.status).toBe('found');
  }, 30_000);

  it('keeps the plate out of SQLite, the data folder and the logs; it travels in exactly one message per search', async () => {
    agentLogs.push(...agent.logs);
    await agent.stop();
    const plates = [...searched.keys()];
    expect(plates.length).toBeGreaterThanOrEqual(3);
    // Every cell of every table of the agent's database, then every byte of every file of the data folder.
    const db = new Database(path.join(dataDir, 'atrium.db'), { readonly: true });
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    const cells = tables.flatMap((t) => (db.prepare(`SELECT * FROM "${t}"`).all() as Record<string, unknown>[]).flatMap((row) => Object.values(row).map((v) => (Buffer.isBuffer(v) ? v.toString('utf8') : String(v)))));
    db.close();
    expect(cells.length).toBeGreaterThan(100);
    const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(path.join(dir, f)).isDirectory() ? files(path.join(dir, f)) : [path.join(dir, f)]));
    const fileBytes = files(dataDir).map((f) => ({ f, text: readFileSync(f).toString('utf8') }));
    const allMessages = watcher.seen.map((s) => ({ topic: s.topic, text: s.payload.toString('utf8') }));
    for (const plate of plates) {
      const serial = plate.slice(2); // the part a mask hides, in case a province were split off somewhere
      expect(cells.filter((c) => c.includes(plate) || c.includes(serial)), plate).toEqual([]);
      expect(fileBytes.filter(({ text }) => text.includes(plate) || text.includes(serial)).map(({ f }) => f), plate).toEqual([]);
      expect(agentLogs.filter((l) => l.includes(plate) || l.includes(serial)), plate).toEqual([]);
      const carrying = allMessages.filter(({ text }) => text.includes(plate) || text.includes(serial));
      expect(carrying.every(({ topic }) => topic.endsWith('/parking')), plate).toBe(true);
      expect(carrying.length, plate).toBe(searched.get(plate));
    }
  });
});

describe('find my car with no HQ at all', () => {
  it('says the parking service is unavailable, with no figures', async () => {
    const solo = await startAgentProcess({ dataDir: freshDataDir('atrium-parking-nohq-') });
    try {
      const r = await solo.call('parking.find', { plate: '沪AD12348' });
      expect(r.status).toBe(200);
      expect(r.body.data).toEqual({ status: 'unavailable', reason: 'no_hq' });
    } finally {
      await solo.stop();
    }
  });
});
