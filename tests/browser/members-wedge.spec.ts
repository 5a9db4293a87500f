// The keyboard-wedge scanner and card reader, against a real agent with no HQ connection: scanner bursts
// (sent with scanner timing, see support/wedge.ts) from the attract screen and the home screen, card numbers,
// a person typing (never a scan), a scan while the search field has focus, and signing out by button and by
// the idle timeout, after which nothing of the member is left in the page or in the agent's memory.
import { expect, test } from '@playwright/test';
import { identifyRefusalText } from '../../renderer/src/i18n/strings.ts';
import { dbDigest } from '../support/db-digest.ts';
import { expectNoProblems, openPairedKiosk, screen, watchForProblems } from './support/kiosk.ts';
import { agentKnowsSession, expectNoMemberInDom, startMemberAgent, watchMemberSessions, type MemberAgent } from './support/members.ts';
import { scanWithWedge } from './support/wedge.ts';
import { skipWithout } from './support/needs.ts';

skipWithout();

let m: MemberAgent;
test.beforeAll(async () => { m = await startMemberAgent(); });
test.afterAll(async () => { await m.agent.stop(); });

test('a scanner burst on the attract screen goes straight to the member home; sign-out wipes the member', async ({ page }) => {
  const problems = await watchForProblems(page);
  const sessions = watchMemberSessions(page);
  await openPairedKiosk(page, m.agent);
  await scanWithWedge(page, m.token('M1002', 'silver'));
  await expect(screen(page)).toHaveAttribute('data-screen', 'member');
  await expect(page.getByTestId('member-name')).toHaveText('李**，您好');
  await expect(page.getByTestId('tier-badge')).toHaveText('银卡会员');
  await expect(page.getByTestId('member-points')).toHaveText('1,850');
  await expect(page.getByTestId('birthday-greeting')).toHaveText('生日快乐！本月是您的生日月，专属礼遇请查收');
  await expect(page.getByTestId('member-panel')).toHaveCount(0);
  // Every offer says why it was chosen.
  const offers = page.getByTestId('offer');
  expect(await offers.count()).toBeGreaterThan(0);
  for (const reason of await page.getByTestId('offer-reason').allInnerTexts()) expect(reason).toMatch(/^推荐理由\s*\S+/);

  await page.getByTestId('lang-en').click();
  await expect(page.getByTestId('member-name')).toHaveText('Hello, 李**');
  await expect(page.getByTestId('tier-badge')).toHaveText('Silver');

  await page.getByTestId('member-sign-out').click();
  await expect(screen(page)).toHaveAttribute('data-screen', 'home');
  await expect(page.getByTestId('session-notice')).toHaveText('You are signed out. See you again soon');
  await expectNoMemberInDom(page, ['李**', '1,850']);
  expect(sessions).toHaveLength(1);
  await expect.poll(() => agentKnowsSession(m.agent, sessions[0]!)).toBe(false);
  expectNoProblems(problems);
});

test('a card read identifies the member; an unknown card while HQ is out of reach says so and changes nothing', async ({ page }) => {
  const problems = await watchForProblems(page);
  await openPairedKiosk(page, m.agent);
  await page.getByTestId('attract').click();
  await scanWithWedge(page, '6200000000001005');
  await expect(screen(page)).toHaveAttribute('data-screen', 'member');
  await expect(page.getByTestId('member-name')).toHaveText('刘**，您好');
  await expect(page.getByTestId('points-expiring')).toHaveText(/^600 积分将于 \d+月\d+日 到期，请尽快使用$/);
  await page.getByTestId('member-sign-out').click();
  await expect(screen(page)).toHaveAttribute('data-screen', 'home');

  const before = dbDigest(m.agent.dataDir);
  await scanWithWedge(page, '6299999999990000');
  const message = page.getByTestId('scan-message');
  await expect(message).toHaveAttribute('data-reason', 'offline');
  await expect(message).toHaveText(identifyRefusalText.offline['zh-CN']);
  await expect(screen(page)).toHaveAttribute('data-screen', 'home');
  expect(dbDigest(m.agent.dataDir)).toBe(before);
  expectNoProblems(problems);
});

test('a person typing is never a scan; a scan while the search field has focus is caught and the field keeps what the person typed', async ({ page }) => {
  const problems = await watchForProblems(page);
  const identifyCalls: string[] = [];
  page.on('request', (r) => { if (r.url().endsWith('/api/v1/member.identify')) identifyCalls.push(r.postData() ?? ''); });
  await openPairedKiosk(page, m.agent);
  await page.getByTestId('attract').click();
  const search = page.getByTestId('search-input');
  await search.click();
  await page.keyboard.type('cof', { delay: 120 });
  await expect(search).toHaveValue('cof');

  // An expired code scanned into the focused field: refused in the scan panel, and the field is as it was.
  const before = dbDigest(m.agent.dataDir);
  const iat = Math.floor(Date.now() / 1000) - 600;
  await scanWithWedge(page, m.token('M1003', 'gold', { iat, exp: iat + 60 }));
  await expect(page.getByTestId('scan-message')).toHaveAttribute('data-reason', 'expired');
  await expect(page.getByTestId('scan-message')).toHaveText(identifyRefusalText.expired['zh-CN']);
  await expect(search).toHaveValue('cof');
  expect(dbDigest(m.agent.dataDir)).toBe(before);
  expect(identifyCalls).toHaveLength(1);
  await page.getByTestId('member-panel-close').click();

  // A person typing a card number into the field and pressing Enter: just a search, no identification.
  await search.fill('');
  await search.click();
  await page.keyboard.type('6200000000001002', { delay: 110 });
  await page.keyboard.press('Enter');
  await expect(search).toHaveValue('6200000000001002');
  // And typing with no field focused (a keyboard left on the kiosk) is not a scan either.
  await page.locator('#directory-title').click();
  await expect(search).not.toBeFocused();
  await page.keyboard.type('6200000000001002', { delay: 110 });
  await page.keyboard.press('Enter');
  await expect(screen(page)).toHaveAttribute('data-screen', 'home');
  await expect(page.getByTestId('member-panel')).toHaveCount(0);
  // The positive signal that the page has handled those keys: a real scan after them is identified, and it is the
  // only identification since the expired code (the keys arrive in order, so the typing came and went first).
  const expiredIat = Math.floor(Date.now() / 1000) - 600;
  await scanWithWedge(page, m.token('M1003', 'gold', { iat: expiredIat, exp: expiredIat + 60 }));
  await expect(page.getByTestId('scan-message')).toHaveAttribute('data-reason', 'expired');
  expect(identifyCalls).toHaveLength(2);
  expectNoProblems(problems);
});

test('idle on the member home signs the member out: nothing of them is left in the page, and the agent forgot them', async ({ page }) => {
  // Real time, not page.clock: a faked clock also fakes event timestamps, and the scanner is told by its timing.
  const short = await startMemberAgent({ ATRIUM_IDLE_TIMEOUT_SEC: '10' });
  try {
    const problems = await watchForProblems(page);
    const sessions = watchMemberSessions(page);
    const signOuts: string[] = [];
    page.on('request', (r) => { if (r.url().endsWith('/api/v1/member.signOut')) signOuts.push(JSON.parse(r.postData() ?? '{}').memberSession); });
    await openPairedKiosk(page, short.agent);
    await scanWithWedge(page, short.token('M1004', 'diamond'));
    await expect(page.getByTestId('member-name')).toHaveText('陈**，您好');
    await expect.poll(() => sessions.length).toBe(1);

    await expect(screen(page)).toHaveAttribute('data-screen', 'attract', { timeout: 20_000 });
    await expectNoMemberInDom(page, ['陈**', '28,600', 'tier-badge']);
    // The page told the agent to forget this member (not just the agent's own idle sweep).
    await expect.poll(() => signOuts).toEqual([sessions[0]]);
    await expect.poll(() => agentKnowsSession(short.agent, sessions[0]!)).toBe(false);
    expectNoProblems(problems);
  } finally {
    await short.agent.stop();
  }
});

test('a member who keeps touching the screen past the idle timeout stays signed in, at the agent too', async ({ page }) => {
  const short = await startMemberAgent({ ATRIUM_IDLE_TIMEOUT_SEC: '10' });
  try {
    const problems = await watchForProblems(page);
    const sessions = watchMemberSessions(page);
    await openPairedKiosk(page, short.agent);
    await scanWithWedge(page, short.token('M1003', 'gold'));
    await expect(page.getByTestId('member-name')).toHaveText('张**，您好');
    // Reading offers for 16 s, touching every 2 s, without tapping anything that calls the agent.
    for (let i = 0; i < 8; i++) {
      await page.waitForTimeout(2000); // pacing, not waiting: a reader's touches, 2 s apart across the agent's real idle window
      await page.getByTestId('member-card').click();
    }
    await expect(screen(page)).toHaveAttribute('data-screen', 'member');
    expect(await agentKnowsSession(short.agent, sessions[0]!)).toBe(true);
    expectNoProblems(problems);
  } finally {
    await short.agent.stop();
  }
});

test('a member the agent has forgotten goes back to the guide home with a short message', async ({ page }) => {
  const problems = await watchForProblems(page);
  const sessions = watchMemberSessions(page);
  await openPairedKiosk(page, m.agent);
  await scanWithWedge(page, m.token('M1001', 'regular'));
  await expect(page.getByTestId('member-name')).toHaveText('王**，您好');
  await expect.poll(() => sessions.length).toBe(1);
  // The agent drops the session (as after its own idle timeout or a restart)...
  expect((await m.agent.call('member.signOut', { memberSession: sessions[0] })).body.ok).toBe(true);
  // ...and the member's next tap finds out.
  await page.locator('[data-testid="offer"][data-action="claim"]').first().getByTestId('offer-take').click();
  await expect(screen(page)).toHaveAttribute('data-screen', 'home');
  await expect(page.getByTestId('session-notice')).toHaveText('会员登录已结束，如需继续请重新扫码');
  await expectNoMemberInDom(page, ['王**']);
  // Chromium logs the agent's HTTP 410 for the claim itself; that one is expected here.
  expect(problems.consoleErrors).toEqual([expect.stringContaining('410 (Gone)')]);
  problems.consoleErrors.length = 0;
  expectNoProblems(problems);
});
