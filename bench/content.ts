// Content download bench (issue 13): the agent's content manager fetching one 64 MiB video from a local HTTP server
// (HQ's simulator content host, in a child process) until the file is verified and ready, beside `curl -s -o FILE
// URL` fetching the same file from the same server in the same run. The manager's time includes what makes a file
// usable on a kiosk (write to a temporary name, sha256, fsync, rename, the SQLite row), curl's only the transfer.
// MB/s in decimal megabytes. The order alternates per run so neither side always gets a warm page cache. Everything
// it starts (the server, the manager, temporary folders) is stopped or removed in `finally`, even on failure.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger } from '../common/node/log.ts';
import type { Asset } from '../contracts/content.ts';
import { ContentManager } from '../edge-agent/src/content/manager.ts';
import { openDatabase } from '../edge-agent/src/db/open.ts';
import { applySnapshot } from '../edge-agent/src/sync/apply.ts';
import { campaignWith, sha256, snapshotWith } from '../tests/support/content-kit.ts';

type Row = { name: string; unit: string; values: number[]; baselineName: string; baseline: number[] };

const FILE_BYTES = 64 * 1024 * 1024;
const TIMEOUT_MS = 120_000;
const serverEntry = fileURLToPath(new URL('./content-server.ts', import.meta.url));

/** An MP4-looking file (the host types files by their magic bytes): an ftyp box, then random bytes. */
function videoBytes(size: number): Buffer {
  const body = randomBytes(size);
  Buffer.from([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x6d, 0x70, 0x34, 0x32]).copy(body, 0);
  return body;
}

function startServer(dataDir: string): { child: ChildProcess; port: Promise<number> } {
  const child = spawn(process.execPath, [serverEntry, dataDir], { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = new Promise<number>((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const line = buffer.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { port: number }).port);
    });
    child.once('exit', (code) => reject(new Error(`content server exited (${code}) before listening`)));
  });
  return { child, port };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

const withTimeout = <T>(p: Promise<T>, what: string): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), TIMEOUT_MS); });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
};

/** ms for the content manager, on a fresh data folder, from a catalog naming the asset until it is ready. */
async function managerRun(asset: Asset): Promise<number> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'atrium-bench-content-'));
  const db = openDatabase(dir);
  let onReady: () => void = () => {};
  let onFailed: (why: string) => void = () => {};
  const done = new Promise<void>((resolve, reject) => {
    onReady = resolve;
    onFailed = (why) => reject(new Error(`content manager: ${why}`));
  });
  const log = createLogger('info', 'content', (line) => {
    const rec = JSON.parse(line) as { msg?: string; reason?: string };
    if (rec.msg === 'content ready') onReady();
    if (rec.msg === 'content download failed' || rec.msg === 'content asset refused') onFailed(rec.reason ?? rec.msg);
  });
  const mgr = new ContentManager({
    db, dataDir: dir, log, timeZone: 'Asia/Shanghai',
    settings: { quotaMb: 1024, concurrency: 2, bandwidthBytesPerSec: null, prefetchHours: 24 },
  });
  try {
    applySnapshot(db, snapshotWith(1, [], []), 'demo-mall');
    await mgr.start();
    const t0 = performance.now();
    applySnapshot(db, snapshotWith(2, [campaignWith('bench', [asset])], [asset]), 'demo-mall');
    mgr.poke();
    await withTimeout(done, 'the content manager to make the file ready');
    return performance.now() - t0;
  } finally {
    await mgr.stop();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** ms for `curl -s -o FILE URL`, from spawn to exit; the file must come out whole. */
async function curlRun(url: string, out: string, bytes: number): Promise<number> {
  const t0 = performance.now();
  const child = spawn('curl', ['-s', '-o', out, url], { stdio: 'ignore' });
  try {
    const code = await withTimeout(new Promise<number | null>((resolve, reject) => {
      child.once('exit', resolve);
      child.once('error', reject);
    }), 'curl');
    const ms = performance.now() - t0;
    if (code !== 0) throw new Error(`curl exited with ${code}`);
    if (statSync(out).size !== bytes) throw new Error(`curl wrote ${statSync(out).size} bytes, expected ${bytes}`);
    return ms;
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(out, { force: true });
  }
}

export async function contentBench(runs: number): Promise<Row[]> {
  if (spawnSync('curl', ['--version'], { stdio: 'ignore' }).status !== 0) {
    console.log('content: curl not found (apt-get install curl); the download throughput row is skipped');
    return [];
  }
  const hqDir = mkdtempSync(path.join(os.tmpdir(), 'atrium-bench-hq-'));
  let server: ChildProcess | undefined;
  try {
    const body = videoBytes(FILE_BYTES);
    const sha = sha256(body);
    mkdirSync(path.join(hqDir, 'content'));
    writeFileSync(path.join(hqDir, 'content', sha), body);
    const started = startServer(hqDir);
    server = started.child;
    const port = await withTimeout(started.port, 'the content server to listen');
    const url = `http://127.0.0.1:${port}/content/${sha}`;
    const asset: Asset = { sha256: sha, bytes: FILE_BYTES, mime: 'video/mp4', width: 1080, height: 1920, durationMs: 30_000, url };
    const out = path.join(hqDir, 'curl.out');
    const mbps = (ms: number) => FILE_BYTES / 1e6 / (ms / 1000);
    const manager: number[] = [];
    const curl: number[] = [];
    // One unmeasured round of each warms the page cache and the JIT for both sides alike.
    await curlRun(url, out, FILE_BYTES);
    await managerRun(asset);
    for (let i = 0; i < runs; i++) {
      if (i % 2 === 0) {
        curl.push(mbps(await curlRun(url, out, FILE_BYTES)));
        manager.push(mbps(await managerRun(asset)));
      } else {
        manager.push(mbps(await managerRun(asset)));
        curl.push(mbps(await curlRun(url, out, FILE_BYTES)));
      }
    }
    return [{
      name: 'content manager: 64 MiB video to verified and ready (download, sha256, fsync, rename)', unit: 'MB/s', values: manager,
      baselineName: 'curl -s -o FILE, same server', baseline: curl,
    }];
  } finally {
    if (server) await stopChild(server);
    rmSync(hqDir, { recursive: true, force: true });
  }
}
