// A bare HQ-side MQTT 5 client for tests: records every message it sees and publishes as HQ.
import mqtt, { type MqttClient } from 'mqtt';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed MQTT payloads of every message type, walked by the tests and checked by expect() at run time
export type Seen = { topic: string; payload: Buffer; json: any; retain: boolean; correlation?: Buffer; responseTopic?: string };

export class TestHq {
  readonly seen: Seen[] = [];
  readonly client: MqttClient;
  private constructor(client: MqttClient) {
    this.client = client;
  }

  static async connect(url: string, opts: { username: string; password: string; clientId?: string; subscribe?: string[]; /** false: keep nothing (the caller listens on client itself). */ record?: boolean }): Promise<TestHq> {
    const client = await mqtt.connectAsync(url, {
      protocolVersion: 5,
      username: opts.username,
      password: opts.password,
      clientId: opts.clientId ?? `test-hq-${Math.random().toString(36).slice(2)}`,
      clean: false,
      properties: { sessionExpiryInterval: 3600 },
      reconnectPeriod: 200,
    });
    const hq = new TestHq(client);
    if (opts.record !== false) client.on('message', (topic, payload, packet) => {
      let json: unknown = null;
      try {
        json = JSON.parse(payload.toString());
      } catch {
        /* raw */
      }
      hq.seen.push({ topic, payload, json, retain: packet.retain, correlation: packet.properties?.correlationData, responseTopic: packet.properties?.responseTopic });
    });
    if (opts.subscribe?.length) await client.subscribeAsync(opts.subscribe, { qos: 1 });
    return hq;
  }

  on(topicEnd: string): Seen[] {
    return this.seen.filter((s) => s.topic.endsWith(topicEnd));
  }

  async publish(topic: string, payload: unknown, opts: { retain?: boolean } = {}): Promise<void> {
    const body = typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : JSON.stringify(payload);
    await this.client.publishAsync(topic, body, { qos: 1, retain: opts.retain ?? false });
  }

  async waitFor<T>(check: () => T | undefined | null | false, timeoutMs = 10_000, what = 'condition'): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const v = check();
      if (v) return v;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  async end(): Promise<void> {
    await this.client.endAsync(true);
  }
}

export async function waitUntil<T>(check: () => Promise<T | undefined | null | false> | T | undefined | null | false, timeoutMs = 10_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
