// TLS with a per-device client certificate against real Mosquitto: the broker requires a certificate signed by the
// mall's CA and takes the device id from its CN (use_identity_as_username), so the same per-device ACL applies.
// A kiosk with a certificate from another CA never gets in, keeps serving shoppers, and says why.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aclFor } from '../../hq-sim/src/acl.ts';
import { topics } from '../../contracts/mqtt.ts';
import { startAgentProcess } from '../support/agent-process.ts';
import { waitUntil } from '../support/hq-client.ts';
import { freePort, MOSQUITTO } from '../support/mosquitto.ts';

const MALL = 'demo-mall';
let dir: string;
let port: number;
let broker: ChildProcess;
const brokerLog: string[] = [];

function openssl(args: string[]) {
  const r = spawnSync('openssl', args, { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl ${args.join(' ')}: ${r.stderr}`);
}

/** An EC P-256 key and a certificate for `cn`, signed by `ca` (or self-signed when ca is null). */
function cert(name: string, cn: string, ca: string | null, ext?: string) {
  openssl(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${cn}`]);
  if (ext) writeFileSync(path.join(dir, `${name}.ext`), ext);
  if (ca) openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.crt`, '-CAkey', `${ca}.key`, '-CAcreateserial', '-days', '2', '-out', `${name}.crt`, ...(ext ? ['-extfile', `${name}.ext`] : [])]);
  else openssl(['x509', '-req', '-in', `${name}.csr`, '-signkey', `${name}.key`, '-days', '2', '-out', `${name}.crt`, '-extfile', `${name}.ext`]);
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'atrium-tls-'));
  cert('ca', 'Atrium test mall CA', null, 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n');
  cert('rogue-ca', 'Someone else CA', null, 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n');
  cert('server', '127.0.0.1', 'ca', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  cert('kiosk-tls', 'kiosk-tls', 'ca', 'extendedKeyUsage=clientAuth\n');
  cert('hq', 'hq', 'ca', 'extendedKeyUsage=clientAuth\n');
  cert('kiosk-rogue', 'kiosk-tls', 'rogue-ca', 'extendedKeyUsage=clientAuth\n'); // claims the same CN
  writeFileSync(path.join(dir, 'acl'), aclFor({ hqUsers: ['hq'], devices: [{ id: 'kiosk-tls', mall: MALL }] }));
  port = await freePort();
  writeFileSync(path.join(dir, 'mosquitto.conf'), [
    `listener ${port} 127.0.0.1`,
    `cafile ${dir}/ca.crt`, `certfile ${dir}/server.crt`, `keyfile ${dir}/server.key`,
    'require_certificate true', 'use_identity_as_username true', 'allow_anonymous false',
    `acl_file ${dir}/acl`, 'log_dest stderr', 'log_type error', 'log_type warning',
    ...(process.getuid?.() === 0 ? ['user root'] : []),
  ].join('\n') + '\n');
  broker = spawn(MOSQUITTO, ['-c', path.join(dir, 'mosquitto.conf')], { stdio: ['ignore', 'pipe', 'pipe'] });
  broker.stderr!.on('data', (c: Buffer) => brokerLog.push(c.toString()));
  await waitUntil(async () => {
    if (broker.exitCode !== null) throw new Error(`mosquitto exited: ${brokerLog.join('')}`);
    const c = await mqtt.connectAsync(`mqtts://127.0.0.1:${port}`, { protocolVersion: 5, ca: readFileSync(`${dir}/ca.crt`), cert: readFileSync(`${dir}/hq.crt`), key: readFileSync(`${dir}/hq.key`), reconnectPeriod: 0, connectTimeout: 1000 }).catch(() => null);
    if (!c) return false;
    await c.endAsync();
    return true;
  }, 10_000, 'TLS broker up');
});

afterAll(() => {
  broker?.kill('SIGTERM');
});

const kioskEnv = (certName: string) => ({
  ATRIUM_HQ_URL: `mqtts://127.0.0.1:${port}`, ATRIUM_MALL_ID: MALL, ATRIUM_DEVICE_ID: 'kiosk-tls',
  ATRIUM_MQTT_CA: `${dir}/ca.crt`, ATRIUM_MQTT_CERT: `${dir}/${certName}.crt`, ATRIUM_MQTT_KEY: `${dir}/${certName}.key`,
});

describe('TLS with a per-device client certificate', () => {
  it('the kiosk connects with its certificate, publishes its birth status and drains its outbox', async () => {
    const seen: { topic: string; json: { online?: boolean; type?: string } }[] = [];
    const hq = await mqtt.connectAsync(`mqtts://127.0.0.1:${port}`, { protocolVersion: 5, ca: readFileSync(`${dir}/ca.crt`), cert: readFileSync(`${dir}/hq.crt`), key: readFileSync(`${dir}/hq.key`) });
    hq.on('message', (topic, payload) => seen.push({ topic, json: JSON.parse(payload.toString()) }));
    await hq.subscribeAsync([topics.status(MALL, 'kiosk-tls'), topics.events(MALL, 'kiosk-tls')], { qos: 1 });
    const agent = await startAgentProcess({ env: kioskEnv('kiosk-tls') });
    try {
      await waitUntil(() => seen.some((s) => s.topic.endsWith('/status') && s.json.online === true), 15_000, 'birth status over TLS');
      await waitUntil(() => seen.some((s) => s.topic.endsWith('/events') && s.json.type === 'device.started'), 15_000, 'device.started over TLS');
      const health = (await (await fetch(new URL('/health', agent.url))).json()) as { sync: { state: string; outboxDepth: number } };
      expect(health.sync.state).toBe('online');
    } finally {
      await agent.stop();
      await hq.endAsync();
    }
  });

  it('a certificate from another CA is refused: the kiosk stays offline, keeps serving and keeps its events', async () => {
    const agent = await startAgentProcess({ env: kioskEnv('kiosk-rogue') });
    try {
      const health = await waitUntil(async () => {
        const h = (await (await fetch(new URL('/health', agent.url))).json()) as { sync: { state: string; lastError: string | null; outboxDepth: number } };
        return h.sync.lastError ? h : null;
      }, 15_000, 'a visible connection error');
      expect(health.sync.state).not.toBe('online');
      expect(health.sync.outboxDepth).toBeGreaterThan(0); // device.started waits in the outbox
      const search = await agent.call('stores.search', { query: '咖啡' });
      expect(search.body.ok).toBe(true); // shoppers are still served
    } finally {
      await agent.stop();
    }
  });
});
