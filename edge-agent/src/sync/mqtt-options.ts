// Builds mqtt.js options from the agent's settings: MQTT 5, persistent session, last will, TLS or password.
import { readFileSync } from 'node:fs';
import type { IClientOptions } from 'mqtt';
import type { AgentSettings } from '../../../contracts/config.ts';
import { MQTT_ROUTES, topics, type DeviceStatus } from '../../../contracts/mqtt.ts';

export function clientId(settings: Pick<AgentSettings, 'mallId' | 'deviceId'>): string {
  return `atrium-${settings.mallId}-${settings.deviceId}`;
}

export function mqttOptions(settings: AgentSettings, agentVersion: string): IClientOptions {
  const will: DeviceStatus = { online: false, ts: new Date().toISOString(), deviceId: settings.deviceId, mallId: settings.mallId, reason: 'will', agentVersion };
  const m = settings.mqtt;
  const read = (file: string, what: string) => {
    try {
      return readFileSync(file);
    } catch (err) {
      throw new Error(`cannot read the MQTT ${what} file ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, { cause: err });
    }
  };
  return {
    protocolVersion: 5,
    clientId: clientId(settings),
    clean: false,
    // Reconnects are ours (capped exponential backoff with jitter), not mqtt.js's fixed period.
    reconnectPeriod: 0,
    connectTimeout: 10_000,
    keepalive: 30,
    resubscribe: false,
    properties: { sessionExpiryInterval: m.sessionExpirySec, requestProblemInformation: true },
    will: { topic: topics.status(settings.mallId, settings.deviceId), payload: Buffer.from(JSON.stringify(will)), qos: MQTT_ROUTES.status.qos, retain: MQTT_ROUTES.status.retain },
    ...(m.username ? { username: m.username } : {}),
    ...(m.password ? { password: m.password } : {}),
    ...(m.caFile ? { ca: read(m.caFile, 'CA') } : {}),
    ...(m.certFile ? { cert: read(m.certFile, 'client certificate') } : {}),
    ...(m.keyFile ? { key: read(m.keyFile, 'client key') } : {}),
  };
}
