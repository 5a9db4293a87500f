// Runs Debian's Mosquitto (MQTT 5) as a child process for the demo: a free loopback port, a password file, the
// fleet ACL, and persistence in the given folder (sessions and retained messages survive a restart).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import path from 'node:path';
import { aclFor, type AclDevice } from './acl.ts';
import type { HqLog } from './log.ts';
import { mosquittoPasswordFile } from './mosquitto-passwd.ts';

export const DEBIAN_MOSQUITTO = '/usr/sbin/mosquitto';

export type RunningBroker = { url: string; port: number; stop(): Promise<void> };

export async function freeLoopbackPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve, reject) => srv.once('error', reject).listen(0, '127.0.0.1', resolve));
  const port = (srv.address() as { port: number }).port;
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

export function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/** The broker settings the kiosk needs: MQTT 5, persistence, a deep queue per session, room for a whole catalog. */
export function mosquittoConfig(o: { port: number; dir: string; runAsRoot: boolean }): string {
  return [
    `listener ${o.port} 127.0.0.1`,
    'allow_anonymous false',
    `password_file ${path.join(o.dir, 'passwd')}`,
    `acl_file ${path.join(o.dir, 'acl')}`,
    'persistence true',
    `persistence_location ${o.dir}/`,
    'autosave_interval 10',
    // The default 1000 drops QoS 1 messages for a kiosk (or HQ) that is away for a while.
    'max_queued_messages 100000',
    'max_inflight_messages 0',
    // Larger than the biggest message either side accepts (MAX_PAYLOAD_BYTES, 8 MiB) plus headers.
    'max_packet_size 9000000',
    // Without it a small message waits ~40 ms for the receiver's delayed ACK (Nagle): a claim answer took ~90 ms.
    'set_tcp_nodelay true',
    'log_type error',
    'log_type warning',
    'log_dest stderr',
    // As root Mosquitto switches to the mosquitto user, which could not read this folder.
    ...(o.runAsRoot ? ['user root'] : []),
  ].join('\n') + '\n';
}

const PID_FILE = 'mosquitto.pid';

/**
 * Stops a Mosquitto left running by an earlier start that died without stopping it (its parent was killed), so two
 * brokers never share one persistence file. Only a process whose command line names this folder's config is touched.
 */
export async function stopLeftoverBroker(dir: string, conf: string): Promise<boolean> {
  let pid: number;
  try {
    pid = Number(readFileSync(path.join(dir, PID_FILE), 'utf8').trim());
  } catch {
    return false;
  }
  const cmdline = (() => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      return '';
    }
  })();
  if (!Number.isInteger(pid) || pid <= 1 || !cmdline.includes(conf)) return false;
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 50 && existsSync(`/proc/${pid}`); i++) await new Promise((r) => setTimeout(r, 100));
  if (existsSync(`/proc/${pid}`)) process.kill(pid, 'SIGKILL');
  return true;
}

export async function startMosquittoBroker(o: {
  dir: string;
  users: Record<string, string>;
  hqUsers: string[];
  devices: AclDevice[];
  log: HqLog;
  binary?: string;
  timeoutMs?: number;
}): Promise<RunningBroker> {
  mkdirSync(o.dir, { recursive: true, mode: 0o700 });
  writeFileSync(path.join(o.dir, 'passwd'), mosquittoPasswordFile(o.users), { mode: 0o600 });
  writeFileSync(path.join(o.dir, 'acl'), aclFor({ hqUsers: o.hqUsers, devices: o.devices }), { mode: 0o600 });
  const conf = path.join(o.dir, 'mosquitto.conf');
  if (await stopLeftoverBroker(o.dir, conf)) o.log.warn('stopped a Mosquitto left running by an earlier start', { dir: o.dir });
  const port = await freeLoopbackPort();
  writeFileSync(conf, mosquittoConfig({ port, dir: o.dir, runAsRoot: process.getuid?.() === 0 }), { mode: 0o600 });
  const output: string[] = [];
  const child: ChildProcess = spawn(o.binary ?? DEBIAN_MOSQUITTO, ['-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
  const onOutput = (chunk: Buffer) => {
    // The root warning is expected here (see `user root`); everything else Mosquitto says is worth a look.
    for (const line of chunk.toString('utf8').split('\n').filter((l) => l && !l.includes('should not be run as root'))) {
      output.push(line);
      if (output.length > 50) output.shift();
      o.log.warn('mosquitto', { line });
    }
  };
  child.stdout!.on('data', onOutput);
  child.stderr!.on('data', onOutput);
  let spawnError: Error | null = null;
  child.once('error', (err) => (spawnError = err));
  if (child.pid) writeFileSync(path.join(o.dir, PID_FILE), `${child.pid}\n`, { mode: 0o600 });
  const deadline = Date.now() + (o.timeoutMs ?? 10_000);
  for (;;) {
    if (spawnError) throw new Error(`cannot run ${o.binary ?? DEBIAN_MOSQUITTO}: ${(spawnError as Error).message}`);
    if (child.exitCode !== null) throw new Error(`mosquitto exited with ${child.exitCode}: ${output.join(' | ')}`);
    if (await canConnect(port)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`mosquitto did not listen on port ${port}: ${output.join(' | ')}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const stop = async () => {
    rmSync(path.join(o.dir, PID_FILE), { force: true });
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => {
        clearTimeout(kill);
        resolve();
      });
      child.kill('SIGTERM'); // Mosquitto saves its persistence file on SIGTERM
    });
  };
  return { url: `mqtt://127.0.0.1:${port}`, port, stop };
}
