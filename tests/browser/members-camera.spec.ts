// Member QR codes through the camera: Chromium's fake camera plays QR clips made by qrencode + ffmpeg at test
// time, the page decodes them with zxing-wasm in a worker and asks the real agent. A valid code opens the
// member home and the camera goes off; expired, forged, unknown-key, replayed and garbage codes each get their
// own message in the scan panel and change nothing in the agent's database.
import { expect, test, type Page } from '@playwright/test';
import { generateKeyPairSync } from 'node:crypto';
import { identifyRefusalText } from '../../renderer/src/i18n/strings.ts';
import { dbDigest } from '../support/db-digest.ts';
import { agentKnowsSession, cameraTrackStates, expectNoMemberInDom, launchWithCamera, recordCameraStreams, startMemberAgent, watchMemberSessions, type MemberAgent } from './support/members.ts';
import { clipDir, makeQrClip } from './support/qrClip.ts';
import { expectNoProblems, screen, watchForProblems } from './support/kiosk.ts';
import { skipWithout } from './support/needs.ts';

skipWithout();

let m: MemberAgent;
let clips: string;
test.beforeAll(async () => {
  m = await startMemberAgent();
  clips = clipDir();
});
test.afterAll(async () => { await m.agent.stop(); });

async function openScanPanel(page: Page): Promise<void> {
  await page.goto(await m.agent.pairUrl());
  await expect(screen(page)).toHaveAttribute('data-screen', 'attract');
  await page.getByTestId('attract').click();
  await expect(screen(page)).toHaveAttribute('data-screen', 'home');
  await page.getByTestId('member-scan-open').click();
  await expect(page.getByTestId('member-panel')).toBeVisible();
}

test('a valid member code on the camera opens the member home and the camera goes off; shown again, it is "already used"', async () => {
  const token = m.token('M1004', 'diamond');
  const { browser, page } = await launchWithCamera(makeQrClip(clips, 'valid', token));
  try {
    const problems = await watchForProblems(page);
    const sessions = watchMemberSessions(page);
    await recordCameraStreams(page);
    await openScanPanel(page);
    await expect(screen(page)).toHaveAttribute('data-screen', 'member', { timeout: 20_000 });
    await expect(page.getByTestId('member-name')).toHaveText('陈**，您好');
    await expect(page.getByTestId('tier-badge')).toHaveText('钻石会员');
    await expect(page.getByTestId('member-points')).toHaveText('28,600');
    await expect(page.getByTestId('member-panel')).toHaveCount(0);
    // The camera was opened once and is off again: its track ends right after the panel closes.
    await expect.poll(() => cameraTrackStates(page), { timeout: 2000 }).toEqual(['ended']);
    expect(await page.locator('video').count()).toBe(0);
    expect(sessions).toHaveLength(1);

    // Sign out: the member is gone from the screen and from the agent.
    await page.getByTestId('member-sign-out').click();
    await expect(screen(page)).toHaveAttribute('data-screen', 'home');
    await expect(page.getByTestId('session-notice')).toHaveText('您已退出会员登录，欢迎再来');
    await expectNoMemberInDom(page, ['陈**', '28,600']);
    await expect.poll(() => agentKnowsSession(m.agent, sessions[0]!)).toBe(false);

    // The same code again (a screenshot of it, say): refused as used, and nothing changes.
    const before = dbDigest(m.agent.dataDir);
    await page.getByTestId('member-scan-open').click();
    const message = page.getByTestId('scan-message');
    await expect(message).toHaveAttribute('data-reason', 'replayed', { timeout: 20_000 });
    await expect(message).toHaveText(identifyRefusalText.replayed['zh-CN']);
    await expect(screen(page)).toHaveAttribute('data-screen', 'home');
    expect(dbDigest(m.agent.dataDir)).toBe(before);
    // The camera keeps seeing the code (8 more frames: well inside the 4 s resend window at the fake camera's frame rate), and it is not
    // sent again.
    await page.locator('video').evaluate((video: HTMLVideoElement, frames: number) => new Promise<void>((resolve) => {
      let left = frames;
      const tick = () => (--left <= 0 ? resolve() : void video.requestVideoFrameCallback(tick));
      video.requestVideoFrameCallback(tick);
    }), 8);
    expect(m.agent.logs.filter((l) => l.includes('"reason":"replayed"'))).toHaveLength(1);
    expect(await cameraTrackStates(page)).toEqual(['ended', 'live']);
    await page.getByTestId('member-panel-close').click();
    await expect(page.locator('video')).toHaveCount(0);
    await expect.poll(() => cameraTrackStates(page)).toEqual(['ended', 'ended']);
    expectNoProblems(problems);
  } finally {
    await browser.close();
  }
});

const otherKey = () => generateKeyPairSync('ed25519').privateKey;

const refused = [
  {
    name: 'expired',
    text: () => { const iat = Math.floor(Date.now() / 1000) - 300; return m.token('M1002', 'silver', { iat, exp: iat + 60 }); },
    reason: 'expired',
  },
  {
    name: 'forged signature',
    // Signed with a key HQ never had, under the trusted key's id: what a forger would try.
    text: async () => {
      const { signMemberToken } = await import('../../common/node/member-token-sign.ts');
      const iat = Math.floor(Date.now() / 1000);
      return signMemberToken({ kid: m.key.kid, mid: 'M1004', tier: 'diamond', iat, exp: iat + 60, nonce: 'forgedforgedforged01' }, otherKey());
    },
    reason: 'bad_signature',
  },
  {
    name: 'unknown key',
    text: async () => {
      const { signMemberToken } = await import('../../common/node/member-token-sign.ts');
      const iat = Math.floor(Date.now() / 1000);
      return signMemberToken({ kid: 'hq-retired-2019', mid: 'M1002', tier: 'silver', iat, exp: iat + 60, nonce: 'unknownkeyunknown001' }, otherKey());
    },
    reason: 'unknown_key',
  },
  { name: 'garbage', text: () => 'https://example.com/not-a-member-code?id=42', reason: 'malformed' },
] as const;

for (const c of refused) {
  test(`a ${c.name} code on the camera gets its own message and changes nothing`, async () => {
    const clip = makeQrClip(clips, c.name.replace(/\W+/g, '-'), await c.text());
    const { browser, page } = await launchWithCamera(clip);
    try {
      const problems = await watchForProblems(page);
      const before = dbDigest(m.agent.dataDir);
      await openScanPanel(page);
      const message = page.getByTestId('scan-message');
      await expect(message).toHaveAttribute('data-reason', c.reason, { timeout: 20_000 });
      await expect(message).toHaveText(identifyRefusalText[c.reason]['zh-CN']);
      await expect(screen(page)).toHaveAttribute('data-screen', 'home');
      await expect(page.getByTestId('member-camera')).toHaveAttribute('data-status', 'scanning');
      expect(dbDigest(m.agent.dataDir)).toBe(before);

      // In English too, from the same refusal.
      await page.getByTestId('member-panel-close').click();
      await page.getByTestId('lang-en').click();
      await page.getByTestId('member-scan-open').click();
      await expect(message).toHaveText(identifyRefusalText[c.reason].en, { timeout: 20_000 });
      expect(dbDigest(m.agent.dataDir)).toBe(before);
      expectNoProblems(problems);
    } finally {
      await browser.close();
    }
  });
}
