// Feedback survives kill -9: the agent is killed with SIGKILL again and again while shoppers send feedback and the
// outbox drains to a real Mosquitto. Every ticket the kiosk answered must reach HQ, and no ticket number is ever
// given twice (the sequence lives in SQLite, written in the same transaction as the outbox event).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDataDir, startAgentProcess } from '../support/agent-process.ts';
import { TestHq, waitUntil } from '../support/hq-client.ts';
import { startMosquitto, type Broker } from '../support/mosquitto.ts';
import { queryDb } from '../support/sqlite-read.ts';
import { needs } from '../support/requirements.ts';

const MALL = 'demo-mall';
const KIOSK = 'kiosk-fbk';
const KILLS = 15;
let broker: Broker;
let hq: TestHq;
const atHq = new Map<string, number>();
const ticketsAtHq = () => new Set([...atHq.keys()].map((k) => k.split(' ')[0]!));

const env = () => ({ ATRIUM_HQ_URL: broker.url, ATRIUM_MALL_ID: MALL, ATRIUM_DEVICE_ID: KIOSK, ATRIUM_MQTT_USERNAME: KIOSK, ATRIUM_MQTT_PASSWORD: 'kiosk-pw', ATRIUM_ZONES: '2F' });

describe('feedback through SIGKILLs', needs('mosquitto'), () => {
  beforeAll(async () => {
    broker = await startMosquitto({ users: { hq: 'hq-pw', [KIOSK]: 'kiosk-pw' } });
    hq = await TestHq.connect(broker.url, { username: 'hq', password: 'hq-pw', clientId: 'feedback-kill-hq', subscribe: [`atrium/v1/${MALL}/devices/${KIOSK}/events`], record: false });
    hq.client.on('message', (_topic, payload) => {
      const e = JSON.parse(payload.toString()) as { type: string; eventId: string; payload: { ticket?: string } };
      // Counted by ticket and event id: a resent row keeps its event id, so repeats show as duplicates.
      if (e.type === 'feedback.submitted') atHq.set(`${e.payload.ticket} ${e.eventId}`, (atHq.get(`${e.payload.ticket} ${e.eventId}`) ?? 0) + 1);
    });
  });

  afterAll(async () => {
    await hq?.end();
    await broker?.stop();
  });

  it(`loses no answered ticket and repeats no number across ${KILLS} kills`, { timeout: 240_000 }, async () => {
    const dataDir = freshDataDir('atrium-feedback-kill-');
    const answered: string[] = [];
    let n = 0;
    for (let i = 0; i < KILLS; i++) {
      const agent = await startAgentProcess({ dataDir, env: env() });
      let alive = true;
      // A shopper (or several) sending feedback as fast as the kiosk answers, until the kill.
      const sending = (async () => {
        while (alive) {
          n += 1;
          const res = await agent.call('feedback.submit', { category: 'other', rating: 1 + (n % 5), text: `第 ${n} 条 feedback #${n} 🙂`, language: 'zh-CN', contact: { kind: 'none' } }).catch(() => null);
          if (res?.status === 200) answered.push(res.body.data.ticket as string);
        }
      })();
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 400));
      agent.child.kill('SIGKILL');
      await agent.stop();
      alive = false;
      await sending;
    }
    const final = await startAgentProcess({ dataDir, env: env() });
    try {
      await waitUntil(() => queryDb<{ n: number }>(dataDir, 'SELECT COUNT(*) AS n FROM outbox')[0]!.n === 0, 60_000, 'the outbox drained');
      await waitUntil(() => answered.every((t) => ticketsAtHq().has(t)), 20_000, 'every answered ticket at HQ');
    } finally {
      await final.stop();
    }
    const kept = queryDb<{ ticket: string }>(dataDir, 'SELECT ticket FROM feedback_tickets ORDER BY seq').map((r) => r.ticket);
    console.log(`feedback kill loop: ${KILLS} kills, ${answered.length} tickets answered, ${kept.length} committed, ${ticketsAtHq().size} unique at HQ, ${[...atHq.values()].reduce((a, b) => a + b, 0) - atHq.size} duplicates`);
    expect(answered.length).toBeGreaterThan(KILLS);
    expect(new Set(answered).size).toBe(answered.length);
    expect(new Set(kept).size).toBe(kept.length);
    // Committed tickets are a superset of answered ones (a kill can land between the commit and the answer).
    for (const t of answered) expect(kept).toContain(t);
    for (const t of kept) expect(ticketsAtHq().has(t), t).toBe(true);
    // One event per ticket: never two events (two ids) for the same number.
    expect(ticketsAtHq().size).toBe(atHq.size);
  });
});
