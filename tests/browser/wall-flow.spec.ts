// The wall's flow around one player, with the real agent (ATRIUM_ROLE=wall): opt-in (the camera stays off
// until a tap, the privacy notice shows whenever a track is live), playing, and back to attract when the face
// is gone (a clip of a face, then an empty picture); the camera switched off in the config (promotions, no
// camera prompt, no camera at all).
import { expect, test } from '@playwright/test';
import path from 'node:path';
import { expectNoProblems, saveScreenshot, watchForProblems } from './support/kiosk.ts';
import {
  expectNoFrameInDom, expectOnlyCropsSent, FACES, installWallProbes, launchWall, makeLeaveClip, maxPerSecond, probeReport,
  startWallAgent, wallRoot, watchWallTraffic,
} from './support/wall.ts';
import { skipWithout } from './support/needs.ts';

skipWithout();

test('opt-in: no camera until a tap; then play, a notice all along, and back to attract when the face is gone', async () => {
  test.setTimeout(240_000);
  const agent = await startWallAgent('opt-in');
  const { browser, page } = await launchWall(makeLeaveClip(path.join(FACES, 'happy.jpg'), 40, 15));
  try {
    const problems = await watchForProblems(page);
    await installWallProbes(page);
    const traffic = watchWallTraffic(page);
    await page.goto(await agent.pairUrl());

    // Attract: an invitation and a play button; the camera is off and nothing was asked of it.
    await expect(wallRoot(page)).toHaveAttribute('data-wall-view', 'attract');
    await expect(wallRoot(page)).toHaveAttribute('data-expression', 'none');
    await expect(wallRoot(page)).toHaveAttribute('data-camera', 'off');
    await expect(page.getByTestId('wall-attract')).toContainText('对着屏幕笑一笑');
    await expect(page.getByTestId('wall-attract')).toContainText('Smile at the screen');
    await expect(page.getByTestId('wall-privacy-notice')).toHaveCount(0);
    // MediaPipe and the face model load ahead of the first tap (the camera stays off meanwhile).
    await expect(wallRoot(page)).toHaveAttribute('data-detector', 'ready', { timeout: 90_000 });
    await saveScreenshot(page, 'wall-attract');
    expect((await probeReport(page)).trackStates, 'no camera before the tap').toEqual([]);
    expect(traffic.requests.filter((r) => r.url.includes('/api/v1/wall.start'))).toHaveLength(0);

    // The tap: a session, the camera on, the notice on screen.
    await page.getByTestId('wall-play').click();
    await expect(wallRoot(page)).toHaveAttribute('data-wall-view', 'play');
    await expect(page.getByTestId('wall-privacy-notice')).toBeVisible();
    await expect(page.getByTestId('wall-privacy-notice')).toContainText('不保存');
    await expect(wallRoot(page)).toHaveAttribute('data-expression', 'happy', { timeout: 60_000 });
    await saveScreenshot(page, 'wall-playing-happy');
    expect((await probeReport(page)).trackStates).toEqual(['live']);
    await expectNoFrameInDom(page);

    // The face goes (the clip turns to an empty picture): the session ends as "left", the camera goes off.
    await expect(wallRoot(page)).toHaveAttribute('data-wall-view', 'attract', { timeout: 60_000 });
    await expect(wallRoot(page)).toHaveAttribute('data-expression', 'none');
    await expect(wallRoot(page)).toHaveAttribute('data-camera', 'off');
    await expect(page.getByTestId('wall-privacy-notice')).toHaveCount(0);
    await expect(page.getByTestId('wall-play')).toBeVisible();
    const ends = traffic.requests.filter((r) => r.url.endsWith('/api/v1/wall.end')).map((r) => JSON.parse(r.body!) as { wallSession: string; reason: string });
    expect(ends).toEqual([{ wallSession: traffic.states[0]!.wallSession, reason: 'left' }]);
    // The last observations before the end said "no face" (null crops), and the agent's answer went to 'none'.
    const observes = traffic.requests.filter((r) => r.url.endsWith('/api/v1/wall.observe')).map((r) => JSON.parse(r.body!) as { crop: unknown });
    expect(observes.at(-1)!.crop).toBeNull();
    const probe = await probeReport(page);
    expect(probe.trackStates, 'the camera track stopped').toEqual(['ended']);
    expect(probe.liveSamples).toBeGreaterThan(0);
    expect(probe.noticeMisses, 'moments with a live camera and no privacy notice').toEqual([]);
    expect(maxPerSecond(probe.observeAt)).toBeLessThanOrEqual(5);
    expect(expectOnlyCropsSent(traffic.requests, agent.url)).toBeGreaterThan(0);
    // The agent dropped the session: observing it again is refused.
    const again = await agent.call('wall.observe', { wallSession: traffic.states[0]!.wallSession, crop: null });
    expect(again.body.ok).toBe(false);
    expect(again.body.error.code).toBe('wall_session_gone');
    expectNoProblems(problems);
  } finally {
    await browser.close();
    await agent.stop();
  }
});

test('camera switched off in the config: the wall shows promotions, no camera prompt, no camera', async () => {
  const agent = await startWallAgent('always-on', { ATRIUM_CAMERA: 'false' });
  const { browser, page } = await launchWall(path.join(FACES, '..', 'fake-camera', 'happy.mjpeg'));
  try {
    const problems = await watchForProblems(page);
    await installWallProbes(page);
    const traffic = watchWallTraffic(page);
    await page.goto(await agent.pairUrl());
    await expect(wallRoot(page)).toHaveAttribute('data-wall-view', 'promotions');
    await expect(page.getByTestId('wall-promotions')).toBeVisible();
    const active = page.locator('[data-testid="attract-slide"][data-active="true"]');
    await expect(active).toBeVisible();
    // Time passes with the page running (the promotions rotate) and the camera stays off all the while.
    const first = await active.getAttribute('data-campaign-id');
    await expect.poll(() => active.getAttribute('data-campaign-id'), { timeout: 30_000 }).not.toBe(first);
    await expect(wallRoot(page)).toHaveAttribute('data-wall-view', 'promotions');
    await expect(wallRoot(page)).toHaveAttribute('data-camera', 'off');
    await expect(page.getByTestId('wall-play')).toHaveCount(0);
    await expect(page.getByTestId('wall-privacy-notice')).toHaveCount(0);
    expect((await probeReport(page)).trackStates, 'the camera was never opened').toEqual([]);
    // No session, no crop, and the face model was not even fetched.
    expect(traffic.requests.filter((r) => /wall\.(start|observe)|\/models\//.test(r.url))).toEqual([]);
    await saveScreenshot(page, 'wall-no-camera');
    expectNoProblems(problems);
  } finally {
    await browser.close();
    await agent.stop();
  }
});

test('English as the configured language: English leads, Chinese follows', async () => {
  const agent = await startWallAgent('opt-in', { ATRIUM_LANGUAGE: 'en' });
  const { browser, page } = await launchWall(path.join(FACES, '..', 'fake-camera', 'happy.mjpeg'));
  try {
    const problems = await watchForProblems(page);
    await page.goto(await agent.pairUrl());
    await expect(wallRoot(page)).toHaveAttribute('data-wall-view', 'attract');
    await expect(page.locator('.wall-attract__headline-main')).toHaveText('Smile at the screen');
    await expect(page.locator('.wall-attract__headline-second')).toHaveText('对着屏幕笑一笑');
    await expect(page.getByTestId('wall-play')).toContainText('Tap to play');
    expectNoProblems(problems);
  } finally {
    await browser.close();
    await agent.stop();
  }
});
