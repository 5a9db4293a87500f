// The attract loop playing signage content in Debian's Chromium (issue 13), against the real agent with creatives
// made by ffmpeg at bench time, served by a content host in this process and downloaded and verified by the agent:
//  (a) frame timing across a slide switch with video (bench/frame-probe.ts): requestAnimationFrame ticks and, on the
//      playing video, requestVideoFrameCallback (presentedFrames, expectedDisplayTime, mediaTime) with Chromium's
//      dropped-frame count, around switches image -> video -> image: per switch the longest gap between animation
//      frames and the vsyncs missed, the longest gap between presented video frames and the video frames never
//      shown; beside the same figures over steady stretches of the same video in the same run (rAF alone cannot see
//      a video frame that was skipped while the page kept painting at 60 Hz);
//  (b) memory with 20 creatives in rotation (16 images, 4 short videos) once the loop has cycled once: PSS of the
//      page's Chromium processes plus the agent, over MEMORY_RUNS runs (a fresh Chromium each), beside the
//      colour-card loop (the same 20 campaigns without creatives, the same 3 s slots) over as many runs.
// Everything it starts is its descendant: bench/cleanup.ts stops it on any way out.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Asset, Creative } from '../contracts/content.ts';
import type { Campaign } from '../contracts/catalog.ts';
import { applySnapshot } from '../edge-agent/src/sync/apply.ts';
import { openDatabase } from '../edge-agent/src/db/open.ts';
import { freshDataDir, startAgentProcess, type AgentProcess } from '../tests/support/agent-process.ts';
import { sha256, snapshotWith, startContentHost, type ContentHost } from '../tests/support/content-kit.ts';
import { memoryKb, processTree } from '../scripts/proc-tree.ts';
import { applyDesiredConfig } from '../edge-agent/src/settings/desired.ts';
import { AGENT_READY_MS } from './agent.ts';
import { chromiumArgs } from './browser.ts';
import { analyse, installFrameProbe, type Recording, type WindowFigures } from './frame-probe.ts';

type Row = { name: string; unit: string; values: number[]; baselineName: string; baseline: number[] };

const FFMPEG = '/usr/bin/ffmpeg';
const VIEWPORT = { width: 1080, height: 1920 };
/** Frames whose end falls in [switch - BEFORE, switch + AFTER] count for a switch; a steady window is as long. */
const BEFORE_MS = 100;
const AFTER_MS = 400;
const SWITCHES = 4;
/** The steady windows start this far into a video item (well after its switch, before its end). */
const STEADY_FROM_MS = 1500;
/** Memory runs of each loop (a cycle is about a minute). */
const MEMORY_RUNS = 3;
/** Every slot of the memory loops, creatives' and colour cards' alike (the attract interval the cards follow). */
const MEMORY_SLOT_SEC = 3;

type Media = { name: string; body: Buffer; mime: Asset['mime']; durationMs?: number };

function makeMedia(dir: string): { frames: Media[]; many: Media[] } {
  const image = (name: string, colour: string): Media => {
    const file = path.join(dir, name);
    execFileSync(FFMPEG, ['-v', 'error', '-y', '-f', 'lavfi', '-i', `color=c=0x${colour}:s=1080x1920`, '-vf', 'drawbox=x=60:y=160:w=260:h=260:color=white:t=fill', '-frames:v', '1', file]);
    return { name, body: readFileSync(file), mime: 'image/png' };
  };
  const video = (name: string, colour: string, seconds: number): Media => {
    const file = path.join(dir, name);
    execFileSync(FFMPEG, [
      '-v', 'error', '-y', '-f', 'lavfi', '-i', `color=c=0x${colour}:s=1080x1920:r=24:d=${seconds}`, '-f', 'lavfi', '-i', 'color=c=white:s=160x160:r=24',
      '-filter_complex', '[0][1]overlay=x=40+t*120:y=160:shortest=1', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', file,
    ]);
    return { name, body: readFileSync(file), mime: 'video/mp4', durationMs: seconds * 1000 };
  };
  const frames = [image('f-a.png', '00C853'), video('f-v.mp4', '2962FF', 4), image('f-b.png', 'FF6D00')];
  const many: Media[] = [];
  for (let i = 0; i < 16; i++) many.push(image(`m-${i}.png`, ((i * 0x0f3a27 + 0x203040) & 0xffffff).toString(16).padStart(6, '0')));
  for (let i = 0; i < 4; i++) many.push(video(`m-${i}.mp4`, ((i * 0x3a0f27 + 0x402010) & 0xffffff).toString(16).padStart(6, '0'), 2));
  return { frames, many };
}

function asset(host: ContentHost, m: Media): Asset {
  host.files.set(`/${m.name}`, { body: m.body, mime: m.mime });
  return { sha256: sha256(m.body), bytes: m.body.length, mime: m.mime, width: 1080, height: 1920, url: host.url(`/${m.name}`), ...(m.durationMs ? { durationMs: m.durationMs } : {}) };
}

function campaign(id: string, priority: number, creatives: Creative[]): Campaign {
  const now = Date.now();
  return {
    id, title: { zh: id }, subtitle: { zh: id }, storeId: null, couponIds: [], colours: ['#334455', '#556677'],
    startsAt: new Date(now - 3_600_000).toISOString(), endsAt: new Date(now + 86_400_000).toISOString(), priority, creatives,
  };
}

/**
 * An agent whose catalog (applied before it starts) holds `campaigns`, once it serves every asset verified;
 * `intervalSec`: HQ's desired attract interval (a colour card's slot).
 */
async function agentWith(campaigns: Campaign[], assets: Asset[], intervalSec?: number): Promise<AgentProcess> {
  const snap = snapshotWith(1, campaigns, assets);
  const dataDir = freshDataDir('atrium-bench-contentui-');
  const db = openDatabase(dataDir);
  applySnapshot(db, snap, snap.mallId);
  if (intervalSec) applyDesiredConfig(db, { version: 1, issuedAt: new Date().toISOString(), config: { attractIntervalSec: intervalSec } });
  db.close();
  const agent = await startAgentProcess({ dataDir, env: { ATRIUM_DEMO: 'false' }, timeoutMs: AGENT_READY_MS });
  const deadline = Date.now() + 120_000;
  for (;;) {
    const codes = await Promise.all(assets.map(async (a) => (await fetch(`${agent.url}content/${a.sha256}`, { method: 'HEAD' })).status));
    if (codes.every((c) => c === 200)) return agent;
    if (Date.now() > deadline) throw new Error('the agent did not get every creative ready within 120 s');
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The loop in a page of its own, with the frame probe installed before the page's scripts. */
async function openLoop(browser: Browser, agent: AgentProcess): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  await page.addInitScript(installFrameProbe);
  await page.goto(await agent.pairUrl());
  await page.locator('[data-screen="attract"]').waitFor();
  return page;
}

type Probed = Window & { __probe: Recording };
const itemCount = (page: Page) => page.evaluate(() => (window as unknown as Probed).__probe.items.length);

async function waitItems(page: Page, n: number, timeoutMs: number): Promise<void> {
  await page.waitForFunction((want) => (window as unknown as Probed).__probe.items.length >= want, n, { timeout: timeoutMs, polling: 250 });
}

const worst = (figs: readonly WindowFigures[]): WindowFigures => ({
  rafLongestMs: Math.max(...figs.map((f) => f.rafLongestMs)),
  rafMissed: Math.max(...figs.map((f) => f.rafMissed)),
  videoLongestMs: Math.max(...figs.map((f) => f.videoLongestMs)),
  videoMissed: Math.max(...figs.map((f) => f.videoMissed)),
});

const line = (f: WindowFigures) =>
  `rAF longest gap ${f.rafLongestMs.toFixed(1)} ms, vsyncs missed ${f.rafMissed}; video: longest gap between presented frames ${f.videoLongestMs.toFixed(1)} ms, frames missed ${f.videoMissed}`;

/** (a) One run: the figures of each of SWITCHES switches and of each steady window, printed; the worst of each. */
async function frameRun(browser: Browser, agent: AgentProcess, run: number): Promise<{ atSwitch: WindowFigures; steady: WindowFigures }> {
  const page = await openLoop(browser, agent);
  try {
    // The first item, then SWITCHES switches (image, video, image, image, video, ...), then one more so the last
    // switch's window is over.
    await waitItems(page, 1 + SWITCHES * 2, 120_000);
    const rec = await page.evaluate(() => structuredClone((window as unknown as Probed).__probe));
    const { switches, steady } = analyse(rec, { beforeMs: BEFORE_MS, afterMs: AFTER_MS, steadyFromMs: STEADY_FROM_MS, switches: SWITCHES });
    if (switches.length < SWITCHES || steady.length === 0) throw new Error(`contentui: only ${switches.length} image/video switches seen (${rec.items.map((x) => x.kind).join(',')})`);
    if (!switches.some((s) => s.figures.videoLongestMs > 0)) throw new Error('contentui: no video frame was reported by requestVideoFrameCallback');
    switches.forEach((s, i) => console.log(`contentui: run ${run}, switch ${i + 1} (${s.kind}): ${line(s.figures)}`));
    steady.forEach((f, i) => console.log(`contentui: run ${run}, steady video ${i + 1}: ${line(f)}`));
    return { atSwitch: worst(switches.map((s) => s.figures)), steady: worst(steady) };
  } finally {
    await page.context().close();
  }
}

/** PSS of everything this process started that still runs: the agent and the page's Chromium. */
function descendantsPssMb(): number {
  let kb = 0;
  for (const p of processTree(process.pid).slice(1)) kb += memoryKb(p.pid)?.pss ?? 0;
  return kb / 1024;
}

/** (b) PSS once the loop has shown `items` items (one cycle), with a browser of its own. */
async function memoryOnce(agent: AgentProcess, items: number): Promise<number> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs });
  try {
    const page = await openLoop(browser, agent);
    await waitItems(page, items + 1, (items + 2) * 12_000);
    const mb = descendantsPssMb();
    console.log(`contentui: PSS after ${await itemCount(page)} items`);
    return mb;
  } finally {
    await browser.close();
  }
}

type FrameSeries = { atSwitch: WindowFigures[]; steady: WindowFigures[] };

/** (a) `runs` runs of the frame loop (image 3 s, looping video 4 s, image 3 s), each in a fresh page. */
async function frameRuns(host: ContentHost, frames: Media[], runs: number): Promise<FrameSeries> {
  const [fa, fv, fb] = frames.map((m) => asset(host, m)) as [Asset, Asset, Asset];
  const agent = await agentWith([
    campaign('cu-image-a', 90, [{ id: 'cu-a', orientation: 'portrait', asset: fa.sha256, playback: 'once', durationSec: 3 }]),
    campaign('cu-video', 80, [{ id: 'cu-v', orientation: 'portrait', asset: fv.sha256, playback: 'loop', durationSec: 4 }]),
    campaign('cu-image-b', 70, [{ id: 'cu-b', orientation: 'portrait', asset: fb.sha256, playback: 'once', durationSec: 3 }]),
  ], [fa, fv, fb]);
  const out: FrameSeries = { atSwitch: [], steady: [] };
  try {
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs });
    try {
      for (let r = 1; r <= runs; r++) {
        const f = await frameRun(browser, agent, r);
        out.atSwitch.push(f.atSwitch);
        out.steady.push(f.steady);
      }
    } finally {
      await browser.close();
    }
  } finally {
    await agent.stop();
  }
  return out;
}

/** (b) MEMORY_RUNS runs of one loop of 20 campaigns, each with a fresh Chromium, the agent up throughout. */
async function memoryRuns(campaigns: Campaign[], assets: Asset[], what: string): Promise<number[]> {
  const agent = await agentWith(campaigns, assets, MEMORY_SLOT_SEC);
  const out: number[] = [];
  try {
    for (let r = 1; r <= MEMORY_RUNS; r++) {
      const mb = await memoryOnce(agent, campaigns.length);
      console.log(`contentui: ${what}, memory run ${r}: PSS ${Math.round(mb)} MB`);
      out.push(mb);
    }
  } finally {
    await agent.stop();
  }
  return out;
}

export async function contentUiBench(runs: number): Promise<Row[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'atrium-bench-contentui-'));
  const host = await startContentHost();
  try {
    const media = makeMedia(dir);
    const frames = await frameRuns(host, media.frames, runs);

    // (b) 20 campaigns: 16 images of 3 s, 4 videos of 2 s played once; then the same 20 as colour cards of 3 s.
    const manyAssets = media.many.map((m) => asset(host, m));
    const creative = (a: Asset, i: number): Creative => (a.mime.startsWith('video/')
      ? { id: `cu-m-${i}`, orientation: 'portrait', asset: a.sha256, playback: 'once' }
      : { id: `cu-m-${i}`, orientation: 'portrait', asset: a.sha256, playback: 'once', durationSec: MEMORY_SLOT_SEC });
    const withCreatives = await memoryRuns(manyAssets.map((a, i) => campaign(`cu-m-${i}`, 100 - i, [creative(a, i)])), manyAssets, '20 creatives');
    const cardsOnly = await memoryRuns(manyAssets.map((_, i) => campaign(`cu-m-${i}`, 100 - i, [])), [], '20 colour cards');

    const pick = (k: keyof WindowFigures) => ({ values: frames.atSwitch.map((f) => f[k]), baseline: frames.steady.map((f) => f[k]) });
    const perRun = `worst of ${SWITCHES} switches per run, headless Chromium`;
    const steadyName = 'steady stretch of the same video (worst per run)';
    return [
      { name: `attract loop: longest gap between animation frames at an image/video switch (${perRun})`, unit: 'ms', ...pick('rafLongestMs'), baselineName: steadyName },
      { name: `attract loop: vsyncs missed at an image/video switch (${perRun})`, unit: 'frames', ...pick('rafMissed'), baselineName: steadyName },
      { name: `attract loop: longest gap between presented video frames at a switch (requestVideoFrameCallback, ${perRun})`, unit: 'ms', ...pick('videoLongestMs'), baselineName: steadyName },
      { name: `attract loop: video frames missed at a switch (mediaTime skips + Chromium dropped, ${perRun})`, unit: 'frames', ...pick('videoMissed'), baselineName: steadyName },
      { name: `attract loop: PSS of Chromium + agent, 20 creatives (16 images, 4 videos) after one cycle (${MEMORY_RUNS} runs)`, unit: 'MB', values: withCreatives, baselineName: `the same 20 campaigns as colour cards, after one cycle (${MEMORY_RUNS} runs)`, baseline: cardsOnly },
    ];
  } finally {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
