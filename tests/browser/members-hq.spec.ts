// Members with a real HQ: the HQ simulator (hq-sim) on Debian Mosquitto, as `npm start` runs it, publishes the
// catalog with its public key; the test signs member codes with HQ's own private key (as `npm run hq -- issue-qr`
// does). A points exchange is confirmed by HQ and its redemption QR appears by itself; a claim goes from pending
// to confirmed; HQ records each claim exactly once; an unknown card is "not found" while HQ is reachable.
import { expect, test, type Page } from '@playwright/test';
import { identifyRefusalText } from '../../renderer/src/i18n/strings.ts';
import { listClaims } from '../../hq-sim/src/claim-ledger.ts';
import type { DemoHq } from '../../hq-sim/src/demo-hq.ts';
import type { AgentProcess } from '../support/agent-process.ts';
import { memberToken, type HqTestKey } from '../support/member-fixture.ts';
import { startAgentWithDemoHq } from './support/demoHq.ts';
import { expectNoProblems, openPairedKiosk, screen, watchForProblems } from './support/kiosk.ts';
import { zbarRead } from './support/qrClip.ts';
import { scanWithWedge } from './support/wedge.ts';
import { skipWithout } from './support/needs.ts';

skipWithout('mosquitto');

let hq: DemoHq;
let agent: AgentProcess;
let hqKey: HqTestKey;

test.beforeAll(async () => {
  ({ hq, agent } = await startAgentWithDemoHq('atrium-members-hq-'));
  hqKey = { kid: hq.data.key.kid, privateKey: hq.data.key.privateKey, publicKey: hq.data.key.hqKey.publicKey };
});

test.afterAll(async () => {
  await agent?.stop();
  await hq?.stop();
});

type Tier = 'regular' | 'silver' | 'gold' | 'diamond';
const demo: [string, Tier][] = [['M1004', 'diamond'], ['M1003', 'gold'], ['M1002', 'silver'], ['M1005', 'silver'], ['M1001', 'regular']];

/** A demo member HQ's rules offer an `action` to (the demo catalog's A/B test may hold some members out). */
async function memberWith(action: 'claim' | 'exchange'): Promise<[string, Tier, string]> {
  for (const [mid, tier] of demo) {
    const r = await agent.call('member.identify', { source: 'wedge', code: memberToken(hqKey, mid, tier) });
    const home = r.body.data.home;
    await agent.call('member.signOut', { memberSession: home.memberSession });
    const offer = home.offers.find((o: { action: string }) => o.action === action);
    if (offer) return [mid, tier, offer.couponId];
  }
  throw new Error(`no demo member is offered a ${action}`);
}

const offer = (page: Page, couponId: string) => page.locator(`[data-testid="offer"][data-coupon-id="${couponId}"]`);

test('a points exchange is confirmed by HQ: the redemption QR appears by itself and the points are spent once', async ({ page }) => {
  const problems = await watchForProblems(page);
  const [mid, tier, couponId] = await memberWith('exchange');
  await openPairedKiosk(page, agent);
  await scanWithWedge(page, memberToken(hqKey, mid, tier));
  await expect(screen(page)).toHaveAttribute('data-screen', 'member');
  await expect(page.getByTestId('member-home')).toHaveAttribute('data-freshness', 'hq');
  const pointsBefore = Number((await page.getByTestId('member-points').innerText()).replace(/,/g, ''));
  const cost = Number(await offer(page, couponId).getAttribute('data-points-cost'));

  await offer(page, couponId).getByTestId('offer-take').click();
  await page.getByTestId('claim-confirm-button').click();
  const sheet = page.getByTestId('claim-result');
  await expect(sheet).toContainText('兑换已提交');
  // Pending until HQ's word arrives; the page polls and the QR appears without a touch.
  const qr = sheet.getByTestId('redemption-qr');
  await expect(qr).toBeVisible({ timeout: 30_000 });
  await expect(sheet.getByTestId('wallet-status')).toHaveAttribute('data-status', 'confirmed');
  const code = (await qr.getAttribute('data-code'))!;
  const file = test.info().outputPath('exchange-qr.png');
  await qr.locator('svg').screenshot({ path: file });
  expect(zbarRead(file)).toEqual([code]);
  await page.getByTestId('claim-done').click();

  await expect(page.getByTestId('member-points')).toHaveText((pointsBefore - cost).toLocaleString('en-US'));
  await expect(page.getByTestId('points-pending')).toHaveCount(0);
  const claims = listClaims(hq.data.store, { memberId: mid }).filter((c) => c.couponId === couponId);
  expect(claims).toHaveLength(1);
  expect(claims[0]).toMatchObject({ status: 'confirmed', via: 'exchange', pointsSpent: cost });
  expect(claims[0]!.result.redemptionCode).toBe(code);
  expectNoProblems(problems);
});

test('a claim goes from pending to confirmed with HQ, and HQ records it once', async ({ page }) => {
  const problems = await watchForProblems(page);
  const [mid, tier, couponId] = await memberWith('claim');
  await openPairedKiosk(page, agent);
  await scanWithWedge(page, memberToken(hqKey, mid, tier));
  await offer(page, couponId).getByTestId('offer-take').click();
  await expect(page.getByTestId('claim-result')).toContainText('领取成功');
  await page.getByTestId('claim-done').click();
  const item = page.locator(`[data-testid="wallet-item"][data-coupon-id="${couponId}"]`);
  await expect(item).toHaveAttribute('data-status', 'confirmed', { timeout: 30_000 });
  await expect(item.getByTestId('wallet-status')).toContainText('可使用');
  const claims = listClaims(hq.data.store, { memberId: mid }).filter((c) => c.couponId === couponId);
  expect(claims).toHaveLength(1);
  expect(claims[0]!.status).toBe('confirmed');
  expectNoProblems(problems);
});

test('with HQ reachable, a card nobody has is "not found" (not "offline")', async ({ page }) => {
  const problems = await watchForProblems(page);
  await openPairedKiosk(page, agent);
  await page.getByTestId('attract').click();
  await scanWithWedge(page, '6299999999990000');
  const message = page.getByTestId('scan-message');
  await expect(message).toHaveAttribute('data-reason', 'unknown_card', { timeout: 15_000 });
  await expect(message).toHaveText(identifyRefusalText.unknown_card['zh-CN']);
  await expect(screen(page)).toHaveAttribute('data-screen', 'home');
  expectNoProblems(problems);
});
