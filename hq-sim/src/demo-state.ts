// How `npm run hq -- <tool>` finds the running demo HQ with no flags: the demo writes <data dir>/demo-hq.json
// (mode 0600: it holds HQ's broker password, fresh each start) with its broker URL, HQ's credentials and its
// content host, and removes it when it stops. A file left by a demo that died is ignored (its pid is gone).
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const DEMO_STATE_FILE = 'demo-hq.json';

export const DemoState = z.object({
  pid: z.number().int().positive(),
  url: z.string().min(1),
  username: z.string(),
  password: z.string(),
  /** 4 on the aedes fallback (no MQTT 5 there). */
  protocolVersion: z.union([z.literal(4), z.literal(5)]),
  /** The content host's base URL (http://127.0.0.1:<port>/content/). */
  contentBaseUrl: z.string().min(1),
});
export type DemoState = z.infer<typeof DemoState>;

const file = (dataDir: string) => path.join(dataDir, DEMO_STATE_FILE);

export function writeDemoState(dataDir: string, state: DemoState): void {
  writeFileSync(file(dataDir), JSON.stringify(state, null, 2) + '\n', { mode: 0o600 });
}

/** Removes the file if it is this process's (a second demo on the same folder must not lose the first's). */
export function removeDemoState(dataDir: string, pid = process.pid): void {
  const state = readDemoStateFile(dataDir);
  if (state?.pid === pid) rmSync(file(dataDir), { force: true });
}

function readDemoStateFile(dataDir: string): DemoState | null {
  let text: string;
  try {
    text = readFileSync(file(dataDir), 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = DemoState.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The running demo HQ on this data folder, or null. */
export function runningDemo(dataDir: string): DemoState | null {
  const state = readDemoStateFile(dataDir);
  return state && alive(state.pid) ? state : null;
}
