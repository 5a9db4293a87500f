// Wayfinding end to end: the demo mall's IMDF archive imported by the HQ simulator, published over real Mosquitto
// (retained, with the catalog), stored by the real agent process, and routed with map.route; a bad map never replaces
// the good one, and the map survives HQ going away.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topics } from '../../contracts/mqtt.ts';
import { Route, type VenueMap } from '../../contracts/venue.ts';
import { venueHash } from '../../common/node/venue-hash.ts';
import { startDemoHq, type DemoHq } from '../../hq-sim/src/demo-hq.ts';
import { silentLog } from '../../hq-sim/src/log.ts';
import { DEMO_KIOSK_ID, occupantIdForStore } from '../../common/node/imdf/demo-map.ts';
import { importImdfPath } from '../../common/node/imdf/imdf-read.ts';
import { freshDataDir, repoRoot, startAgentProcess, type AgentProcess } from '../support/agent-process.ts';
import { TestHq, waitUntil } from '../support/hq-client.ts';
import { needs } from '../support/requirements.ts';
import { refusalsOn } from '../support/signals.ts';

let hq: DemoHq;
let agent: AgentProcess;
let dataDir: string;

const venueStatus = async () => (await agent.call('map.venue', {})).body.data as { status: string; version?: number; sha256?: string };

describe('the map from HQ to the kiosk', needs('mosquitto'), () => {
  beforeAll(async () => {
    hq = await startDemoHq({ dataDir: mkdtempSync(path.join(tmpdir(), 'atrium-hq-map-')), log: silentLog });
    dataDir = freshDataDir('atrium-map-');
    agent = await startAgentProcess({ dataDir, env: hq.agentEnv });
    // The demo seeds the demo map as version 1; HQ's numbering starts at 2, so version 2 is HQ's, over MQTT.
    await waitUntil(async () => ((await venueStatus()).version ?? 0) >= 2, 20_000, 'the map from HQ');
  }, 60_000);

  afterAll(async () => {
    await agent?.stop();
    await hq?.stop();
  });

  it('stores the demo map and places you at the 1F entrance kiosk, with every catalog store on the map', async () => {
    const r = await agent.call('map.venue', {});
    expect(r.status).toBe(200);
    const data = r.body.data;
    expect(data.status).toBe('map');
    expect(data.venue.levels).toHaveLength(8); // B2 (the car park) and B1-6F
    expect(data.here).toMatchObject({ kioskId: DEMO_KIOSK_ID });
    expect(data.stores).toHaveLength(36);
    const again = await agent.call('map.venue', { knownSha256: data.sha256 });
    expect(again.body.data).toEqual({ status: 'unchanged', version: data.version });
  });

  it('routes from here to a 5F restaurant by escalator, in legs per level with longitude/latitude and steps in both languages', async () => {
    const r = await agent.call('map.route', { to: 's-hotpot' });
    expect(r.status).toBe(200);
    const route = Route.parse(r.body.data.route);
    const ordinals = route.legs.map((l) => l.ordinal);
    expect(ordinals[0]).toBe(0);
    expect(ordinals.at(-1)).toBe(4);
    expect(route.connectors.length).toBeGreaterThan(0);
    expect(route.to.ref).toBe('s-hotpot');
    for (const leg of route.legs) {
      expect(leg.lngLat).toHaveLength(leg.path.length);
      for (const [lng, lat] of leg.lngLat) {
        expect(lng).toBeCloseTo(121.4737, 2);
        expect(lat).toBeCloseTo(31.2304, 2);
      }
    }
    expect(route.steps.some((s) => s.kind === 'connector' && s.text.zh.includes('5F'))).toBe(true);
    expect(route.steps.at(-1)).toMatchObject({ kind: 'arrive', text: { zh: expect.stringContaining('蜀香火锅') } });
    expect(r.body.data.shareUrl).toContain(`to=s-hotpot`);
    expect(r.body.data.shareUrl).toContain(`from=${DEMO_KIOSK_ID}`);
    expect(r.body.data.shareUrl).toContain('stepFree=0');
  });

  it('step-free takes only lifts; the nearest restroom and an occupant id route too', async () => {
    const r = await agent.call('map.route', { to: 's-hotpot', accessible: true });
    expect(r.status).toBe(200);
    const route = Route.parse(r.body.data.route);
    expect(route.legs.flatMap((l) => (l.connector ? [l.connector.kind] : []))).toEqual(['elevator']);
    expect(r.body.data.shareUrl).toContain('stepFree=1');
    const wc = await agent.call('map.route', { to: 'nearest:restroom' });
    expect(wc.status).toBe(200);
    expect(Route.parse(wc.body.data.route).legs).toHaveLength(1); // there is one on 1F
    const occupant = await agent.call('map.route', { from: occupantIdForStore('s-hotpot'), to: 's-sushi' });
    expect(occupant.status).toBe(200);
  });

  it('refuses unknown places with a clear code and message', async () => {
    const r = await agent.call('map.route', { to: 'no-such-store' });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'unknown_place', message: expect.stringContaining('no-such-store') });
    const bad = await agent.call('map.route', { from: 'nearest:restroom', to: 's-hotpot' });
    expect(bad.body.error.code).toBe('unknown_place');
  });

  it('keeps the last good map: a mis-hashed or stale map is refused, a newer good one replaces it', async () => {
    const before = await venueStatus();
    const tool = await TestHq.connect(hq.url, { username: hq.hq.username, password: hq.hq.password, subscribe: [] });
    try {
      const other = importImdfPath(path.join(repoRoot, 'tests/fixtures/imdf/small-building.geojson')).venue!;
      const message = (version: number, sha256 = venueHash(other)): VenueMap => ({ mallId: hq.device.mallId, version, sha256, publishedAt: new Date().toISOString(), venue: other });
      const refusedBefore = refusalsOn(agent, topics.map(hq.device.mallId));
      await tool.publish(topics.map(hq.device.mallId), JSON.stringify(message(before.version! + 5, 'f'.repeat(64))));
      await tool.publish(topics.map(hq.device.mallId), JSON.stringify(message(before.version!)));
      await tool.publish(topics.map(hq.device.mallId), '{"not": "a map"}');
      await waitUntil(() => refusalsOn(agent, topics.map(hq.device.mallId)) >= refusedBefore + 3, 10_000, 'three refusals');
      expect(await venueStatus()).toMatchObject({ version: before.version, sha256: before.sha256 });
      await tool.publish(topics.map(hq.device.mallId), JSON.stringify(message(before.version! + 1)));
      await waitUntil(async () => (await venueStatus()).version === before.version! + 1, 10_000, 'the newer map');
      // The rooms-and-openings building routes too (no walkway units at all).
      const units = other.units.filter((u) => u.category === 'room');
      const r = await agent.call('map.route', { from: units[0]!.id, to: units.at(-1)!.id });
      expect(r.status).toBe(200);
    } finally {
      await tool.end();
    }
  });

  it('still routes after HQ is gone and the agent restarted (the map is in SQLite)', async () => {
    const before = await venueStatus();
    await hq.stop();
    await agent.stop();
    agent = await startAgentProcess({ dataDir, env: hq.agentEnv });
    expect(await venueStatus()).toMatchObject({ status: 'map', version: before.version });
    const units = (await agent.call('map.venue', {})).body.data.venue.units.filter((u: { category: string }) => u.category === 'room');
    expect((await agent.call('map.route', { from: units[0].id, to: units.at(-1).id })).status).toBe(200);
  });
});

describe('ATRIUM_DEMO_MAP: the demo on another IMDF map', needs('mosquitto'), () => {
  it('publishes the given map instead of the demo mall`s, and refuses to start on a map that does not import', async () => {
    const fixture = path.join(repoRoot, 'tests/fixtures/imdf/small-building.geojson');
    const other = await startDemoHq({ dataDir: mkdtempSync(path.join(tmpdir(), 'atrium-hq-map2-')), log: silentLog, mapFile: fixture });
    const kiosk = await startAgentProcess({ dataDir: freshDataDir('atrium-map2-'), env: other.agentEnv });
    try {
      const levels = async () => {
        const data = (await kiosk.call('map.venue', {})).body.data as { status: string; version?: number; venue?: { levels: unknown[] } };
        return data.status === 'map' && (data.version ?? 0) >= 2 ? data.venue!.levels.length : null;
      };
      expect(await waitUntil(levels, 20_000, 'the other map')).toBe(3);
    } finally {
      await kiosk.stop();
      await other.stop();
    }
    const broken = path.join(mkdtempSync(path.join(tmpdir(), 'atrium-bad-map-')), 'broken.zip');
    writeFileSync(broken, 'not a zip at all');
    await expect(startDemoHq({ dataDir: mkdtempSync(path.join(tmpdir(), 'atrium-hq-map3-')), log: silentLog, mapFile: broken })).rejects.toThrow(/cannot be used: .*map check/);
  }, 90_000);
});
