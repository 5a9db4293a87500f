// Members through the real HTTP API of the real agent process, with no HQ reachable: identification by token and
// card with every refusal changing nothing, claims and exchanges (idempotent, limits, points never spent twice,
// concurrent retries), sessions. HQ's side (look-ups, claim results) is in members-hq.test.ts.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiMethods } from '../../contracts/api.ts';
import { demoCardNumber } from '../../common/demo/catalog.ts';
import { cardHash } from '../../common/node/card-hash.ts';
import { freshDataDir, startAgentProcess, type AgentProcess } from '../support/agent-process.ts';
import { dbDigest } from '../support/db-digest.ts';
import { waitUntil } from '../support/hq-client.ts';
import { queryDb } from '../support/sqlite-read.ts';
import { memberToken, newHqKey, prepareMemberDb, type HqTestKey } from '../support/member-fixture.ts';

let agent: AgentProcess;
let key: HqTestKey;
let salt: string;
const nowSec = () => Math.floor(Date.now() / 1000);
const newClaimId = () => randomBytes(16).toString('base64url');

beforeAll(async () => {
  const dataDir = freshDataDir('atrium-members-api-');
  key = newHqKey('hq-test-a');
  ({ salt } = prepareMemberDb(dataDir, key));
  agent = await startAgentProcess({ dataDir, env: { ATRIUM_LOG_LEVEL: 'info' } });
});

afterAll(async () => {
  await agent?.stop();
});

const query = <T,>(sql: string, ...args: unknown[]) => queryDb<T>(agent.dataDir, sql, ...args);

async function identify(code: string, source: 'camera' | 'wedge' | 'card' = 'camera') {
  const r = await agent.call('member.identify', { source, code });
  expect(r.status).toBe(200);
  return apiMethods['member.identify'].result.parse(r.body.data);
}

async function signIn(mid: string, tier: 'regular' | 'silver' | 'gold' | 'diamond') {
  const r = await identify(memberToken(key, mid, tier));
  if (r.status !== 'identified') throw new Error(`${mid} not identified: ${r.reason}`);
  return r.home;
}

async function claim(memberSession: string, couponId: string, claimId = newClaimId()) {
  const r = await agent.call('member.claim', { memberSession, couponId, claimId });
  return { http: r.status, body: r.body, claimId };
}

describe('identify by member QR token', () => {
  it('identifies a member from a fresh HQ-signed token and shows their home', async () => {
    const r = await identify(memberToken(key, 'M1005', 'silver'), 'camera');
    expect(r.status).toBe('identified');
    if (r.status !== 'identified') return;
    expect(r.home.member).toMatchObject({ maskedName: '刘**', tier: 'silver', points: 940, pendingPoints: 0, birthdayThisMonth: false });
    expect(r.home.member.expiring?.points).toBe(600);
    expect(r.home.freshness).toBe('local');
    expect(r.home.offers.length).toBeGreaterThan(0);
    expect(r.home.offers[0]!.reason.zh.length).toBeGreaterThan(0);
    expect(r.home.memberSession).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const events = query<{ payload: string }>("SELECT payload FROM outbox WHERE type = 'member.identified'");
    expect(events.map((e) => JSON.parse(e.payload))).toContainEqual({ memberId: 'M1005', source: 'camera' });
  });

  const other = newHqKey('hq-test-a'); // same kid, different key: a forger who read the kid off a real code
  const refusals: [string, () => string, string][] = [
    ['expired', () => memberToken(key, 'M1001', 'regular', { iat: nowSec() - 200, exp: nowSec() - 140 }), 'expired'],
    ['issued in the future', () => memberToken(key, 'M1001', 'regular', { iat: nowSec() + 120, exp: nowSec() + 150 }), 'not_yet_valid'],
    ['forged signature', () => memberToken(other, 'M1004', 'diamond'), 'bad_signature'],
    ['altered claims', () => {
      const [p, , s] = memberToken(key, 'M1001', 'regular').split('.');
      const claims = { kid: key.kid, mid: 'M1001', tier: 'diamond', iat: nowSec(), exp: nowSec() + 60, nonce: randomBytes(18).toString('base64url') };
      return `${p}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
    }, 'bad_signature'],
    ['unknown key', () => memberToken(newHqKey('hq-retired'), 'M1001', 'regular'), 'unknown_key'],
    ['garbage text', () => 'hello, I am not a member code', 'malformed'],
    ['a URL', () => 'https://example.com/ATM1.abc.def', 'malformed'],
    ['damaged token', () => memberToken(key, 'M1001', 'regular').slice(0, 80), 'malformed'],
    ['binary noise', () => randomBytes(200).toString('latin1').replace(/\0/g, ''), 'malformed'],
  ];
  it.each(refusals)('refuses this token: %s, with its own reason, changing nothing', async (_name, make, reason) => {
    const token = make();
    const before = dbDigest(agent.dataDir);
    const logsBefore = agent.logs.length;
    expect(await identify(token, 'wedge')).toEqual({ status: 'refused', reason });
    expect(dbDigest(agent.dataDir)).toBe(before);
    // The log line reaches the test through the child's stdout, a moment after the answer.
    const logged = await waitUntil(() => agent.logs.slice(logsBefore).find((l) => l.includes('"msg":"member not identified"')), 5000, 'refusal logged');
    expect(logged).toContain(`"reason":"${reason}"`);
    if (token.length > 20) expect(logged).not.toContain(token.slice(5, 40));
  });

  it('refuses a replayed token: the nonce was recorded when it was accepted', async () => {
    const token = memberToken(key, 'M1002', 'silver');
    expect((await identify(token)).status).toBe('identified');
    const before = dbDigest(agent.dataDir);
    expect(await identify(token, 'wedge')).toEqual({ status: 'refused', reason: 'replayed' });
    expect(dbDigest(agent.dataDir)).toBe(before);
    expect(query('SELECT 1 FROM used_nonces')).not.toHaveLength(0);
  });

  it('accepts a token once even when it arrives 10 times at the same moment', async () => {
    const token = memberToken(key, 'M1003', 'gold');
    const answers = await Promise.all(Array.from({ length: 10 }, () => identify(token, 'wedge')));
    expect(answers.filter((a) => a.status === 'identified')).toHaveLength(1);
    expect(answers.filter((a) => a.status === 'refused' && a.reason === 'replayed')).toHaveLength(9);
  });

  it('refuses a code over 512 characters before reading it, changing nothing', async () => {
    const before = dbDigest(agent.dataDir);
    const r = await agent.call('member.identify', { source: 'camera', code: `ATM1.${'A'.repeat(600)}.x` });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_params');
    expect(dbDigest(agent.dataDir)).toBe(before);
  });

  it('shows a member HQ could not be asked about from the token alone: tier, no points, freshness local', async () => {
    const home = await signIn('M8001', 'gold');
    expect(home.member).toMatchObject({ maskedName: '会员', tier: 'gold', points: 0, pendingPoints: 0 });
    expect(home.freshness).toBe('local');
    expect(home.offers.every((o) => o.action === 'claim')).toBe(true);
    expect(query('SELECT 1 FROM members WHERE id = ?', 'M8001')).toHaveLength(0);
  });
});

describe('identify by membership card', () => {
  it('finds a demo card in the local cache by its salted hash, however the reader spaced it', async () => {
    const number = demoCardNumber('M1003');
    const stored = query<{ member_id: string }>('SELECT member_id FROM member_cards WHERE card_hash = ?', cardHash(salt, number));
    expect(stored).toEqual([{ member_id: 'M1003' }]);
    for (const typed of [number, '6200 0000 0000 1003', '6200-0000-0000-1003']) {
      const r = await identify(typed, 'card');
      expect(r.status === 'identified' && r.home.member.tier).toBe('gold');
    }
    const wedge = await identify(number, 'wedge');
    expect(wedge.status === 'identified' && wedge.home.member.maskedName).toBe('张**');
  });

  it('says "offline" for a card not cached while HQ is unreachable, "unknown_card" for a non-card, changing nothing', async () => {
    const before = dbDigest(agent.dataDir);
    expect(await identify('6200000000009999', 'card')).toEqual({ status: 'refused', reason: 'offline' });
    expect(await identify('!!', 'card')).toEqual({ status: 'refused', reason: 'unknown_card' });
    expect(dbDigest(agent.dataDir)).toBe(before);
    expect(agent.logs.join('\n')).not.toContain('6200000000009999');
  });
});

describe('claims and points exchanges', () => {
  it('claims once; the same claimId again gives the same answer and writes nothing', async () => {
    const home = await signIn('M1004', 'diamond');
    const offer = home.offers.find((o) => o.couponId === 'c-diamond-lounge');
    expect(offer).toMatchObject({ action: 'claim', remainingForMember: 1, reason: { zh: '钻石会员礼遇' } });
    const first = await claim(home.memberSession, 'c-diamond-lounge');
    expect(first.http).toBe(200);
    expect(first.body.data).toMatchObject({ status: 'claimed', claimId: first.claimId });
    const wallet = first.body.data.home.wallet.find((w: { claimId: string }) => w.claimId === first.claimId);
    expect(wallet).toMatchObject({ status: 'pending', via: 'claim', redemptionCode: `ATC1.${first.claimId}`, store: null, title: { zh: '钻石会员 贵宾休息室畅饮' } });
    const before = dbDigest(agent.dataDir);
    const again = await claim(home.memberSession, 'c-diamond-lounge', first.claimId);
    expect(again.body.data).toMatchObject({ status: 'claimed', claimId: first.claimId });
    expect(dbDigest(agent.dataDir)).toBe(before);
    const events = query<{ type: string; payload: string }>("SELECT type, payload FROM outbox WHERE type = 'coupon.claimed'");
    expect(events.filter((e) => JSON.parse(e.payload).claimId === first.claimId)).toHaveLength(1);
    // The same claimId for another coupon is a broken request: refused, nothing written.
    const reused = await claim(home.memberSession, 'c-winter-300-50', first.claimId);
    expect(reused.http).toBe(409);
    expect(reused.body.error.code).toBe('invalid_params');
    expect(dbDigest(agent.dataDir)).toBe(before);
    // A second one with a new claimId is over the member's limit.
    const second = await claim(home.memberSession, 'c-diamond-lounge');
    expect(second.body.data).toMatchObject({ status: 'refused', reason: 'limit_reached' });
    expect(dbDigest(agent.dataDir)).toBe(before);
  });

  it('refuses a coupon not offered to this member, an expired one, and the last one twice', async () => {
    const regular = await signIn('M1001', 'regular');
    expect((await claim(regular.memberSession, 'c-diamond-lounge')).body.data).toMatchObject({ status: 'refused', reason: 'not_eligible' });
    expect((await claim(regular.memberSession, 'c-test-old')).body.data).toMatchObject({ status: 'refused', reason: 'expired_coupon' });
    expect((await claim(regular.memberSession, 'c-test-last')).body.data.status).toBe('claimed');
    const gold = await signIn('M1003', 'gold');
    expect(gold.offers.map((o) => o.couponId)).not.toContain('c-test-last');
    expect((await claim(gold.memberSession, 'c-test-last')).body.data).toMatchObject({ status: 'refused', reason: 'out_of_stock' });
  });

  it('holds exchanged points: 20 concurrent retries of one exchange write one claim and one event', async () => {
    const home = await signIn('M1002', 'silver'); // 1850 points
    const claimId = newClaimId();
    const answers = await Promise.all(Array.from({ length: 20 }, () => claim(home.memberSession, 'c-test-multi', claimId)));
    expect(answers.every((a) => a.http === 200 && a.body.data.status === 'claimed')).toBe(true);
    expect(query("SELECT 1 FROM claims WHERE claim_id = ?", claimId)).toHaveLength(1);
    expect(query("SELECT 1 FROM outbox WHERE type = 'points.exchange.requested' AND payload LIKE ?", `%${claimId}%`)).toHaveLength(1);
    const after = (await agent.call('member.home', { memberSession: home.memberSession })).body.data.home;
    expect(after.member).toMatchObject({ points: 1450, pendingPoints: 400 });
    expect(after.wallet.find((w: { claimId: string }) => w.claimId === claimId)).toMatchObject({ via: 'exchange', status: 'pending', redemptionCode: null, pointsCost: 400 });
  });

  it('never spends points twice: 10 concurrent exchanges of 400 with 940 points -> exactly 2 go through', async () => {
    const home = await signIn('M1005', 'silver'); // 940 points
    const answers = await Promise.all(Array.from({ length: 10 }, () => claim(home.memberSession, 'c-test-multi')));
    const statuses = answers.map((a) => (a.body.data.status === 'claimed' ? 'claimed' : a.body.data.reason));
    expect(statuses.filter((s) => s === 'claimed')).toHaveLength(2);
    expect(statuses.filter((s) => s === 'not_enough_points')).toHaveLength(8);
    const held = query<{ n: number }>("SELECT SUM(points_cost) AS n FROM claims WHERE member_id = 'M1005' AND status = 'pending'");
    expect(held[0]!.n).toBe(800);
    const after = (await agent.call('member.home', { memberSession: home.memberSession })).body.data.home;
    expect(after.member).toMatchObject({ points: 140, pendingPoints: 800 });
    expect(after.offers.filter((o: { action: string }) => o.action === 'exchange')).toEqual([]);
  });
});

describe('member sessions', () => {
  it('sign-out ends the session: home and claim then answer member_session_gone, and nothing is written', async () => {
    const home = await signIn('M1001', 'regular');
    expect((await agent.call('member.signOut', { memberSession: home.memberSession })).body).toEqual({ ok: true, data: {} });
    const before = dbDigest(agent.dataDir);
    for (const r of [
      await agent.call('member.home', { memberSession: home.memberSession }),
      await agent.call('member.claim', { memberSession: home.memberSession, couponId: 'c-winter-300-50', claimId: newClaimId() }),
      await agent.call('member.home', { memberSession: 'never-issued-session-x' }),
    ]) {
      expect(r.status).toBe(410);
      expect(r.body.error.code).toBe('member_session_gone');
    }
    expect(dbDigest(agent.dataDir)).toBe(before);
  });

  it('never logs a token, a card number or a member name', () => {
    const text = agent.logs.join('\n');
    expect(text).not.toMatch(/ATM1\.[A-Za-z0-9_-]{10}/);
    expect(text).not.toMatch(/62000000000010\d\d/);
    expect(text).not.toContain('刘洋');
  });
});
