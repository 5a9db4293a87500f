// The browser kiosk as a whole (bench/kiosk-driver.ts runs exactly what `npm start` runs without Electron):
//  - time from process start to an interactive attract screen (the attract element is there and the page's main
//    thread answers), cold each run, against a bare Chromium kiosk showing a one-line page;
//  - resident memory of all the kiosk's processes together (launcher, edge agent, every Chromium process) after
//    BENCH_KIOSK_USE_SEC seconds of scripted use (default 600, the 10 minutes the issue names: a touch every 0.7 s,
//    waking the attract loop and then pressing the home screen's buttons in a fixed rotation: directory, search,
//    floors, language), as RSS summed (shared pages counted in each process) and as PSS (shared pages split),
//    against the bare Chromium; memory is also sampled every minute of the use, to show whether it keeps growing.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { KioskBrowser } from '../shell/browser/kiosk-browser.ts';
import { memoryKb, processTree } from '../scripts/proc-tree.ts';

const driver = fileURLToPath(new URL('./kiosk-driver.ts', import.meta.url));
const HEADLESS = ['--headless', '--disable-gpu', '--window-size=1080,1920'];

type Row = { name: string; unit: string; values: number[]; baselineName: string; baseline: number[] };

function treeMemoryMb(pid: number): { rss: number; pss: number; processes: number } {
  const procs = processTree(pid);
  let rss = 0;
  let pss = 0;
  for (const p of procs) {
    const m = memoryKb(p.pid);
    if (m) {
      rss += m.rss;
      pss += m.pss;
    }
  }
  return { rss: rss / 1024, pss: pss / 1024, processes: procs.length };
}

function waitMessage<T>(child: ReturnType<typeof fork>, type: string, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`kiosk driver: no ${type} within ${timeoutMs} ms`)), timeoutMs);
    const onMsg = (m: { type?: string }) => {
      if (m.type !== type) return;
      clearTimeout(t);
      child.off('message', onMsg);
      resolve(m as T);
    };
    child.on('message', onMsg);
    child.once('exit', (code) => reject(new Error(`kiosk driver exited with ${code} before ${type}`)));
  });
}

async function stopDriver(child: ReturnType<typeof fork>): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const t = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(t);
}

async function bareChromium(): Promise<{ ms: number; browser: KioskBrowser }> {
  const t0 = performance.now();
  const b = KioskBrowser.launch('data:text/html,<h1>baseline</h1>', { extraArgs: HEADLESS });
  if (!b) throw new Error('no Chromium found');
  for (;;) {
    const shown = await b.evaluate<boolean>("document.readyState === 'complete' && document.querySelector('h1') !== null", 1000).catch(() => false);
    if (shown) return { ms: performance.now() - t0, browser: b };
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function kioskBench(runs: number, useSec = Number(process.env.BENCH_KIOSK_USE_SEC ?? 600)): Promise<Row[]> {
  const start: number[] = [];
  const bare: number[] = [];
  const rss: number[] = [];
  const pss: number[] = [];
  const bareRss: number[] = [];
  const barePss: number[] = [];
  const growth: number[] = [];
  const startRuns = Math.max(3, Math.min(runs, 5));
  for (let i = 0; i < startRuns; i++) {
    const t0 = performance.now();
    const child = fork(driver, [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
    try {
      await waitMessage(child, 'interactive', 90_000);
      start.push(performance.now() - t0);
      if (i === 0) {
        child.send({ type: 'use', seconds: useSec });
        const samples: { atSec: number; pss: number }[] = [];
        const t1 = performance.now();
        const sampler = setInterval(() => {
          const m = treeMemoryMb(child.pid!);
          samples.push({ atSec: Math.round((performance.now() - t1) / 1000), pss: m.pss });
          console.log(`kiosk: after ${samples.at(-1)!.atSec} s of use: ${m.processes} processes, RSS ${Math.round(m.rss)} MB, PSS ${Math.round(m.pss)} MB`);
        }, 60_000);
        const used = await waitMessage<{ taps: number; screens: string[] }>(child, 'used', (useSec + 60) * 1000).finally(() => clearInterval(sampler));
        if (samples.length >= 2) growth.push(samples.at(-1)!.pss - samples[0]!.pss);
        if (used.screens.length < 2) throw new Error(`scripted use reached only ${used.screens.join(', ')}`);
        const m = treeMemoryMb(child.pid!);
        rss.push(m.rss);
        pss.push(m.pss);
        console.log(`kiosk: ${used.taps} taps over ${useSec} s on ${used.screens.join(', ')}; ${m.processes} processes, RSS ${Math.round(m.rss)} MB, PSS ${Math.round(m.pss)} MB`);
      }
    } finally {
      await stopDriver(child);
    }
    const b = await bareChromium();
    bare.push(b.ms);
    if (i === 0) {
      await new Promise((r) => setTimeout(r, 2000));
      const m = treeMemoryMb(b.browser.pid);
      bareRss.push(m.rss);
      barePss.push(m.pss);
    }
    b.browser.close('SIGKILL');
    await new Promise((r) => b.browser.once('exit', r));
  }
  return [
    { name: 'browser kiosk: process start to interactive attract screen (headless Chromium)', unit: 'ms', values: start, baselineName: 'bare Chromium kiosk to a one-line page', baseline: bare },
    { name: `browser kiosk: RSS of all processes after ${useSec} s of scripted use`, unit: 'MB', values: rss, baselineName: 'bare Chromium kiosk on a one-line page', baseline: bareRss },
    { name: `browser kiosk: PSS of all processes after ${useSec} s of scripted use`, unit: 'MB', values: pss, baselineName: 'bare Chromium kiosk on a one-line page', baseline: barePss },
    ...(growth.length ? [{
      name: `browser kiosk: PSS growth from minute 1 to the end of ${useSec} s of use`, unit: 'MB', values: growth,
      baselineName: 'PSS after minute 1 of the same use', baseline: pss.map((p, i) => p - growth[i]!),
    }] : []),
  ];
}
