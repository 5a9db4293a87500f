// Restaurant queue tickets in Chromium against the real agent and the demo HQ (the HQ simulator on Debian Mosquitto,
// with its queue engine), with a fake ESC/POS printer on TCP: the directory's live queue lines, a ticket taken with
// a phone number typed on the keypad (masked on screen) and printed, in Chinese; a ticket in English while the printer
// is out of paper ("ticket issued, printer unavailable", and the staff Status page says so); and the rows once HQ is
// gone; and the same flow on a 1920x1080 landscape guide screen in both languages. Screenshots at both sizes go to
// reports/screenshots/.
import { expect, test, type Page } from '@playwright/test';
import type { DemoHq } from '../../hq-sim/src/demo-hq.ts';
import type { AgentProcess } from '../support/agent-process.ts';
import { startFakePrinter, type FakePrinter } from '../support/fake-printer.ts';
import { startAgentWithDemoHq } from './support/demoHq.ts';
import { expectNoProblems, openPairedKiosk, saveScreenshot, screen, watchForProblems } from './support/kiosk.ts';
import { skipWithout } from './support/needs.ts';
import { signInWithPin } from './support/staff.ts';

skipWithout('mosquitto');

let hq: DemoHq;
let agent: AgentProcess;
let printer: FakePrinter;
const PHONE = '13912345678';

test.beforeAll(async () => {
  printer = await startFakePrinter('ready');
  ({ hq, agent } = await startAgentWithDemoHq('atrium-queue-browser-', { ATRIUM_PRINTER: printer.target }));
});

test.afterAll(async () => {
  await agent?.stop();
  await hq?.stop();
  await printer?.stop();
});

const row = (page: Page, storeId: string) => page.locator(`[data-testid="store-row"][data-store-id="${storeId}"]`);

async function diningDirectory(page: Page, viewport = { width: 1080, height: 1920 }) {
  await page.setViewportSize(viewport);
  await openPairedKiosk(page, agent);
  await page.getByTestId('attract').click();
  await expect(screen(page)).toHaveAttribute('data-screen', 'home');
  await page.getByTestId('category-dining').click();
  await expect(row(page, 's-hotpot').getByTestId('queue-line')).toHaveAttribute('data-state', 'live', { timeout: 20_000 });
  await row(page, 's-hotpot').evaluate((el) => el.scrollIntoView({ block: 'center' }));
}

async function typePhone(page: Page, digits: string) {
  for (const d of digits) await page.getByTestId(`queue-key-${d}`).click();
}

test('zh: live queue lines, a ticket with a phone number (masked on screen), printed with the number large', async ({ page }) => {
  const problems = await watchForProblems(page);
  await diningDirectory(page);
  for (const id of ['s-hotpot', 's-cantonese', 's-bbq']) await expect(row(page, id).getByTestId('queue-line')).toHaveAttribute('data-state', 'live');
  // A restaurant that does not queue has no line.
  await expect(row(page, 's-noodle').getByTestId('queue-line')).toHaveCount(0);
  await saveScreenshot(page, 'portrait-queue-directory');

  await row(page, 's-hotpot').getByTestId('queue-take-open').click();
  await expect(screen(page)).toHaveAttribute('data-screen', 'queue');
  await expect(page.getByTestId('queue-submit')).toBeDisabled();
  await page.getByTestId('queue-size-2').click();
  await expect(page.getByTestId('queue-size-class')).toHaveText('小桌 1–2 人');
  await typePhone(page, '12');
  await typePhone(page, '345');
  // Eleven digits that are not a mobile number: a plain message, and no ticket can be asked for.
  await typePhone(page, '678901');
  await expect(page.getByTestId('queue-phone-error')).toHaveText('手机号为 1 开头的 11 位数字');
  await expect(page.getByTestId('queue-submit')).toBeDisabled();
  await page.getByTestId('queue-key-clear').click();
  await typePhone(page, PHONE);
  await expect(page.getByTestId('queue-phone-display')).toHaveText('139****5678');
  await expect(page.locator('body')).not.toContainText(PHONE);
  await saveScreenshot(page, 'portrait-queue-form');

  await page.getByTestId('queue-submit').click();
  const ticket = page.getByTestId('queue-ticket');
  await expect(ticket).toBeVisible();
  const number = (await page.getByTestId('queue-ticket-number').innerText()).trim();
  expect(number).toMatch(/^A\d{3}$/);
  await expect(ticket).toHaveAttribute('data-print', 'printed');
  await expect(page.getByTestId('queue-print')).toHaveText('小票已打印，请取走');
  await expect(page.getByTestId('ticket-qr')).toBeVisible();
  const jobs = await printer.waitForJobs(1);
  expect(jobs.at(-1)!.lines.find((l) => l.width === 8)?.text).toBe(number);
  expect(jobs.at(-1)!.qr).toEqual([await page.getByTestId('ticket-qr').getAttribute('data-url')]);
  await saveScreenshot(page, 'portrait-queue-ticket');

  await page.getByTestId('queue-done').click();
  await expect(screen(page)).toHaveAttribute('data-screen', 'home');

  // The map label says the queue too: one party now waits at the hotpot.
  await page.getByTestId('category-dining').click();
  await row(page, 's-hotpot').getByTestId('take-me-there').click();
  await expect(screen(page)).toHaveAttribute('data-screen', 'map');
  await page.getByTestId('level-5F').click(); // the map opens on the kiosk's own level
  const badge = page.locator('[data-testid="map-queue-badge"][data-store-id="s-hotpot"]');
  await expect(badge).toHaveText(/^排队 · 等待 \d+ 桌$/, { timeout: 20_000 });
  await saveScreenshot(page, 'portrait-queue-map');
  expectNoProblems(problems);
});

test('en: printer out of paper: "ticket issued, printer unavailable", and the staff Status page says so', async ({ page }) => {
  printer.mode = 'out_of_paper';
  const problems = await watchForProblems(page);
  await diningDirectory(page);
  await page.getByTestId('lang-en').click();
  await expect(row(page, 's-cantonese').getByTestId('queue-take-open')).toHaveText('Get a ticket');
  await saveScreenshot(page, 'portrait-queue-directory-en');
  await row(page, 's-cantonese').getByTestId('queue-take-open').click();
  await page.getByTestId('queue-size-4').click();
  await expect(page.getByTestId('queue-size-class')).toHaveText('Medium, 3–4');
  await saveScreenshot(page, 'portrait-queue-form-en');
  await expect(page.getByTestId('queue-submit')).toHaveText('Get a ticket without a number');
  await page.getByTestId('queue-submit').click();
  await expect(page.getByTestId('queue-ticket')).toHaveAttribute('data-print', 'unavailable');
  await expect(page.getByTestId('queue-ticket-number')).toHaveText(/^B\d{3}$/);
  await expect(page.getByTestId('queue-print')).toHaveText('Ticket issued, printer unavailable: note your number or scan the code');
  await saveScreenshot(page, 'portrait-queue-ticket-en');
  await page.getByTestId('queue-done').click();
  await signInWithPin(page);
  await page.getByTestId('staff-tab-status').click();
  await expect(page.getByTestId('status-printer')).toHaveAttribute('data-state', 'unavailable');
  await expect(page.getByTestId('status-printer')).toContainText('out of paper');
  await saveScreenshot(page, 'portrait-queue-staff-status');
  expectNoProblems(problems);
  printer.mode = 'ready';
});

// A landscape guide screen (the orientation follows the 1920x1080 window): the same errand from the directory's queue
// line to the ticket, in both languages (before the test below stops HQ).
for (const lang of ['zh', 'en'] as const) {
  test(`landscape 1920x1080 (${lang}): directory queue line → party size and phone on the keypad → ticket`, async ({ page }) => {
    const problems = await watchForProblems(page);
    await diningDirectory(page, { width: 1920, height: 1080 });
    const t = (zh: string, en: string) => (lang === 'en' ? en : zh);
    const shot = (name: string) => saveScreenshot(page, `landscape-queue-${name}${lang === 'en' ? '-en' : ''}`);
    if (lang === 'en') await page.getByTestId('lang-en').click();
    const take = row(page, 's-hotpot').getByTestId('queue-take-open');
    await expect(take).toHaveText(t('取号', 'Get a ticket'));
    await shot('directory');

    await take.click();
    await expect(screen(page)).toHaveAttribute('data-screen', 'queue');
    await page.getByTestId('queue-size-3').click();
    await expect(page.getByTestId('queue-size-class')).toHaveText(t('中桌 3–4 人', 'Medium, 3–4'));
    await typePhone(page, PHONE);
    await expect(page.getByTestId('queue-phone-display')).toHaveText('139****5678');
    await expect(page.locator('body')).not.toContainText(PHONE);
    await expect(page.getByTestId('queue-submit')).toBeEnabled();
    await shot('form');

    const printed = printer.jobs().filter((j) => j.cuts > 0).length;
    await page.getByTestId('queue-submit').click();
    await expect(page.getByTestId('queue-ticket')).toHaveAttribute('data-print', 'printed');
    await expect(page.getByTestId('queue-ticket-number')).toHaveText(/^B\d{3}$/); // a medium table's letter
    await expect(page.getByTestId('queue-print')).toHaveText(t('小票已打印，请取走', 'Your ticket is printed; please take it'));
    await expect(page.getByTestId('ticket-qr')).toBeVisible();
    await printer.waitForJobs(printed + 1);
    await shot('ticket');
    await page.getByTestId('queue-done').click();
    await expect(screen(page)).toHaveAttribute('data-screen', 'home');
    expectNoProblems(problems);
  });
}

test('no HQ: the rows say the queue is not available here, in both languages', async ({ page }) => {
  const problems = await watchForProblems(page);
  await diningDirectory(page);
  await hq.stop();
  const line = row(page, 's-hotpot').getByTestId('queue-line');
  await expect(line).toHaveAttribute('data-state', 'unavailable', { timeout: 30_000 });
  await expect(line).toHaveText('此处暂时无法排队取号');
  await expect(row(page, 's-hotpot').getByTestId('queue-take-open')).toHaveCount(0);
  await saveScreenshot(page, 'portrait-queue-offline');
  await page.getByTestId('lang-en').click();
  await expect(line).toHaveText('Queue not available here right now');
  await saveScreenshot(page, 'portrait-queue-offline-en');
  expectNoProblems(problems);
});

