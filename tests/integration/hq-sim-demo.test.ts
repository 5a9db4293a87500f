// `npm start`'s HQ: startDemoHq with Debian Mosquitto (and a real agent using the environment it hands out), and
// its aedes fallback, which cannot take the kiosk's MQTT 5 client.
import { spawn } from 'node:child_process';
import path from 'node:path';
import mqtt from 'mqtt';
import { describe, expect, it } from 'vitest';
import { Health } from '../../contracts/api.ts';
import { CatalogSnapshot, DesiredConfig, topics } from '../../contracts/mqtt.ts';
import { canConnect } from '../../hq-sim/src/broker-mosquitto.ts';
import { startDemoHq } from '../../hq-sim/src/demo-hq.ts';
import { silentLog } from '../../hq-sim/src/log.ts';
import { freshDataDir, repoRoot, startAgentProcess } from '../support/agent-process.ts';
import { needs } from '../support/requirements.ts';

async function retained(url: string, o: mqtt.IClientOptions, topic: string): Promise<unknown> {
  const client = await mqtt.connectAsync(url, { reconnectPeriod: 0, ...o });
  try {
    const got = new Promise<Buffer>((resolve) => client.once('message', (_t, payload) => resolve(payload)));
    await client.subscribeAsync(topic, { qos: 1 });
    return JSON.parse((await got).toString());
  } finally {
    await client.endAsync();
  }
}

describe('startDemoHq with Debian Mosquitto', needs('mosquitto'), () => {
  it('starts a broker and HQ, hands out kiosk credentials that work, and stops cleanly', async () => {
    const dataDir = freshDataDir('atrium-demo-hq-');
    const hq = await startDemoHq({ dataDir, log: silentLog });
    let stopped = false;
    try {
      expect(hq).toMatchObject({ broker: 'mosquitto', kioskCanConnect: true, note: null, device: { mallId: 'demo-mall', deviceId: 'demo-kiosk-1', username: 'demo-kiosk-1' } });
      expect(hq.url).toMatch(/^mqtt:\/\/127\.0\.0\.1:\d+$/);
      expect(hq.agentEnv).toMatchObject({ ATRIUM_HQ_URL: hq.url, ATRIUM_MQTT_USERNAME: 'demo-kiosk-1', ATRIUM_MQTT_PASSWORD: hq.device.password });
      const asKiosk = { protocolVersion: 5 as const, username: hq.device.username, password: hq.device.password };
      const snapshot = CatalogSnapshot.parse(await retained(hq.url, asKiosk, topics.catalogSnapshot('demo-mall')));
      expect(snapshot.version).toBe(2);
      expect(DesiredConfig.parse(await retained(hq.url, asKiosk, topics.configDesired('demo-mall', 'demo-kiosk-1'))).version).toBe(1);
      await expect(mqtt.connectAsync(hq.url, { protocolVersion: 5, username: 'demo-kiosk-1', password: 'wrong', reconnectPeriod: 0 })).rejects.toThrow(/Bad User Name or Password|Not authorized/i);

      // The agent started with exactly the environment startDemoHq returns goes online and takes HQ's catalog.
      const agent = await startAgentProcess({ env: { ...hq.agentEnv, ATRIUM_HEARTBEAT_SEC: '1' } });
      try {
        const deadline = Date.now() + 10_000;
        let h = Health.parse(await (await fetch(new URL('/health', agent.url))).json());
        while (!(h.sync.state === 'online' && h.versions.catalog === 2) && Date.now() < deadline) {
          await new Promise((r) => setTimeout(r, 100));
          h = Health.parse(await (await fetch(new URL('/health', agent.url))).json());
        }
        expect([h.sync.state, h.versions.catalog]).toEqual(['online', 2]);
      } finally {
        await agent.stop();
      }
      const port = Number(new URL(hq.url).port);
      await hq.stop();
      stopped = true;
      expect(await canConnect(port)).toBe(false);
      await hq.stop(); // a second stop is harmless
    } finally {
      if (!stopped) await hq.stop();
    }

    // Same folder again: same HQ key, catalog still version 2, the broker's persistence reloaded.
    const again = await startDemoHq({ dataDir, log: silentLog });
    try {
      const snapshot = CatalogSnapshot.parse(await retained(again.url, { protocolVersion: 5, username: again.device.username, password: again.device.password }, topics.catalogSnapshot('demo-mall')));
      expect(snapshot.version).toBe(2);
      expect(again.data.key.hqKey.kid).toBe(snapshot.hqKeys[0]!.kid);
    } finally {
      await again.stop();
    }
  });
});

describe('startDemoHq after a crash', needs('mosquitto'), () => {
  it('stops the Mosquitto an earlier, killed start left behind before starting its own', async () => {
    const dataDir = freshDataDir('atrium-demo-hq-');
    const script = `import { startDemoHq } from ${JSON.stringify(path.join(repoRoot, 'hq-sim/src/demo-hq.ts'))};
      import { silentLog } from ${JSON.stringify(path.join(repoRoot, 'hq-sim/src/log.ts'))};
      const hq = await startDemoHq({ dataDir: ${JSON.stringify(dataDir)}, log: silentLog });
      console.log(hq.url);
      setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const url = await new Promise<string>((resolve) => child.stdout.once('data', (c: Buffer) => resolve(c.toString().trim())));
    child.kill('SIGKILL'); // no chance to stop its broker
    await new Promise((r) => child.once('exit', r));
    const orphanPort = Number(new URL(url).port);
    expect(await canConnect(orphanPort)).toBe(true);
    const hq = await startDemoHq({ dataDir, log: silentLog });
    try {
      expect(await canConnect(orphanPort)).toBe(false);
      expect(hq.broker).toBe('mosquitto');
    } finally {
      await hq.stop();
    }
  });
});

describe('startDemoHq without Mosquitto (aedes fallback)', () => {
  it('says in one line that the kiosk cannot connect (MQTT 3.1.1 only) and runs offline; stops cleanly', async () => {
    const hq = await startDemoHq({ dataDir: freshDataDir('atrium-demo-hq-'), log: silentLog, mosquittoPath: '/nonexistent/mosquitto' });
    try {
      expect(hq.broker).toBe('aedes');
      expect(hq.kioskCanConnect).toBe(false);
      expect(hq.note).toMatch(/MQTT 3\.1\.1 only/);
      expect(hq.note).toMatch(/runs offline/);
      expect(hq.note).not.toContain('\n');
      expect(hq.agentEnv).not.toHaveProperty('ATRIUM_HQ_URL');
      await expect(mqtt.connectAsync(hq.url, { protocolVersion: 5, username: hq.device.username, password: hq.device.password, reconnectPeriod: 0 })).rejects.toThrow(/unacceptable protocol version/i);
      // A 3.1.1 client still reads what HQ published there.
      const snapshot = CatalogSnapshot.parse(await retained(hq.url, { protocolVersion: 4, username: hq.device.username, password: hq.device.password }, topics.catalogSnapshot('demo-mall')));
      expect(snapshot.version).toBe(2);
    } finally {
      await hq.stop();
    }
    expect(await canConnect(Number(new URL(hq.url).port))).toBe(false);
  });
});
