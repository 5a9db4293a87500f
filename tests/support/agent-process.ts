// Starts the real edge agent as a child process (Node 24, TypeScript run directly) on a fresh data folder and
// an ephemeral port, for integration, browser and bench runs.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiMethods, type ApiResult } from '../../contracts/api.ts';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const agentEntry = path.join(repoRoot, 'edge-agent/src/main.ts');

export type AgentProcess = {
  child: ChildProcess;
  port: number;
  url: string;
  secret: string;
  dataDir: string;
  logs: string[];
  /** POSTs an API method with the secret; returns status and parsed JSON. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers of every API method, success and refusal, walked by ~90 call sites and checked by expect() at run time
  call(method: string, params?: unknown): Promise<{ status: number; body: any }>;
  /** A browser-kiosk URL with a fresh single-use pairing code. */
  pairUrl(): Promise<string>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
};

export type StartOptions = { dataDir?: string; env?: Record<string, string>; args?: string[]; timeoutMs?: number };

export function freshDataDir(prefix = 'atrium-test-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

export async function startAgentProcess(opts: StartOptions = {}): Promise<AgentProcess> {
  const dataDir = opts.dataDir ?? freshDataDir();
  const child = spawn(process.execPath, [agentEntry, ...(opts.args ?? [])], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ATRIUM_DATA_DIR: dataDir, ATRIUM_API_PORT: '0', ATRIUM_UI_DIR: path.join(repoRoot, 'dist/renderer'), ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<number>((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        logs.push(line);
        try {
          const rec = JSON.parse(line) as { msg?: string; port?: number };
          if (rec.msg === 'agent ready' && rec.port) resolve(rec.port);
        } catch {
          /* not a log line */
        }
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => logs.push(chunk.toString('utf8')));
    void exited.then((code) => reject(new Error(`agent exited with ${code} before it was ready:\n${logs.join('\n')}`)));
    setTimeout(() => reject(new Error(`agent not ready after ${opts.timeoutMs ?? 15000} ms:\n${logs.join('\n')}`)), opts.timeoutMs ?? 15000).unref();
  });
  // An agent that never got ready (too slow, or stuck) is stopped here: the caller gets the error and no process.
  const port = await ready.catch((err: unknown) => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    throw err;
  });
  const run = JSON.parse(readFileSync(path.join(dataDir, 'run/agent.json'), 'utf8')) as { secret: string };
  const url = `http://127.0.0.1:${port}/`;
  const post = async (p: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(new URL(p, url), { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${run.secret}`, ...headers }, body: JSON.stringify(body ?? {}) });
    return { status: res.status, body: await res.json() };
  };
  return {
    child, port, url, secret: run.secret, dataDir, logs,
    call: (method, params) => post(`/api/v1/${method}`, params),
    pairUrl: async () => {
      const res = await post('/api/pairing-codes', {});
      return `${url}#pair=${res.body.data.code as string}`;
    },
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Calls `method` and returns its parsed result; anything but 200 throws with the status and body. */
export async function callOk<M extends keyof typeof apiMethods>(agent: AgentProcess, method: M, params: unknown): Promise<ApiResult<M>> {
  const r = await agent.call(method, params);
  if (r.status !== 200) throw new Error(`${method} -> ${r.status} ${JSON.stringify(r.body)}`);
  return apiMethods[method].result.parse(r.body.data) as ApiResult<M>;
}
