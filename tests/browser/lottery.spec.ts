// The member-day lottery on the guide screen in Chromium against the real agent and the demo HQ (the HQ simulator on
// Debian Mosquitto, with its demo lottery): the entry on the guide home, the terms shown before playing (every prize
// with its value and odds, the seed's commitment), a member scanning on the lottery screen and playing a round (the
// wheel turns to HQ's prize, the coupon goes to the wallet), in Chinese and in English; then HQ gone: the lottery says
// it is not available and nobody is told they won. Screenshots at 1080x1920 in both languages go to reports/screenshots/.
import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import path from 'node:path';
import type { DemoHq } from '../../hq-sim/src/demo-hq.ts';
import type { AgentProcess } from '../support/agent-process.ts';
import { memberToken, type HqTestKey } from '../support/member-fixture.ts';
import { startAgentWithDemoHq } from './support/demoHq.ts';
import { expectNoProblems, openPairedKiosk, saveScreenshot, screen, watchForProblems } from './support/kiosk.ts';
import { skipWithout } from './support/needs.ts';
import { scanWithWedge } from './support/wedge.ts';

skipWithout('mosquitto');

let hq: DemoHq;
let agent: AgentProcess;
let hqKey: HqTestKey;

test.beforeAll(async () => {
  ({ hq, agent } = await startAgentWithDemoHq('atrium-lottery-browser-'));
  hqKey = { kid: hq.data.key.kid, privateKey: hq.data.key.privateKey, publicKey: hq.data.key.hqKey.publicKey };
});

test.afterAll(async () => {
  await agent?.stop();
  await hq?.stop();
});

/** HQ's record of a member's draws (its lottery book, read-only). */
function hqDraws(memberId: string): { prize_id: string }[] {
  const db = new Database(path.join(hq.data.dataDir, 'lottery.db'), { readonly: true });
  try {
    return db.prepare('SELECT prize_id FROM draws WHERE member_id = ? ORDER BY seq').all(memberId) as { prize_id: string }[];
  } finally {
    db.close();
  }
}

async function openHome(page: Page, lang: 'zh' | 'en') {
  await page.setViewportSize({ width: 1080, height: 1920 });
  await openPairedKiosk(page, agent);
  await page.getByTestId('attract').click();
  await expect(screen(page)).toHaveAttribute('data-screen', 'home');
  if (lang === 'en') await page.getByTestId('lang-en').click();
  await expect(page.getByTestId('lottery-open')).toBeVisible();
}

async function openLottery(page: Page, lang: 'zh' | 'en', screenshot: string | null = null) {
  await openHome(page, lang);
  if (screenshot) await saveScreenshot(page, screenshot);
  await page.getByTestId('lottery-open').click();
  await expect(screen(page)).toHaveAttribute('data-screen', 'lottery');
  await expect(page.getByTestId('lottery-prize')).toHaveCount(5);
}

async function playRound(page: Page, memberId: string, tier: 'diamond' | 'silver', signedIn = false) {
  if (!signedIn) {
    await expect(page.getByTestId('lottery-play')).toHaveCount(0);
    await scanWithWedge(page, memberToken(hqKey, memberId, tier));
  }
  await expect(page.getByTestId('lottery-member')).toBeVisible();
  await page.getByTestId('lottery-play').click();
  const result = page.getByTestId('lottery-result');
  await expect(result).toBeVisible({ timeout: 10_000 });
  const prizeId = await result.getAttribute('data-prize-id');
  // What the page shows is what HQ recorded for this member.
  expect(hqDraws(memberId).map((d) => d.prize_id)).toEqual([prizeId]);
  await expect(page.getByTestId('lottery-wheel')).toHaveAttribute('data-target', prizeId!);
  return prizeId!;
}

test('zh: the terms before playing, then a member plays a round and sees HQ`s prize', async ({ page }) => {
  const problems = await watchForProblems(page);
  await openLottery(page, 'zh', 'portrait-lottery-home-zh');
  await expect(page.getByTestId('lottery-title')).toHaveText('会员日幸运抽奖');
  await expect(page.getByTestId('lottery-terms')).toContainText('奖品、价值与中奖概率');
  await expect(page.locator('[data-prize-id="sprint-100"] [data-testid="lottery-odds"]')).toHaveText('2%');
  await expect(page.locator('[data-prize-id="thanks"] [data-testid="lottery-odds"]')).toHaveText('50%');
  await expect(page.getByTestId('lottery-commitment')).toHaveText(/^SHA-256 [0-9a-f]{64}$/);
  await expect(page.getByTestId('lottery-scan')).toHaveText('扫会员码参与抽奖');
  await saveScreenshot(page, 'portrait-lottery-terms-zh');

  const prizeId = await playRound(page, 'M1004', 'diamond');
  await expect(page.getByTestId('lottery-result')).toContainText(prizeId === 'thanks' ? '谢谢参与' : '恭喜您抽中');
  if (prizeId !== 'thanks') await expect(page.getByTestId('lottery-wallet')).toHaveText('优惠券已放入您的卡包');
  await expect(page.getByTestId('lottery-member')).toContainText('剩余 2 次');
  await saveScreenshot(page, 'portrait-lottery-result-zh');
  expectNoProblems(problems);
});

test('en: a member signs in on the home screen, opens the draw from their member home and plays a round', async ({ page }) => {
  const problems = await watchForProblems(page);
  await openHome(page, 'en');
  await scanWithWedge(page, memberToken(hqKey, 'M1002', 'silver'));
  await expect(screen(page)).toHaveAttribute('data-screen', 'member');
  await expect(page.getByTestId('lottery-open')).toContainText('Member day draw');
  await saveScreenshot(page, 'portrait-lottery-member-home-en');
  await page.getByTestId('lottery-open').click();
  await expect(screen(page)).toHaveAttribute('data-screen', 'lottery');
  await expect(page.getByTestId('lottery-title')).toHaveText('Member Day lucky draw');
  await expect(page.getByTestId('lottery-member')).toHaveText('Member 李**');
  await saveScreenshot(page, 'portrait-lottery-terms-en');
  const prizeId = await playRound(page, 'M1002', 'silver', true);
  await expect(page.getByTestId('lottery-result')).toContainText(prizeId === 'thanks' ? 'Thanks for playing' : 'You won');
  await expect(page.getByTestId('lottery-member')).toContainText('2 draws left');
  await saveScreenshot(page, 'portrait-lottery-result-en');
  // Back goes to the member's home.
  await page.getByTestId('lottery-back').click();
  await expect(screen(page)).toHaveAttribute('data-screen', 'member');
  expectNoProblems(problems);
});

test('HQ gone: the lottery is not available and nobody is told they won', async ({ page }) => {
  await openLottery(page, 'zh');
  await scanWithWedge(page, memberToken(hqKey, 'M1003', 'gold'));
  await expect(page.getByTestId('lottery-member')).toBeVisible();
  const before = hqDraws('M1003').length;
  await hq.stop();
  await expect(page.getByTestId('lottery-offline')).toHaveText('抽奖暂不可用，请稍后再试（本次未抽奖）', { timeout: 30_000 });
  await expect(page.getByTestId('lottery-play')).toBeDisabled();
  await expect(page.getByTestId('lottery-result')).toHaveCount(0);
  await saveScreenshot(page, 'portrait-lottery-offline-zh');
  expect(hqDraws('M1003')).toHaveLength(before);
});
