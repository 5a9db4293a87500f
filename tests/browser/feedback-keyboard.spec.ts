// Feedback in real Chromium against the real agent and the demo HQ (Mosquitto, as `npm start` runs them): Chinese
// typed on the on-screen keyboard (pinyin keys -> the candidate bar -> characters in the field), English after the
// 中文/English key, the phone number on the digit pad shown masked, bad input explained, the ticket with its QR and the
// promise; then HQ's record of it. Screenshots at 1080x1920 in both languages and the keyboard at 1920x1080.
import { expect, test, type Page } from '@playwright/test';
import type { DemoHq } from '../../hq-sim/src/demo-hq.ts';
import { FeedbackStore } from '../../hq-sim/src/feedback/store.ts';
import { HqSimulator } from '../../hq-sim/src/simulator.ts';
import { consoleLog } from '../../hq-sim/src/log.ts';
import type { AgentProcess } from '../support/agent-process.ts';
import { startAgentWithDemoHq } from './support/demoHq.ts';
import { expectNoProblems, openPairedKiosk, saveScreenshot, screen, watchForProblems } from './support/kiosk.ts';
import { skipWithout } from './support/needs.ts';
import { scanWithWedge } from './support/wedge.ts';
import { memberToken } from '../support/member-fixture.ts';
import { randomUUID } from 'node:crypto';

skipWithout('mosquitto');

let hq: DemoHq;
let agent: AgentProcess;

test.beforeAll(async () => {
  ({ hq, agent } = await startAgentWithDemoHq('atrium-feedback-ui-'));
  await expect.poll(() => agent.logs.some((l) => l.includes('feedback contact key applied')), { timeout: 15_000 }).toBe(true);
});

test.afterAll(async () => {
  await agent?.stop();
  await hq?.stop();
});

async function openFeedback(page: Page, lang: 'zh' | 'en', size = { width: 1080, height: 1920 }): Promise<void> {
  await page.setViewportSize(size);
  await openPairedKiosk(page, agent);
  await page.getByTestId('attract').click();
  await expect(screen(page)).toHaveAttribute('data-screen', 'home');
  if (lang === 'en') await page.getByTestId('lang-en').click();
  await page.getByTestId('feedback-open').click();
  await expect(screen(page)).toHaveAttribute('data-screen', 'feedback');
  await expect(page.getByTestId('osk')).toBeVisible();
}

const key = (page: Page, k: string) => page.locator(`.osk [data-skbtn="${k}"]`);
async function tap(page: Page, keys: string): Promise<void> {
  for (const k of keys) await key(page, k === ' ' ? '{space}' : k).click();
}
const candidate = (page: Page, char: string) => page.locator('.osk .hg-candidate-box-list-item', { hasText: char }).first();
const field = (page: Page) => page.getByTestId('feedback-text-value');

test('Chinese with pinyin candidates, English after the switch, a masked phone, bad input, the ticket (zh)', async ({ page }) => {
  const problems = await watchForProblems(page);
  await openFeedback(page, 'zh');
  await expect(page.getByTestId('osk')).toHaveAttribute('data-lang', 'zh');
  await expect(page.getByTestId('feedback-counter')).toHaveText('0 / 500 字');

  // Sending an empty draft says what is missing, and nothing is sent.
  await page.getByTestId('feedback-submit').click();
  await expect(page.getByTestId('feedback-text-problem')).toHaveText('请先写下您的意见');
  await expect(page.getByText('请选择反馈类别')).toBeVisible();

  await page.getByTestId('feedback-category-environment').click();
  await page.getByTestId('feedback-star-4').click();
  // Pinyin: the letters go into the field, the candidate bar offers characters, a tap puts one in their place.
  await tap(page, 'xi');
  await expect(field(page)).toHaveText('xi');
  await expect(candidate(page, '西')).toBeVisible();
  await saveScreenshot(page, 'portrait-feedback-pinyin');
  // 洗 is on the bar's second page.
  await expect(candidate(page, '洗')).toHaveCount(0);
  await page.locator('.osk .hg-candidate-box-next').click();
  await candidate(page, '洗').click();
  await expect(field(page)).toHaveText('洗');
  await tap(page, 'shou');
  await candidate(page, '手').click();
  await tap(page, 'jian');
  await candidate(page, '间').click();
  await expect(field(page)).toHaveText('洗手间');
  await expect(page.getByTestId('feedback-counter')).toHaveText('3 / 500 字');
  // The 中文/English key: English letters, no candidates.
  await key(page, '{lang}').click();
  await expect(page.getByTestId('osk')).toHaveAttribute('data-lang', 'en');
  await tap(page, ' ok');
  await expect(page.locator('.osk .hg-candidate-box')).toHaveCount(0);
  await expect(field(page)).toHaveText('洗手间 ok');
  await key(page, '{bksp}').click();
  await expect(field(page)).toHaveText('洗手间 o');
  await tap(page, 'k');

  // A phone number on the digit pad, masked as typed; a number that is not one is explained.
  await page.getByTestId('feedback-contact-phone').click();
  await expect(page.getByTestId('osk')).toHaveAttribute('data-lang', 'phone');
  await tap(page, '12345');
  await page.getByTestId('feedback-submit').click();
  await expect(page.getByTestId('feedback-phone-problem')).toHaveText('手机号为 1 开头的 11 位数字');
  await key(page, '{clear}').click();
  await tap(page, '13912345678');
  await expect(page.getByTestId('feedback-phone')).toHaveText('139****5678');
  await expect(page.getByTestId('feedback-phone-problem')).toHaveCount(0);
  await saveScreenshot(page, 'portrait-feedback-phone');

  await page.getByTestId('feedback-submit').click();
  const number = page.getByTestId('feedback-ticket-number');
  await expect(number).toHaveText(/^FB-[A-Z0-9]{1,6}-\d{4}$/);
  await expect(page.getByTestId('feedback-promise')).toHaveText('我们承诺：24 小时内回复，72 小时内解决。');
  await expect(page.getByTestId('feedback-ticket').getByTestId('ticket-qr')).toHaveAttribute('data-url', /^https:\/\/m\.atrium\.example\/feedback\/FB-/);
  await expect(page.locator('body')).not.toContainText('13912345678');
  await saveScreenshot(page, 'portrait-feedback-ticket');
  const ticket = (await number.textContent())!;

  // HQ has it, with the text exactly as typed and the phone opened there.
  await expect.poll(() => {
    const store = new FeedbackStore(hq.data.dataDir);
    try {
      return store.byTicket(ticket).map((t) => [t.text, t.rating, t.phone]);
    } finally {
      store.close();
    }
  }, { timeout: 10_000 }).toEqual([['洗手间 ok', 4, '13912345678']]);
  await page.getByTestId('feedback-done').click();
  await expect(screen(page)).toHaveAttribute('data-screen', 'home');
  expectNoProblems(problems);
});

test('English layout, a store from the directory, the ticket (en)', async ({ page }) => {
  const problems = await watchForProblems(page);
  await openFeedback(page, 'en');
  await expect(page.getByTestId('osk')).toHaveAttribute('data-lang', 'en');
  await page.getByTestId('feedback-category-store').click();
  await page.getByTestId('feedback-submit').click();
  await expect(page.getByText('Please pick the store')).toBeVisible();
  await page.getByTestId('feedback-store-s-hotpot').click();
  await page.getByTestId('feedback-star-2').click();
  await key(page, '{shift}').click();
  await tap(page, 'S');
  await key(page, '{shift}').click();
  await tap(page, 'low service');
  await expect(field(page)).toHaveText('Slow service');
  await expect(page.getByTestId('feedback-counter')).toHaveText('12 / 500');
  await saveScreenshot(page, 'portrait-feedback-en');
  await page.getByTestId('feedback-submit').click();
  await expect(page.getByTestId('feedback-ticket-number')).toHaveText(/^FB-[A-Z0-9]{1,6}-\d{4}$/);
  await expect(page.getByTestId('feedback-promise')).toHaveText('Our promise: a reply within 24 hours, a solution within 72.');
  await saveScreenshot(page, 'portrait-feedback-ticket-en');
  expectNoProblems(problems);
});

test('the keyboard on a 1920x1080 screen (zh)', async ({ page }) => {
  const problems = await watchForProblems(page);
  await openFeedback(page, 'zh', { width: 1920, height: 1080 });
  await tap(page, 'ni');
  await expect(candidate(page, '你')).toBeVisible();
  await saveScreenshot(page, 'landscape-feedback-keyboard');
  await candidate(page, '你').click();
  await expect(field(page)).toHaveText('你');
  expectNoProblems(problems);
});

for (const lang of ['zh', 'en'] as const) {
  test(`a member gives feedback from their home and sees HQ's reply there (${lang})`, async ({ page }) => {
    const problems = await watchForProblems(page);
    await page.setViewportSize({ width: 1080, height: 1920 });
    await openPairedKiosk(page, agent);
    await page.getByTestId('attract').click();
    if (lang === 'en') await page.getByTestId('lang-en').click();
    const key = { kid: hq.data.key.kid, privateKey: hq.data.key.privateKey, publicKey: hq.data.key.hqKey.publicKey };
    await scanWithWedge(page, memberToken(key, 'M1002', 'gold'));
    await expect(screen(page)).toHaveAttribute('data-screen', 'member');
    await page.getByTestId('member-feedback-give').click();
    await expect(screen(page)).toHaveAttribute('data-screen', 'feedback');
    // The signed-in member is the contact already.
    await expect(page.getByTestId('feedback-contact-member')).toHaveAttribute('aria-checked', 'true');
    await page.getByTestId('feedback-category-parking').click();
    await page.getByTestId('feedback-star-3').click();
    if (lang === 'zh') {
      await tap(page, 'ni');
      await candidate(page, '你').click();
      await tap(page, 'hao');
      await candidate(page, '好').click();
    } else {
      await tap(page, 'hello');
    }
    await page.getByTestId('feedback-submit').click();
    const ticket = (await page.getByTestId('feedback-ticket-number').textContent())!;
    await expect(page.getByTestId('feedback-ticket')).toContainText(lang === 'zh' ? '回复将显示在您的会员中心' : 'Replies will show in your member home');
    await page.getByTestId('feedback-done').click();
    await expect(screen(page)).toHaveAttribute('data-screen', 'member');
    await expect(page.getByTestId('member-feedback-ticket').first()).toContainText(ticket);
    // HQ replies (as `npm run hq -- feedback reply` does): the member home shows it within its 15 s refresh.
    await expect.poll(() => {
      const store = new FeedbackStore(hq.data.dataDir);
      try {
        return store.byTicket(ticket).length;
      } finally {
        store.close();
      }
    }, { timeout: 10_000 }).toBe(1);
    const tool = new HqSimulator({ url: hq.url, username: hq.hq.username, password: hq.hq.password, data: hq.data, log: { ...consoleLog(), info: () => {} }, role: 'tool' });
    await tool.start();
    try {
      await tool.publishFeedbackUpdate(hq.device.deviceId, { updateId: `fu_${randomUUID().replaceAll('-', '')}`, ticket, kind: 'reply', text: lang === 'zh' ? '已通知停车场，谢谢' : 'We told the car park, thank you', at: new Date().toISOString() });
    } finally {
      await tool.stop();
    }
    const item = page.getByTestId('member-feedback-ticket').first();
    await expect(item).toHaveAttribute('data-status', 'replied', { timeout: 20_000 });
    await expect(item.getByTestId('member-feedback-update')).toContainText(lang === 'zh' ? '已通知停车场' : 'We told the car park');
    await item.scrollIntoViewIfNeeded();
    await saveScreenshot(page, lang === 'zh' ? 'portrait-member-feedback' : 'portrait-member-feedback-en');
    expectNoProblems(problems);
  });
}
