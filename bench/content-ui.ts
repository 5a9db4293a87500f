// The attract loop playing signage content in Debian's Chromium (issue 13), against the real agent with creatives
// made by ffmpeg at bench time, served by a content host in this process and downloaded and verified by the agent:
//  (a) frame timing across a slide switch with video: requestAnimationFrame timestamps around switches
//      image -> video -> image; per run, the longest frame gap at a switch (median over the switches), beside the
//      longest gap in a steady stretch of the same video of the same length (same run);
//  (b) memory with 20 creatives in rotation (16 images, 4 short videos) once the loop has cycled once: PSS of the
//      page's Chromium processes plus the agent, beside the colour-card loop (the same 20 campaigns without
//      creatives) in the same run. Memory is measured in the first run only (a card cycle is 20 x 7 s), as
//      bench/kiosk.ts does.
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
import { AGENT_READY_MS } from './agent.ts';
import { chromiumArgs } from './browser.ts';

type Row = { name: string; unit: string; values: number[]; baselineName: string; baseline: number[] };

const FFMPEG = '/usr/bin/ffmpeg';
const VIEWPORT = { width: 1080, height: 1920 };
/** Frames whose end falls in [switch - BEFORE, switch + AFTER] count for a switch; a steady window is as long. */
const BEFORE_MS = 100;
const AFTER_MS = 400;
const SWITCHES = 4;

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

/** An agent whose catalog (applied before it starts) holds `campaigns`, once it serves every asset verified. */
async function agentWith(campaigns: Campaign[], assets: Asset[]): Promise<AgentProcess> {
  const snap = snapshotWith(1, campaigns, assets);
  const dataDir = freshDataDir('atrium-bench-contentui-');
  const db = openDatabase(dataDir);
  applySnapshot(db, snap, snap.mallId);
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

/** Records rAF timestamps and every item swapped in (its kind, at performance.now()). */
async function openLoop(browser: Browser, agent: AgentProcess): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  await page.addInitScript(() => {
    const w = window as unknown as { __frames: number[]; __items: { t: number; kind: string }[] };
    w.__frames = [];
    w.__items = [];
    const tick = (t: number) => {
      w.__frames.push(t);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    new MutationObserver((records) => {
      for (const r of records) {
        const el = r.target as HTMLElement;
        if (el.dataset.testid !== 'attract' || r.attributeName !== 'data-item-serial' || el.dataset.itemSerial === '0') continue;
        w.__items.push({ t: performance.now(), kind: el.dataset.itemKind ?? '' });
      }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-item-serial'] });
  });
  await page.goto(await agent.pairUrl());
  await page.locator('[data-screen="attract"]').waitFor();
  return page;
}

const itemCount = (page: Page) => page.evaluate(() => (window as unknown as { __items: unknown[] }).__items.length);

async function waitItems(page: Page, n: number, timeoutMs: number): Promise<void> {
  await page.waitForFunction((want) => (window as unknown as { __items: unknown[] }).__items.length >= want, n, { timeout: timeoutMs, polling: 250 });
}

/** The longest gap between consecutive frames whose later frame falls in [from, to]. */
function longestGap(frames: readonly number[], from: number, to: number): number {
  let worst = 0;
  for (let i = 1; i < frames.length; i++) if (frames[i]! >= from && frames[i]! <= to) worst = Math.max(worst, frames[i]! - frames[i - 1]!);
  return worst;
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** (a) One run: the median over SWITCHES switches of the longest gap there, and of the steady-video windows. */
async function frameRun(browser: Browser, agent: AgentProcess): Promise<{ atSwitch: number; steady: number }> {
  const page = await openLoop(browser, agent);
  try {
    // The first item, then SWITCHES switches (image, video, image, image, video, ...), then one more so the last
    // switch's window is over.
    await waitItems(page, 1 + SWITCHES * 2, 120_000);
    const { frames, items } = await page.evaluate(() => {
      const w = window as unknown as { __frames: number[]; __items: { t: number; kind: string }[] };
      return { frames: [...w.__frames], items: [...w.__items] };
    });
    const switches: number[] = [];
    const steady: number[] = [];
    for (let i = 1; i < items.length && switches.length < SWITCHES; i++) {
      const [prev, cur] = [items[i - 1]!, items[i]!];
      if ((prev.kind === 'image' && cur.kind === 'video') || (prev.kind === 'video' && cur.kind === 'image')) switches.push(longestGap(frames, cur.t - BEFORE_MS, cur.t + AFTER_MS));
      // The video's steady stretch: a window as long, from 1.5 s into it (well after its switch, before its end).
      if (cur.kind === 'video' && items[i + 1]) steady.push(longestGap(frames, cur.t + 1500, cur.t + 1500 + BEFORE_MS + AFTER_MS));
    }
    if (switches.length < SWITCHES || steady.length === 0) throw new Error(`contentui: only ${switches.length} image/video switches seen (${items.map((x) => x.kind).join(',')})`);
    return { atSwitch: median(switches), steady: median(steady) };
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
    console.log(`contentui: PSS after ${await itemCount(page)} items: ${Math.round(mb)} MB`);
    return mb;
  } finally {
    await browser.close();
  }
}

export async function contentUiBench(runs: number): Promise<Row[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'atrium-bench-contentui-'));
  const host = await startContentHost();
  const atSwitch: number[] = [];
  const steady: number[] = [];
  const withCreatives: number[] = [];
  const cardsOnly: number[] = [];
  try {
    const media = makeMedia(dir);
    // (a) image (3 s), a looping video (4 s), another image (3 s), in that order.
    const [fa, fv, fb] = media.frames.map((m) => asset(host, m)) as [Asset, Asset, Asset];
    const frameCampaigns = [
      campaign('cu-image-a', 90, [{ id: 'cu-a', orientation: 'portrait', asset: fa.sha256, playback: 'once', durationSec: 3 }]),
      campaign('cu-video', 80, [{ id: 'cu-v', orientation: 'portrait', asset: fv.sha256, playback: 'loop', durationSec: 4 }]),
      campaign('cu-image-b', 70, [{ id: 'cu-b', orientation: 'portrait', asset: fb.sha256, playback: 'once', durationSec: 3 }]),
    ];
    const frameAgent = await agentWith(frameCampaigns, [fa, fv, fb]);
    try {
      const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: chromiumArgs });
      try {
        for (let r = 0; r < runs; r++) {
          const f = await frameRun(browser, frameAgent);
          console.log(`contentui: run ${r + 1}: longest frame gap at a switch ${f.atSwitch.toFixed(1)} ms (median), steady video ${f.steady.toFixed(1)} ms`);
          atSwitch.push(f.atSwitch);
          steady.push(f.steady);
        }
      } finally {
        await browser.close();
      }
    } finally {
      await frameAgent.stop();
    }

    // (b) 20 campaigns: 16 images of 3 s, 4 videos of 2 s played once; then the same 20 as colour cards.
    const manyAssets = media.many.map((m) => asset(host, m));
    const creative = (a: Asset, i: number): Creative => (a.mime.startsWith('video/')
      ? { id: `cu-m-${i}`, orientation: 'portrait', asset: a.sha256, playback: 'once' }
      : { id: `cu-m-${i}`, orientation: 'portrait', asset: a.sha256, playback: 'once', durationSec: 3 });
    const withAgent = await agentWith(manyAssets.map((a, i) => campaign(`cu-m-${i}`, 100 - i, [creative(a, i)])), manyAssets);
    try {
      withCreatives.push(await memoryOnce(withAgent, manyAssets.length));
    } finally {
      await withAgent.stop();
    }
    const cardAgent = await agentWith(manyAssets.map((_, i) => campaign(`cu-m-${i}`, 100 - i, [])), []);
    try {
      cardsOnly.push(await memoryOnce(cardAgent, manyAssets.length));
    } finally {
      await cardAgent.stop();
    }
  } finally {
    await host.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return [
    { name: 'attract loop: longest frame gap at an image/video switch (median of 4 switches per run, headless Chromium)', unit: 'ms', values: atSwitch, baselineName: 'longest gap in a steady stretch of the same video, as long', baseline: steady },
    { name: 'attract loop: PSS of Chromium + agent, 20 creatives (16 images, 4 videos) after one cycle', unit: 'MB', values: withCreatives, baselineName: 'the same 20 campaigns as colour cards, after one cycle', baseline: cardsOnly },
  ];
}
