// Claims and points exchanges on the member home against a real agent with no HQ connection (HQ's final word is
// in members-hq.spec.ts): the redemption QR (read back by zbarimg, an independent decoder), a lost answer
// retried with the same claim id, the exchange confirmation and points held, and each claim refusal the agent
// can give in a race with another kiosk, in plain words, changing nothing.
import { expect, test, type Page } from '@playwright/test';
import { claimRefusalText } from '../../renderer/src/i18n/strings.ts';
import { dbDigest } from '../support/db-digest.ts';
import { expectNoProblems, openPairedKiosk, saveScreenshot, screen, watchForProblems } from './support/kiosk.ts';
import { startMemberAgent, watchMemberSessions, type MemberAgent } from './support/members.ts';
import { zbarRead } from './support/qrClip.ts';
import { scanWithWedge } from './support/wedge.ts';
import { skipWithout } from './support/needs.ts';

skipWithout();

let m: MemberAgent;
test.beforeEach(async () => { m = await startMemberAgent(); });
test.afterEach(async () => { await m.agent.stop(); });

const offer = (page: Page, couponId: string) => page.locator(`[data-testid="offer"][data-coupon-id="${couponId}"]`);
const walletItem = (page: Page, couponId: string) => page.locator(`[data-testid="wallet-item"][data-coupon-id="${couponId}"]`);

async function signIn(page: Page, mid: string, tier: 'regular' | 'silver' | 'gold' | 'diamond', masked: string): Promise<void> {
  await openPairedKiosk(page, m.agent);
  await scanWithWedge(page, m.token(mid, tier));
  await expect(page.getByTestId('member-name')).toHaveText(`${masked}，您好`);
}

/** Another kiosk (or the same member at another screen) acting through the API meanwhile. */
async function elsewhere(mid: string, tier: 'regular' | 'silver' | 'gold' | 'diamond', couponId: string): Promise<void> {
  const id = await m.agent.call('member.identify', { source: 'wedge', code: m.token(mid, tier) });
  expect(id.body.data.status).toBe('identified');
  const claim = await m.agent.call('member.claim', { memberSession: id.body.data.home.memberSession, couponId, claimId: crypto.randomUUID() });
  expect(claim.body.data.status).toBe('claimed');
}

/** What zbarimg reads in a screenshot of the page's redemption QR. */
async function readQr(page: Page, name: string): Promise<string[]> {
  const qr = page.getByTestId('redemption-qr').locator('svg');
  await expect(qr).toBeVisible();
  const file = test.info().outputPath(`${name}.png`);
  await qr.screenshot({ path: file });
  return zbarRead(file);
}

test('claiming an offer shows a redemption QR that zbarimg reads back; the wallet keeps it, pending HQ', async ({ page }) => {
  const problems = await watchForProblems(page);
  await signIn(page, 'M1002', 'silver', '李**');
  await offer(page, 'c-test-last').getByTestId('offer-take').click();
  const sheet = page.getByTestId('claim-result');
  await expect(sheet).toContainText('领取成功');
  const code = await page.getByTestId('redemption-qr').getAttribute('data-code');
  expect(code).toBeTruthy();
  expect(await readQr(page, 'claim-qr')).toEqual([code]);
  await expect(sheet.getByTestId('wallet-status')).toHaveAttribute('data-status', 'pending');
  await saveScreenshot(page, 'portrait-member-redemption-qr');
  await page.getByTestId('claim-done').click();

  // The last one is taken: no longer offered; in the wallet, with the same code behind "show code".
  await expect(offer(page, 'c-test-last')).toHaveCount(0);
  const item = walletItem(page, 'c-test-last');
  await expect(item).toHaveAttribute('data-status', 'pending');
  await item.getByTestId('wallet-show-code').click();
  await expect(page.getByTestId('code-sheet').getByTestId('redemption-qr')).toHaveAttribute('data-code', code!);
  expect(await readQr(page, 'wallet-qr')).toEqual([code]);
  await page.getByTestId('code-sheet-close').click();
  expectNoProblems(problems);
});

test('an answer lost on the way is retried with the same claim id, and the agent keeps one claim', async ({ page }) => {
  const problems = await watchForProblems(page);
  const sessions = watchMemberSessions(page);
  await signIn(page, 'M1004', 'diamond', '陈**');
  const target = page.locator('[data-testid="offer"][data-action="claim"]').first();
  const couponId = (await target.getAttribute('data-coupon-id'))!;
  const sent: string[] = [];
  let dropped = false;
  await page.route('**/api/v1/member.claim', async (route) => {
    sent.push(JSON.parse(route.request().postData() ?? '{}').claimId);
    if (dropped) return route.continue();
    // The agent gets the claim and answers; the answer never reaches the page.
    dropped = true;
    await route.fetch();
    await route.abort('connectionreset');
  });
  await target.getByTestId('offer-take').click();
  await expect(page.getByTestId('claim-not-sent')).toContainText('请点“重试”，不会重复领取');
  await page.getByTestId('claim-retry').click();
  await expect(page.getByTestId('claim-result')).toContainText('领取成功');
  expect(sent).toHaveLength(2);
  expect(sent[1]).toBe(sent[0]);
  await page.getByTestId('claim-done').click();
  await expect(walletItem(page, couponId)).toHaveCount(1);
  const home = await m.agent.call('member.home', { memberSession: sessions[0] });
  expect(home.body.data.home.wallet.filter((c: { couponId: string }) => c.couponId === couponId)).toHaveLength(1);
  // Chromium logs the reset connection of the dropped answer; that one is expected here.
  expect(problems.consoleErrors.every((e) => e.includes('ERR_CONNECTION_RESET'))).toBe(true);
  problems.consoleErrors.length = 0;
  expectNoProblems(problems);
});

test('exchanging points asks first (cancel changes nothing), then holds the points until HQ answers', async ({ page }) => {
  const problems = await watchForProblems(page);
  await signIn(page, 'M1005', 'silver', '刘**');
  await expect(page.getByTestId('member-points')).toHaveText('940');
  const before = dbDigest(m.agent.dataDir);
  await offer(page, 'c-test-multi').getByTestId('offer-take').click();
  await expect(page.getByTestId('claim-confirm')).toContainText('将用 400 积分兑换“400积分兑礼品”');
  await page.getByTestId('claim-cancel').click();
  await expect(page.getByTestId('claim-confirm')).toHaveCount(0);
  expect(dbDigest(m.agent.dataDir)).toBe(before);

  await offer(page, 'c-test-multi').getByTestId('offer-take').click();
  await page.getByTestId('claim-confirm-button').click();
  const sheet = page.getByTestId('claim-result');
  await expect(sheet).toContainText('兑换已提交');
  await expect(page.getByTestId('redemption-pending')).toBeVisible();
  await expect(page.getByTestId('redemption-qr')).toHaveCount(0);
  await page.getByTestId('claim-done').click();
  await expect(page.getByTestId('member-points')).toHaveText('540');
  await expect(page.getByTestId('points-pending')).toHaveText('另有 400 积分兑换中，待总部确认');
  await expect(walletItem(page, 'c-test-multi')).toHaveAttribute('data-status', 'pending');
  await expect(walletItem(page, 'c-test-multi').getByTestId('wallet-show-code')).toHaveCount(0);
  expectNoProblems(problems);
});

test('claim refusals from a race with another kiosk: each says what happened, and nothing is written', async ({ page }) => {
  const problems = await watchForProblems(page);
  const refusal = page.getByTestId('claim-refusal');
  const tapAndExpect = async (couponId: string, reason: keyof typeof claimRefusalText, confirm = false) => {
    const before = dbDigest(m.agent.dataDir);
    await offer(page, couponId).getByTestId('offer-take').click();
    if (confirm) await page.getByTestId('claim-confirm-button').click();
    await expect(refusal).toHaveAttribute('data-reason', reason);
    await expect(refusal).toHaveText(claimRefusalText[reason]['zh-CN']);
    expect(dbDigest(m.agent.dataDir)).toBe(before);
    await page.getByTestId('claim-done').click();
    // The fresher home that came with the refusal no longer offers it.
    await expect(offer(page, couponId)).toHaveCount(0);
  };

  await signIn(page, 'M1004', 'diamond', '陈**');
  // The last one goes to another member at another kiosk while this page still shows it.
  await elsewhere('M1003', 'gold', 'c-test-last');
  await tapAndExpect('c-test-last', 'out_of_stock');

  // The same member takes a one-per-member coupon at another screen meanwhile.
  const once = (await page.locator('[data-testid="offer"][data-action="claim"]').first().getAttribute('data-coupon-id'))!;
  await elsewhere('M1004', 'diamond', once);
  await tapAndExpect(once, 'limit_reached');

  // Points spent elsewhere: 940 - 2 x 400 leaves 140, short of the 500-point exchange still on screen.
  await page.getByTestId('member-sign-out').click();
  await scanWithWedge(page, m.token('M1005', 'silver'));
  await expect(page.getByTestId('member-name')).toHaveText('刘**，您好');
  const movie = page.locator('[data-testid="offer"][data-action="exchange"]').filter({ hasText: '500' }).first();
  const movieId = (await movie.getAttribute('data-coupon-id'))!;
  await elsewhere('M1005', 'silver', 'c-test-multi');
  await elsewhere('M1005', 'silver', 'c-test-multi');
  await tapAndExpect(movieId, 'not_enough_points', true);
  await expect(screen(page)).toHaveAttribute('data-screen', 'member');
  expectNoProblems(problems);
});
