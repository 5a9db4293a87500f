// Helpers for the member browser specs: an agent whose database trusts a test HQ key (so the test can sign
// member codes as HQ does), a Chromium whose fake camera plays a QR clip, and checks on what the page shows.
import { chromium, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import type { MemberTokenClaims } from '../../../contracts/members.ts';
import { freshDataDir, startAgentProcess, type AgentProcess } from '../../support/agent-process.ts';
import { memberToken, newHqKey, prepareMemberDb, type HqTestKey } from '../../support/member-fixture.ts';
import { chromiumArgs } from '../playwright.config.ts';

export type MemberAgent = {
  agent: AgentProcess;
  key: HqTestKey;
  /** A fresh member code for `mid`, signed with the trusted test key (claims overridable). */
  token: (mid: string, tier: MemberTokenClaims['tier'], over?: Partial<MemberTokenClaims>) => string;
};

/** A kiosk agent with no HQ connection, on the test catalog, trusting a test HQ key. */
export async function startMemberAgent(env: Record<string, string> = {}): Promise<MemberAgent> {
  const dataDir = freshDataDir('atrium-members-');
  const key = newHqKey();
  prepareMemberDb(dataDir, key);
  const agent = await startAgentProcess({ dataDir, env });
  return { agent, key, token: (mid, tier, over) => memberToken(key, mid, tier, over) };
}

export const kioskContextOptions = { viewport: { width: 1080, height: 1920 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', hasTouch: true } as const;

/** A Chromium of its own whose camera shows `clip` (one clip per launch: the flag is per browser process). */
export async function launchWithCamera(clip: string): Promise<{ browser: Browser; context: BrowserContext; page: Page }> {
  const browser = await chromium.launch({
    executablePath: process.env.ATRIUM_CHROMIUM ?? '/usr/bin/chromium',
    args: [...chromiumArgs, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${clip}`],
  });
  const context = await browser.newContext({ ...kioskContextOptions, permissions: ['camera'] });
  return { browser, context, page: await context.newPage() };
}

/** Member sessions the agent handed this page (read from member.identify answers on the wire). */
export function watchMemberSessions(page: Page): string[] {
  const sessions: string[] = [];
  page.on('response', async (res) => {
    if (!res.url().endsWith('/api/v1/member.identify')) return;
    try {
      const body = (await res.json()) as { ok: boolean; data?: { status: string; home?: { memberSession: string } } };
      if (body.ok && body.data?.home) sessions.push(body.data.home.memberSession);
    } catch {
      /* page closed */
    }
  });
  return sessions;
}

/** Nothing of the member left anywhere in the page: not on screen, not hidden in the DOM. */
export async function expectNoMemberInDom(page: Page, texts: string[]): Promise<void> {
  await expect(page.getByTestId('member-home')).toHaveCount(0);
  const html = await page.evaluate(() => document.documentElement.outerHTML);
  for (const t of texts) expect(html.includes(t), `"${t}" still in the page`).toBe(false);
}

/** member.home with a session the page was given: the agent's answer code (member_session_gone once forgotten). */
export async function agentKnowsSession(agent: AgentProcess, memberSession: string): Promise<boolean> {
  const res = await agent.call('member.home', { memberSession });
  if (res.body.ok) return true;
  expect(res.body.error.code).toBe('member_session_gone');
  return false;
}

/** Records every camera stream the page opens (call before navigating), so a test can check they were stopped. */
export async function recordCameraStreams(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __cameraStreams: MediaStream[] };
    w.__cameraStreams = [];
    const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = async (constraints) => {
      const stream = await original(constraints);
      w.__cameraStreams.push(stream);
      return stream;
    };
  });
}

/** readyState of every track of every camera stream the page opened, e.g. ['ended']. */
export async function cameraTrackStates(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __cameraStreams: MediaStream[] }).__cameraStreams.flatMap((s) => s.getTracks().map((t) => t.readyState)));
}
