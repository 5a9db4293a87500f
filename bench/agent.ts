// Agent benches: cold start to healthy, and local API round trips, each beside a baseline from the same run.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { percentile } from './stats.ts';
import { agentEntry, freshDataDir, repoRoot, startAgentProcess } from '../tests/support/agent-process.ts';

/**
 * How long a bench waits for an agent's ready line. The tests' 15 s is too short for the first agent of a fresh
 * checkout (nothing in the page cache yet: Node, better-sqlite3 and onnxruntime's libraries read cold from disk on a
 * busy 2-core box); a timeout there used to end the bench with an uncaught error and the slow agent left running.
 */
export const AGENT_READY_MS = 90_000;

/** ms from spawn until GET /health answers 200, for the real agent (fresh data folder: migrate + seed). */
export async function agentColdStart(): Promise<number> {
  const dataDir = freshDataDir('atrium-bench-');
  const t0 = performance.now();
  const child = spawn(process.execPath, [agentEntry], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', ATRIUM_DATA_DIR: dataDir, ATRIUM_API_PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return timeToHealthy(child, t0);
}

/**
 * The same cold start with Node's compile cache switched off (NODE_DISABLE_COMPILE_CACHE): what the first start after
 * an install or an emptied tmp folder costs, when every module is type-stripped and compiled again.
 */
export async function agentColdStartNoCache(): Promise<number> {
  const dataDir = freshDataDir('atrium-bench-');
  const t0 = performance.now();
  const child = spawn(process.execPath, [agentEntry], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', ATRIUM_DATA_DIR: dataDir, ATRIUM_API_PORT: '0', NODE_DISABLE_COMPILE_CACHE: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return timeToHealthy(child, t0);
}

/** Resident memory (MB) of a process, from /proc. */
function rssMb(pid: number): number {
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!kb) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb[1]) / 1024;
}

/**
 * Agent RSS on a guide screen (fresh data folder, demo seeded), once it has answered what a guide screen asks at
 * start (bootstrap, promotions, the directory, the map) and what its staff console's status page asks (wall.status);
 * beside a bare Node HTTP server that has answered the same number of requests.
 */
export async function guideScreenRss(): Promise<{ agent: number; bare: number }> {
  const agent = await startAgentProcess({ timeoutMs: AGENT_READY_MS });
  let bare: ChildProcess | null = null;
  try {
    const calls: [string, unknown][] = [['kiosk.bootstrap', {}], ['promotions.list', {}], ['stores.search', { query: '' }], ['stores.search', { query: '咖啡' }], ['map.venue', {}], ['wall.status', {}]];
    for (const [method, params] of calls) {
      const r = await agent.call(method, params);
      if (r.status !== 200) throw new Error(`guide screen RSS: ${method} answered ${r.status}`);
    }
    const agentMb = rssMb(agent.child.pid!);
    bare = spawn(process.execPath, ['-e', "const s=require('http').createServer((q,r)=>{q.resume();q.on('end',()=>r.end('{}'))});s.listen(0,'127.0.0.1',()=>console.log(JSON.stringify({msg:'agent ready',port:s.address().port})))"], { stdio: ['ignore', 'pipe', 'inherit'] });
    const port = await portFromLog(bare.stdout!, 'agent ready');
    await roundTrips(port, '/', '{}', { 'Content-Type': 'application/json' }, calls.length);
    return { agent: agentMb, bare: rssMb(bare.pid!) };
  } finally {
    if (bare) await stopChild(bare);
    await agent.stop();
  }
}

/** Milliseconds from t0 until the child's ready line and a healthy /health; the child is stopped either way. */
async function timeToHealthy(child: ChildProcess, t0: number): Promise<number> {
  try {
    const port = await portFromLog(child.stdout!, 'agent ready');
    await pollHealthy(`http://127.0.0.1:${port}/health`);
    return performance.now() - t0;
  } finally {
    await stopChild(child);
  }
}

/** SIGTERM and wait for the exit (also when it has already exited). */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** Baseline: the same Node binary starting a bare HTTP server and answering one request. */
export async function bareNodeStart(): Promise<number> {
  const t0 = performance.now();
  const script = "const s=require('http').createServer((q,r)=>r.end('{}'));s.listen(0,'127.0.0.1',()=>console.log(JSON.stringify({msg:'agent ready',port:s.address().port})))";
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  return timeToHealthy(child, t0);
}

function portFromLog(stream: NodeJS.ReadableStream, msg: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let buf = '';
    stream.on('data', (c: Buffer) => {
      buf += c.toString();
      for (const line of buf.split('\n')) {
        if (!line.includes(msg)) continue;
        try {
          resolve((JSON.parse(line) as { port: number }).port);
        } catch {
          /* partial line */
        }
      }
    });
    stream.on('end', () => reject(new Error('process ended before it was ready')));
  });
}

async function pollHealthy(url: string) {
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** Round-trip latencies (ms) of `count` sequential POSTs over one keep-alive connection. */
export async function roundTrips(port: number, path: string, body: string, headers: Record<string, string>, count: number): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    await new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path, method: 'POST', agent, headers: { ...headers, 'Content-Length': Buffer.byteLength(body) } }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode} for ${path}`))));
      });
      req.on('error', reject);
      req.end(body);
    });
    times.push(performance.now() - t0);
  }
  agent.destroy();
  return times;
}

export async function apiRoundTripRuns(runs: number, callsPerRun: number) {
  const agent = await startAgentProcess({ timeoutMs: AGENT_READY_MS });
  const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${agent.secret}` };
  // Baseline: a bare Node HTTP server in another process answering the same POST with a fixed body.
  let bare: ChildProcess | null = null;
  try {
    bare = spawn(process.execPath, ['-e', "const s=require('http').createServer((q,r)=>{q.resume();q.on('end',()=>r.end('{\"ok\":true}'))});s.listen(0,'127.0.0.1',()=>console.log(JSON.stringify({msg:'agent ready',port:s.address().port})))"], { stdio: ['ignore', 'pipe', 'inherit'] });
    const barePort = await portFromLog(bare.stdout!, 'agent ready');
    const out = { search: { p50: [] as number[], p95: [] as number[] }, bootstrap: { p50: [] as number[], p95: [] as number[] }, bare: { p50: [] as number[], p95: [] as number[] } };
    const record = (key: keyof typeof out, times: number[]) => {
      const s = [...times].sort((a, b) => a - b);
      out[key].p50.push(percentile(s, 50));
      out[key].p95.push(percentile(s, 95));
    };
    for (let r = 0; r < runs; r++) {
      record('search', await roundTrips(agent.port, '/api/v1/stores.search', JSON.stringify({ query: '咖啡' }), headers, callsPerRun));
      record('bootstrap', await roundTrips(agent.port, '/api/v1/kiosk.bootstrap', '{}', headers, callsPerRun));
      record('bare', await roundTrips(barePort, '/', '{"query":"x"}', { 'Content-Type': 'application/json' }, callsPerRun));
    }
    return out;
  } finally {
    if (bare) await stopChild(bare);
    await agent.stop();
  }
}
