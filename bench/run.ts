// `npm run bench`: prints a table and writes reports/bench.json. Each figure is min/median/max over runs, next
// to a baseline measured in the same run and the ratio of the two medians.
// BENCH_ONLY=decision,sync (parts: agent, browser, decision, sync, members, expression, wall, kiosk, map, content, contentui, parking) runs only those parts and merges their rows into
// BENCH_ONLY=decision,sync (parts: agent, browser, decision, sync, members, expression, wall, kiosk, map, content, contentui, queue, survey, keyboard) runs only those parts and merges their rows into
// an existing reports/bench.json.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { agentColdStart, agentColdStartNoCache, apiRoundTripRuns, bareNodeStart, guideScreenRss } from './agent.ts';
import { firstPaintRuns } from './browser.ts';
import { kioskBench } from './kiosk.ts';
import { contentBench } from './content.ts';
import { contentUiBench } from './content-ui.ts';
import { decisionRuns } from './decision.ts';
import { expressionBench } from './expression.ts';
import { mapBench } from './map.ts';
import { memberBench } from './members.ts';
import { parkingBench } from './parking.ts';
import { queueBench } from './queue.ts';
import { surveyBench } from './survey.ts';
import { keyboardBench } from './keyboard.ts';
import { syncBench } from './sync.ts';
import { wallBrowserBench } from './wall-browser.ts';
import { percentile, round, summary } from './stats.ts';
import { cleanUpOnExit, stopDescendants } from './cleanup.ts';

cleanUpOnExit();

const root = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const only = new Set((process.env.BENCH_ONLY ?? '').split(',').map((s) => s.trim()).filter(Boolean));
const want = (part: string) => only.size === 0 || only.has(part);

type Row = { name: string; unit: string; value: ReturnType<typeof summary>; baselineName: string; baseline: ReturnType<typeof summary> };
const rows: Row[] = [];
const add = (name: string, unit: string, values: number[], baselineName: string, baseline: number[]) =>
  rows.push({ name, unit, value: summary(values), baselineName, baseline: summary(baseline) });

console.log(`Atrium bench: ${RUNS} runs each, Node ${process.versions.node}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'})\n`);

if (want('agent')) {
  const cold: number[] = [];
  const bare: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    bare.push(await bareNodeStart());
    cold.push(await agentColdStart());
  }
  add('agent cold start to healthy (fresh SQLite: migrate + seed)', 'ms', cold, 'bare Node HTTP server start', bare);
  const noCache: number[] = [];
  const bareAgain: number[] = [];
  const rss: number[] = [];
  const bareRss: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    bareAgain.push(await bareNodeStart());
    noCache.push(await agentColdStartNoCache());
    const m = await guideScreenRss();
    rss.push(m.agent);
    bareRss.push(m.bare);
  }
  add('agent cold start, compile cache off (first start after install)', 'ms', noCache, 'bare Node HTTP server start', bareAgain);
  add('agent RSS, guide screen (after its first calls and wall.status)', 'MB', rss, 'bare Node HTTP server RSS', bareRss);

  const api = await apiRoundTripRuns(RUNS, 500);
  add('API round trip p50: stores.search', 'ms', api.search.p50, 'bare Node HTTP p50', api.bare.p50);
  add('API round trip p95: stores.search', 'ms', api.search.p95, 'bare Node HTTP p95', api.bare.p95);
  add('API round trip p50: kiosk.bootstrap', 'ms', api.bootstrap.p50, 'bare Node HTTP p50', api.bare.p50);
  add('API round trip p95: kiosk.bootstrap', 'ms', api.bootstrap.p95, 'bare Node HTTP p95', api.bare.p95);
}

if (want('browser')) {
  const paint = await firstPaintRuns(Math.max(5, Math.min(RUNS, 7)));
  add('Chromium: first contentful paint of attract (1080x1920)', 'ms', paint.attractFcp, 'FCP of a one-line static page', paint.baselineFcp);
  add('Chromium: touch on attract to first frame of home', 'ms', paint.touchToHome, 'FCP of a one-line static page', paint.baselineFcp);
  add('Chromium: tap on the map button to first frame of the map (floor drawn)', 'ms', paint.tapToMap, 'FCP of a one-line static page', paint.baselineFcp);
  // p95 over the runs of the two taps, side by side (with 5-7 runs it is the slowest run but one or the slowest).
  const p95 = (v: number[]) => [percentile([...v].sort((x, y) => x - y), 95)];
  add('Chromium p95 over runs: touch on attract to first frame of home', 'ms', p95(paint.touchToHome), 'FCP of a one-line static page p95', p95(paint.baselineFcp));
  add('Chromium p95 over runs: tap on the map button to first frame of the map', 'ms', p95(paint.tapToMap), 'FCP of a one-line static page p95', p95(paint.baselineFcp));
}

if (want('decision')) {
  const d = decisionRuns(RUNS);
  add('decideOffers p50: member with 1,000 eligible offers', 'ms', d.engine.p50, 'plain filter+sort of the same 1,000 p50', d.baseline.p50);
  add('decideOffers p95: member with 1,000 eligible offers', 'ms', d.engine.p95, 'plain filter+sort of the same 1,000 p95', d.baseline.p95);
}

if (want('sync')) for (const row of await syncBench(RUNS)) add(row.name, row.unit, row.values, row.baselineName, row.baseline);

if (want('kiosk')) for (const row of await kioskBench(RUNS)) add(row.name, row.unit, row.values, row.baselineName, row.baseline);

if (want('expression')) for (const row of await expressionBench(RUNS)) add(row.name, row.unit, row.values, row.baselineName, row.baseline);

if (want('members')) for (const row of await memberBench(RUNS)) add(row.name, row.unit, row.values, row.baselineName, row.baseline);

if (want('wall')) for (const row of await wallBrowserBench(RUNS)) add(row.name, row.unit, row.values, row.baselineName, row.baseline);

if (want('map')) for (const row of await mapBench(RUNS)) add(row.name, row.unit, row.values, row.baselineName, row.baseline);

if (want('content')) for (const row of await contentBench(RUNS)) add(row.name, row.unit, row.values, row.baselineName, row.baseline);

if (want('contentui')) for (const row of await contentUiBench(RUNS)) add(row.name, row.unit, row.values, row.baselineName, row.baseline);

if (want('parking')) for (const row of await parkingBench(RUNS)) add(row.name, row.unit, row.values, row.baselineName, row.baseline);
if (want('queue')) for (const row of await queueBench(RUNS)) add(row.name, row.unit, row.values, row.baselineName, row.baseline);
if (want('survey')) for (const row of await surveyBench(RUNS)) add(row.name, row.unit, row.values, row.baselineName, row.baseline);
if (want('keyboard')) for (const row of await keyboardBench(RUNS)) add(row.name, row.unit, row.values, row.baselineName, row.baseline);

const header = ['measure', 'min', 'median', 'max', 'baseline (median)', 'ratio'];
const table = rows.map((r) => [
  r.name,
  `${round(r.value.min)} ${r.unit}`,
  `${round(r.value.median)} ${r.unit}`,
  `${round(r.value.max)} ${r.unit}`,
  `${r.baselineName}: ${round(r.baseline.median)} ${r.unit}`,
  r.baseline.median === 0 ? 'n/a (baseline 0)' : `${round(r.value.median / r.baseline.median)}x`,
]);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
const fmt = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
console.log(fmt(header));
console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
for (const row of table) console.log(fmt(row));

mkdirSync(path.join(root, 'reports'), { recursive: true });
const out = path.join(root, 'reports', 'bench.json');
// A partial run (BENCH_ONLY) keeps the other parts' rows from the last report and replaces its own.
const kept: Row[] = only.size > 0 && existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as { results: Row[] }).results.filter((r) => !rows.some((n) => n.name === r.name)) : [];
writeFileSync(out, JSON.stringify({ when: new Date().toISOString(), node: process.versions.node, cpus: os.cpus().length, runs: RUNS, results: [...kept, ...rows] }, null, 2));
console.log(`\nwrote ${path.relative(root, out)}`);
await stopDescendants(); // every part stops its own; this catches anything a part left
