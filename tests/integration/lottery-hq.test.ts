// The member-day lottery end to end: the real agent process, the real HQ simulator (its lottery book on SQLite) and a
// private Mosquitto (MQTT 5, password file, per-device ACL). The board with its terms reaches the kiosk; a draw, a retry
// with the same drawId (the same result, one draw at HQ), the per-member limit, a prize out of stock (the published
// fallback), the prize's coupon in the member's wallet and confirmed by HQ, an HQ answer naming a prize that is not on
// the list (refused, nothing claimed), odds changed after opening (refused, terms kept), offline, and the verify tool
// (close, reveal, recompute every draw; a tampered record and a tampered seed reported).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { derivePrize, seedCommitment } from '../../common/lottery-draw.ts';
import { Lottery, LotteryDrawRequest, type LotteryDrawResult } from '../../contracts/lottery.ts';
import { topics } from '../../contracts/mqtt.ts';
import { openHqData, type HqData } from '../../hq-sim/src/hq-data.ts';
import type { HqLog } from '../../hq-sim/src/log.ts';
import { LotteryStore } from '../../hq-sim/src/lottery/store.ts';
import { HqSimulator } from '../../hq-sim/src/simulator.ts';
import { startDemoHq } from '../../hq-sim/src/demo-hq.ts';
import { LotteryBoard } from '../../contracts/lottery.ts';
import { callOk, freshDataDir, repoRoot, startAgentProcess, type AgentProcess } from '../support/agent-process.ts';
import { TestHq, waitUntil } from '../support/hq-client.ts';
import { memberToken } from '../support/member-fixture.ts';
import { startMosquitto, type Broker } from '../support/mosquitto.ts';
import { needs } from '../support/requirements.ts';

const MALL = 'demo-mall';
const KIOSK = 'kiosk-l';
const SEED = '5eed'.repeat(16);
const LOTTERY_ID = 'ld-it';
const hqLog: HqLog = { info: () => {}, warn: () => {}, error: () => {} };

let broker: Broker;
let data: HqData;
let sim: HqSimulator;
let recorder: TestHq;
let agent: AgentProcess;
let n = 0;

const LOTTERY: Lottery = Lottery.parse({
  id: LOTTERY_ID, title: { zh: '会员日测试抽奖', en: 'Member day test draw' },
  opensAt: new Date(Date.now() - 60_000).toISOString(), closesAt: new Date(Date.now() + 3_600_000).toISOString(),
  drawsPerMember: 2, seedCommitment: seedCommitment(SEED), fallbackPrizeId: 'thanks', revealedSeed: null,
  prizes: [
    { id: 'winter-50', title: { zh: '全场满300减50', en: '¥50 off ¥300' }, valueFen: 5000, oddsPpm: 400_000, stock: 1, couponId: 'c-winter-300-50' },
    { id: 'dessert', title: { zh: '甜品第二份半价', en: 'Second dessert half price' }, valueFen: 1800, oddsPpm: 400_000, stock: 5, couponId: 'c-dessert-happy' },
    { id: 'thanks', title: { zh: '谢谢参与', en: 'Thanks for playing' }, valueFen: 0, oddsPpm: 200_000, stock: null, couponId: null },
  ],
});
/** A fresh drawId whose outcome under the test seed is `prize` (the test knows the seed; the kiosk does not). */
const drawIdFor = (prize: string) => {
  for (;;) {
    const id = `draw-it-${(n++).toString().padStart(8, '0')}`;
    if (derivePrize(LOTTERY, SEED, id).id === prize) return id;
  }
};
const newSim = () => new HqSimulator({ url: broker.url, username: 'hq', password: 'hq-secret', data, log: hqLog, devices: [KIOSK], demoLottery: false });
const hqKey = () => ({ kid: data.key.kid, privateKey: data.key.privateKey, publicKey: data.key.hqKey.publicKey });
const signIn = async (memberId: string, tier: 'regular' | 'silver' | 'gold' | 'diamond') => {
  const r = await callOk(agent, 'member.identify', { source: 'wedge', code: memberToken(hqKey(), memberId, tier) });
  if (r.status !== 'identified') throw new Error(`not identified: ${JSON.stringify(r)}`);
  return r.home.memberSession;
};
const draw = (memberSession: string, drawId: string) => callOk(agent, 'lottery.draw', { lotteryId: LOTTERY_ID, drawId, memberSession }) as Promise<LotteryDrawResult>;
const drawn = (r: LotteryDrawResult) => {
  if (r.status !== 'drawn') throw new Error(`expected a draw, got ${JSON.stringify(r)}`);
  return r;
};
const hqDraws = () => {
  const db = new Database(path.join(data.dataDir, 'lottery.db'), { readonly: true });
  try {
    return db.prepare('SELECT draw_id, member_id, derived_prize_id, prize_id FROM draws ORDER BY seq').all() as { draw_id: string; member_id: string; derived_prize_id: string; prize_id: string }[];
  } finally {
    db.close();
  }
};
const hqCli = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(repoRoot, 'hq-sim/src/cli.ts'), 'lottery', ...args, '--data', data.dataDir, '--url', broker.url, '--username', 'hq', '--password', 'hq-secret'], {
    cwd: repoRoot, encoding: 'utf8', env: { ...process.env, ATRIUM_HQ_URL: '' }, timeout: 60_000,
  });

describe('member-day lottery with HQ over Mosquitto', needs('mosquitto'), () => {
  beforeAll(async () => {
    broker = await startMosquitto({ users: { hq: 'hq-secret', [KIOSK]: 'kiosk-secret' } });
    data = openHqData(freshDataDir('atrium-lottery-hq-'), MALL);
    const book = new LotteryStore(data.dataDir);
    book.create(LOTTERY, SEED, new Date());
    book.close();
    sim = newSim();
    await sim.start();
    recorder = await TestHq.connect(broker.url, { username: 'hq', password: 'hq-secret', subscribe: ['atrium/v1/#'] });
    agent = await startAgentProcess({
      dataDir: freshDataDir('atrium-lottery-kiosk-'),
      env: { ATRIUM_HQ_URL: broker.url, ATRIUM_MALL_ID: MALL, ATRIUM_DEVICE_ID: KIOSK, ATRIUM_MQTT_USERNAME: KIOSK, ATRIUM_MQTT_PASSWORD: 'kiosk-secret' },
    });
    // HQ's catalog (its member-token key) and the lottery board have both arrived.
    await waitUntil(async () => (await callOk(agent, 'lottery.current', {})).lotteries.some((l) => l.lottery.id === LOTTERY_ID), 15_000, 'the lottery board');
    await waitUntil(async () => ((await agent.call('kiosk.bootstrap', {})).body.data?.catalogVersion ?? 0) >= 2, 15_000, 'HQ`s catalog');
  });

  afterAll(async () => {
    await agent?.stop();
    await recorder?.end();
    await sim?.stop();
    data?.close();
    await broker?.stop();
  });

  it('shows the published terms before anyone plays: prizes, odds, values, limit, the seed`s commitment', async () => {
    const cur = await callOk(agent, 'lottery.current', {});
    expect(cur.hqOnline).toBe(true);
    const view = cur.lotteries.find((l) => l.lottery.id === LOTTERY_ID)!;
    expect(view.state).toBe('open');
    expect(view.lottery).toEqual(LOTTERY);
    expect(view.lottery.seedCommitment).toBe(seedCommitment(SEED));
  });

  it('draws at HQ, claims the prize`s coupon into the wallet (HQ confirms), and a retry with the same drawId gets the same result', async () => {
    const session = await signIn('M1004', 'diamond');
    const drawId = drawIdFor('dessert');
    const [a, b] = await Promise.all([draw(session, drawId), draw(session, drawId)]);
    const first = drawn(a);
    expect(b).toEqual(a);
    expect(first.prize.id).toBe('dessert');
    expect(first).toMatchObject({ fallback: false, draw: { derivedPrizeId: 'dessert', prizeId: 'dessert', drawsLeft: 1 }, coupon: { status: 'claimed' } });
    expect(drawn(await draw(session, drawId))).toEqual(first);
    // One request reached HQ; HQ's book holds one draw for the id, and HQ answers a repeat of it with the same draw.
    const requests = recorder.on(`${KIOSK}/lottery/draw`).map((s) => LotteryDrawRequest.parse(s.json)).filter((r) => r.drawId === drawId);
    expect(requests).toEqual([{ drawId, lotteryId: LOTTERY_ID, memberId: 'M1004', channel: 'guide' }]);
    expect(hqDraws().filter((d) => d.draw_id === drawId)).toHaveLength(1);
    expect(sim.lotteryStore.draw(requests[0]!, KIOSK, new Date())).toEqual({ status: 'drawn', draw: first.draw });
    // The coupon is in the member's wallet, and HQ confirms the claim.
    const claimId = first.coupon?.status === 'claimed' ? first.coupon.claimId : '';
    await waitUntil(async () => (await callOk(agent, 'member.home', { memberSession: session })).home.wallet.find((w) => w.claimId === claimId && w.status === 'confirmed'), 10_000, 'the prize coupon confirmed by HQ');
  });

  it('keeps the per-member draw limit at HQ', async () => {
    const session = await signIn('M1002', 'silver');
    drawn(await draw(session, drawIdFor('thanks')));
    const second = drawn(await draw(session, drawIdFor('thanks')));
    expect(second).toMatchObject({ prize: { id: 'thanks' }, fallback: true, coupon: null, draw: { drawsLeft: 0 } });
    expect(await draw(session, drawIdFor('thanks'))).toEqual({ status: 'refused', reason: 'limit_reached' });
    expect(hqDraws().filter((d) => d.member_id === 'M1002')).toHaveLength(2);
  });

  it('gives the published fallback when the drawn prize is out of stock', async () => {
    const one = await signIn('M1003', 'gold');
    const won = drawn(await draw(one, drawIdFor('winter-50')));
    expect(won).toMatchObject({ prize: { id: 'winter-50', valueFen: 5000 }, fallback: false, coupon: { status: 'claimed' } });
    const two = await signIn('M1005', 'silver');
    const late = drawn(await draw(two, drawIdFor('winter-50')));
    expect(late).toMatchObject({ draw: { derivedPrizeId: 'winter-50', prizeId: 'thanks' }, prize: { id: 'thanks', valueFen: 0 }, fallback: true, coupon: null });
    expect(hqDraws().filter((d) => d.prize_id === 'winter-50')).toHaveLength(1);
  });

  it('refuses an HQ answer whose prize is not on the published list: nobody is told they won, nothing is claimed', async () => {
    await sim.stop();
    // A stand-in HQ that answers with a prize the lottery never published.
    const liar = await TestHq.connect(broker.url, { username: 'hq', password: 'hq-secret', subscribe: [`atrium/v1/${MALL}/devices/${KIOSK}/lottery/draw`], record: false });
    liar.client.on('message', (_topic, payload, packet) => {
      const req = LotteryDrawRequest.parse(JSON.parse(payload.toString()));
      const answer = { status: 'drawn', draw: { drawId: req.drawId, lotteryId: req.lotteryId, seq: 99, derivedPrizeId: 'gold-bar', prizeId: 'gold-bar', drawnAt: new Date().toISOString(), drawsLeft: 0 } };
      void liar.client.publishAsync(topics.lotteryDrawResponse(MALL, KIOSK), JSON.stringify(answer), { qos: 1, properties: { correlationData: packet.properties?.correlationData } });
    });
    try {
      const session = await signIn('M1001', 'regular');
      const walletBefore = (await callOk(agent, 'member.home', { memberSession: session })).home.wallet.length;
      expect(await draw(session, drawIdFor('thanks'))).toEqual({ status: 'unavailable', reason: 'invalid_answer' });
      expect(agent.logs.some((l) => l.includes('prize gold-bar is not on the published list'))).toBe(true);
      expect((await callOk(agent, 'member.home', { memberSession: session })).home.wallet).toHaveLength(walletBefore);
    } finally {
      await liar.end();
      sim = newSim();
      await sim.start();
    }
  });

  it('refuses a republished board whose odds changed after the lottery opened, and keeps the terms it showed', async () => {
    const changed = structuredClone(LOTTERY);
    changed.prizes[0]!.oddsPpm = 600_000;
    changed.prizes[2]!.oddsPpm = 0;
    await recorder.publish(topics.lotteryBoard(MALL), { mallId: MALL, publishedAt: new Date().toISOString(), lotteries: [changed] }, { retain: true });
    await waitUntil(() => agent.logs.find((l) => l.includes(`lottery ${LOTTERY_ID}: the prizes, their odds, values or stock changed after the lottery opened`)), 10_000, 'the refusal');
    const held = (await callOk(agent, 'lottery.current', {})).lotteries.find((l) => l.lottery.id === LOTTERY_ID)!;
    expect(held.lottery.prizes.map((p) => p.oddsPpm)).toEqual([400_000, 400_000, 200_000]);
    await sim.publishLotteryBoard(); // HQ's own board retained again
  });

  it('offline: the lottery says it is not available and draws nothing', async () => {
    const before = hqDraws().length;
    await broker.stop();
    try {
      await waitUntil(async () => (await callOk(agent, 'lottery.current', {})).hqOnline === false, 10_000, 'offline');
      const session = await signIn('M1004', 'diamond');
      expect(await draw(session, drawIdFor('dessert'))).toEqual({ status: 'unavailable', reason: 'offline' });
    } finally {
      await broker.start();
    }
    await waitUntil(async () => (await callOk(agent, 'lottery.current', {})).hqOnline, 20_000, 'online again');
    expect(hqDraws()).toHaveLength(before);
  });

  it('verify: close reveals the seed (the kiosk checks it and closes the lottery), every draw recomputes; tampering is reported', async () => {
    const close = hqCli('close', LOTTERY_ID);
    expect(close.status).toBe(0);
    expect(close.stdout).toContain(`${LOTTERY_ID}: closed; seed ${SEED} revealed; board published`);
    await waitUntil(async () => (await callOk(agent, 'lottery.current', {})).lotteries.find((l) => l.lottery.id === LOTTERY_ID && l.state === 'closed' && l.lottery.revealedSeed === SEED), 10_000, 'the seed on the kiosk');
    const session = await signIn('M1001', 'regular');
    expect(await draw(session, drawIdFor('dessert'))).toEqual({ status: 'refused', reason: 'closed' });

    const total = hqDraws().length;
    expect(total).toBeGreaterThanOrEqual(5);
    const ok = hqCli('verify', LOTTERY_ID);
    expect(ok.status).toBe(0);
    expect(ok.stdout.trim().split('\n').at(-1)).toBe(`lottery verify: ${total} draws, ${total} match`);

    const db = new Database(path.join(data.dataDir, 'lottery.db'));
    try {
      const victim = hqDraws().find((d) => d.prize_id === 'thanks')!;
      db.prepare("UPDATE draws SET prize_id = 'dessert' WHERE draw_id = ?").run(victim.draw_id);
      const tampered = hqCli('verify', LOTTERY_ID);
      expect(tampered.status).toBe(1);
      expect(tampered.stdout).toMatch(/awarded dessert, the stock rule gives thanks/);
      expect(tampered.stdout.trim().split('\n').at(-1)).toBe(`lottery verify: ${total} draws, ${total - 1} match`);
      db.prepare("UPDATE draws SET prize_id = 'thanks' WHERE draw_id = ?").run(victim.draw_id);
      db.prepare('UPDATE lotteries SET seed = ? WHERE id = ?').run('00'.repeat(32), LOTTERY_ID);
      const badSeed = hqCli('verify', LOTTERY_ID);
      expect(badSeed.status).toBe(1);
      expect(badSeed.stdout).toContain('sha256(seed) does NOT match the published commitment');
      expect(badSeed.stdout.trim().split('\n').at(-1)).toBe(`lottery verify: ${total} draws, 0 match`);
    } finally {
      db.close();
    }
    expect(hqCli('list').stdout).toMatch(new RegExp(`${LOTTERY_ID}\\s+closed`));
  });
});

describe('the lottery tools and the running demo HQ (npm start), with no flags', needs('mosquitto'), () => {
  it('list, close (published on the demo`s broker) and verify reach the demo HQ`s lottery book', { timeout: 120_000 }, async () => {
    const dir = freshDataDir('atrium-lottery-demo-');
    const demo = await startDemoHq({ dataDir: dir, log: hqLog });
    const run = (...args: string[]) => spawnSync(process.execPath, [path.join(repoRoot, 'hq-sim/src/cli.ts'), 'lottery', ...args, '--data', dir], {
      cwd: repoRoot, encoding: 'utf8', env: { ...process.env, ATRIUM_HQ_URL: '' }, timeout: 60_000,
    });
    try {
      const listed = run('list');
      expect(listed.status).toBe(0);
      const id = /^(member-day-\d{8})\s+open/m.exec(listed.stdout)?.[1];
      expect(id, listed.stdout).toBeDefined();
      // Three members draw through HQ's book (as the demo HQ does for kiosks), then the tools take over.
      const book = new LotteryStore(dir);
      try {
        for (const [i, memberId] of ['M1001', 'M1002', 'M1003'].entries()) book.draw({ drawId: `demo-draw-${i}-0000000000`, lotteryId: id!, memberId, channel: 'guide' }, 'demo-kiosk-1', new Date());
      } finally {
        book.close();
      }
      const closed = run('close', id!);
      expect(closed.status, closed.stderr).toBe(0);
      expect(closed.stdout).toMatch(new RegExp(`${id}: closed; seed [0-9a-f]{64} revealed; board published`));
      const watcher = await TestHq.connect(demo.url, { username: demo.hq.username, password: demo.hq.password, subscribe: [topics.lotteryBoard(demo.device.mallId)] });
      try {
        const retained = await watcher.waitFor(() => watcher.seen.find((m) => m.retain), 10_000, 'the retained board');
        expect(LotteryBoard.parse(retained.json).lotteries.find((l) => l.id === id)?.revealedSeed).toMatch(/^[0-9a-f]{64}$/);
      } finally {
        await watcher.end();
      }
      const verified = run('verify', id!);
      expect(verified.status).toBe(0);
      expect(verified.stdout.trim().split('\n').at(-1)).toBe('lottery verify: 3 draws, 3 match');
    } finally {
      await demo.stop();
    }
  });
});

