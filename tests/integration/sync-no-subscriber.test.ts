// A broker that lost its state (no persistence, or a crash before its autosave) forgets HQ's persistent session and
// its shared subscription. Until HQ reconnects and subscribes again, the broker answers the kiosk's events with
// PUBACK reason code 16, "no matching subscribers", a success in MQTT terms: a kiosk that deleted them then would
// lose them. The agent keeps such events in its outbox and sends them again once HQ is subscribed.
// (Events the broker had already acknowledged and queued for HQ are the broker's to keep: that needs its persistence,
// which the deployment docs require; sync-durability.test.ts restarts a persistent broker mid-drain and loses none.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDataDir, startAgentProcess, type AgentProcess } from '../support/agent-process.ts';
import { TestHq, waitUntil } from '../support/hq-client.ts';
import { startMosquitto, type Broker } from '../support/mosquitto.ts';
import { committedEventIds, outboxRows, prepareAuditedOutbox } from '../support/outbox-audit.ts';
import { queryDb } from '../support/sqlite-read.ts';

const MALL = 'demo-mall';
const EVENTS = `$share/hq/atrium/v1/+/devices/+/events`;
let broker: Broker;

const env = (device: string) => ({
  ATRIUM_HQ_URL: broker.url, ATRIUM_MALL_ID: MALL, ATRIUM_DEVICE_ID: device, ATRIUM_MQTT_USERNAME: device, ATRIUM_MQTT_PASSWORD: `${device}-pw`,
});

/** HQ's de-duplication by eventId. */
function listen(hq: TestHq, into: { unique: Set<string>; total: number }): void {
  hq.client.on('message', (_topic, payload) => {
    into.total++;
    into.unique.add((JSON.parse(payload.toString()) as { eventId: string }).eventId);
  });
}

beforeAll(async () => {
  broker = await startMosquitto({ users: { hq: 'hq-pw', 'kiosk-n': 'kiosk-n-pw' }, persistence: false });
});

afterAll(async () => {
  await broker?.stop();
});

describe('events nobody is subscribed to', () => {
  it('wait in the outbox while HQ is not subscribed, then reach HQ once it is', { timeout: 60_000 }, async () => {
    const dataDir = freshDataDir();
    prepareAuditedOutbox(dataDir, 50);
    let agent: AgentProcess | null = null;
    let hq: TestHq | null = null;
    try {
      agent = await startAgentProcess({ dataDir, env: env('kiosk-n') });
      // The broker took them with "no matching subscribers": the agent says so and keeps every one.
      await waitUntil(() => queryDb<{ n: number }>(dataDir, "SELECT COUNT(*) AS n FROM outbox WHERE last_error LIKE '%no matching subscribers%'")[0]!.n > 0, 20_000, 'a send answered with reason code 16');
      const committed = committedEventIds(dataDir);
      expect(outboxRows(dataDir)).toBe(committed.size);

      hq = await TestHq.connect(broker.url, { username: 'hq', password: 'hq-pw', clientId: 'no-sub-hq', subscribe: [EVENTS], record: false });
      const got = { unique: new Set<string>(), total: 0 };
      listen(hq, got);
      await waitUntil(() => [...committed].every((id) => got.unique.has(id)), 30_000, 'every event at HQ');
      await waitUntil(() => outboxRows(dataDir) === 0, 10_000, 'outbox empty');
      expect(committed.size).toBe(51); // 50 preloaded + device.started
    } finally {
      await agent?.stop();
      await hq?.end();
    }
  });
});
