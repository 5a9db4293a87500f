// HQ sync benches on one kiosk against real Mosquitto: outbox drain rate, and applying a large catalog snapshot.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import type { Coupon, Store, StoreCategory } from '../contracts/catalog.ts';
import { CatalogSnapshot, CLAIM_EVENT_TYPES, MAX_PAYLOAD_BYTES, topics, type DeviceEvent } from '../contracts/mqtt.ts';
import { catalogInfo } from '../edge-agent/src/catalog/info.ts';
import type { Db } from '../edge-agent/src/db/open.ts';
import { demoCatalog } from '../common/demo/catalog.ts';
import { enqueueEvent, outboxDepth } from '../edge-agent/src/outbox.ts';
import { applySnapshot } from '../edge-agent/src/sync/apply.ts';
import { SyncEngine } from '../edge-agent/src/sync/engine.ts';
import { HQ_PASSWORD, HQ_USER, kioskDb, kioskSettings, passwordFor, quietLog, until } from './sync-support.ts';

export const DRAIN_EVENTS = 20_000;
export const DRAIN_WINDOW = 100; // the agent's default mqtt.drainBatch: events in flight at once

type Ctx = { url: string; mall: string; device: string; template: string; dir: string; hq: MqttClient };

const claimPayload = (i: number) => ({
  claimId: `clm_${String(i).padStart(12, '0')}_bench`, memberId: 'M1002', couponId: 'c-birthday-cake', via: 'claim' as const, pointsCost: 0,
  ruleId: 'r-birthday', experiment: { id: 'x-offers-2026q4', arm: 'offers' }, claimedAt: new Date().toISOString(),
});

function countOn(hq: MqttClient, topic: string): { n: () => number; off: () => void } {
  let n = 0;
  const on = (t: string) => {
    if (t === topic) n++;
  };
  hq.on('message', on);
  return { n: () => n, off: () => hq.off('message', on) };
}

/** Events/s for the engine to empty an outbox of DRAIN_EVENTS (from start(), connect included, until empty and HQ has all). */
export async function engineDrain(c: Ctx, db: Db): Promise<number> {
  db.transaction(() => {
    for (let i = 0; i < DRAIN_EVENTS; i++) enqueueEvent(db, { type: CLAIM_EVENT_TYPES.claim, payload: claimPayload(i) });
  })();
  const got = countOn(c.hq, topics.events(c.mall, c.device));
  const engine = new SyncEngine({ settings: kioskSettings({ ...c, dataDir: path.join(c.dir, c.device), drainBatch: DRAIN_WINDOW }), db, log: quietLog, agentVersion: 'bench', startedAt: Date.now() });
  const t0 = performance.now();
  engine.start();
  await until(() => got.n() >= DRAIN_EVENTS && outboxDepth(db) === 0, 120_000, () => `drain: HQ has ${got.n()}, outbox holds ${outboxDepth(db)}`);
  const ms = performance.now() - t0;
  got.off();
  await engine.stop();
  return (DRAIN_EVENTS / ms) * 1000;
}

/** Events/s for a bare mqtt.js client publishing the same event JSON at QoS 1, DRAIN_WINDOW at a time. */
export async function bareDrain(c: Ctx): Promise<number> {
  const ts = new Date().toISOString();
  const payloads = Array.from({ length: DRAIN_EVENTS }, (_, i) =>
    JSON.stringify({ eventId: randomUUID(), type: CLAIM_EVENT_TYPES.claim, deviceId: c.device, mallId: c.mall, ts, payload: claimPayload(i) } satisfies DeviceEvent));
  const topic = topics.events(c.mall, c.device);
  const got = countOn(c.hq, topic);
  const t0 = performance.now();
  const client = await mqtt.connectAsync(c.url, { protocolVersion: 5, clientId: `bench-bare-drain-${randomUUID()}`, username: c.device, password: passwordFor(c.device), reconnectPeriod: 0 });
  for (let i = 0; i < payloads.length; i += DRAIN_WINDOW) await Promise.all(payloads.slice(i, i + DRAIN_WINDOW).map((p) => client.publishAsync(topic, p, { qos: 1 })));
  await until(() => got.n() >= DRAIN_EVENTS, 60_000, () => `bare drain: HQ has ${got.n()}`);
  const ms = performance.now() - t0;
  got.off();
  await client.endAsync();
  return (DRAIN_EVENTS / ms) * 1000;
}

export async function drainRuns(c: Ctx, runs: number) {
  const db = kioskDb(c.template, path.join(c.dir, c.device));
  const out = { engine: [] as number[], bare: [] as number[] };
  for (let r = 0; r < runs; r++) {
    out.bare.push(await bareDrain(c));
    out.engine.push(await engineDrain(c, db));
  }
  db.close();
  return out;
}

// ---- catalog snapshot ----

const categories: StoreCategory[] = ['fashion', 'beauty', 'dining', 'cafe', 'kids', 'sports', 'electronics', 'home', 'jewelry', 'services', 'supermarket', 'cinema'];
const floors = ['B2', 'B1', '1F', '2F', '3F', '4F', '5F', '6F', '7F', '8F'];

/** The demo mall grown to `stores` stores and `coupons` coupons (HQ's biggest realistic mall, and then some). */
export function bigSnapshot(mall: string, version: number, stores = 5000, coupons = 10_000): CatalogSnapshot {
  const demo = demoCatalog();
  const extraStores: Store[] = Array.from({ length: stores - demo.stores.length }, (_, i) => ({
    id: `s-bench-${i}`, name: { zh: `星河店铺${i}号`, en: `Galaxy Shop No. ${i}` }, category: categories[i % categories.length]!, floor: floors[i % floors.length]!,
    unit: `${floors[i % floors.length]}-${String(i % 400).padStart(3, '0')}`, hours: '10:00-22:00', keywords: ['店铺', `shop${i}`, categories[i % categories.length]!], logoColour: '#3949AB',
  }));
  const validFrom = new Date(Date.now() - 86_400_000).toISOString();
  const validTo = new Date(Date.now() + 30 * 86_400_000).toISOString();
  const extraCoupons: Coupon[] = Array.from({ length: coupons - demo.coupons.length }, (_, i) => ({
    id: `c-bench-${i}`, storeId: `s-bench-${i % extraStores.length}`, kind: 'discount', title: { zh: `满${100 + (i % 5) * 100}减${20 + (i % 5) * 10}`, en: `¥${20 + (i % 5) * 10} off ¥${100 + (i % 5) * 100}` },
    minSpendFen: 10000 + (i % 5) * 10000, valueFen: 2000 + (i % 5) * 1000, pointsCost: i % 20 === 0 ? 300 : 0, stock: 100 + (i % 900), perMemberLimit: 1 + (i % 3),
    tiers: i % 4 === 0 ? ['gold', 'diamond'] : ['regular', 'silver', 'gold', 'diamond'], validFrom, validTo,
  }));
  return CatalogSnapshot.parse({
    ...demo, mallId: mall, version, publishedAt: new Date().toISOString(),
    stores: [...demo.stores, ...extraStores], coupons: [...demo.coupons, ...extraCoupons],
  });
}

/** ms for what the engine does with a snapshot message (JSON.parse, zod parse, apply to SQLite), and for the parses alone. */
export async function catalogApplyRuns(c: Ctx, runs: number) {
  const db = kioskDb(c.template, path.join(c.dir, `${c.device}-catalog`));
  const out = { apply: [] as number[], parseOnly: [] as number[], bytes: 0 };
  // Run 0 fills the empty database and is not counted: the measured runs replace a catalog of the same size, as a
  // kiosk does with each new snapshot.
  for (let r = 0; r <= runs; r++) {
    const payload = Buffer.from(JSON.stringify(bigSnapshot(c.mall, r + 1)));
    out.bytes = payload.length;
    const p0 = performance.now();
    CatalogSnapshot.parse(JSON.parse(payload.toString('utf8')));
    const parseMs = performance.now() - p0;
    const t0 = performance.now();
    const snap = CatalogSnapshot.parse(JSON.parse(payload.toString('utf8')));
    const outcome = applySnapshot(db, snap, c.mall);
    const applyMs = performance.now() - t0;
    if (outcome !== 'applied') throw new Error(`catalog bench: snapshot version ${r + 1} was ${outcome}`);
    if (r > 0) {
      out.apply.push(applyMs);
      out.parseOnly.push(parseMs);
    }
  }
  db.close();
  return out;
}

/**
 * ms from HQ publishing the snapshot to the kiosk's SQLite holding it (via the real engine), and, as the baseline,
 * to a bare subscriber receiving the same payload on another mall's topic (so it never waits behind the engine's
 * apply in this process).
 */
export async function catalogOverMqttRuns(c: Ctx, runs: number) {
  const db = kioskDb(c.template, path.join(c.dir, `${c.device}-mqtt`));
  const engine = new SyncEngine({ settings: kioskSettings({ ...c, dataDir: path.join(c.dir, `${c.device}-mqtt`) }), db, log: quietLog, agentVersion: 'bench', startedAt: Date.now() });
  engine.start();
  await until(() => engine.status().state === 'online', 10_000, () => `engine online (${engine.status().state})`);
  const bare = await mqtt.connectAsync(c.url, { protocolVersion: 5, clientId: `bench-bare-catalog-${randomUUID()}`, username: HQ_USER, password: HQ_PASSWORD, reconnectPeriod: 0 });
  const bareTopic = topics.catalogSnapshot(`${c.mall}-baseline`);
  await bare.subscribeAsync(bareTopic, { qos: 1 });
  let bareGot = 0;
  bare.on('message', (t, payload) => {
    if (t === bareTopic && payload.length > 0) bareGot++;
  });
  await new Promise((r) => setTimeout(r, 200)); // the engine's subscriptions are in place
  const out = { engine: [] as number[], bare: [] as number[] };
  const topic = topics.catalogSnapshot(c.mall);
  for (let r = 0; r < runs; r++) {
    const version = 100 + r;
    const payload = JSON.stringify(bigSnapshot(c.mall, version));
    if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) throw new Error(`catalog bench: snapshot of ${Buffer.byteLength(payload)} bytes exceeds MAX_PAYLOAD_BYTES`);
    let t0 = performance.now();
    await c.hq.publishAsync(topic, payload, { qos: 1, retain: true });
    await until(() => (catalogInfo(db)?.version ?? 0) === version, 60_000,
      () => `catalog v${version} applied (kiosk has v${catalogInfo(db)?.version ?? 0}, refused ${engine.status().refused})`, 1);
    out.engine.push(performance.now() - t0);
    const before = bareGot;
    t0 = performance.now();
    await c.hq.publishAsync(bareTopic, payload, { qos: 1, retain: true });
    await until(() => bareGot > before, 60_000, () => 'bare subscriber received the snapshot', 1);
    out.bare.push(performance.now() - t0);
  }
  // Clear the retained 6 MB snapshots.
  await c.hq.publishAsync(topic, '', { qos: 1, retain: true });
  await c.hq.publishAsync(bareTopic, '', { qos: 1, retain: true });
  await bare.endAsync();
  await engine.stop();
  db.close();
  return out;
}
