// HQ sync benches (issue 3) against a real Mosquitto: outbox drain rate, catalog snapshot apply, and a fleet of
// simulated kiosks. Each figure sits beside a baseline measured in the same run. `BENCH_ONLY=sync node bench/run.ts`
// runs just these; FLEET_KIOSKS overrides the fleet size (default 500).
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { catalogApplyRuns, catalogOverMqttRuns, drainRuns, DRAIN_EVENTS, DRAIN_WINDOW } from './sync-drain-catalog.ts';
import { fleetDevice, fleetMall, fleetRun, type FleetResult } from './sync-fleet.ts';
import { round } from './stats.ts';
import { benchDir, HQ_PASSWORD, HQ_USER, startFleetBroker, templateDb } from './sync-support.ts';

export type SyncRow = { name: string; unit: string; values: number[]; baselineName: string; baseline: number[] };

const MALL = 'bench-mall';
const DEVICE = 'bench-kiosk';

async function hqClient(url: string) {
  const hq = await mqtt.connectAsync(url, { protocolVersion: 5, clientId: `bench-hq-${process.pid}`, username: HQ_USER, password: HQ_PASSWORD, reconnectPeriod: 0 });
  await hq.subscribeAsync(`atrium/v1/${MALL}/devices/+/events`, { qos: 1 });
  return hq;
}

export async function syncBench(runs: number): Promise<SyncRow[]> {
  const kiosks = Number(process.env.FLEET_KIOSKS ?? 500);
  const dir = benchDir('atrium-bench-sync-');
  const template = templateDb(dir);
  const fleetDevices = (['engine', 'bare'] as const).flatMap((mode) => Array.from({ length: kiosks }, (_, i) => ({ id: fleetDevice(mode, i), mall: fleetMall(mode) })));
  const rows: SyncRow[] = [];
  const log = (s: string) => console.log(`  sync: ${s}`);
  const fmt = (xs: number[]) => xs.map((v) => round(v, 0)).join(', ');

  // Mosquitto's default (set_tcp_nodelay false), for the drain only: shows what Nagle's algorithm costs.
  const plain = await startFleetBroker([{ id: DEVICE, mall: MALL }], { tcpNoDelay: false });
  try {
    const hq = await hqClient(plain.url);
    const drain = await drainRuns({ url: plain.url, mall: MALL, device: DEVICE, template, dir: path.join(dir, 'plain'), hq }, Math.min(runs, 2));
    log(`drain on a default broker (set_tcp_nodelay false): engine ${fmt(drain.engine)} events/s; bare ${fmt(drain.bare)} events/s`);
    rows.push({ name: `outbox drain, Mosquitto default set_tcp_nodelay false (SyncEngine)`, unit: 'events/s', values: drain.engine, baselineName: 'bare mqtt.js on that broker', baseline: drain.bare });
    await hq.endAsync();
  } finally {
    await plain.stop();
  }

  const broker = await startFleetBroker([{ id: DEVICE, mall: MALL }, ...fleetDevices], { tcpNoDelay: true });
  try {
    const hq = await hqClient(broker.url);
    const ctx = { url: broker.url, mall: MALL, device: DEVICE, template, dir, hq };

    const drainN = Math.min(runs, 3);
    const drain = await drainRuns(ctx, drainN);
    log(`drain ${DRAIN_EVENTS} events x${drainN}: engine ${fmt(drain.engine)} events/s; bare ${fmt(drain.bare)} events/s`);
    rows.push({ name: `outbox drain: ${DRAIN_EVENTS.toLocaleString('en')} queued events -> HQ (SyncEngine, window ${DRAIN_WINDOW})`, unit: 'events/s', values: drain.engine,
      baselineName: `bare mqtt.js QoS 1, same payloads, window ${DRAIN_WINDOW}`, baseline: drain.bare });

    const apply = await catalogApplyRuns(ctx, Math.min(runs, 5));
    log(`catalog snapshot ${(apply.bytes / 1048576).toFixed(1)} MB: apply ${fmt(apply.apply)} ms; parse only ${fmt(apply.parseOnly)} ms`);
    rows.push({ name: 'catalog snapshot (10,000 coupons, 5,000 stores): JSON + zod + apply to SQLite', unit: 'ms', values: apply.apply, baselineName: 'JSON.parse + zod parse alone', baseline: apply.parseOnly });

    const overMqtt = await catalogOverMqttRuns(ctx, Math.min(runs, 3));
    log(`catalog over MQTT: engine ${fmt(overMqtt.engine)} ms; bare ${fmt(overMqtt.bare)} ms`);
    rows.push({ name: 'catalog snapshot: HQ publish -> applied in kiosk SQLite (SyncEngine)', unit: 'ms', values: overMqtt.engine, baselineName: 'HQ publish -> bare subscriber has it', baseline: overMqtt.bare });
    await hq.endAsync();

    const workers = Math.max(1, Math.min(2, os.cpus().length));
    const fleet: Record<'engine' | 'bare', FleetResult> = {
      bare: await fleetRun({ mode: 'bare', kiosks, workers, url: broker.url, template, dir }),
      engine: await fleetRun({ mode: 'engine', kiosks, workers, url: broker.url, template, dir }),
    };
    for (const mode of ['engine', 'bare'] as const) {
      const f = fleet[mode];
      log(`fleet ${mode} x${f.kiosks} in ${workers} processes: half online ${round(f.halfOnlineMs, 0)} ms, all ${round(f.allOnlineMs, 0)} ms (listen overflows ${f.listenOverflows}); heartbeat p50/p95 ${round(f.heartbeat.p50)}/${round(f.heartbeat.p95)} ms (${f.heartbeat.samples}); ` +
        `event p50/p95 ${round(f.event.p50)}/${round(f.event.p95)} ms (${f.event.samples}); RSS/kiosk ${round(f.rssPerKioskMb)} MB`);
    }
    const n = `${kiosks} kiosks`;
    const e = fleet.engine;
    const b = fleet.bare;
    rows.push(
      { name: `fleet of ${n}: start -> HQ has every birth`, unit: 'ms', values: [e.allOnlineMs], baselineName: `${kiosks} bare mqtt.js connections`, baseline: [b.allOnlineMs] },
      { name: `fleet of ${n}: heartbeat kiosk -> HQ p50 (every kiosk every 1 s)`, unit: 'ms', values: [e.heartbeat.p50], baselineName: 'bare client, same payload p50', baseline: [b.heartbeat.p50] },
      { name: `fleet of ${n}: heartbeat kiosk -> HQ p95 (every kiosk every 1 s)`, unit: 'ms', values: [e.heartbeat.p95], baselineName: 'bare client, same payload p95', baseline: [b.heartbeat.p95] },
      { name: `fleet of ${n}: event recorded -> HQ receives p50 (1 event per kiosk in 4 s)`, unit: 'ms', values: [e.event.p50], baselineName: 'bare QoS 1 publish p50', baseline: [b.event.p50] },
      { name: `fleet of ${n}: event recorded -> HQ receives p95 (1 event per kiosk in 4 s)`, unit: 'ms', values: [e.event.p95], baselineName: 'bare QoS 1 publish p95', baseline: [b.event.p95] },
      { name: `fleet of ${n}: memory per kiosk (RSS delta / N)`, unit: 'MB', values: [e.rssPerKioskMb], baselineName: 'bare mqtt.js connection', baseline: [b.rssPerKioskMb] },
    );
  } finally {
    await broker.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(broker.dir, { recursive: true, force: true });
    rmSync(plain.dir, { recursive: true, force: true });
  }
  return rows;
}
