// Runs Debian's Mosquitto (MQTT 5) on a free loopback port with a password file and a per-device ACL, in its own
// temp folder, for integration tests and benches. Restartable, so tests can make the broker vanish and return.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { aclFor } from '../../hq-sim/src/acl.ts';
import { canConnect, freeLoopbackPort } from '../../hq-sim/src/broker-mosquitto.ts';
import { missing } from './requirements.ts';

export type Broker = {
  port: number;
  url: string;
  dir: string;
  logs: string[];
  stop(): Promise<void>;
  start(): Promise<void>;
  restart(): Promise<void>;
};

export const MOSQUITTO = '/usr/sbin/mosquitto';

export const freePort = freeLoopbackPort;

/**
 * users: name -> password. Devices get the kiosk ACL for their own topics; `hq` gets everything under atrium/v1.
 * persistence false: a broker that keeps nothing over a restart (no sessions, subscriptions or queued messages), as
 * after a crash before its autosave or on a wiped disk.
 */
export async function startMosquitto(opts: { users: Record<string, string>; hqUsers?: string[]; port?: number; persistence?: boolean }): Promise<Broker> {
  const absent = missing('mosquitto');
  if (absent) throw new Error(`${absent}: this suite runs a real broker; run scripts/setup-tests.sh`);
  const dir = mkdtempSync(path.join(tmpdir(), 'atrium-mosquitto-'));
  const port = opts.port ?? (await freePort());
  const passwd = path.join(dir, 'passwd');
  writeFileSync(passwd, '');
  for (const [user, password] of Object.entries(opts.users)) {
    const r = spawnSync('mosquitto_passwd', ['-b', passwd, user, password], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`mosquitto_passwd failed: ${r.stderr}`);
  }
  const hqUsers = opts.hqUsers ?? ['hq'];
  const devices = Object.keys(opts.users).filter((u) => !hqUsers.includes(u));
  writeFileSync(path.join(dir, 'acl'), aclFor({ hqUsers, devices }));
  const conf = path.join(dir, 'mosquitto.conf');
  writeFileSync(conf, [
    `listener ${port} 127.0.0.1`,
    'allow_anonymous false',
    `password_file ${passwd}`,
    `acl_file ${path.join(dir, 'acl')}`,
    ...(opts.persistence === false ? ['persistence false'] : ['persistence true', `persistence_location ${dir}/`, 'autosave_interval 1']),
    'max_queued_messages 1000000',
    'max_inflight_messages 0',
    'set_tcp_nodelay true',
    'message_size_limit 9000000',
    'log_type error',
    'log_type warning',
    'log_dest stderr',
    ...(process.getuid?.() === 0 ? ['user root'] : []),
  ].join('\n') + '\n');
  const logs: string[] = [];
  let child: ChildProcess | null = null;

  const start = async () => {
    child = spawn(MOSQUITTO, ['-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stderr!.on('data', (c: Buffer) => logs.push(c.toString()));
    child.stdout!.on('data', (c: Buffer) => logs.push(c.toString()));
    const deadline = Date.now() + 10_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`mosquitto exited: ${logs.join('')}`);
      if (await canConnect(port)) return;
      if (Date.now() > deadline) throw new Error(`mosquitto did not listen on ${port}: ${logs.join('')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const stop = async () => {
    const c = child;
    if (!c || c.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGTERM');
    });
  };
  await start();
  return { port, url: `mqtt://127.0.0.1:${port}`, dir, logs, stop, start, restart: async () => {
    await stop();
    await start();
  } };
}
