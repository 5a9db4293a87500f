// HQ sync end to end against real Mosquitto (MQTT 5, password file, per-device ACL) and the real agent process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topics, CatalogSnapshot, DeviceEvent, DeviceStatus, Heartbeat, ReportedConfig, CommandResult } from '../../contracts/mqtt.ts';
import { demoCatalog } from '../../common/demo/catalog.ts';
import { startAgentProcess, type AgentProcess } from '../support/agent-process.ts';
import { dbDigest } from '../support/db-digest.ts';
import { TestHq, waitUntil } from '../support/hq-client.ts';
import { startMosquitto, type Broker } from '../support/mosquitto.ts';
import { countLogs } from '../support/signals.ts';

const MALL = 'demo-mall';
const DEV = 'kiosk-a';
let broker: Broker;
let hq: TestHq;
let agent: AgentProcess;

function snapshot(version: number, extraStore?: string): CatalogSnapshot {
  const c = demoCatalog();
  const stores = extraStore
    ? [...c.stores, { id: 's-new', name: { zh: extraStore, en: 'New Shop' }, category: 'cafe' as const, floor: '2F', unit: '2F-30', keywords: [], logoColour: '#123456' }]
    : c.stores;
  return CatalogSnapshot.parse({ ...c, stores, version, publishedAt: new Date().toISOString() });
}

const health = async () => (await (await fetch(new URL('/health', agent.url))).json()) as { versions: { catalog: number }; sync: { state: string; lastError: string | null; outboxDepth: number } };
const refusedLogs = () => agent.logs.filter((l) => l.includes('mqtt message refused'));

beforeAll(async () => {
  broker = await startMosquitto({ users: { hq: 'hq-secret', [DEV]: 'a-secret', 'kiosk-b': 'b-secret' } });
  hq = await TestHq.connect(broker.url, { username: 'hq', password: 'hq-secret', subscribe: ['atrium/v1/#'] });
  agent = await startAgentProcess({
    env: { ATRIUM_HQ_URL: broker.url, ATRIUM_MALL_ID: MALL, ATRIUM_DEVICE_ID: DEV, ATRIUM_MQTT_USERNAME: DEV, ATRIUM_MQTT_PASSWORD: 'a-secret', ATRIUM_HEARTBEAT_SEC: '1' },
  });
  await waitUntil(async () => (await health()).sync.state === 'online', 10_000, 'agent online');
});

afterAll(async () => {
  await agent?.stop();
  await hq?.end();
  await broker?.stop();
});

describe('status and heartbeat', () => {
  it('publishes a retained birth status, then heartbeats with health figures', async () => {
    const birth = await hq.waitFor(() => hq.on(`${DEV}/status`).find((s) => s.json?.reason === 'birth'), 5000, 'birth');
    expect(DeviceStatus.parse(birth.json)).toMatchObject({ online: true, deviceId: DEV, mallId: MALL });
    const hb = await hq.waitFor(() => hq.on(`${DEV}/heartbeat`).at(-1), 5000, 'heartbeat');
    const beat = Heartbeat.parse(hb.json);
    expect(beat.catalogVersion).toBeGreaterThanOrEqual(1);
    expect(beat.rssMb).toBeGreaterThan(10);
  });

  it('reports its effective config, retained', async () => {
    const rep = await hq.waitFor(() => hq.on(`${DEV}/config/reported`).at(-1), 5000, 'reported config');
    expect(ReportedConfig.parse(rep.json).effective.role).toBe('guide');
  });
});

describe('catalog and config downstream', () => {
  it('applies a retained snapshot; a repeated or stale version changes nothing', async () => {
    await hq.publish(topics.catalogSnapshot(MALL), snapshot(5, '星河新店'), { retain: true });
    await waitUntil(async () => (await health()).versions.catalog === 5, 5000, 'catalog v5');
    const found = await agent.call('stores.search', { query: '星河新店' });
    expect(found.body.data.stores.map((s: { id: string }) => s.id)).toEqual(['s-new']);
    const before = dbDigest(agent.dataDir);
    const refusedBefore = refusedLogs().length;
    await hq.publish(topics.catalogSnapshot(MALL), snapshot(5), { retain: true });
    await hq.publish(topics.catalogSnapshot(MALL), snapshot(3), { retain: true });
    await waitUntil(() => refusedLogs().length >= refusedBefore + 2, 5000, 'two refusals');
    expect(refusedLogs().slice(-2).join('\n')).toMatch(/stale catalog snapshot version 5[\s\S]*stale catalog snapshot version 3/);
    expect(dbDigest(agent.dataDir)).toBe(before);
  });

  it('applies a delta on top of its version only', async () => {
    const delta = (from: number, to: number, zh: string) => ({
      mallId: MALL, fromVersion: from, toVersion: to, publishedAt: new Date().toISOString(),
      upsert: { stores: [{ id: 's-new', name: { zh, en: 'Renamed' }, category: 'cafe', floor: '2F', unit: '2F-30', keywords: [], logoColour: '#123456' }] },
      remove: { stores: ['s-keyshop'] },
    });
    await hq.publish(topics.catalogDelta(MALL), delta(5, 6, '改名新店'));
    await waitUntil(async () => (await health()).versions.catalog === 6, 5000, 'catalog v6');
    expect((await agent.call('stores.search', { query: '改名新店' })).body.data.stores).toHaveLength(1);
    expect((await agent.call('stores.search', { query: '快修' })).body.data.stores).toHaveLength(0);
    const before = dbDigest(agent.dataDir);
    const n = refusedLogs().length;
    await hq.publish(topics.catalogDelta(MALL), delta(5, 6, '重复')); // repeated
    await hq.publish(topics.catalogDelta(MALL), delta(8, 9, '跳号')); // gap: kiosk re-fetches the retained snapshot (v5, stale)
    await waitUntil(() => refusedLogs().length >= n + 2, 5000, 'refusals');
    expect(refusedLogs().slice(n).join('\n')).toMatch(/stale catalog delta version 6[\s\S]*gap catalog delta version 9/);
    expect(dbDigest(agent.dataDir)).toBe(before);
  });

  it('applies desired config by version and reports it back', async () => {
    const desired = (version: number, idle: number) => ({ version, issuedAt: new Date().toISOString(), config: { idleTimeoutSec: idle, language: 'en' } });
    await hq.publish(topics.configDesired(MALL, DEV), desired(2, 90), { retain: true });
    const rep = await hq.waitFor(() => hq.on(`${DEV}/config/reported`).find((s) => s.json?.desiredVersion === 2), 5000, 'reported v2');
    expect(rep.json.effective).toMatchObject({ idleTimeoutSec: 90, language: 'en' });
    expect((await agent.call('kiosk.bootstrap', {})).body.data.display).toMatchObject({ idleTimeoutSec: 90, language: 'en' });
    expect((await agent.call('kiosk.signals', {})).body.data.configVersion).toBe(2);
    await hq.publish(topics.configDesired(MALL, DEV), desired(1, 30), { retain: true });
    await waitUntil(() => refusedLogs().some((l) => l.includes('stale desired config version 1')), 5000, 'stale config refusal');
    expect((await agent.call('kiosk.bootstrap', {})).body.data.display.idleTimeoutSec).toBe(90);
  });
});

describe('bad messages are refused with a logged reason and change nothing', () => {
  const cases: [string, () => string | Buffer, RegExp][] = [
    ['garbage bytes', () => Buffer.from([0xff, 0x00, 0x13, 0x37]), /not JSON/],
    ['JSON of the wrong shape', () => JSON.stringify({ hello: 'world' }), /wrong schema/],
    ['a snapshot for another mall', () => JSON.stringify(CatalogSnapshot.parse({ ...snapshot(50), mallId: 'other-mall' })), /wrong-mall catalog snapshot/],
    ['a snapshot with a bad store', () => JSON.stringify({ ...snapshot(51), stores: [{ id: 'x', name: { zh: '' } }] }), /wrong schema: stores\.0/],
    ['an oversized payload', () => Buffer.alloc(8 * 1024 * 1024 + 10, 0x20), /oversized/],
  ];
  for (const [name, payload, reason] of cases) {
    it(`refuses ${name}`, async () => {
      const before = dbDigest(agent.dataDir);
      const n = refusedLogs().length;
      await hq.publish(topics.catalogSnapshot(MALL), payload());
      await waitUntil(() => refusedLogs().length > n, 5000, 'refusal');
      expect(refusedLogs().slice(n).join('\n')).toMatch(reason);
      expect(dbDigest(agent.dataDir)).toBe(before);
      expect((await health()).sync.state).toBe('online');
    });
  }
});

describe('commands', () => {
  const command = (id: string, name: string, expiresInMs = 60_000, args = {}) => ({
    id, name, args, issuedAt: new Date().toISOString(), expiresAt: new Date(Date.now() + expiresInMs).toISOString(),
  });
  const results = (id: string) => hq.on(`${DEV}/commands/result`).filter((s) => s.json?.id === id).map((s) => CommandResult.parse(s.json).status);

  it('acknowledges reload-ui, then reports it done; the page sees a new reload signal', async () => {
    const before = (await agent.call('kiosk.signals', {})).body.data.reloadSeq;
    await hq.publish(topics.commands(MALL, DEV), command('cmd-reload-0001', 'reload-ui'));
    await hq.waitFor(() => results('cmd-reload-0001').includes('done'), 5000, 'done');
    expect(results('cmd-reload-0001')).toEqual(['accepted', 'done']);
    expect((await agent.call('kiosk.signals', {})).body.data.reloadSeq).toBe(before + 1);
  });

  it('runs sync-now and answers with figures', async () => {
    await hq.publish(topics.commands(MALL, DEV), command('cmd-sync-0001', 'sync-now'));
    const done = await hq.waitFor(() => hq.on(`${DEV}/commands/result`).find((s) => s.json?.id === 'cmd-sync-0001' && s.json.status === 'done'), 5000, 'done');
    expect(done.json.data).toMatchObject({ outboxDepth: 0, catalogVersion: 6 });
  });

  it('refuses an expired command and ignores a replayed one', async () => {
    await hq.publish(topics.commands(MALL, DEV), command('cmd-old-00001', 'reload-ui', -1000));
    await hq.waitFor(() => results('cmd-old-00001').length === 1, 5000, 'expired result');
    expect(results('cmd-old-00001')).toEqual(['expired']);
    const repeats = () => countLogs(agent, 'command repeated; ignored', (r) => r.id === 'cmd-reload-0001');
    const repeatsBefore = repeats();
    await hq.publish(topics.commands(MALL, DEV), command('cmd-reload-0001', 'reload-ui'));
    await waitUntil(() => repeats() > repeatsBefore, 5000, 'the replay ignored');
    // Had the replay run, its 'accepted' would have gone out before the agent moved on to the next command.
    await hq.publish(topics.commands(MALL, DEV), command('cmd-after-0001', 'reload-ui'));
    await hq.waitFor(() => results('cmd-after-0001').includes('done'), 5000, 'the next command done');
    expect(results('cmd-reload-0001')).toEqual(['accepted', 'done']);
  });

  it('rejects set-config with bad arguments and applies a good one', async () => {
    await hq.publish(topics.commands(MALL, DEV), command('cmd-setcfg-001', 'set-config', 60_000, { version: 'x' }));
    await hq.waitFor(() => results('cmd-setcfg-001').includes('rejected'), 5000, 'rejected');
    await hq.publish(topics.commands(MALL, DEV), command('cmd-setcfg-002', 'set-config', 60_000, { version: 7, issuedAt: new Date().toISOString(), config: { idleTimeoutSec: 45 } }));
    await hq.waitFor(() => results('cmd-setcfg-002').includes('done'), 5000, 'done');
    expect((await agent.call('kiosk.bootstrap', {})).body.data.display.idleTimeoutSec).toBe(45);
  });
});

describe('events upstream', () => {
  it('delivers device.started with a stable id and empties the outbox', async () => {
    const ev = await hq.waitFor(() => hq.on(`${DEV}/events`).find((s) => s.json?.type === 'device.started'), 5000, 'event');
    expect(DeviceEvent.parse(ev.json)).toMatchObject({ deviceId: DEV, mallId: MALL });
    await waitUntil(async () => (await health()).sync.outboxDepth === 0, 5000, 'outbox empty');
  });
});

describe('per-device ACL', () => {
  it("keeps a kiosk from reading another kiosk's topics", async () => {
    const own = topics.commands(MALL, 'kiosk-b');
    const intruder = await TestHq.connect(broker.url, { username: 'kiosk-b', password: 'b-secret', subscribe: [topics.commands(MALL, DEV), topics.configDesired(MALL, DEV), topics.events(MALL, DEV), own] });
    await hq.publish(topics.commands(MALL, DEV), { id: 'cmd-private-01', name: 'reload-ui', args: {}, issuedAt: new Date().toISOString(), expiresAt: new Date(Date.now() + 60000).toISOString() });
    await hq.waitFor(() => hq.on(`${DEV}/commands/result`).some((s) => s.json?.id === 'cmd-private-01'), 5000, 'kiosk-a got it');
    // A later message on kiosk-b's own topic: the broker delivers in order, so kiosk-a's command would be here first.
    await hq.publish(own, { marker: true });
    await intruder.waitFor(() => intruder.seen.some((s) => s.topic === own), 5000, 'kiosk-b got its own message');
    expect(intruder.seen.filter((s) => s.topic !== own)).toEqual([]);
    await intruder.end();
  });

  it("refuses a kiosk publishing as another kiosk, and the agent's outbox keeps what was refused", async () => {
    // kiosk-b's credentials with kiosk-a's device id: every publish to kiosk-a's topics is denied (MQTT 5 reason 135).
    const impostor = await startAgentProcess({
      env: { ATRIUM_HQ_URL: broker.url, ATRIUM_MALL_ID: MALL, ATRIUM_DEVICE_ID: DEV, ATRIUM_MQTT_USERNAME: 'kiosk-b', ATRIUM_MQTT_PASSWORD: 'b-secret' },
    });
    try {
      const h = await waitUntil(async () => {
        const r = (await (await fetch(new URL('/health', impostor.url))).json()) as { status: string; sync: { lastError: string | null; outboxDepth: number } };
        return r.sync.lastError ? r : null;
      }, 10_000, 'visible error');
      expect(h.status).toBe('degraded');
      expect(h.sync.lastError).toMatch(/Not authorized \(reason code 135\); they stay in the outbox/);
      expect(h.sync.outboxDepth).toBe(1);
      expect(impostor.logs.some((l) => l.includes('events refused by the broker; kept in the outbox'))).toBe(true);
      const startedEvents = hq.on(`${DEV}/events`).filter((s) => s.json?.type === 'device.started');
      expect(startedEvents).toHaveLength(1); // only the real kiosk-a's
    } finally {
      await impostor.stop();
    }
  });
});
