// A kiosk agent connected to the demo HQ (the HQ simulator on Debian Mosquitto, as `npm start` runs it), returned
// once the agent is online with HQ's catalog (so HQ's public key and staff credentials) and desired config applied.
import { expect, test } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDemoHq, type DemoHq } from '../../../hq-sim/src/demo-hq.ts';
import { ringLog } from '../../../hq-sim/src/log.ts';
import { freshDataDir, startAgentProcess, type AgentProcess } from '../../support/agent-process.ts';
import type { HqTestKey } from '../../support/member-fixture.ts';

/** `env`: more agent settings (e.g. ATRIUM_PRINTER for a test's fake receipt printer). */
export async function startAgentWithDemoHq(dataDirPrefix: string, env: Record<string, string> = {}): Promise<{ hq: DemoHq; agent: AgentProcess }> {
  const hq = await startDemoHq({ dataDir: mkdtempSync(path.join(tmpdir(), 'atrium-hq-')), log: ringLog(500) });
  expect(hq.kioskCanConnect).toBe(true);
  const agent = await startAgentProcess({ dataDir: freshDataDir(dataDirPrefix), env: { ...hq.agentEnv, ...env } });
  await expect.poll(async () => {
    const health = (await (await fetch(new URL('/health', agent.url))).json()) as { sync: { state: string }; versions: { catalog: number } };
    return health.sync.state === 'online' && health.versions.catalog >= 2;
  }, { timeout: 20_000 }).toBe(true);
  return { hq, agent };
}

/**
 * For a spec file: starts the demo HQ and an agent on it before the file's tests and stops both after them; the
 * returned object holds them (and HQ's signing key, to make member tokens) once started.
 */
export function useAgentWithDemoHq(dataDirPrefix: string): { hq: DemoHq; agent: AgentProcess; hqKey: HqTestKey } {
  const started = {} as { hq: DemoHq; agent: AgentProcess; hqKey: HqTestKey };
  test.beforeAll(async () => {
    Object.assign(started, await startAgentWithDemoHq(dataDirPrefix));
    started.hqKey = { kid: started.hq.data.key.kid, privateKey: started.hq.data.key.privateKey, publicKey: started.hq.data.key.hqKey.publicKey };
  });
  test.afterAll(async () => {
    await started.agent?.stop();
    await started.hq?.stop();
  });
  return started;
}
