// The wall's lucky draw in Chromium at 1920x1080: a wall agent (fake camera, a smiling face) connected to the demo HQ
// (the HQ simulator on Debian Mosquitto, with its demo lottery); once a member scans their code during the game, the
// open member-day lottery appears beside the coupon with its odds, and a round draws at HQ (channel "wall"). Once with
// Chinese leading and once with English leading; screenshots go to reports/screenshots/.
import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import path from 'node:path';
import { startDemoHq, type DemoHq } from '../../hq-sim/src/demo-hq.ts';
import { ringLog } from '../../hq-sim/src/log.ts';
import { freshDataDir, startAgentProcess } from '../support/agent-process.ts';
import { memberToken } from '../support/member-fixture.ts';
import { expectNoProblems, saveScreenshot, watchForProblems } from './support/kiosk.ts';
import { skipWithout } from './support/needs.ts';
import { FACES, launchWall, makeLeaveClip, wallRoot } from './support/wall.ts';
import { scanWithWedge } from './support/wedge.ts';

skipWithout('mosquitto');

let hq: DemoHq;

test.beforeAll(async () => {
  hq = await startDemoHq({ dataDir: freshDataDir('atrium-lottery-wall-hq-'), log: ringLog(200) });
  expect(hq.kioskCanConnect).toBe(true);
});

test.afterAll(async () => {
  await hq?.stop();
});

const wallDraws = (memberId: string) => {
  const db = new Database(path.join(hq.data.dataDir, 'lottery.db'), { readonly: true });
  try {
    return db.prepare("SELECT prize_id FROM draws WHERE member_id = ? AND channel = 'wall'").all(memberId) as { prize_id: string }[];
  } finally {
    db.close();
  }
};

for (const [lang, memberId, title] of [['zh-CN', 'M1003', '会员专享：抽一次奖'], ['en', 'M1005', 'Members: one lucky draw']] as const) {
  test(`wall (${lang}): a member who scanned during the game plays the lucky draw`, async () => {
    test.setTimeout(300_000);
    const agent = await startAgentProcess({
      dataDir: freshDataDir('atrium-lottery-wall-'), timeoutMs: 30_000,
      env: { ...hq.agentEnv, ATRIUM_ROLE: 'wall', ATRIUM_EXPRESSION_MODE: 'opt-in', ATRIUM_LANGUAGE: lang },
    });
    const { browser, page } = await launchWall(makeLeaveClip(path.join(FACES, 'happy.jpg'), 120, 5));
    try {
      await expect.poll(async () => {
        const health = (await (await fetch(new URL('/health', agent.url))).json()) as { sync: { state: string }; versions: { catalog: number } };
        return health.sync.state === 'online' && health.versions.catalog >= 2;
      }, { timeout: 20_000 }).toBe(true);
      const problems = await watchForProblems(page);
      await page.goto(await agent.pairUrl());
      await expect(wallRoot(page)).toHaveAttribute('data-detector', 'ready', { timeout: 90_000 });
      await page.getByTestId('wall-play').click();
      // The game has read the face (a coupon or, in the A/B hold-out arm, a thank-you is on screen).
      await expect(wallRoot(page)).toHaveAttribute('data-expression', 'happy', { timeout: 60_000 });
      await expect(page.getByTestId('wall-lottery')).toHaveCount(0);
      const key = { kid: hq.data.key.kid, privateKey: hq.data.key.privateKey, publicKey: hq.data.key.hqKey.publicKey };
      await scanWithWedge(page, memberToken(key, memberId, memberId === 'M1003' ? 'gold' : 'silver'));
      const panel = page.getByTestId('wall-lottery');
      await expect(panel).toBeVisible({ timeout: 20_000 });
      await expect(panel).toContainText(title);
      await saveScreenshot(page, `wall-lottery-${lang === 'en' ? 'en' : 'zh'}`);
      await panel.getByTestId('lottery-play').click();
      // The draw's outcome, whichever it is (a refusal or failure would name itself here rather than time out).
      const outcome = panel.locator('[data-testid="lottery-result"], [data-testid="lottery-no-draw"], [data-testid="lottery-failed"]');
      await expect(outcome).toBeVisible({ timeout: 15_000 });
      expect(await outcome.getAttribute('data-testid'), await outcome.innerText()).toBe('lottery-result');
      const result = panel.getByTestId('lottery-result');
      expect(wallDraws(memberId).map((d) => d.prize_id)).toEqual([await result.getAttribute('data-prize-id')]);
      await saveScreenshot(page, `wall-lottery-result-${lang === 'en' ? 'en' : 'zh'}`);
      expectNoProblems(problems);
    } finally {
      await browser.close();
      await agent.stop();
    }
  });
}
