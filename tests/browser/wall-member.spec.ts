// A member at the wall, with the real agent (ATRIUM_ROLE=wall) and the fake camera showing a smiling face: the
// wall offers the everyone coupon and invites a member scan; a bad member code gets its message and changes
// nothing; a gold member's code (scanner burst) switches to the coupon their tier calls for; "claim to my wallet"
// writes one claim with its outbox event and shows the code for the till; when the face goes, the session ends and
// the member is forgotten by the page and by the agent. A member code held up to the wall's camera does the same.
import { expect, test } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { identifyRefusalText } from '../../renderer/src/i18n/strings.ts';
import { freshDataDir, startAgentProcess } from '../support/agent-process.ts';
import { queryDb } from '../support/sqlite-read.ts';
import { memberToken, newHqKey, prepareMemberDb } from '../support/member-fixture.ts';
import { expectNoProblems, saveScreenshot, watchForProblems } from './support/kiosk.ts';
import { agentKnowsSession, watchMemberSessions } from './support/members.ts';
import { FACES, launchWall, makeLeaveClip, wallRoot, watchWallTraffic, writeFaceQrClip } from './support/wall.ts';
import { scanWithWedge } from './support/wedge.ts';
import { skipWithout } from './support/needs.ts';

skipWithout();

/** An opt-in wall agent on the test catalog (the demo's wall rules, no A/B hold-out: every session gets an offer), trusting a test HQ key. */
async function startMemberWall() {
  const dataDir = freshDataDir('atrium-wall-member-');
  const key = newHqKey('hq-wall-browser');
  prepareMemberDb(dataDir, key);
  const agent = await startAgentProcess({ dataDir, env: { ATRIUM_ROLE: 'wall', ATRIUM_EXPRESSION_MODE: 'opt-in' }, timeoutMs: 30_000 });
  return { dataDir, key, agent };
}

test('a gold member scans at the wall, gets the gold coupon, claims it to the wallet, and is forgotten when they leave', async () => {
  test.setTimeout(300_000);
  const { dataDir, key, agent } = await startMemberWall();
  const { browser, page } = await launchWall(makeLeaveClip(path.join(FACES, 'happy.jpg'), 90, 15));
  const query = <T,>(sql: string, ...args: unknown[]) => queryDb<T>(dataDir, sql, ...args);
  try {
    const problems = await watchForProblems(page);
    const sessions = watchMemberSessions(page);
    await page.goto(await agent.pairUrl());
    await expect(wallRoot(page)).toHaveAttribute('data-detector', 'ready', { timeout: 90_000 });
    await page.getByTestId('wall-play').click();
    await expect(wallRoot(page)).toHaveAttribute('data-expression', 'happy', { timeout: 60_000 });
    const offer = page.getByTestId('wall-offer');
    await expect(offer).toHaveAttribute('data-coupon-id', 'c-dessert-happy', { timeout: 30_000 });
    await expect(page.getByTestId('wall-member-hint')).toContainText('会员码对准摄像头');
    await expect(page.getByTestId('wall-offer-qr')).toBeVisible();

    // An expired code: its own message, and nothing changes.
    await scanWithWedge(page, memberToken(key, 'M1003', 'gold', { iat: Math.floor(Date.now() / 1000) - 200, exp: Math.floor(Date.now() / 1000) - 140 }));
    await expect(page.getByTestId('wall-member-message')).toContainText(identifyRefusalText.expired['zh-CN']);
    await expect(wallRoot(page)).toHaveAttribute('data-member-tier', '');
    await expect(offer).toHaveAttribute('data-coupon-id', 'c-dessert-happy');

    // A gold member's code: their tier's coupon, their masked name, and a claim button instead of the QR.
    await scanWithWedge(page, memberToken(key, 'M1003', 'gold'));
    await expect(wallRoot(page)).toHaveAttribute('data-member-tier', 'gold');
    await expect(offer).toHaveAttribute('data-coupon-id', 'c-lumen-gold');
    await expect(offer).toHaveAttribute('data-rule-id', 'w-happy-vip');
    await expect(page.getByTestId('wall-member')).toContainText('张**');
    await expect(page.getByTestId('wall-member')).toContainText('金卡会员');
    await expect(page.getByTestId('wall-member-message')).toHaveCount(0);
    await saveScreenshot(page, 'wall-member-scanned');

    await page.getByTestId('wall-claim').click();
    await expect(page.getByTestId('wall-claimed')).toContainText('已存入你的卡包');
    const code = await page.getByTestId('redemption-qr').getAttribute('data-code');
    expect(code).toMatch(/\S{6,}/);
    await saveScreenshot(page, 'wall-member-claimed');
    const claims = query<{ coupon_id: string; redemption_code: string }>('SELECT coupon_id, redemption_code FROM claims WHERE member_id = ?', 'M1003');
    expect(claims).toEqual([{ coupon_id: 'c-lumen-gold', redemption_code: code }]);
    const events = query<{ payload: string }>("SELECT payload FROM outbox WHERE type = 'coupon.claimed'").map((r) => JSON.parse(r.payload) as Record<string, unknown>);
    expect(events).toEqual([expect.objectContaining({ memberId: 'M1003', couponId: 'c-lumen-gold', ruleId: 'w-happy-vip', channel: 'wall' })]);

    // The face goes: back to attract; nothing of the member is left in the page, and the agent forgot them.
    await expect(wallRoot(page)).toHaveAttribute('data-wall-view', 'attract', { timeout: 150_000 });
    await expect(wallRoot(page)).toHaveAttribute('data-member-tier', '');
    const html = await page.evaluate(() => document.documentElement.outerHTML);
    for (const t of ['张**', code!]) expect(html.includes(t), `"${t}" still in the page`).toBe(false);
    expect(sessions).toHaveLength(1);
    await expect.poll(() => agentKnowsSession(agent, sessions[0]!)).toBe(false);
    expectNoProblems(problems);
  } finally {
    await browser.close();
    await agent.stop();
  }
});

test('a member code held up to the wall camera identifies the member: a diamond member gets the VIP coupon and claims it', async () => {
  test.setTimeout(300_000);
  const { dataDir, key, agent } = await startMemberWall();
  const clip = path.join(mkdtempSync(path.join(tmpdir(), 'atrium-wall-cam-')), 'camera.y4m');
  const face = path.join(FACES, 'happy.jpg');
  writeFaceQrClip(clip, face, null);
  const { browser, page } = await launchWall(clip);
  try {
    const problems = await watchForProblems(page);
    const sessions = watchMemberSessions(page);
    const traffic = watchWallTraffic(page);
    await page.goto(await agent.pairUrl());
    await expect(wallRoot(page)).toHaveAttribute('data-detector', 'ready', { timeout: 90_000 });
    // The member code (valid for 60 s) is drawn now, just before the camera opens on the tap.
    writeFaceQrClip(clip, face, memberToken(key, 'M1004', 'diamond'));
    await page.getByTestId('wall-play').click();
    await expect(wallRoot(page)).toHaveAttribute('data-expression', 'happy', { timeout: 60_000 });
    await expect(wallRoot(page)).toHaveAttribute('data-member-tier', 'diamond', { timeout: 45_000 });
    await expect(page.getByTestId('wall-offer')).toHaveAttribute('data-coupon-id', 'c-lumen-gold');
    await expect(page.getByTestId('wall-member')).toContainText('陈**');
    // The code stays in view, but it is sent once: no "already used" message follows while the wall keeps looking
    // (ten more observations of the face with the code in view).
    const seen = traffic.states.length;
    await expect.poll(() => traffic.states.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(seen + 10);
    await expect(page.getByTestId('wall-member-message')).toHaveCount(0);
    expect(sessions).toHaveLength(1);
    await page.getByTestId('wall-claim').click();
    await expect(page.getByTestId('wall-claimed')).toBeVisible();
    expect(queryDb<{ coupon_id: string }>(dataDir, 'SELECT coupon_id FROM claims WHERE member_id = ?', 'M1004')).toEqual([{ coupon_id: 'c-lumen-gold' }]);
    expectNoProblems(problems);
  } finally {
    await browser.close();
    await agent.stop();
  }
});
