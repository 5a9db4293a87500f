// Zero lost events: the broker restarting during a drain, and the agent killed with SIGKILL over and over while it
// drains. Every event ever committed to the outbox must reach HQ; duplicates are counted, then de-duplicated by id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDataDir, startAgentProcess } from '../support/agent-process.ts';
import { TestHq, waitUntil } from '../support/hq-client.ts';
import { startMosquitto, type Broker } from '../support/mosquitto.ts';
import { committedEventIds, outboxRows, prepareAuditedOutbox } from '../support/outbox-audit.ts';
import { spawn } from 'node:child_process';
import { agentEntry, repoRoot } from '../support/agent-process.ts';

const MALL = 'demo-mall';
let broker: Broker;
let hq: TestHq;

const env = (device: string) => ({
  ATRIUM_HQ_URL: broker.url, ATRIUM_MALL_ID: MALL, ATRIUM_DEVICE_ID: device, ATRIUM_MQTT_USERNAME: device, ATRIUM_MQTT_PASSWORD: `${device}-pw`,
});

// HQ's de-duplication by eventId, kept incrementally (hundreds of thousands of messages: no re-scans).
const received = new Map<string, { unique: Set<string>; total: number }>();
function receivedIds(device: string): { unique: Set<string>; total: number } {
  let r = received.get(device);
  if (!r) received.set(device, (r = { unique: new Set(), total: 0 }));
  return r;
}

function allReceived(committed: Set<string>, device: string): boolean {
  const { unique } = receivedIds(device);
  for (const id of committed) if (!unique.has(id)) return false;
  return true;
}

beforeAll(async () => {
  broker = await startMosquitto({ users: { hq: 'hq-pw', 'kiosk-r': 'kiosk-r-pw', 'kiosk-k': 'kiosk-k-pw' } });
  hq = await TestHq.connect(broker.url, { username: 'hq', password: 'hq-pw', clientId: 'durability-hq', subscribe: ['atrium/v1/+/devices/+/events'], record: false });
  hq.client.on('message', (topic, payload) => {
    const device = topic.split('/')[4]!;
    const r = receivedIds(device);
    r.total++;
    r.unique.add((JSON.parse(payload.toString()) as { eventId: string }).eventId);
  });
});

afterAll(async () => {
  await hq?.end();
  await broker?.stop();
});

describe('broker restart during a drain', () => {
  it('delivers every event once the broker is back', { timeout: 120_000 }, async () => {
    const dataDir = freshDataDir();
    prepareAuditedOutbox(dataDir, 20_000);
    const agent = await startAgentProcess({ dataDir, env: env('kiosk-r') });
    await waitUntil(() => receivedIds('kiosk-r').total > 500, 20_000, 'drain started');
    await broker.restart();
    const during = receivedIds('kiosk-r').unique.size;
    const committed = committedEventIds(dataDir);
    try {
      await waitUntil(() => allReceived(committed, 'kiosk-r'), 60_000, 'all events at HQ');
    } catch (err) {
      const health = await (await fetch(new URL('/health', agent.url))).json();
      const missing = [...committed].filter((id) => !receivedIds('kiosk-r').unique.has(id));
      throw new Error(`${(err as Error).message}: ${missing.length} of ${committed.size} missing (e.g. ${missing.slice(0, 3).join(', ')}), outbox rows ${outboxRows(dataDir)}, agent ${JSON.stringify(health.sync)}, broker log: ${broker.logs.join('').slice(-500)}, agent log tail: ${agent.logs.slice(-8).join(' | ')}`, { cause: err });
    }
    await waitUntil(() => outboxRows(dataDir) === 0, 10_000, 'outbox empty');
    await agent.stop();
    const got = receivedIds('kiosk-r');
    console.log(`broker restart: ${committed.size} events committed, ${during} at HQ when the broker restarted, ${got.unique.size} unique at HQ, ${got.total - got.unique.size} duplicates`);
    expect(committed.size).toBe(20_001); // 20,000 preloaded + device.started
    for (const id of committed) expect(got.unique.has(id)).toBe(true);
  });
});

describe('SIGKILL in a loop during a drain', () => {
  it('loses nothing across 200 kills', async () => {
    const dataDir = freshDataDir();
    prepareAuditedOutbox(dataDir, 150_000);
    const kills = 200;
    let killedWhileDraining = 0;
    for (let i = 0; i < kills; i++) {
      const before = receivedIds('kiosk-k').total;
      const child = spawn(process.execPath, [agentEntry], {
        cwd: repoRoot,
        env: { PATH: process.env.PATH ?? '', ATRIUM_DATA_DIR: dataDir, ATRIUM_API_PORT: '0', ...env('kiosk-k') },
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      // Wait until it has connected and started draining, then kill it at a random moment of the drain.
      await new Promise<void>((resolve) => {
        let out = '';
        const timer = setTimeout(resolve, 10_000);
        child.stdout!.on('data', (c: Buffer) => {
          out += c.toString();
          if (out.includes('connected to HQ')) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      await new Promise((r) => setTimeout(r, Math.random() * 200));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      if (receivedIds('kiosk-k').total > before) killedWhileDraining++;
    }
    const committedBeforeFinal = committedEventIds(dataDir);
    const final = await startAgentProcess({ dataDir, env: env('kiosk-k') });
    await waitUntil(() => outboxRows(dataDir) === 0, 120_000, 'outbox drained');
    await final.stop();
    const committed = committedEventIds(dataDir);
    await waitUntil(() => allReceived(committed, 'kiosk-k'), 30_000, 'all events at HQ');
    const got = receivedIds('kiosk-k');
    const lost = [...committed].filter((id) => !got.unique.has(id));
    console.log(`SIGKILL loop: ${kills} kills (${killedWhileDraining} while events were flowing), ${committed.size} events committed, ${got.unique.size} unique at HQ, ${got.total - got.unique.size} duplicates (de-duplicated by eventId), ${lost.length} lost`);
    expect(lost).toEqual([]);
    expect(committed.size).toBeGreaterThan(150_000); // preloaded + one device.started per start that got that far
    expect(committedBeforeFinal.size).toBeLessThanOrEqual(committed.size);
    expect(killedWhileDraining).toBeGreaterThan(kills / 4); // most lives get to publish before the kill; under heavy load fewer do
  }, 600_000);
});
