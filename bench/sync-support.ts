// Shared pieces of the HQ sync benches: a Mosquitto with many device users, kiosk settings and SQLite files, and
// high-resolution wall-clock time that is comparable across processes on one machine.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AgentSettings } from '../contracts/config.ts';
import { openDatabase, DB_FILE, type Db } from '../edge-agent/src/db/open.ts';
import { createLogger, type Logger } from '../common/node/log.ts';
import { aclFor } from '../hq-sim/src/acl.ts';
import { canConnect, DEBIAN_MOSQUITTO, freeLoopbackPort, mosquittoConfig } from '../hq-sim/src/broker-mosquitto.ts';
import { mosquittoPasswordFile } from '../hq-sim/src/mosquitto-passwd.ts';

export const HQ_USER = 'hq';
export const HQ_PASSWORD = 'hq-bench-secret';
export const passwordFor = (user: string) => `pw-${user}`;

export type BenchBroker = { url: string; port: number; dir: string; stop(): Promise<void> };

/**
 * Debian Mosquitto with the HQ simulator's broker settings (hq-sim/src/broker-mosquitto.ts mosquittoConfig: MQTT 5,
 * password file, per-device ACL, persistence with autosave every 10 s, 100,000 queued messages per session, 9 MB
 * packets), which is what docs/mqtt.md asks of a broker. `devices` each get an account and read their own mall's
 * catalog. `tcpNoDelay` adds `set_tcp_nodelay true` (Mosquitto's default is false: Nagle's algorithm on every
 * client socket, which caps a windowed QoS 1 drain at ~4,000 events/s on loopback; see docs/mqtt.md).
 */
export async function startFleetBroker(devices: { id: string; mall: string }[], o: { tcpNoDelay: boolean }): Promise<BenchBroker> {
  const dir = benchDir('atrium-bench-broker-');
  const users = Object.fromEntries([[HQ_USER, HQ_PASSWORD], ...devices.map((d) => [d.id, passwordFor(d.id)])]);
  writeFileSync(path.join(dir, 'passwd'), mosquittoPasswordFile(users), { mode: 0o600 });
  writeFileSync(path.join(dir, 'acl'), aclFor({ hqUsers: [HQ_USER], devices }), { mode: 0o600 });
  const port = await freeLoopbackPort();
  const conf = path.join(dir, 'mosquitto.conf');
  writeFileSync(conf, mosquittoConfig({ port, dir, runAsRoot: process.getuid?.() === 0 }) + (o.tcpNoDelay ? 'set_tcp_nodelay true\n' : ''));
  const output: string[] = [];
  const child = spawn(DEBIAN_MOSQUITTO, ['-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
  const onOutput = (c: Buffer) => {
    for (const line of c.toString('utf8').split('\n').filter((l) => l && !l.includes('should not be run as root'))) {
      output.push(line);
      process.stderr.write(`mosquitto: ${line}\n`);
    }
  };
  child.stdout.on('data', onOutput);
  child.stderr.on('data', onOutput);
  const deadline = Date.now() + 10_000;
  while (!(await canConnect(port))) {
    if (child.exitCode !== null) throw new Error(`mosquitto exited with ${child.exitCode}: ${output.join(' | ')}`);
    if (Date.now() > deadline) throw new Error(`mosquitto did not listen on ${port}: ${output.join(' | ')}`);
    await sleep(50);
  }
  const stop = () => new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
  return { url: `mqtt://127.0.0.1:${port}`, port, dir, stop };
}

/** Errors only, to stderr: a bench must not drown in 500 kiosks' info lines, but must not hide a failure. */
export const quietLog: Logger = createLogger('error', 'bench', (line) => process.stderr.write(line));

export function kioskSettings(o: { mall: string; device: string; url: string; dataDir: string; heartbeatSec?: number; drainBatch?: number }): AgentSettings {
  return AgentSettings.parse({
    mallId: o.mall, deviceId: o.device, hqUrl: o.url, dataDir: o.dataDir, demo: false, logLevel: 'error',
    mqtt: { username: o.device, password: passwordFor(o.device), heartbeatSec: o.heartbeatSec ?? 30, drainBatch: o.drainBatch ?? 100 },
  });
}

export const benchDir = (prefix: string) => mkdtempSync(path.join(tmpdir(), prefix));

/** A migrated, empty kiosk database file to copy: opening + migrating costs ~15 ms a kiosk, a copy ~2 ms. */
export function templateDb(dir: string): string {
  const db = openDatabase(path.join(dir, 'template'));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return path.join(dir, 'template', DB_FILE);
}

export function kioskDb(template: string, dataDir: string): Db {
  mkdirSync(dataDir, { recursive: true });
  copyFileSync(template, path.join(dataDir, DB_FILE));
  return openDatabase(dataDir);
}

/** Wall-clock ms with sub-ms resolution; processes on one machine share the clock, so differences are latencies. */
export const wallNow = () => performance.timeOrigin + performance.now();

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function until(check: () => boolean, timeoutMs: number, what: () => string, pollMs = 2): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what()}`);
    await sleep(pollMs);
  }
}
