// Keyboard-wedge scanners at their real speeds, against a real agent with no HQ connection: keys carry
// hardware-like timestamps (CDP Input.dispatchKeyEvent with `timestamp`, see support/wedge.ts) at 4, 20 and 45 ms a
// character with jitter (USB, low-speed USB and Bluetooth scanners), on the attract screen and on the guide home; a
// person typing at 90 ms a key is never a scan; a long fast burst that is not a member code is answered on screen,
// with or without its Enter.
import { expect, test, type Page } from '@playwright/test';
import { identifyRefusalText } from '../../renderer/src/i18n/strings.ts';
import { expectNoProblems, openPairedKiosk, saveScreenshot, screen, watchForProblems } from './support/kiosk.ts';
import { startMemberAgent, watchMemberSessions, type MemberAgent } from './support/members.ts';
import { scanWithWedge } from './support/wedge.ts';
import { skipWithout } from './support/needs.ts';

skipWithout();

let m: MemberAgent;
test.beforeAll(async () => { m = await startMemberAgent(); });
test.afterAll(async () => { await m.agent.stop(); });

/** Bodies of the page's member.identify calls, in order. */
function watchIdentifyCalls(page: Page): string[] {
  const calls: string[] = [];
  page.on('request', (r) => { if (r.url().endsWith('/api/v1/member.identify')) calls.push(r.postData() ?? ''); });
  return calls;
}

const GARBAGE = 'HELLO-THIS-IS-A-SHOP-POSTER-QR-NOT-A-MEMBER-CODE-https://example.invalid/poster?id=42';

for (const [gapMs, jitterMs] of [[4, 2], [20, 10], [45, 20]] as const) {
  test(`a scanner at ${gapMs} ms a character (±${jitterMs} ms) opens the member home from the attract screen and from the guide home`, async ({ page }) => {
    const problems = await watchForProblems(page);
    const sessions = watchMemberSessions(page);
    await openPairedKiosk(page, m.agent);
    await scanWithWedge(page, m.token('M1002', 'silver'), { gapMs, jitterMs });
    await expect(screen(page)).toHaveAttribute('data-screen', 'member');
    await expect(page.getByTestId('member-name')).toHaveText('李**，您好');
    await page.getByTestId('member-sign-out').click();
    await expect(screen(page)).toHaveAttribute('data-screen', 'home');

    await scanWithWedge(page, m.token('M1003', 'gold'), { gapMs, jitterMs });
    await expect(screen(page)).toHaveAttribute('data-screen', 'member');
    await expect(page.getByTestId('member-name')).toHaveText('张**，您好');
    // A card reader at the same speed.
    await page.getByTestId('member-sign-out').click();
    await expect(screen(page)).toHaveAttribute('data-screen', 'home');
    await scanWithWedge(page, '6200000000001005', { gapMs, jitterMs });
    await expect(page.getByTestId('member-name')).toHaveText('刘**，您好');
    await expect.poll(() => sessions.length).toBe(3);
    expectNoProblems(problems);
  });
}

test('a person typing a card number at 90 ms a key, on the attract screen and on the home, is never a scan and breaks nothing', async ({ page }) => {
  const problems = await watchForProblems(page);
  const calls = watchIdentifyCalls(page);
  await openPairedKiosk(page, m.agent);
  await scanWithWedge(page, '6200000000001005', { gapMs: 90, jitterMs: 20 });
  // The first key woke the attract screen, as any key does; nothing else happened.
  await expect(screen(page)).toHaveAttribute('data-screen', 'home');
  await scanWithWedge(page, '6200000000001005', { gapMs: 90, jitterMs: 20 });
  await expect(screen(page)).toHaveAttribute('data-screen', 'home');
  await expect(page.getByTestId('member-panel')).toHaveCount(0);
  await expect(page.getByTestId('scan-message')).toHaveCount(0);
  // The positive signal that the page has handled those keys (they arrive in order): the same card from a reader
  // right after is identified, and it is the only identification asked for.
  await scanWithWedge(page, '6200000000001005', { gapMs: 20, jitterMs: 10 });
  await expect(page.getByTestId('member-name')).toHaveText('刘**，您好');
  expect(calls).toHaveLength(1);
  expectNoProblems(problems);
});

test('a long fast burst that is not a member code says so on screen, with its Enter or without, in Chinese and English', async ({ page }) => {
  const problems = await watchForProblems(page);
  const calls = watchIdentifyCalls(page);
  await openPairedKiosk(page, m.agent);
  const message = page.getByTestId('scan-message');

  // From the attract screen, at a Bluetooth scanner's speed.
  await scanWithWedge(page, GARBAGE, { gapMs: 45, jitterMs: 20 });
  await expect(message).toHaveAttribute('data-reason', 'malformed');
  await expect(message).toHaveText(identifyRefusalText.malformed['zh-CN']);
  await expect(screen(page)).toHaveAttribute('data-screen', 'home');
  await saveScreenshot(page, 'wedge-not-a-member-code-zh');
  await page.getByTestId('member-panel-close').click();
  await expect(page.getByTestId('member-panel')).toHaveCount(0);

  // A scanner set up without the Enter suffix: the run ends with a pause, and is still answered.
  await page.getByTestId('lang-en').click();
  await scanWithWedge(page, GARBAGE, { gapMs: 4, jitterMs: 2, enter: false });
  await expect(message).toHaveAttribute('data-reason', 'malformed');
  await expect(message).toHaveText(identifyRefusalText.malformed.en);
  await saveScreenshot(page, 'wedge-not-a-member-code-en');
  await page.getByTestId('member-panel-close').click();

  // Longer than any member code: refused by the page itself, never sent.
  await scanWithWedge(page, 'X'.repeat(700), { gapMs: 4 });
  await expect(message).toHaveAttribute('data-reason', 'malformed');
  expect(calls.map((c) => JSON.parse(c).code)).toEqual([GARBAGE, GARBAGE]);
  expectNoProblems(problems);
});
