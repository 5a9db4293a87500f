// Member benches (issue 4): scan to first paint of the member home for the keyboard-wedge path and the camera
// path, in Debian Chromium against the real agent; and QR decode time per frame, zxing-wasm beside jsQR on the
// same frames (qr-decode.ts). `BENCH_ONLY=members node bench/run.ts` runs just these.
//
// "Scan" is the moment the code is complete: the scanner's Enter (its event timestamp), or the camera frame that
// held the code being grabbed for decoding (the kiosk samples a frame every ~120 ms, so a code held up waits
// 60 ms on average before that). "First paint" is the first animation frame with the member home in the DOM.
import { chromium, type Browser, type Page } from 'playwright-core';
import { freshDataDir, startAgentProcess, type AgentProcess } from '../tests/support/agent-process.ts';
import { memberToken, newHqKey, prepareMemberDb, type HqTestKey } from '../tests/support/member-fixture.ts';
import { clipDir, makeQrClip } from '../tests/browser/support/qrClip.ts';
import { scanWithWedge } from '../tests/browser/support/wedge.ts';
import { AGENT_READY_MS } from './agent.ts';
import { chromiumArgs } from './browser.ts';
import { jsqrDecodeTimes, p, qrFrames, zxingDecodeTimes } from './qr-decode.ts';

export type MemberRow = { name: string; unit: string; values: number[]; baselineName: string; baseline: number[] };

const viewport = { width: 1080, height: 1920 };
const members: [string, 'regular' | 'silver' | 'gold' | 'diamond'][] = [['M1001', 'regular'], ['M1002', 'silver'], ['M1003', 'gold'], ['M1004', 'diamond'], ['M1005', 'silver']];

/** Resolves with performance.now() of the first animation frame in which `selector` exists. */
export async function armPaintProbe(page: Page, selector: string): Promise<void> {
  await page.evaluate((sel) => {
    (window as unknown as { __painted: Promise<number> }).__painted = new Promise<number>((resolve) => {
      const check = () => {
        if (document.querySelector(sel)) requestAnimationFrame(() => resolve(performance.now()));
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });
  }, selector);
}

export async function paintedSince(page: Page, start: 'scan' | number): Promise<number> {
  return page.evaluate(async (s) => {
    const painted = await (window as unknown as { __painted: Promise<number> }).__painted;
    const from = s === 'scan' ? performance.getEntriesByName('atrium:scan').at(-1)!.startTime : s;
    return painted - from;
  }, start);
}

async function wedgeRun(browser: Browser, agent: AgentProcess, key: HqTestKey, scans: number): Promise<{ scan: number[]; touch: number[] }> {
  const context = await browser.newContext({ viewport, hasTouch: true });
  const page = await context.newPage();
  const scan: number[] = [];
  const touch: number[] = [];
  try {
    await page.goto(await agent.pairUrl());
    await page.locator('[data-screen="attract"]').waitFor();
    // Baseline in the same page: a touch on the attract loop to the first frame of the guide home.
    await armPaintProbe(page, '[data-screen="home"]');
    const touchedAt = await page.evaluate(() => performance.now());
    await page.locator('[data-screen="attract"]').click();
    touch.push(await paintedSince(page, touchedAt));
    for (let i = 0; i < scans; i++) {
      const [mid, tier] = members[i % members.length]!;
      await armPaintProbe(page, '[data-testid="member-home"]');
      await scanWithWedge(page, memberToken(key, mid, tier));
      scan.push(await paintedSince(page, 'scan'));
      await page.getByTestId('member-sign-out').click();
      await page.locator('[data-screen="home"]').waitFor();
    }
  } finally {
    await context.close();
  }
  return { scan, touch };
}

type CameraScan = { scan: number; panel: number; decodes: number[]; sent: number; identified: number };

async function cameraScan(agent: AgentProcess, key: HqTestKey, i: number, dir: string): Promise<CameraScan> {
  const [mid, tier] = members[i % members.length]!;
  const clip = makeQrClip(dir, `camera-${i}`, memberToken(key, mid, tier));
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium', headless: true,
    args: [...chromiumArgs, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${clip}`],
  });
  try {
    const context = await browser.newContext({ viewport, hasTouch: true, permissions: ['camera'] });
    const page = await context.newPage();
    await page.goto(await agent.pairUrl());
    await page.locator('[data-screen="attract"]').click();
    await page.locator('[data-screen="home"]').waitFor();
    await armPaintProbe(page, '[data-testid="member-home"]');
    const openedAt = await page.evaluate(() => performance.now());
    await page.getByTestId('member-scan-open').click();
    const scan = await paintedSince(page, 'scan');
    const panel = await paintedSince(page, openedAt);
    const decodes = await page.evaluate(() => performance.getEntriesByName('atrium:qr-decode').map((e) => e.duration));
    // Where the time went: frame grabbed -> decoded and sent to the agent -> the agent's answer -> first frame.
    const marks = await page.evaluate(() => {
      const at = (name: string) => performance.getEntriesByName(name).at(-1)!.startTime;
      return { sent: at('atrium:identify-sent') - at('atrium:scan'), identified: at('atrium:identified') - at('atrium:identify-sent') };
    });
    return { scan, panel, decodes, ...marks };
  } finally {
    await browser.close();
  }
}

export async function memberBench(runs: number): Promise<MemberRow[]> {
  const log = (s: string) => console.log(`  members: ${s}`);
  const dataDir = freshDataDir('atrium-bench-members-');
  const key = newHqKey();
  prepareMemberDb(dataDir, key);
  const agent = await startAgentProcess({ dataDir, timeoutMs: AGENT_READY_MS });
  const rows: MemberRow[] = [];
  try {
    const scansPerRun = Number(process.env.BENCH_WEDGE_SCANS ?? 10);
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs });
    const wedge = { p50: [] as number[], p95: [] as number[], all: [] as number[] };
    const touch: number[] = [];
    try {
      for (let r = 0; r < runs; r++) {
        const w = await wedgeRun(browser, agent, key, scansPerRun);
        wedge.p50.push(p(w.scan, 50));
        wedge.p95.push(p(w.scan, 95));
        wedge.all.push(...w.scan);
        touch.push(...w.touch);
      }
    } finally {
      await browser.close();
    }
    log(`wedge: ${wedge.all.length} scans`);
    rows.push({ name: `wedge scan (Enter) to member home first frame, p50 of ${scansPerRun} scans`, unit: 'ms', values: wedge.p50, baselineName: 'touch on attract to guide home first frame', baseline: touch });
    rows.push({ name: `wedge scan (Enter) to member home first frame, p95 of ${scansPerRun} scans`, unit: 'ms', values: wedge.p95, baselineName: 'touch on attract to guide home first frame', baseline: touch });

    // The camera: one fresh code per browser launch (the fake camera's clip is fixed per process).
    const cameraRuns = Number(process.env.BENCH_CAMERA_SCANS ?? Math.max(10, runs));
    const dir = clipDir();
    const camera = { scan: [] as number[], panel: [] as number[], decodes: [] as number[], sent: [] as number[], identified: [] as number[], painted: [] as number[] };
    for (let i = 0; i < cameraRuns; i++) {
      const c = await cameraScan(agent, key, i, dir);
      camera.scan.push(c.scan);
      camera.panel.push(c.panel);
      camera.decodes.push(...c.decodes);
      camera.sent.push(c.sent);
      camera.identified.push(c.identified);
      camera.painted.push(c.scan - c.sent - c.identified);
    }
    log(`camera: ${cameraRuns} scans, ${camera.decodes.length} frames decoded in the worker`);
    rows.push({ name: `camera scan (frame grabbed) to member home first frame, per scan (median = p50, ${cameraRuns} scans)`, unit: 'ms', values: camera.scan, baselineName: 'wedge scan to first frame (all scans)', baseline: wedge.all });
    rows.push({ name: `camera scan to member home first frame, p95 of ${cameraRuns} scans`, unit: 'ms', values: [p(camera.scan, 95)], baselineName: 'wedge scan to first frame p95 (all scans)', baseline: [p(wedge.all, 95)] });
    rows.push({ name: 'camera: scan panel opened to member home first frame (camera start + decoder start + scan)', unit: 'ms', values: camera.panel, baselineName: 'camera scan to first frame', baseline: camera.scan });
    rows.push({ name: 'camera scan, part 1: frame grabbed to code sent to the agent (transfer + decode in worker)', unit: 'ms', values: camera.sent, baselineName: 'camera scan to first frame', baseline: camera.scan });
    rows.push({ name: 'camera scan, part 2: member.identify round trip', unit: 'ms', values: camera.identified, baselineName: 'camera scan to first frame', baseline: camera.scan });
    rows.push({ name: 'camera scan, part 3: answer to first frame (panel closes, member home renders)', unit: 'ms', values: camera.painted, baselineName: 'camera scan to first frame', baseline: camera.scan });

    // Decoders side by side on the same frames.
    const frames = qrFrames(Number(process.env.BENCH_QR_FRAMES ?? 40));
    const z = await zxingDecodeTimes(frames);
    const j = jsqrDecodeTimes(frames);
    log(`decoders on ${frames.length} frames of 640x480: zxing-wasm read ${z.decoded}, jsQR read ${j.decoded}`);
    const zName = `zxing-wasm (${z.decoded}/${z.frames} read)`;
    const jName = `jsQR 1.4.0 (${j.decoded}/${j.frames} read)`;
    rows.push({ name: `QR decode per 640x480 frame p50: ${zName}, Node`, unit: 'ms', values: [p(z.ms, 50)], baselineName: `${jName} p50`, baseline: [p(j.ms, 50)] });
    rows.push({ name: `QR decode per 640x480 frame p95: ${zName}, Node`, unit: 'ms', values: [p(z.ms, 95)], baselineName: `${jName} p95`, baseline: [p(j.ms, 95)] });
    rows.push({ name: 'QR decode per frame in the kiosk worker (zxing-wasm, Chromium), all camera frames', unit: 'ms', values: camera.decodes, baselineName: 'zxing-wasm in Node p50', baseline: [p(z.ms, 50)] });
  } finally {
    await agent.stop();
  }
  return rows;
}
