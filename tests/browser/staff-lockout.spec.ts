// The lock-out in the browser, on an agent of its own: five refused sign-ins (PINs and a card) lock sign-in for
// five minutes, even with the right PIN; restarting the agent does not lift it; every refusal and the lock-out are
// in the agent's audit (and its outbox for HQ) without the PINs tried.
import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import path from 'node:path';
import { expectNoProblems, openPairedKiosk, saveScreenshot, startAgentProcess, watchForProblems, type AgentProcess } from './support/kiosk.ts';
import { enterPin, li, openStaffSignIn } from './support/staff.ts';
import { scanWithWedge } from './support/wedge.ts';
import { skipWithout } from './support/needs.ts';

skipWithout();

let agent: AgentProcess;
test.beforeAll(async () => { agent = await startAgentProcess(); });
test.afterAll(async () => { await agent.stop(); });

function auditRows(): { staffId: string | null; action: string; details: string }[] {
  const db = new Database(path.join(agent.dataDir, 'atrium.db'), { readonly: true });
  try {
    return db.prepare('SELECT staff_id AS staffId, action, details FROM staff_audit ORDER BY seq').all() as { staffId: string | null; action: string; details: string }[];
  } finally {
    db.close();
  }
}

test('five refusals lock sign-in, even for the right PIN, and an agent restart does not lift the lock', async ({ page }) => {
  test.setTimeout(120_000);
  const problems = await watchForProblems(page);
  await openPairedKiosk(page, agent);
  await openStaffSignIn(page);
  await page.getByTestId(`staff-${li.staffId}`).click();
  const message = page.getByTestId('staff-signin-message');
  for (const [i, wrong] of ['111111', '222222', '333333', '444444'].entries()) {
    await enterPin(page, wrong);
    await expect(message).toHaveText(`密码错误，还可尝试 ${4 - i} 次`);
  }
  await scanWithWedge(page, '9900000000009999'); // an unknown card: the fifth refusal
  await expect(message).toHaveText(/^尝试次数过多，登录已锁定至 \d\d:\d\d$/);
  await expect(page.getByTestId('pin-key-1')).toBeDisabled();
  await saveScreenshot(page, 'staff-signin-locked');

  // The right PIN does not get past the lock either (through the API, since the keypad is disabled).
  const locked = await agent.call('staff.signIn', { method: 'pin', staffId: li.staffId, pin: li.pin });
  expect(locked.body.data).toMatchObject({ status: 'refused', reason: 'locked_out', failuresLeft: 0 });

  // Restart the agent on the same data (the page leaves first, so it does not see the agent vanish): still locked.
  await page.goto('about:blank');
  const dataDir = agent.dataDir;
  await agent.stop();
  agent = await startAgentProcess({ dataDir });
  await openPairedKiosk(page, agent);
  await openStaffSignIn(page);
  await expect(page.getByTestId(`staff-${li.staffId}`)).toBeDisabled();
  const roster = await agent.call('staff.roster', {});
  expect(roster.body.data).toMatchObject({ failuresLeft: 0, lockedUntil: locked.body.data.lockedUntil });

  const rows = auditRows();
  expect(rows.filter((r) => r.action === 'sign-in-refused').map((r) => JSON.parse(r.details).reason)).toEqual(['wrong_pin', 'wrong_pin', 'wrong_pin', 'wrong_pin', 'unknown_card', 'locked_out']);
  expect(rows.filter((r) => r.action === 'locked-out')).toHaveLength(1);
  expect(JSON.stringify(rows)).not.toMatch(/111111|222222|333333|444444|9900000000009999|246810/);
  await page.getByTestId('staff-signin-close').click();
  expectNoProblems(problems);
});
