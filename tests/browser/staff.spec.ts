// The staff console in Chromium against the real agent (demo mall and demo staff, no HQ): the hidden entry, PIN
// sign-in and refusals, settings taking effect live (orientation, idle timeout, role guide <-> wall), a value the
// schema refuses, the actions (diagnostics download, reload UI), the audit trail and the idle sign-out. The scanner and
// camera test pages are exercised in staff-screenshots.spec.ts (it has the fake camera).
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expectNoProblems, openPairedKiosk, saveScreenshot, screen, startAgentProcess, watchForProblems, type AgentProcess } from './support/kiosk.ts';
import { agentAudit, agentSetting, enterPin, li, longPress, openStaffSignIn, signInWithPin, zhao } from './support/staff.ts';
import { scanWithWedge } from './support/wedge.ts';
import { skipWithout } from './support/needs.ts';

skipWithout();

// Each sign-in checks a real scrypt PIN hash: generous on a shared machine.
test.describe.configure({ timeout: 120_000 });

// Each test installs the page's clock (it still runs at real speed) so that a long press is a jump of the clock, not
// seconds of real waiting: the corner's timer fires when the clock passes STAFF_LONG_PRESS_MS with the finger down.
// Not the staff-card test: the scanner's keys carry real event times, which a clock moved ahead would not match.
const signIn = (page: Page) => signInWithPin(page, li.staffId, li.pin, true);

let agent: AgentProcess;
test.beforeAll(async () => { agent = await startAgentProcess(); });
test.afterAll(async () => { await agent.stop(); });

const frame = (page: Page) => page.getByTestId('kiosk-frame');

test('a shopper pressing anywhere else, or only briefly on the corner, never sees the staff sign-in', async ({ page }) => {
  await page.clock.install();
  const problems = await watchForProblems(page);
  await openPairedKiosk(page, agent);
  await longPress(page, 540, 960, 3600, true); // the middle of the screen
  await longPress(page, 1050, 30, 3600, true); // the top-right corner
  await longPress(page, 30, 1890, 3600, true); // the bottom-left corner
  await longPress(page, 30, 30, 1500, true); // the right corner, but not long enough
  await expect(page.getByTestId('staff-signin')).toHaveCount(0);
  // A finger that slides off the corner during the press cancels it.
  await page.mouse.move(30, 30);
  await page.mouse.down();
  await page.clock.fastForward(1500);
  await page.mouse.move(300, 300, { steps: 5 });
  await page.clock.fastForward(2500);
  await page.mouse.up();
  await expect(page.getByTestId('staff-signin')).toHaveCount(0);
  await expect(screen(page)).toHaveAttribute('data-screen', 'home');
  expectNoProblems(problems);
});

test('staff sign in with a PIN; a wrong PIN is refused with the tries left; signing out returns to the kiosk', async ({ page }) => {
  await page.clock.install();
  const problems = await watchForProblems(page);
  await openPairedKiosk(page, agent);
  await openStaffSignIn(page, true);
  await expect(page.getByTestId('staff-roster').getByRole('button')).toHaveCount(3);
  await page.getByTestId(`staff-${li.staffId}`).click();
  await enterPin(page, '123456');
  await expect(page.getByTestId('staff-signin-message')).toHaveText('密码错误，还可尝试 4 次');
  await expect(page.getByTestId('staff-console')).toHaveCount(0);
  await enterPin(page, li.pin);
  await expect(page.getByTestId('staff-console')).toBeVisible();
  await expect(page.getByTestId('staff-console-name')).toHaveText('李娜 (Li Na) · 店员');
  await page.getByTestId('staff-sign-out').click();
  await expect(page.getByTestId('staff-console')).toHaveCount(0);
  await expect(screen(page)).toBeVisible();
  expectNoProblems(problems);
});

test('a staff card on the scanner signs in; an unknown card is refused and never reaches member identification', async ({ page }) => {
  const problems = await watchForProblems(page);
  const identifies: string[] = [];
  page.on('request', (r) => { if (r.url().endsWith('/member.identify')) identifies.push(r.url()); });
  await openPairedKiosk(page, agent);
  await openStaffSignIn(page); // a real three-second press (see above)
  await scanWithWedge(page, '6200000000001003'); // a member's card
  await expect(page.getByTestId('staff-signin-message')).toContainText('无法识别此卡');
  await scanWithWedge(page, zhao.cardNumber!);
  await expect(page.getByTestId('staff-console-name')).toHaveText('赵强 (Zhao Qiang) · 经理');
  expect(identifies).toEqual([]);
  await page.getByTestId('staff-sign-out').click();
  expectNoProblems(problems);
});

test('a value the schema refuses is refused in the form, saying what is allowed, and never sent', async ({ page }) => {
  await page.clock.install();
  const problems = await watchForProblems(page);
  const sets: string[] = [];
  page.on('request', (r) => { if (r.url().endsWith('/staff.setSetting')) sets.push(r.postData() ?? ''); });
  await openPairedKiosk(page, agent);
  await signIn(page);
  const input = page.getByTestId('setting-idleTimeoutSec-input');
  for (const bad of ['5', '601', '12.5', 'abc', '']) {
    await input.fill(bad);
    await expect(page.getByTestId('setting-idleTimeoutSec-message')).toContainText('请输入 10–600 之间的整数');
    await page.getByTestId('setting-idleTimeoutSec-save').click();
    await expect(page.getByTestId('setting-idleTimeoutSec-message')).toContainText('请输入 10–600 之间的整数');
  }
  // The schema's own words are there too.
  await input.fill('5');
  await expect(page.getByTestId('setting-idleTimeoutSec-detail')).toHaveText('Too small: expected number to be >=10');
  // Screen-off hours: a time that is not HH:MM, and a span that starts where it ends.
  await page.getByTestId('setting-screenOffHours-enabled').click();
  await page.getByTestId('setting-screenOffHours-from').fill('25:00');
  await page.getByTestId('setting-screenOffHours-to').fill('08:00');
  await expect(page.getByTestId('setting-screenOffHours-message')).toContainText('HH:MM');
  await page.getByTestId('setting-screenOffHours-from').fill('08:00');
  await page.getByTestId('setting-screenOffHours-save').click();
  await expect(page.getByTestId('setting-screenOffHours-message')).toContainText('开始和结束时间不能相同');
  expect(sets).toEqual([]);
  expect(await agentSetting(agent.call, 'idleTimeoutSec')).toEqual({ value: 60, source: 'default' });
  await page.getByTestId('staff-sign-out').click();
  expectNoProblems(problems);
});

test('orientation takes effect at once: landscape turns the UI a quarter turn on this portrait window, auto undoes it', async ({ page }) => {
  await page.clock.install();
  const problems = await watchForProblems(page);
  await openPairedKiosk(page, agent);
  const box = () => frame(page).evaluate((el: HTMLElement) => ({ w: el.offsetWidth, h: el.offsetHeight, transform: getComputedStyle(el).transform }));
  expect(await box()).toEqual({ w: 1080, h: 1920, transform: 'none' });
  await signIn(page);
  await page.getByTestId('setting-orientation-landscape').click();
  await expect(page.getByTestId('setting-orientation-source')).toHaveText('本机修改 · 李娜 (Li Na)');
  await expect(frame(page)).toHaveAttribute('data-orientation', 'landscape');
  await page.getByTestId('staff-sign-out').click();
  // The layout is landscape (1920 wide, 1080 high), turned 90° to fill the 1080x1920 window.
  const turned = await box();
  expect([turned.w, turned.h]).toEqual([1920, 1080]);
  expect(turned.transform).toMatch(/^matrix\(0, 1, -1, 0, /);
  const rect = await frame(page).evaluate((el) => { const r = el.getBoundingClientRect(); return [Math.round(r.left), Math.round(r.top), Math.round(r.width), Math.round(r.height)]; });
  expect(rect).toEqual([0, 0, 1080, 1920]);
  await saveScreenshot(page, 'staff-orientation-landscape-on-portrait');
  // The staff corner turns with the UI: it is now at the window's top-right.
  await longPress(page, 1050, 30, 3300, true);
  await expect(page.getByTestId('staff-signin')).toBeVisible();
  await page.getByTestId(`staff-${li.staffId}`).click();
  await enterPin(page, li.pin);
  await page.getByTestId('setting-orientation-clear').click();
  await expect(page.getByTestId('setting-orientation-source')).toHaveText('默认值');
  await page.getByTestId('staff-sign-out').click();
  expect(await box()).toEqual({ w: 1080, h: 1920, transform: 'none' });
  expectNoProblems(problems);
});

test('the idle timeout takes effect at once, and so do screen-off hours', async ({ page }) => {
  await page.clock.install();
  const problems = await watchForProblems(page);
  await openPairedKiosk(page, agent);
  await signIn(page);
  await page.getByTestId('setting-idleTimeoutSec-input').fill('10');
  await page.getByTestId('setting-idleTimeoutSec-save').click();
  await expect(page.getByTestId('setting-idleTimeoutSec-source')).toHaveText('本机修改 · 李娜 (Li Na)');
  await page.getByTestId('staff-sign-out').click();
  await expect(screen(page)).toHaveAttribute('data-screen', 'home');
  // Ten seconds without a touch: back to the attract loop (the default 60 s would still be on the home screen).
  const left = Date.now();
  await expect(screen(page)).toHaveAttribute('data-screen', 'attract', { timeout: 20_000 });
  expect(Date.now() - left).toBeLessThan(30_000); // well under the default 60 s

  // Screen-off hours around now (the kiosk's time zone is Asia/Shanghai): dark once idle, a touch wakes it.
  const hhmm = (d: Date) => d.toLocaleTimeString('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false });
  await signIn(page);
  await page.getByTestId('setting-screenOffHours-enabled').click();
  await page.getByTestId('setting-screenOffHours-from').fill(hhmm(new Date(Date.now() - 3600_000)));
  await page.getByTestId('setting-screenOffHours-to').fill(hhmm(new Date(Date.now() + 3600_000)));
  await page.getByTestId('setting-screenOffHours-save').click();
  await expect(page.getByTestId('setting-screenOffHours-source')).toHaveText('本机修改 · 李娜 (Li Na)');
  await page.getByTestId('staff-sign-out').click();
  await expect(page.getByTestId('screen-off')).toBeVisible({ timeout: 25_000 });
  await expect(screen(page)).toHaveCount(0);
  await page.mouse.click(540, 960);
  await expect(screen(page)).toHaveAttribute('data-screen', /attract|home/);
  await expect(page.getByTestId('screen-off')).toHaveCount(0);

  // Back to the defaults for the next tests.
  await signIn(page);
  await page.getByTestId('setting-screenOffHours-clear').click();
  await page.getByTestId('setting-idleTimeoutSec-clear').click();
  await expect(page.getByTestId('setting-idleTimeoutSec-input')).toHaveValue('60');
  await page.getByTestId('staff-sign-out').click();
  expectNoProblems(problems);
});

test('the attract playlist takes effect at once: the campaigns staff tap, in that order; "All" brings every one back', async ({ page }) => {
  await page.clock.install();
  test.setTimeout(240_000); // waits out the 60 s idle timeout for the attract loop
  const problems = await watchForProblems(page);
  await openPairedKiosk(page, agent);
  await signIn(page);
  await page.getByTestId('setting-attractPlaylist-pick').click();
  // Nothing picked yet: the form says what is allowed and does not send it.
  await page.getByTestId('setting-attractPlaylist-save').click();
  await expect(page.getByTestId('setting-attractPlaylist-message')).toContainText('请选择 1–30 项');
  await page.getByTestId('setting-attractPlaylist-item-cp-kids-fun').click();
  await page.getByTestId('setting-attractPlaylist-item-cp-coffee-bogo').click();
  await expect(page.getByTestId('setting-attractPlaylist-item-cp-kids-fun')).toHaveAttribute('data-order', '1');
  await expect(page.getByTestId('setting-attractPlaylist-item-cp-coffee-bogo')).toHaveAttribute('data-order', '2');
  await saveScreenshot(page, 'staff-attract-playlist');
  await page.getByTestId('setting-attractPlaylist-save').click();
  await expect(page.getByTestId('setting-attractPlaylist-source')).toHaveText('本机修改 · 李娜 (Li Na)');
  expect(await agentSetting(agent.call, 'attractPlaylist')).toEqual({ value: ['cp-kids-fun', 'cp-coffee-bogo'], source: 'staff' });
  await page.getByTestId('staff-sign-out').click();
  // The home screen's promotions and the attract loop follow the playlist.
  await expect(page.getByTestId('promotion-card').first()).toHaveAttribute('data-campaign-id', 'cp-kids-fun');
  expect(await page.getByTestId('promotion-card').evaluateAll((els) => els.map((e) => e.getAttribute('data-campaign-id')))).toEqual(['cp-kids-fun', 'cp-coffee-bogo']);
  const slides = async () => page.getByTestId('attract-slide').evaluateAll((els) => els.map((e) => e.getAttribute('data-campaign-id')));
  await expect(screen(page)).toHaveAttribute('data-screen', 'attract', { timeout: 90_000 });
  expect(await slides()).toEqual(['cp-kids-fun', 'cp-coffee-bogo']);

  await page.mouse.click(540, 960);
  await signIn(page);
  await page.getByTestId('setting-attractPlaylist-all').click();
  await page.getByTestId('setting-attractPlaylist-save').click();
  await expect(page.getByTestId('setting-attractPlaylist-message')).toHaveText('已保存');
  await page.getByTestId('setting-attractPlaylist-clear').click();
  await expect(page.getByTestId('setting-attractPlaylist-source')).not.toHaveText(/本机修改/);
  await page.getByTestId('staff-sign-out').click();
  await expect.poll(async () => (await page.getByTestId('promotion-card').count())).toBe(7);
  expectNoProblems(problems);
});

test('the role switches between guide screen and wall without a restart, and the staff corner works on the wall', async ({ page }) => {
  await page.clock.install();
  // The wall loads its face detector: slow on a shared 2-core machine.
  test.setTimeout(180_000);
  const problems = await watchForProblems(page);
  await openPairedKiosk(page, agent);
  await signIn(page);
  await page.getByTestId('setting-role-wall').click();
  await expect(frame(page)).toHaveAttribute('data-role', 'wall');
  await page.getByTestId('staff-sign-out').click();
  await expect(screen(page)).toHaveAttribute('data-screen', 'wall');
  expect(await agentSetting(agent.call, 'role')).toEqual({ value: 'wall', source: 'staff' });

  await signIn(page);
  await page.getByTestId('setting-role-guide').click();
  await page.getByTestId('staff-sign-out').click();
  await expect(screen(page)).toHaveAttribute('data-screen', /attract|home/);
  expect(await agentSetting(agent.call, 'role')).toEqual({ value: 'guide', source: 'default' });
  expectNoProblems(problems);
});

test('the console signs out by itself after two minutes without a touch, with a countdown first', async ({ page }) => {
  await page.clock.install();
  const problems = await watchForProblems(page);
  await openPairedKiosk(page, agent);
  await signIn(page);
  await page.clock.fastForward(60_000);
  await expect(page.getByTestId('staff-idle')).toHaveText('2 分钟无操作自动退出');
  await page.getByTestId('staff-tab-status').click(); // a touch: the two minutes start again
  await page.clock.fastForward(95_000);
  await expect(page.getByTestId('staff-idle')).toHaveText(/^\d+ 秒后无操作将自动退出$/);
  await page.clock.fastForward(20_000);
  await expect(page.getByTestId('staff-console')).toHaveCount(0);
  const entries = await agentAudit(agent.call);
  expect(entries[1]).toMatchObject({ staffId: li.staffId, action: 'sign-out', details: { reason: 'idle' } });
  expectNoProblems(problems);
});

test('actions: diagnostics download as JSON without member data; reload UI asks twice, signs out and reloads the page', async ({ page }) => {
  await page.clock.install();
  const problems = await watchForProblems(page);
  await openPairedKiosk(page, agent);
  await signIn(page);
  await page.getByTestId('staff-tab-actions').click();
  const download = page.waitForEvent('download');
  await page.getByTestId('action-export-run').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^atrium-diagnostics-demo-kiosk-1-.*\.json$/);
  const doc = JSON.parse(readFileSync((await file.path())!, 'utf8')) as { kind: string; status: { deviceId: string }; logs: unknown[] };
  expect(doc).toMatchObject({ kind: 'atrium-diagnostics', status: { deviceId: 'demo-kiosk-1' } });
  expect(doc.logs.length).toBeGreaterThan(3);
  expect(JSON.stringify(doc)).not.toMatch(/M100\d|张伟|陈美玲/);
  await expect(page.getByTestId('action-export-outcome')).toContainText(file.suggestedFilename());

  await page.evaluate(() => { (window as unknown as { beforeReload?: boolean }).beforeReload = true; });
  await page.getByTestId('action-reload-ui-run').click();
  await expect(page.getByTestId('action-reload-ui-run')).toHaveText('再点一次确认');
  const reloaded = page.waitForEvent('load');
  await page.getByTestId('action-reload-ui-run').click();
  await reloaded;
  await expect(screen(page)).toHaveAttribute('data-screen', 'attract');
  expect(await page.evaluate(() => (window as unknown as { beforeReload?: boolean }).beforeReload)).toBeUndefined();
  const entries = await agentAudit(agent.call);
  expect(entries.slice(1, 4).map((e) => [e.action, e.details.reason ?? e.details.action ?? null])).toEqual([['sign-out', 'button'], ['action', 'reload-ui'], ['diagnostics-exported', null]]);
  expectNoProblems(problems);
});
