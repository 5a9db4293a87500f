// The kiosk's one MQTT 5 connection to HQ: connect, subscribe to the kiosk's downstream routes after every connect,
// birth / will / shutdown status, the heartbeat timer, and reconnects with capped exponential backoff and jitter,
// forever. Every publish goes through send(), which takes the QoS and retain flag from the route table.
import type { IClientPublishOptions, IPublishPacket, MqttClient } from 'mqtt';
import { backoffDelay, type Backoff } from '../../../contracts/backoff.ts';
import { deviceSubscriptions, MQTT_ROUTES, topics, type RoutePayload, type UpstreamRoute } from '../../../contracts/mqtt.ts';
import type { SyncState } from '../../../contracts/sync-status.ts';
import type { SyncContext } from './context.ts';
import { mqttOptions } from './mqtt-options.ts';
import { heartbeatReport, statusReport } from './reports.ts';

const reconnectBackoff: Backoff = { initialMs: 1000, maxMs: 60_000, factor: 2, jitter: 0.3 };

/** MQTT 5 PUBACK reason code: accepted, but no subscription matched. */
export const NO_MATCHING_SUBSCRIBERS = 16;

export type ConnectionOptions = {
  agentVersion: string;
  startedAt: number;
  backoff?: Backoff;
  /** After every (re)connect, once subscriptions, birth and the first heartbeat are on their way. */
  onOnline: (sessionPresent: boolean) => void;
  onMessage: (topic: string, payload: Buffer, packet: IPublishPacket) => void;
};

export class HqConnection {
  private client: MqttClient | null = null;
  private state: SyncState = 'disabled';
  private attempt = 0;
  private stopped = false;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly ctx: SyncContext;
  private readonly o: ConnectionOptions;
  /** Message ids whose PUBACK said "no matching subscribers" (MQTT 5 reason code 16), until their publish settles. */
  private readonly unheard = new Set<number>();
  reconnects = 0;

  constructor(ctx: SyncContext, opts: ConnectionOptions) {
    this.ctx = ctx;
    this.o = opts;
  }

  /** Connects; false when no HQ is configured (the kiosk then runs on its local data). */
  start(): boolean {
    const { settings, log, health } = this.ctx;
    if (!settings.hqUrl) return false;
    const options = mqttOptions(settings, this.o.agentVersion); // here, so an unreadable TLS file still fails the start
    const url = settings.hqUrl;
    this.state = 'connecting';
    // mqtt.js is loaded here rather than with the agent (~30-40 ms of module loading on a 2-core box): the agent
    // answers while it loads, and a kiosk without HQ never loads it. Publishes meanwhile find no client and wait in
    // the outbox, as they do while offline.
    import('mqtt').then(({ default: mqtt }) => {
      if (this.stopped) return;
      const client = mqtt.connect(url, options);
      this.client = client;
      client.on('connect', (connack) => this.onConnect(connack.sessionPresent));
      client.on('message', (topic, payload, packet) => this.o.onMessage(topic, payload, packet));
      // mqtt.js counts reason code 16 as a success and hands the publish callback the stored PUBLISH, not the PUBACK:
      // the code is seen here, before that callback runs (see send's `requireSubscriber`).
      client.on('packetreceive', (packet) => {
        if (packet.cmd === 'puback' && packet.reasonCode === NO_MATCHING_SUBSCRIBERS && packet.messageId !== undefined) this.unheard.add(packet.messageId);
      });
      client.on('error', (err) => {
        health.lastError = `MQTT: ${err.message}`;
        log.warn('mqtt error', { err: err.message, code: (err as { code?: unknown }).code });
      });
      client.on('close', () => this.onClose());
    }, (err: unknown) => {
      health.lastError = `MQTT: the MQTT client could not be loaded: ${(err as Error).message}`;
      log.error('the MQTT client could not be loaded; the kiosk runs on its local data', { err });
    });
    return true;
  }

  syncState(): SyncState {
    return this.state;
  }

  /** Connected and not stopping: publishes can be tried. */
  online(): boolean {
    return this.state === 'online' && !this.stopped;
  }

  /**
   * Publishes a payload on one of the kiosk's upstream routes with the route's QoS and retain flag. Resolves on the
   * PUBACK (QoS 1) or once written (QoS 0); rejects with mqtt.js's error (its `code` is the MQTT 5 reason code).
   * Without a timeout it stays pending across a reconnect, as mqtt.js keeps the packet in its outgoing store.
   */
  send<K extends UpstreamRoute>(route: K, payload: RoutePayload<K>, extra: { properties?: IClientPublishOptions['properties']; timeoutMs?: number; requireSubscriber?: boolean } = {}): Promise<void> {
    const client = this.client;
    if (!client) return Promise.reject(new Error('not connected'));
    const r = MQTT_ROUTES[route];
    const opts: IClientPublishOptions = { qos: r.qos, retain: r.retain, ...(extra.properties ? { properties: extra.properties } : {}) };
    return new Promise((resolve, reject) => {
      const timer = extra.timeoutMs ? setTimeout(() => reject(new Error('publish timed out')), extra.timeoutMs) : null;
      client.publish(topics[route](this.ctx.mall, this.ctx.device), JSON.stringify(payload), opts, (err, packet) => {
        if (timer) clearTimeout(timer);
        const id = packet?.messageId;
        const unheard = id !== undefined && this.unheard.delete(id);
        if (err) reject(err);
        // The broker took it but nobody was subscribed (HQ's session lost with a broker that lost its state): for a
        // message HQ must get, that is not delivered, and the caller keeps it to try again.
        else if (unheard && extra.requireSubscriber) reject(Object.assign(new Error('no matching subscribers: HQ is not subscribed right now'), { code: NO_MATCHING_SUBSCRIBERS }));
        else resolve();
      });
    });
  }

  /** Unsubscribes and subscribes again, which makes the broker send a retained message (snapshot, desired config) again. */
  resubscribe(topic: string): void {
    this.client?.unsubscribe(topic, () => this.client?.subscribe(topic, { qos: 1 }));
  }

  /** Runs fn after ms unless the connection stops first. */
  later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  /** Publishes an offline status (when online) and disconnects. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    const client = this.client;
    if (!client) return;
    if (this.state === 'online') {
      await this.send('status', statusReport(this.ctx, false, 'shutdown', this.o.agentVersion), { timeoutMs: 2000 }).catch(() => {});
    }
    await new Promise<void>((resolve) => client.end(false, {}, () => resolve()));
    this.state = 'disabled';
  }

  private onConnect(sessionPresent: boolean) {
    const { log } = this.ctx;
    this.attempt = 0;
    this.state = 'online';
    log.info('connected to HQ', { sessionPresent });
    const client = this.client!;
    // Small QoS 1 messages back to back: without TCP_NODELAY, Nagle + delayed ACK add ~40 ms per hop.
    (client.stream as { setNoDelay?: (on: boolean) => void } | undefined)?.setNoDelay?.(true);
    client.subscribe(deviceSubscriptions(this.ctx.mall, this.ctx.device), { qos: 1 }, (err, granted) => {
      if (err) log.warn('subscribe failed', { err: err.message });
      const refused = (granted ?? []).filter((g) => g.qos >= 0x80);
      if (refused.length) log.warn('subscriptions refused by the broker', { topics: refused.map((g) => g.topic) });
    });
    // Birth: after every (re)connect, replacing the retained will.
    void this.send('status', statusReport(this.ctx, true, 'birth', this.o.agentVersion)).catch(() => {});
    this.sendHeartbeat();
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = setInterval(() => this.sendHeartbeat(), this.ctx.settings.mqtt.heartbeatSec * 1000);
    this.o.onOnline(sessionPresent);
  }

  private sendHeartbeat() {
    void this.send('heartbeat', heartbeatReport(this.ctx, this.o.startedAt)).catch(() => {});
  }

  private onClose() {
    const { log } = this.ctx;
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = null;
    if (this.stopped) return;
    if (this.state === 'online') log.warn('disconnected from HQ; the kiosk keeps serving from local data');
    this.state = 'offline';
    this.attempt += 1;
    const delayMs = backoffDelay(this.attempt, this.o.backoff ?? reconnectBackoff);
    log.info('reconnecting to HQ', { attempt: this.attempt, delayMs });
    this.later(delayMs, () => {
      if (this.stopped || !this.client) return;
      this.reconnects += 1;
      this.state = 'connecting';
      // Hand mqtt.js its own stores back: reconnect() without them starts with empty ones, which would drop the
      // QoS 1 publishes still awaiting a PUBACK (their callbacks would never fire and the drain would stall).
      this.client.reconnect({ incomingStore: this.client.incomingStore, outgoingStore: this.client.outgoingStore });
    });
  }
}
