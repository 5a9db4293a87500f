// The fleet bench: N simulated kiosks in a few child processes against one Mosquitto, watched by an HQ subscriber in
// this process. Time until HQ has every kiosk's birth, heartbeat and event latency kiosk -> HQ, and RSS per kiosk.
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import { parseDeviceTopic } from '../contracts/mqtt.ts';
import { percentile } from './stats.ts';
import type { FleetMode, WorkerCommand, WorkerReply } from './sync-fleet-worker.ts';
import { HQ_PASSWORD, HQ_USER, sleep, until, wallNow } from './sync-support.ts';

const workerFile = fileURLToPath(new URL('./sync-fleet-worker.ts', import.meta.url));

export type FleetResult = {
  kiosks: number;
  /** ms from telling the workers to start until HQ has a (live) birth status from every kiosk, and for half of them. */
  allOnlineMs: number;
  halfOnlineMs: number;
  /** Connections the kernel dropped because a listen queue was full during the start (system-wide TcpExt counter). */
  listenOverflows: number;
  heartbeat: { p50: number; p95: number; samples: number };
  event: { p50: number; p95: number; samples: number };
  /** (RSS after - RSS before) / kiosks, MB, summed over the worker processes, after a GC. */
  rssPerKioskMb: number;
};

export const fleetDevice = (mode: FleetMode, i: number) => `${mode === 'engine' ? 'kiosk' : 'bare'}-${String(i).padStart(4, '0')}`;
export const fleetMall = (mode: FleetMode) => `fleet-${mode}`;

/** Linux's TcpExt ListenOverflows: a full accept queue (Mosquitto listens with a backlog of 100). */
function listenOverflows(): number {
  try {
    const lines = readFileSync('/proc/net/netstat', 'utf8').split('\n').filter((l) => l.startsWith('TcpExt:'));
    const names = lines[0]!.split(/\s+/);
    const values = lines[1]!.split(/\s+/);
    return Number(values[names.indexOf('ListenOverflows')] ?? NaN);
  } catch {
    return NaN;
  }
}

class Worker {
  private waiting: { ev: WorkerReply['ev']; resolve: (r: WorkerReply) => void; reject: (e: Error) => void } | null = null;
  readonly child: ChildProcess;
  constructor() {
    this.child = fork(workerFile, [], { execArgv: ['--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (r: WorkerReply) => {
      const w = this.waiting;
      if (!w) return;
      this.waiting = null;
      if (r.ev === 'error') w.reject(new Error(`fleet worker: ${r.message}`));
      else if (r.ev !== w.ev) w.reject(new Error(`fleet worker answered ${r.ev}, expected ${w.ev}`));
      else w.resolve(r);
    });
    this.child.on('exit', (code) => this.waiting?.reject(new Error(`fleet worker exited (${code}) while we waited for ${this.waiting.ev}`)));
  }
  ask<E extends WorkerReply['ev']>(cmd: WorkerCommand, ev: E): Promise<Extract<WorkerReply, { ev: E }>> {
    return new Promise((resolve, reject) => {
      this.waiting = { ev, resolve: resolve as (r: WorkerReply) => void, reject };
      this.child.send(cmd);
    });
  }
}

export async function fleetRun(o: { mode: FleetMode; kiosks: number; workers: number; url: string; template: string; dir: string; heartbeatSec?: number; measureMs?: number; eventsPerKiosk?: number }): Promise<FleetResult> {
  const heartbeatSec = o.heartbeatSec ?? 1;
  const measureMs = o.measureMs ?? 4000;
  const perKiosk = o.eventsPerKiosk ?? 1;
  const mall = fleetMall(o.mode);
  const births = new Map<string, number>();
  const heartbeats: number[] = [];
  const events: number[] = [];
  let phase: 'start' | 'heartbeats' | 'events' = 'start';

  const hq = await mqtt.connectAsync(o.url, { protocolVersion: 5, clientId: `bench-hq-${o.mode}-${process.pid}`, username: HQ_USER, password: HQ_PASSWORD, reconnectPeriod: 0 });
  hq.on('message', (topic, payload, packet) => {
    const at = wallNow();
    const t = parseDeviceTopic(topic);
    if (!t || payload.length === 0) return;
    const json = JSON.parse(payload.toString('utf8')) as { reason?: string; ts?: string; payload?: { details?: { sentAt?: number } } };
    if (t.kind === 'status' && !packet.retain && json.reason === 'birth' && !births.has(t.device)) births.set(t.device, at);
    else if (t.kind === 'heartbeat' && phase === 'heartbeats') heartbeats.push(at - Date.parse(json.ts!));
    else if (t.kind === 'events' && typeof json.payload?.details?.sentAt === 'number') events.push(at - json.payload.details.sentAt);
  });
  await hq.subscribeAsync([`atrium/v1/${mall}/devices/+/status`, `atrium/v1/${mall}/devices/+/events`], { qos: 1 });
  await hq.subscribeAsync(`atrium/v1/${mall}/devices/+/heartbeat`, { qos: 0 });

  const workers = Array.from({ length: o.workers }, () => new Worker());
  const all = <E extends WorkerReply['ev']>(cmd: WorkerCommand, ev: E) => Promise.all(workers.map((w) => w.ask(cmd, ev)));
  try {
    const devices = Array.from({ length: o.kiosks }, (_, i) => fleetDevice(o.mode, i));
    await Promise.all(workers.map((w, k) => w.ask({ cmd: 'setup', mode: o.mode, mall, devices: devices.filter((_, i) => i % o.workers === k), url: o.url, template: o.template, dir: o.dir, heartbeatSec }, 'ready')));

    const overflowsBefore = listenOverflows();
    const go = wallNow();
    await all({ cmd: 'go' }, 'started');
    await until(() => births.size === o.kiosks, 120_000, () => `HQ to see every kiosk online: ${births.size} of ${o.kiosks}`, 5);
    const online = [...births.values()].map((t) => t - go).sort((a, b) => a - b);
    const allOnlineMs = online[online.length - 1]!;
    const halfOnlineMs = percentile(online, 50);
    const overflows = listenOverflows() - overflowsBefore;

    // Steady state, in two phases so one does not disturb the other: heartbeats alone, then events (whose SQLite
    // commits, 250 kiosks to one process and one disk here, would otherwise delay the heartbeat timers).
    await sleep(1000); // let the connection storm settle
    phase = 'heartbeats';
    await sleep(measureMs);
    phase = 'events';
    const sent = await all({ cmd: 'events', perKiosk, spreadMs: measureMs }, 'events-sent');
    const expected = sent.reduce((s, r) => s + r.count, 0);
    await until(() => events.length >= expected, 60_000, () => `HQ to receive every event: ${events.length} of ${expected}`, 5);

    const mem = await all({ cmd: 'memory' }, 'memory');
    const rssPerKioskMb = mem.reduce((s, m) => s + (m.rssAfter - m.rssBefore), 0) / o.kiosks / 1048576;
    await all({ cmd: 'stop' }, 'stopped');
    const p = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      return { p50: percentile(s, 50), p95: percentile(s, 95), samples: s.length };
    };
    return { kiosks: o.kiosks, allOnlineMs, halfOnlineMs, listenOverflows: overflows, heartbeat: p(heartbeats), event: p(events), rssPerKioskMb };
  } finally {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGTERM');
    await hq.endAsync();
  }
}
