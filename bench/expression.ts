// Expression bench (BENCH_ONLY=expression): the agent's classifier per crop (preprocess + ONNX, 1 and 2 intra-op
// threads) beside the reference conversion on the same crops and threads; wall.observe through the real agent's
// HTTP API beside kiosk.signals; the agent's resident memory with the model loaded beside a guide kiosk without it.
// Crops: the centre squares of the labelled photos (../shared/test-data/faces), as 112x112 RGB.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AgentProcess } from '../tests/support/agent-process.ts';
import { repoRoot, startAgentProcess } from '../tests/support/agent-process.ts';
import { centreCrops } from '../tests/support/wall-crops.ts';
import { loadExpressionModels } from '../edge-agent/src/expression/loader.ts';
import { toInputTensor } from '../edge-agent/src/expression/preprocess.ts';
import { AGENT_READY_MS } from './agent.ts';
import { percentile } from './stats.ts';

export type BenchRow = { name: string; unit: string; values: number[]; baselineName: string; baseline: number[] };

const MODELS = path.join(repoRoot, 'models');
const REFERENCE = path.resolve(repoRoot, '../shared/models/faceapi-expression.onnx');
const PER_RUN = 200;
const WARMUP = 20;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function inferenceRuns(runs: number, threads: number, crops: Uint8Array[]): Promise<{ ours: number[][]; reference: number[][] }> {
  const state = await loadExpressionModels(MODELS, threads);
  if (state.status !== 'ok') throw new Error(`expression bench: ${state.reason}`);
  const ort = await import('onnxruntime-node');
  const reference = await ort.InferenceSession.create(readFileSync(REFERENCE), { intraOpNumThreads: threads, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all' });
  const spec = state.classifier.spec;
  const refOnce = async (rgb: Uint8Array) => {
    const t = performance.now();
    await reference.run({ input: new ort.Tensor('float32', toInputTensor(rgb, spec), [1, 3, spec.height, spec.width]) });
    return performance.now() - t;
  };
  const oursOnce = async (rgb: Uint8Array) => (await state.classifier.classify(rgb)).ms;
  for (let i = 0; i < WARMUP; i++) {
    await oursOnce(crops[i % crops.length]!);
    await refOnce(crops[i % crops.length]!);
  }
  const ours: number[][] = [];
  const ref: number[][] = [];
  for (let r = 0; r < runs; r++) {
    const a: number[] = [];
    const b: number[] = [];
    // Interleaved, so background load on the machine hits both alike.
    for (let i = 0; i < PER_RUN; i++) {
      a.push(await oursOnce(crops[i % crops.length]!));
      b.push(await refOnce(crops[i % crops.length]!));
    }
    ours.push(a.sort((x, y) => x - y));
    ref.push(b.sort((x, y) => x - y));
  }
  await state.classifier.close();
  await reference.release();
  return { ours, reference: ref };
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!m) throw new Error('no VmRSS');
  return Number(m[1]) / 1024;
}

async function timed(agent: AgentProcess, method: string, params: unknown): Promise<number> {
  const t = performance.now();
  const r = await agent.call(method, params);
  if (r.status !== 200) throw new Error(`${method}: ${r.status} ${JSON.stringify(r.body)}`);
  return performance.now() - t;
}

/** One agent as a wall (model loaded, a session played) and one as a guide (model never loaded). */
async function agentRun(crops: string[]): Promise<{ observe: number[]; signals: number[]; rssWall: number; rssGuide: number }> {
  const wall = await startAgentProcess({ env: { ATRIUM_ROLE: 'wall' }, timeoutMs: AGENT_READY_MS });
  let guide: AgentProcess | null = null;
  try {
    guide = await startAgentProcess({ env: { ATRIUM_ROLE: 'guide' }, timeoutMs: AGENT_READY_MS });
    const status = (await wall.call('wall.status', {})).body.data as { camera: string; reason: string | null };
    if (status.camera !== 'ready') throw new Error(`wall camera ${status.camera}: ${status.reason}`);
    const session = (await wall.call('wall.start', {})).body.data.wallSession as string;
    const observe: number[] = [];
    const signals: number[] = [];
    for (let i = 0; i < 40; i++) {
      // The page's pace: at most 5 crops a second (faster ones are answered without classifying).
      observe.push(await timed(wall, 'wall.observe', { wallSession: session, crop: { width: 112, height: 112, rgb: crops[i % crops.length]! } }));
      signals.push(await timed(wall, 'kiosk.signals', {}));
      await sleep(200);
    }
    for (let i = 0; i < 40; i++) await timed(guide, 'kiosk.bootstrap', {});
    await sleep(300);
    return { observe: observe.slice(5).sort((a, b) => a - b), signals: signals.slice(5).sort((a, b) => a - b), rssWall: rssMb(wall.child.pid!), rssGuide: rssMb(guide.child.pid!) };
  } finally {
    await wall.stop();
    await guide?.stop();
  }
}

export async function expressionBench(runs: number): Promise<BenchRow[]> {
  const crops = await centreCrops(MODELS);
  const rgb = crops.map((c) => c.rgb);
  const rows: BenchRow[] = [];
  for (const threads of [1, 2]) {
    const r = await inferenceRuns(runs, threads, rgb);
    const label = `${threads} thread${threads > 1 ? 's' : ''}`;
    for (const p of [50, 95]) {
      rows.push({
        name: `expression inference p${p} per crop, ${label} (preprocess + ONNX)`, unit: 'ms',
        values: r.ours.map((s) => percentile(s, p)),
        baselineName: `reference ONNX conversion p${p}, ${label}`, baseline: r.reference.map((s) => percentile(s, p)),
      });
    }
  }
  const agentRuns = [];
  for (let i = 0; i < Math.max(3, Math.min(runs, 5)); i++) agentRuns.push(await agentRun(crops.map((c) => c.base64)));
  rows.push(
    { name: 'wall.observe round trip p50 (HTTP + base64 crop + inference + smoothing)', unit: 'ms', values: agentRuns.map((a) => percentile(a.observe, 50)), baselineName: 'kiosk.signals round trip p50', baseline: agentRuns.map((a) => percentile(a.signals, 50)) },
    { name: 'wall.observe round trip p95', unit: 'ms', values: agentRuns.map((a) => percentile(a.observe, 95)), baselineName: 'kiosk.signals round trip p95', baseline: agentRuns.map((a) => percentile(a.signals, 95)) },
    { name: 'agent resident memory, wall with the expression model loaded', unit: 'MB', values: agentRuns.map((a) => a.rssWall), baselineName: 'guide agent (model not loaded)', baseline: agentRuns.map((a) => a.rssGuide) },
  );
  return rows;
}
