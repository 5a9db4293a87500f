// A child process of the fleet bench: runs many simulated kiosks (each a real SyncEngine with its own SQLite file and
// MQTT connection, or, for the baseline, a bare mqtt.js connection) and obeys the parent over IPC.
import path from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { STAFF_AUDIT_EVENT, topics } from '../contracts/mqtt.ts';
import { enqueueEvent } from '../edge-agent/src/outbox.ts';
import { SyncEngine } from '../edge-agent/src/sync/engine.ts';
import { mqttOptions } from '../edge-agent/src/sync/mqtt-options.ts';
import { kioskDb, kioskSettings, quietLog, wallNow } from './sync-support.ts';

export type FleetMode = 'engine' | 'bare';
export type WorkerSetup = { cmd: 'setup'; mode: FleetMode; mall: string; devices: string[]; url: string; template: string; dir: string; heartbeatSec: number };
export type WorkerCommand = WorkerSetup | { cmd: 'go' } | { cmd: 'events'; perKiosk: number; spreadMs: number } | { cmd: 'memory' } | { cmd: 'stop' };
export type WorkerReply =
  | { ev: 'ready' }
  | { ev: 'started' }
  | { ev: 'events-sent'; count: number }
  | { ev: 'memory'; rssBefore: number; rssAfter: number; kiosks: number }
  | { ev: 'stopped' }
  | { ev: 'error'; message: string };

type Kiosk = { start(): void; event(): void; stop(): Promise<void> };

// A bench event must be one the contract knows (the drain refuses any other): a staff.audit entry whose details carry
// the send time, read back by sync-fleet.ts.
const ping = () => ({ auditSeq: 1, staffId: null, action: 'action' as const, details: { bench: 'ping', sentAt: wallNow() }, at: new Date().toISOString() });

function engineKiosk(s: WorkerSetup, device: string): Kiosk {
  const dataDir = path.join(s.dir, device);
  const db = kioskDb(s.template, dataDir);
  const engine = new SyncEngine({ settings: kioskSettings({ mall: s.mall, device, url: s.url, dataDir, heartbeatSec: s.heartbeatSec }), db, log: quietLog, agentVersion: 'bench', startedAt: Date.now() });
  return {
    start: () => engine.start(),
    // What the agent's recordEvent does: write to the outbox (synchronous=FULL), then kick the drain.
    event: () => {
      enqueueEvent(db, { type: STAFF_AUDIT_EVENT, payload: ping() });
      engine.drainSoon();
    },
    stop: async () => {
      await engine.stop();
      db.close();
    },
  };
}

/** The baseline: the same MQTT options (MQTT 5, will, persistent session), a retained birth and a heartbeat timer, nothing else. */
function bareKiosk(s: WorkerSetup, device: string): Kiosk {
  const settings = kioskSettings({ mall: s.mall, device, url: s.url, dataDir: s.dir, heartbeatSec: s.heartbeatSec });
  let client: MqttClient | null = null;
  let timer: NodeJS.Timeout | null = null;
  const heartbeat = () => {
    const ts = new Date().toISOString();
    client?.publish(topics.heartbeat(s.mall, device), JSON.stringify({ ts, deviceId: device, uptimeSec: 1, outboxDepth: 0, lastSyncAt: null, catalogVersion: 0, configVersion: 0, rssMb: 1, heapUsedMb: 1, lastError: null }), { qos: 0 });
  };
  return {
    start: () => {
      client = mqtt.connect(s.url, mqttOptions(settings, 'bench'));
      client.on('connect', () => {
        client!.publish(topics.status(s.mall, device), JSON.stringify({ online: true, ts: new Date().toISOString(), deviceId: device, mallId: s.mall, reason: 'birth', agentVersion: 'bench' }), { qos: 1, retain: true });
        heartbeat();
        timer = setInterval(heartbeat, s.heartbeatSec * 1000);
      });
      client.on('error', (err) => process.stderr.write(`bare ${device}: ${err.message}\n`));
    },
    event: () => {
      const body = { eventId: `${device}-${wallNow()}`, type: STAFF_AUDIT_EVENT, deviceId: device, mallId: s.mall, ts: new Date().toISOString(), payload: ping() };
      client?.publish(topics.events(s.mall, device), JSON.stringify(body), { qos: 1 });
    },
    stop: async () => {
      if (timer) clearInterval(timer);
      await client?.endAsync();
    },
  };
}

const rss = () => {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().rss;
};

let kiosks: Kiosk[] = [];
let rssBefore = 0;
const reply = (r: WorkerReply) => process.send!(r);

process.on('message', (msg: WorkerCommand) => {
  void handle(msg).catch((err: Error) => reply({ ev: 'error', message: err.stack ?? err.message }));
});

async function handle(msg: WorkerCommand) {
  switch (msg.cmd) {
    case 'setup':
      rssBefore = rss();
      kiosks = msg.devices.map((d) => (msg.mode === 'engine' ? engineKiosk(msg, d) : bareKiosk(msg, d)));
      return reply({ ev: 'ready' });
    case 'go':
      for (const k of kiosks) k.start();
      return reply({ ev: 'started' });
    case 'events': {
      // Each kiosk records perKiosk events at random moments over spreadMs, like shoppers claiming coupons.
      const timers = kiosks.flatMap((k) => Array.from({ length: msg.perKiosk }, () => new Promise<void>((r) => setTimeout(() => {
        k.event();
        r();
      }, Math.random() * msg.spreadMs))));
      await Promise.all(timers);
      return reply({ ev: 'events-sent', count: timers.length });
    }
    case 'memory':
      return reply({ ev: 'memory', rssBefore, rssAfter: rss(), kiosks: kiosks.length });
    case 'stop':
      await Promise.all(kiosks.map((k) => k.stop()));
      reply({ ev: 'stopped' });
      process.disconnect();
      return;
  }
}
