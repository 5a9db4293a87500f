// Surveys in Chromium against the real agent and the demo HQ (the HQ simulator on Debian Mosquitto, with its two demo
// surveys): a silver member answers the service survey from the member home, then the visit survey, which has one
// question of every supported type (radiogroup, checkbox, rating, boolean, dropdown as buttons, text, comment), in
// Chinese; the points show only once HQ confirms. A shopper who is not signed in answers the visit survey in English
// from the guide home (no points). The text questions are typed on the on-screen keyboard under the box (pinyin keys
// -> the candidate bar -> characters in Chinese, letters in English) and HQ gets the typed text. The SurveyJS chunk
// loads only when a survey opens. Screenshots at 1080x1920 in both languages, and at 1920x1080, go to
// reports/screenshots/.
import { expect, test, type Page } from '@playwright/test';
import type { DemoHq } from '../../hq-sim/src/demo-hq.ts';
import { SurveyStore } from '../../hq-sim/src/surveys/store.ts';
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
  ({ hq, agent } = await startAgentWithDemoHq('atrium-survey-browser-'));
  hqKey = { kid: hq.data.key.kid, privateKey: hq.data.key.privateKey, publicKey: hq.data.key.hqKey.publicKey };
});

test.afterAll(async () => {
  await agent?.stop();
  await hq?.stop();
});

const form = (page: Page) => page.getByTestId('survey-form');
const next = (page: Page) => form(page).locator('.sd-navigation__next-btn');
const complete = (page: Page) => form(page).locator('.sd-navigation__complete-btn');
/** The title of the question on screen (one a page). */
const question = (page: Page) => form(page).locator('.sd-question__title').first();
const choice = (page: Page, text: string) => form(page).locator('.sd-item').filter({ hasText: text }).first().locator('.sd-item__control-label');

// The on-screen keyboard under a text question.
const keyboard = (page: Page) => form(page).getByTestId('osk');
const key = (page: Page, k: string) => keyboard(page).locator(`[data-skbtn="${k}"]`);
const candidate = (page: Page, char: string) => keyboard(page).locator('.hg-candidate-box-list-item', { hasText: char }).first();
const answerBox = (page: Page) => form(page).getByRole('textbox');

/**
 * One step of typing on the on-screen keyboard: keys (a capital letter is ⇧, the letter, ⇧ again; ' ' is the space bar;
 * `{lang}` and the like are function keys), or a pinyin syllable and the character picked from the candidate bar
 * (`pages`: taps on the bar's › before the character shows).
 */
type Typing = { keys: string } | { fn: string } | { pinyin: string; pick: string; pages?: number; shot?: string };

async function typeOnKeyboard(page: Page, steps: Typing[]): Promise<void> {
  await expect(keyboard(page)).toBeVisible();
  for (const step of steps) {
    if ('fn' in step) {
      await key(page, step.fn).click();
    } else if ('keys' in step) {
      for (const k of step.keys) {
        if (k === ' ') await key(page, '{space}').click();
        else if (/[A-Z]/.test(k)) {
          await key(page, '{shift}').click();
          await key(page, k).click();
          await key(page, '{shift}').click();
        } else await key(page, k).click();
      }
    } else {
      for (const k of step.pinyin) await key(page, k).click();
      await expect(keyboard(page).locator('.hg-candidate-box')).toBeVisible();
      if (step.shot) await saveScreenshot(page, step.shot);
      for (let i = 0; i < (step.pages ?? 0); i++) await keyboard(page).locator('.hg-candidate-box-next').click();
      await candidate(page, step.pick).click();
    }
  }
}

type Words = { purpose: string; floors: string[]; recommend: string; transport: string; titles: string[]; keyboardLang: 'zh' | 'en' };
const ZH: Words = {
  purpose: '用餐', floors: ['1F', '5F'], recommend: '是', transport: '地铁', keyboardLang: 'zh',
  titles: ['您今天来商场主要做什么？', '您去过哪些楼层？（可多选）', '总体满意度', '您会推荐朋友来吗？', '您是怎么来的？', '您最喜欢的店铺是？', '还有什么建议？'],
};
const EN: Words = {
  purpose: 'Shopping', floors: ['B1'], recommend: 'No', transport: 'On foot', keyboardLang: 'en',
  titles: ['What brought you here today?', 'Which floors did you visit? (any)', 'Overall, how satisfied are you?', 'Would you recommend us to a friend?', 'How did you get here?', 'Your favourite store?', 'Anything we could do better?'],
};

/** A text answer: what to tap on the on-screen keyboard, and the text that makes. */
type TypedAnswer = { steps: Typing[]; text: string };

/** Answers a text question on the on-screen keyboard under its box: the box shows what is typed, as it is typed. */
async function typeAnswer(page: Page, w: Words, answer: TypedAnswer): Promise<void> {
  await expect(keyboard(page)).toHaveAttribute('data-lang', w.keyboardLang);
  // The keyboard sits under the question's box.
  const box = (await answerBox(page).boundingBox())!;
  const keys = (await keyboard(page).boundingBox())!;
  expect(keys.y).toBeGreaterThanOrEqual(box.y + box.height);
  await typeOnKeyboard(page, answer.steps);
  await expect(answerBox(page)).toHaveValue(answer.text);
}

/** Answers the visit survey, one question a page, each type its own way; screenshots of some pages. */
async function answerVisitSurvey(page: Page, w: Words, shots: string, favourite: TypedAnswer, ideas: TypedAnswer) {
  await expect(question(page)).toContainText(w.titles[0]!);
  await saveScreenshot(page, `${shots}-radiogroup`);
  await choice(page, w.purpose).click();
  await next(page).click();
  await expect(question(page)).toContainText(w.titles[1]!);
  for (const f of w.floors) await choice(page, f).click();
  await saveScreenshot(page, `${shots}-checkbox`);
  await next(page).click();
  await expect(question(page)).toContainText(w.titles[2]!);
  // Rating is required: going on without it says so and stays on the page.
  await next(page).click();
  await expect(form(page).locator('.sd-question__erbox').first()).toBeVisible();
  await form(page).locator('.sd-rating__item').filter({ hasText: '4' }).click();
  await saveScreenshot(page, `${shots}-rating`);
  await next(page).click();
  await expect(question(page)).toContainText(w.titles[3]!);
  await choice(page, w.recommend).click();
  await saveScreenshot(page, `${shots}-boolean`);
  await next(page).click();
  await expect(question(page)).toContainText(w.titles[4]!);
  await choice(page, w.transport).click();
  await saveScreenshot(page, `${shots}-dropdown`);
  await next(page).click();
  await expect(question(page)).toContainText(w.titles[5]!);
  await typeAnswer(page, w, favourite);
  await saveScreenshot(page, `${shots}-text`);
  await next(page).click();
  await expect(question(page)).toContainText(w.titles[6]!);
  await typeAnswer(page, w, ideas);
  await saveScreenshot(page, `${shots}-comment`);
  await complete(page).click();
}

test('zh: a silver member answers the service survey and the all-types visit survey; points only once HQ confirms', async ({ page }) => {
  const problems = await watchForProblems(page);
  await page.setViewportSize({ width: 1080, height: 1920 });
  const surveyChunks: string[] = [];
  page.on('request', (r) => { if (/SurveyScreen/.test(r.url())) surveyChunks.push(r.url()); });
  await openPairedKiosk(page, agent);
  await scanWithWedge(page, memberToken(hqKey, 'M1002', 'silver'));
  await expect(screen(page)).toHaveAttribute('data-screen', 'member');
  await expect(page.getByTestId('member-home')).toHaveAttribute('data-freshness', 'hq');
  const pointsBefore = Number((await page.getByTestId('member-points').innerText()).replace(/,/g, ''));
  const entry = page.getByTestId('survey-open');
  await expect(entry).toHaveAttribute('data-survey', 'sv-service');
  await expect(entry).toContainText('会员完成可得 30 积分');
  await saveScreenshot(page, 'portrait-survey-member-entry-zh');
  // SurveyJS is not loaded until a survey opens.
  expect(surveyChunks).toEqual([]);

  await entry.click();
  await expect(screen(page)).toHaveAttribute('data-screen', 'survey');
  expect(surveyChunks.length).toBeGreaterThan(0);
  await expect(page.getByTestId('survey-reward-note')).toHaveText('完成后可得 30 积分（总部确认后到账）');
  await expect(question(page)).toContainText('您对会员服务满意吗？');
  await form(page).locator('.sd-rating__item').filter({ hasText: '5' }).click();
  await next(page).click();
  // What a hardware keyboard types into the box (a staff test rig: emoji too) is what the on-screen keyboard goes on from.
  await answerBox(page).fill('🙂 希望增加停车');
  await typeAnswer(page, ZH, { steps: [{ pinyin: 'you', pick: '优', shot: 'portrait-survey-zh-pinyin' }, { pinyin: 'hui', pick: '惠' }], text: '🙂 希望增加停车优惠' });
  await complete(page).click();
  const outcome = page.getByTestId('survey-recorded');
  await expect(outcome).toBeVisible();
  await expect(outcome).toHaveAttribute('data-status', 'confirmed', { timeout: 15_000 });
  await expect(outcome).toContainText(`已到账 30 积分，当前积分 ${(pointsBefore + 30).toLocaleString('en-US')}`);
  await page.getByTestId('survey-done').click();
  await expect(screen(page)).toHaveAttribute('data-screen', 'member');

  // The next survey for this member: the visit survey, one question of each type.
  await expect(page.getByTestId('survey-open')).toHaveAttribute('data-survey', 'sv-visit');
  await page.getByTestId('survey-open').click();
  await answerVisitSurvey(page, ZH, 'portrait-survey-zh', {
    // Pinyin: 蜀 is on the candidate bar's third page.
    steps: [{ pinyin: 'shu', pick: '蜀', pages: 2 }, { pinyin: 'xiang', pick: '香' }, { pinyin: 'huo', pick: '火' }, { pinyin: 'guo', pick: '锅' }],
    text: '蜀香火锅',
  }, {
    // Mixed scripts: pinyin, then English letters after the 中文/English key.
    steps: [{ pinyin: 'duo', pick: '多' }, { pinyin: 'yi', pick: '一' }, { pinyin: 'xie', pick: '些' }, { pinyin: 'zuo', pick: '座' }, { pinyin: 'yi', pick: '椅', pages: 3 },
      { fn: '{lang}' }, { keys: ' ok' }],
    text: '多一些座椅 ok',
  });
  await expect(outcome).toHaveAttribute('data-status', /pending|confirmed/);
  await saveScreenshot(page, 'portrait-survey-zh-sent');
  await expect(outcome).toHaveAttribute('data-status', 'confirmed', { timeout: 15_000 });
  await expect(outcome).toContainText('已到账 50 积分');
  await saveScreenshot(page, 'portrait-survey-zh-confirmed');

  // HQ has both responses, each answer as given.
  const store = new SurveyStore(hq.data.store.db, hq.data.mallId);
  expect(store.responses('sv-service').find((r) => r.memberId === 'M1002')?.response.answers).toEqual({ service: 5, wish: '🙂 希望增加停车优惠' });
  const visit = store.responses('sv-visit').find((r) => r.memberId === 'M1002');
  expect(visit?.response.answers).toEqual({ purpose: 'dining', floors: ['1F', '5F'], overall: 4, recommend: true, transport: 'metro', favourite: '蜀香火锅', ideas: '多一些座椅 ok' });
  expect(visit?.points).toBe(50);
  await page.getByTestId('survey-done').click();
  // Both answered: no more survey entry for this member.
  await expect(screen(page)).toHaveAttribute('data-screen', 'member');
  await expect(page.getByTestId('survey-open')).toHaveCount(0);
  expectNoProblems(problems);
});

test('en: a shopper who is not signed in answers the visit survey from the guide home; no points', async ({ page }) => {
  const problems = await watchForProblems(page);
  await page.setViewportSize({ width: 1080, height: 1920 });
  await openPairedKiosk(page, agent);
  await page.getByTestId('attract').click();
  await expect(screen(page)).toHaveAttribute('data-screen', 'home');
  await page.getByTestId('lang-en').click();
  const entry = page.getByTestId('survey-open');
  await expect(entry).toHaveAttribute('data-survey', 'sv-visit');
  await expect(entry).toContainText('How was your visit? · 7 questions');
  await saveScreenshot(page, 'portrait-survey-home-entry-en');
  await entry.click();
  await expect(page.getByTestId('survey-reward-note')).toHaveText('Anyone may answer; signed-in members earn points');
  await answerVisitSurvey(page, EN, 'portrait-survey-en',
    { steps: [{ keys: 'Galaxy Books' }], text: 'Galaxy Books' },
    // A slip corrected with ⌫ on the way.
    { steps: [{ keys: 'More benches nesr' }, { fn: '{bksp}' }, { fn: '{bksp}' }, { keys: 'ar the lifts' }], text: 'More benches near the lifts' });
  const outcome = page.getByTestId('survey-recorded');
  await expect(outcome).toHaveAttribute('data-status', 'confirmed', { timeout: 15_000 });
  await expect(outcome).toContainText('Sign in as a member next time to earn points');
  await saveScreenshot(page, 'portrait-survey-en-thanks');
  const store = new SurveyStore(hq.data.store.db, hq.data.mallId);
  const anon = store.responses('sv-visit').filter((r) => r.memberId === null);
  expect(anon.at(-1)?.response.answers).toEqual({ purpose: 'shopping', floors: ['B1'], overall: 4, recommend: false, transport: 'walk', favourite: 'Galaxy Books', ideas: 'More benches near the lifts' });
  expect(anon.at(-1)?.points).toBe(0);
  expectNoProblems(problems);
});

test('landscape 1920x1080: the survey screen fits a wide screen', async ({ page }) => {
  const problems = await watchForProblems(page);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await openPairedKiosk(page, agent);
  await page.getByTestId('attract').click();
  await page.getByTestId('survey-open').click();
  await expect(question(page)).toContainText(ZH.titles[0]!);
  await saveScreenshot(page, 'landscape-survey-zh-radiogroup');
  await page.getByTestId('lang-en').click();
  await expect(question(page)).toContainText(EN.titles[0]!);
  await choice(page, EN.purpose).click();
  await next(page).click();
  await saveScreenshot(page, 'landscape-survey-en-checkbox');
  await page.getByTestId('survey-back').click();
  await expect(screen(page)).toHaveAttribute('data-screen', 'home');
  expectNoProblems(problems);
});

// Last: it stops the demo HQ (broker included) for good.
test('offline: the answer is kept on the kiosk and the screen says the points come once HQ confirms', async ({ page }) => {
  const problems = await watchForProblems(page);
  await page.setViewportSize({ width: 1080, height: 1920 });
  await hq.stop();
  await expect.poll(async () => ((await (await fetch(new URL('/health', agent.url))).json()) as { sync: { state: string } }).sync.state, { timeout: 15_000 }).not.toBe('online');
  await openPairedKiosk(page, agent);
  await scanWithWedge(page, memberToken(hqKey, 'M1003', 'gold'));
  await expect(screen(page)).toHaveAttribute('data-screen', 'member');
  await expect(page.getByTestId('survey-open')).toHaveAttribute('data-survey', 'sv-service');
  await page.getByTestId('survey-open').click();
  await form(page).locator('.sd-rating__item').filter({ hasText: '3' }).click();
  await next(page).click();
  await complete(page).click();
  const outcome = page.getByTestId('survey-recorded');
  await expect(outcome).toHaveAttribute('data-status', 'pending');
  await expect(outcome).toContainText('网络暂不可用：答卷已保存在本机，联网后自动提交，确认后积分到账');
  await expect(outcome).not.toContainText('已到账');
  await saveScreenshot(page, 'portrait-survey-zh-offline');
  const health = (await (await fetch(new URL('/health', agent.url))).json()) as { sync: { outboxDepth: number } };
  expect(health.sync.outboxDepth).toBeGreaterThan(0);
  expectNoProblems(problems);
});
