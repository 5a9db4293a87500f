// A member at the interactive wall, through the real agent process: their tier changes the coupon the wall picks
// for their mood, wall.claim puts it in their wallet (one claim, one outbox event with the wall's A/B arm, safe to
// retry), what cannot be claimed says why and writes nothing, and the member is signed out with the wall session.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiMethods } from '../../contracts/api.ts';
import { demoCatalog } from '../../common/demo/catalog.ts';
import { freshDataDir, startAgentProcess, callOk, type AgentProcess } from '../support/agent-process.ts';
import { memberToken, newHqKey, prepareMemberDb, type HqTestKey } from '../support/member-fixture.ts';
import { centreCrops, confidentCrop, type TestCrop } from '../support/wall-crops.ts';
import { queryDb } from '../support/sqlite-read.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const newClaimId = () => randomBytes(16).toString('base64url');
let agent: AgentProcess;
let key: HqTestKey;
let crops: TestCrop[];
const crop = (label: string) => confidentCrop(crops, label);

beforeAll(async () => {
  crops = await centreCrops();
  const dataDir = freshDataDir('atrium-wall-members-');
  key = newHqKey('hq-wall-test');
  // The demo catalog as it is, with its A/B experiment: the wall's arm must reach the claim event.
  prepareMemberDb(dataDir, key, { catalog: { ...demoCatalog(new Date()), version: 2 } });
  agent = await startAgentProcess({ dataDir, env: { ATRIUM_ROLE: 'wall' } });
});
afterAll(async () => {
  await agent?.stop();
});

const call = <M extends keyof typeof apiMethods>(method: M, params: unknown) => callOk(agent, method, params);
const query = <T,>(sql: string, ...args: unknown[]) => queryDb<T>(agent.dataDir, sql, ...args);
const outbox = (type: string) => query<{ payload: string }>('SELECT payload FROM outbox WHERE type = ? ORDER BY seq', type).map((r) => JSON.parse(r.payload) as Record<string, unknown>);

async function startInOffersArm() {
  for (let i = 0; i < 300; i++) {
    const s = await call('wall.start', {});
    if (s.experiment?.holdout === false) return s;
    await call('wall.end', { wallSession: s.wallSession, reason: 'reset' });
  }
  throw new Error('no session in the offers arm after 300 tries');
}
/** Plays `label` until the wall shows a coupon (the expression is steady). */
async function playUntilOffer(wallSession: string, label: string) {
  for (let i = 0; i < 20; i++) {
    const s = await call('wall.observe', { wallSession, crop: crop(label) });
    if (s.offer) return s;
    await sleep(210);
  }
  throw new Error(`no offer after 20 readings of ${label}`);
}
async function signIn(mid: string, tier: 'regular' | 'silver' | 'gold' | 'diamond'): Promise<string> {
  const r = await call('member.identify', { source: 'wedge', code: memberToken(key, mid, tier) });
  if (r.status !== 'identified') throw new Error(`${mid} not identified: ${r.reason}`);
  return r.home.memberSession;
}

describe('a member who scans at the wall', () => {
  it('a gold member smiling gets the gold coupon instead of the everyone one, claims it once into the wallet', async () => {
    const start = await startInOffersArm();
    const anonymous = await playUntilOffer(start.wallSession, 'happy');
    expect(anonymous).toMatchObject({ member: null, offer: { couponId: 'c-dessert-happy', ruleId: 'w-happy' } });

    const memberSession = await signIn('M1003', 'gold');
    const withMember = await call('wall.member', { wallSession: start.wallSession, memberSession });
    expect(withMember.member).toEqual({ maskedName: '张**', tier: 'gold' });
    expect(withMember.offer).toMatchObject({ couponId: 'c-lumen-gold', ruleId: 'w-happy-vip', reason: { en: 'Gold and smiling: treat yourself' } });
    // Both coupons shown are on record with the session's arm.
    const shown = outbox('wall.coupon_shown').filter((e) => e.wallSession === start.wallSession).map((e) => e.couponId);
    expect(shown).toEqual(['c-dessert-happy', 'c-lumen-gold']);
    // Observations go on showing the member and their coupon.
    const later = await call('wall.observe', { wallSession: start.wallSession, crop: crop('happy') });
    expect(later).toMatchObject({ member: { tier: 'gold' }, offer: { couponId: 'c-lumen-gold' } });

    const claimId = newClaimId();
    const claimed = await call('wall.claim', { wallSession: start.wallSession, claimId });
    expect(claimed.status).toBe('claimed');
    const inWallet = claimed.home.wallet.find((c) => c.claimId === claimId);
    expect(inWallet).toMatchObject({ couponId: 'c-lumen-gold', status: 'pending', redemptionCode: expect.stringMatching(/\S{6,}/) });
    // A retry with the same claim id (an answer lost on the way) changes nothing.
    const again = await call('wall.claim', { wallSession: start.wallSession, claimId });
    expect(again.status).toBe('claimed');
    expect(query('SELECT claim_id FROM claims WHERE member_id = ?', 'M1003')).toEqual([{ claim_id: claimId }]);
    const events = outbox('coupon.claimed').filter((e) => e.claimId === claimId);
    expect(events).toEqual([expect.objectContaining({
      memberId: 'M1003', couponId: 'c-lumen-gold', ruleId: 'w-happy-vip', channel: 'wall', experiment: { id: 'x-offers-2026q4', arm: 'offers' },
    })]);
    // The per-member limit holds at the wall too.
    const second = await call('wall.claim', { wallSession: start.wallSession, claimId: newClaimId() });
    expect(second).toMatchObject({ status: 'refused', reason: 'limit_reached' });

    // The person leaves: the wall session ends and signs the member out.
    await call('wall.end', { wallSession: start.wallSession, reason: 'left' });
    const home = await agent.call('member.home', { memberSession });
    expect(home.status).toBe(410);
    expect(home.body.error.code).toBe('member_session_gone');
  });

  it('a regular member looking sad: the coffee gift is for silver and up, so the claim says why and writes nothing', async () => {
    const start = await startInOffersArm();
    const anonymous = await playUntilOffer(start.wallSession, 'sad');
    expect(anonymous.offer).toMatchObject({ couponId: 'c-coffee-gift', ruleId: 'w-calm' });
    const memberSession = await signIn('M1001', 'regular');
    const withMember = await call('wall.member', { wallSession: start.wallSession, memberSession });
    expect(withMember).toMatchObject({ member: { tier: 'regular' }, offer: { couponId: 'c-coffee-gift' } });
    const claimsBefore = query('SELECT COUNT(*) AS n FROM claims');
    const outboxBefore = query('SELECT COUNT(*) AS n FROM outbox');
    const r = await call('wall.claim', { wallSession: start.wallSession, claimId: newClaimId() });
    expect(r).toMatchObject({ status: 'refused', reason: 'not_eligible' });
    expect(query('SELECT COUNT(*) AS n FROM claims')).toEqual(claimsBefore);
    expect(query('SELECT COUNT(*) AS n FROM outbox')).toEqual(outboxBefore);
    await call('wall.end', { wallSession: start.wallSession, reason: 'left' });
  });

  it('refuses clearly: a claim before anyone scanned or before a coupon, a member session that is gone, a wall session that is gone', async () => {
    const start = await startInOffersArm();
    const noMember = await agent.call('wall.claim', { wallSession: start.wallSession, claimId: newClaimId() });
    expect(noMember.status).toBe(409);
    expect(noMember.body.error).toMatchObject({ code: 'nothing_to_claim', message: expect.stringMatching(/no member has scanned/) });

    const memberSession = await signIn('M1002', 'silver');
    await call('wall.member', { wallSession: start.wallSession, memberSession });
    const noOffer = await agent.call('wall.claim', { wallSession: start.wallSession, claimId: newClaimId() });
    expect(noOffer.status).toBe(409);
    expect(noOffer.body.error.message).toMatch(/no coupon is on the wall/);

    const gone = await agent.call('wall.member', { wallSession: start.wallSession, memberSession: 'x'.repeat(24) });
    expect(gone.status).toBe(410);
    expect(gone.body.error.code).toBe('member_session_gone');
    const bad = await agent.call('wall.member', { wallSession: start.wallSession, memberSession: 'not a session!' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_params');

    await call('wall.end', { wallSession: start.wallSession, reason: 'reset' });
    const ended = await agent.call('wall.claim', { wallSession: start.wallSession, claimId: newClaimId() });
    expect(ended.status).toBe(410);
    expect(ended.body.error.code).toBe('wall_session_gone');
    expect((await agent.call('member.home', { memberSession })).status).toBe(410);
  });

  it('a second member scanning at the same session replaces the first, who is signed out', async () => {
    const start = await startInOffersArm();
    const first = await signIn('M1004', 'diamond');
    const second = await signIn('M1005', 'silver');
    await call('wall.member', { wallSession: start.wallSession, memberSession: first });
    const s = await call('wall.member', { wallSession: start.wallSession, memberSession: second });
    expect(s.member).toEqual({ maskedName: '刘**', tier: 'silver' });
    expect((await agent.call('member.home', { memberSession: first })).status).toBe(410);
    expect((await agent.call('member.home', { memberSession: second })).status).toBe(200);
    await call('wall.end', { wallSession: start.wallSession, reason: 'reset' });
  });
});
