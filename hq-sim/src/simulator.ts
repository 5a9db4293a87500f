// The HQ simulator: one MQTT 5 connection (persistent session, shared subscriptions) that publishes the mall's
// retained catalog snapshot and each kiosk's retained desired config, records what kiosks send (status,
// heartbeats, events de-duplicated by id, reported config, command results), answers member look-ups, decides
// members' claims and points exchanges (answering on the device's claims/result topic), sends commands and
// publishes catalog deltas. start()/stop() add and remove its listeners.
import { randomUUID } from 'node:crypto';
import mqtt, { type IClientOptions, type IClientPublishOptions, type IPublishPacket, type MqttClient, type MqttClientEventCallbacks } from 'mqtt';
import type { DisplayConfig } from '../../contracts/config.ts';
import type { Venue, VenueMap } from '../../contracts/venue.ts';
import {
  hqSubscriptions, MAX_PAYLOAD_BYTES, topics,
  type CatalogDelta, type CatalogSnapshot, type Command, type CommandResult, type DesiredConfig,
} from '../../contracts/mqtt.ts';
import { newCommand, type CommandName } from './commands.ts';
import { applyDeltaToSnapshot, exampleDelta } from './delta.ts';
import { currentSnapshot, type HqData } from './hq-data.ts';
import { parseInbound, type Inbound } from './inbound.ts';
import type { HqLog } from './log.ts';
import { mapMessage } from './map/publish.ts';
import { handleUpstream, type HqCounters, type UpstreamDeps, type Waiter } from './upstream.ts';
import { QueueDesk } from './queue/desk.ts';
import type { FeedbackUpdate } from '../../contracts/feedback.ts';
import { feedbackKeyMessage, loadOrCreateFeedbackKey } from './feedback/key.ts';
import type { QueueStatusMessage } from '../../contracts/queue.ts';
import { SurveyDesk } from './surveys/desk.ts';
import { LotteryDesk } from './lottery/desk.ts';
import type { LotteryBoard } from '../../contracts/lottery.ts';

export type HqSimulatorOptions = {
  url: string;
  username?: string;
  password?: string;
  data: HqData;
  log: HqLog;
  /** Devices that get a desired config even before HQ has heard from them (any device that says hello gets one too). */
  devices?: string[];
  /** The mall's indoor map, published retained after the catalog (hq-sim/src/map/publish.ts); none when absent. */
  map?: Venue;
  /** The first desired config each device gets. */
  desiredConfig?: Partial<DisplayConfig>;
  /** Shared-subscription group: HQ processes in one group split heartbeats, events, results and look-ups. */
  shareGroup?: string;
  clientId?: string;
  /**
   * 'hq' (default): the long-running HQ consumer: persistent session, shared subscriptions, retained publishes on
   * connect. 'tool': a one-off (CLI command, delta): clean session, no shared subscriptions (a tool that joined the
   * group would take a share of the events, and after it exits its session would keep queueing them).
   */
  role?: 'hq' | 'tool';
  /** 5 (default). 4 only for a broker that speaks nothing newer (aedes): no shared subscriptions, no look-ups. */
  protocolVersion?: 5 | 4;
  /** How long the broker keeps HQ's session, and queues kiosks' events for it, while HQ is away. */
  sessionExpirySec?: number;
  connectTimeoutMs?: number;
  now?: () => Date;
  /** How often the queue status is republished unchanged (queue/desk.ts; tests shorten it). */
  queueStatusEveryMs?: number;
  /** Make the demo member-day lottery when none is open or coming (default true; lottery/demo.ts). */
  demoLottery?: boolean;
};

export type { HqCounters } from './upstream.ts';

export type CommandOutcome = { command: Command; results: CommandResult[]; timedOut: boolean };
export type SendCommandOptions = {
  args?: Record<string, unknown>;
  /** Seconds until the command expires (negative makes one that has already expired, for tests). */
  ttlSec?: number;
  /** How long to wait for a final result (done, failed, rejected, expired). */
  timeoutMs?: number;
  onResult?: (r: CommandResult) => void;
};


const DEFAULT_DESIRED: Partial<DisplayConfig> = { idleTimeoutSec: 60, attractIntervalSec: 7 };

export class HqSimulator {
  private client: MqttClient | null = null;
  private readonly o: HqSimulatorOptions;
  private readonly mall: string;
  private readonly waiters = new Map<string, Waiter>();
  private readonly directResultSubs = new Map<string, number>();
  /** Removes each listener start() added (stop() calls them). */
  private readonly unlisten: (() => void)[] = [];
  private stopped = false;
  /** Restaurant queues (queue/desk.ts), opened by start() on HQ's data folder, closed by stop(). */
  private queue: QueueDesk | null = null;
  /** Surveys (surveys/desk.ts): HQ proper seeds, publishes and decides; a tool only reads and publishes. */
  private surveys: SurveyDesk | null = null;
  /** The member-day lottery book (lottery/desk.ts), opened by start(), closed by stop(). */
  private lottery: LotteryDesk | null = null;
  readonly counters: HqCounters = { statuses: 0, heartbeats: 0, eventsNew: 0, eventsDuplicate: 0, reportedConfigs: 0, commandResults: 0, lookupsAnswered: 0, claimsConfirmed: 0, claimsRejected: 0, claimsRepeated: 0, refused: 0, playedItems: 0, playedHourlyEvents: 0, playedHourlyItems: 0 };

  constructor(opts: HqSimulatorOptions) {
    this.o = opts;
    this.mall = opts.data.mallId;
  }

  private now(): Date {
    return this.o.now?.() ?? new Date();
  }

  private get isTool(): boolean {
    return this.o.role === 'tool';
  }

  private get v5(): boolean {
    return (this.o.protocolVersion ?? 5) === 5;
  }

  /** The catalog version HQ publishes (read from the store: another HQ tool may have published a delta). */
  get publishedVersion(): number | null {
    return this.o.data.store.publishedSnapshot(this.mall)?.version ?? null;
  }

  /** Connects, publishes the retained snapshot and desired configs, subscribes. Rejects if the first connect fails. */
  async start(): Promise<void> {
    this.stopped = false;
    const tool = this.isTool;
    // HQ proper makes its first snapshot here if it has none (it publishes it next); a tool only reads the published one.
    const catalog = tool ? this.o.data.store.publishedSnapshot(this.mall) : currentSnapshot(this.o.data, this.now()).snapshot;
    this.queue ??= new QueueDesk({ dataDir: this.o.data.dataDir, mallId: this.mall, log: this.o.log, catalog });
    this.surveys ??= new SurveyDesk({ data: this.o.data, log: this.o.log, now: this.now(), seed: !tool });
    this.lottery ??= new LotteryDesk({ dataDir: this.o.data.dataDir, mallId: this.mall, log: this.o.log, demo: !tool && this.o.demoLottery !== false, now: this.now() });
    const options: IClientOptions = {
      protocolVersion: this.o.protocolVersion ?? 5,
      clientId: this.o.clientId ?? (tool ? `atrium-hq-tool-${randomUUID().slice(0, 8)}` : `atrium-hq-sim-${this.mall}`),
      // HQ holds a persistent session: while it is away the broker queues kiosks' QoS 1 events for its shared
      // subscription. Without one, the broker acknowledges an event nobody is subscribed to (reason code 16, "no
      // matching subscribers", a success) and the kiosk deletes it from its outbox: the event is gone.
      clean: tool,
      reconnectPeriod: 2000,
      connectTimeout: this.o.connectTimeoutMs ?? 10_000,
      resubscribe: false,
      ...(this.v5 ? { properties: { sessionExpiryInterval: tool ? 0 : this.o.sessionExpirySec ?? 7 * 86_400, requestProblemInformation: true } } : {}),
      ...(this.o.username ? { username: this.o.username } : {}),
      ...(this.o.password ? { password: this.o.password } : {}),
    };
    const client = mqtt.connect(this.o.url, options);
    this.client = client;
    let first = true;
    await new Promise<void>((resolve, reject) => {
      const failFirst = (err: Error) => {
        if (!first) return;
        first = false;
        reject(new Error(`HQ simulator cannot connect to ${this.o.url}: ${err.message}`));
      };
      this.on(client, 'connect', (connack: { sessionPresent: boolean }) => {
        // Nagle's algorithm against the broker's delayed ACKs held each answer ~40 ms (measured on loopback).
        (client.stream as { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true);
        void this.onConnect(connack.sessionPresent, first).then(
          () => {
            if (first) {
              first = false;
              resolve();
            }
          },
          (err: Error) => {
            if (first) failFirst(err);
            else this.o.log.error('could not resume after a reconnect', { err: err.message });
          },
        );
      });
      this.on(client, 'error', (err: Error & { code?: unknown }) => {
        this.o.log.warn('mqtt error', { err: err.message, code: err.code });
        failFirst(err);
      });
      this.on(client, 'close', () => {
        if (!this.stopped && !first) this.o.log.warn('disconnected from the broker; reconnecting');
      });
      this.on(client, 'message', (topic: string, payload: Buffer, packet: IPublishPacket) => this.onMessage(topic, payload, packet));
      setTimeout(() => failFirst(new Error(`no answer within ${options.connectTimeout} ms`)), (options.connectTimeout ?? 10_000) + 1000).unref();
    }).catch(async (err: unknown) => {
      await this.stop();
      throw err;
    });
  }

  private on<E extends keyof MqttClientEventCallbacks>(client: MqttClient, event: E, fn: MqttClientEventCallbacks[E]) {
    client.on(event, fn);
    this.unlisten.push(() => client.removeListener(event, fn));
  }

  /** Ends the connection and removes every listener; waiting commands resolve as timed out. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.queue?.close();
    this.queue = null;
    this.surveys = null;
    this.lottery?.close();
    this.lottery = null;
    for (const [, w] of this.waiters) w.finish();
    this.waiters.clear();
    const client = this.client;
    this.client = null;
    if (!client) return;
    for (const off of this.unlisten) off();
    this.unlisten.length = 0;
    client.on('error', () => {}); // a late socket error while closing must not become an unhandled 'error'
    // end(false) waits for every in-flight publish to be acknowledged: with no connection (the broker gone, or HQ
    // between reconnects) that never happens and stop() hung (seen in CI). Disconnected, end at once; connected, give
    // the in-flight ones a few seconds, then drop the socket.
    await new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        client.stream?.destroy();
        resolve();
      }, 5000);
      client.end(!client.connected, {}, () => {
        clearTimeout(t);
        resolve();
      });
    });
  }

  private async onConnect(sessionPresent: boolean, first: boolean) {
    this.o.log.info('connected to the broker', { url: this.o.url, sessionPresent });
    if (this.isTool) return;
    // Retained messages live in the broker; they are (re)published at start and whenever the broker lost our
    // session (it may have lost its retained store too). Kiosks ignore a version they already hold.
    if (first || !sessionPresent) {
      await this.publishSnapshot();
      if (this.o.map) await this.publishMap(this.o.map);
      await this.surveys?.publish((t, p, o) => this.publish(t, p, o));
      const devices = new Set([...(this.o.devices ?? []), ...this.o.data.store.knownDevices(this.mall)]);
      for (const d of devices) await this.ensureDesiredConfig(d);
      await this.publishFeedbackKey();
    }
    if (this.queue) {
      await this.publishQueueStatus();
      this.queue.startRepublishing((t, p, o) => this.publish(t, p, o), () => this.now(), this.o.queueStatusEveryMs);
    }
    if (this.lottery) await this.publishLotteryBoard();
    const subs = Object.values(hqSubscriptions(this.o.shareGroup ?? 'hq')).map((t) => (this.v5 ? t : t.replace(/^\$share\/[^/]+\//, '')));
    const client = this.client;
    if (!client) return; // stopped meanwhile
    const granted = await new Promise<{ topic: string; qos: number }[]>((resolve, reject) =>
      client.subscribe(subs, { qos: 1 }, (err, g) => (err ? reject(err) : resolve(g ?? []))),
    );
    const refused = granted.filter((g) => g.qos >= 0x80);
    if (refused.length) throw new Error(`the broker refused HQ's subscriptions: ${refused.map((g) => `${g.topic} (reason ${g.qos})`).join(', ')}`);
  }

  private publish(topic: string, payload: string, opts: { qos: 0 | 1; retain?: boolean; properties?: IClientPublishOptions['properties'] }): Promise<void> {
    const client = this.client;
    if (!client) return Promise.reject(new Error('the HQ simulator is not started'));
    if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) return Promise.reject(new Error(`payload for ${topic} exceeds ${MAX_PAYLOAD_BYTES} bytes`));
    const { properties, ...rest } = opts;
    return new Promise((resolve, reject) =>
      client.publish(topic, payload, { ...rest, ...(this.v5 && properties ? { properties } : {}) }, (err) => (err ? reject(err) : resolve())),
    );
  }

  // ---- downstream: catalog, config, commands ----

  async publishSnapshot(): Promise<CatalogSnapshot> {
    // Always the stored one: a CLI tool may have published a delta since this process started.
    const snapshot = currentSnapshot(this.o.data, this.now()).snapshot;
    await this.publish(topics.catalogSnapshot(this.mall), JSON.stringify(snapshot), { qos: 1, retain: true });
    this.o.log.info('catalog snapshot published (retained)', { version: snapshot.version, stores: snapshot.stores.length, coupons: snapshot.coupons.length });
    return snapshot;
  }

  /** Publishes the mall's map (retained, versioned by its hash): kiosks store it and route on it with HQ gone. */
  async publishMap(venue: Venue): Promise<VenueMap> {
    const message = mapMessage(this.o.data, venue, this.now());
    await this.publish(topics.map(this.mall), JSON.stringify(message), { qos: 1, retain: true });
    this.o.log.info('map published (retained)', { version: message.version, levels: venue.levels.length, units: venue.units.length });
    return message;
  }

  /**
   * Publishes a delta (by default the example: a new coupon and a store rename) and then the retained snapshot at
   * the new version, so a kiosk that missed the delta, or joins later, gets the same catalog whole.
   */
  async publishDelta(make: (current: CatalogSnapshot, now: Date) => CatalogDelta = exampleDelta): Promise<{ delta: CatalogDelta; snapshot: CatalogSnapshot }> {
    const current = currentSnapshot(this.o.data, this.now()).snapshot;
    const delta = make(current, this.now());
    const next = applyDeltaToSnapshot(current, delta);
    this.o.data.store.savePublishedSnapshot(next);
    await this.publish(topics.catalogDelta(this.mall), JSON.stringify(delta), { qos: 1 });
    this.o.log.info('catalog delta published', { fromVersion: delta.fromVersion, toVersion: delta.toVersion });
    await this.publishSnapshot();
    return { delta, snapshot: next };
  }

  /** Publishes the stored desired config for a device, creating version 1 when it has none. */
  async ensureDesiredConfig(deviceId: string): Promise<DesiredConfig> {
    const desired = this.o.data.store.desiredConfig(this.mall, deviceId) ?? { version: 1, issuedAt: this.now().toISOString(), config: this.o.desiredConfig ?? DEFAULT_DESIRED };
    this.o.data.store.saveDesiredConfig(this.mall, deviceId, desired);
    await this.publish(topics.configDesired(this.mall, deviceId), JSON.stringify(desired), { qos: 1, retain: true });
    return desired;
  }

  /** Replaces a device's desired config with the next version. */
  async setDesiredConfig(deviceId: string, config: Partial<DisplayConfig>): Promise<DesiredConfig> {
    const current = this.o.data.store.desiredConfig(this.mall, deviceId);
    const desired: DesiredConfig = { version: (current?.version ?? 0) + 1, issuedAt: this.now().toISOString(), config };
    this.o.data.store.saveDesiredConfig(this.mall, deviceId, desired);
    await this.publish(topics.configDesired(this.mall, deviceId), JSON.stringify(desired), { qos: 1, retain: true });
    this.o.log.info('desired config published (retained)', { deviceId, version: desired.version });
    return desired;
  }

  /** Sends a command (QoS 1, not retained) and collects its results until a final one or the timeout. */
  async sendCommand(deviceId: string, name: CommandName, opts: SendCommandOptions = {}): Promise<CommandOutcome> {
    const command = newCommand(name, opts.args ?? {}, this.now(), opts.ttlSec ?? 60);
    this.o.data.store.recordCommand(this.mall, deviceId, command);
    // Results arrive on the shared subscription, which may hand them to another HQ process of the group; a direct
    // subscription for the wait makes sure this one sees them too (the store keeps each (id, status) once).
    const direct = topics.commandResults(this.mall, deviceId);
    await this.retainDirectResults(direct);
    const results: CommandResult[] = [];
    let timer: NodeJS.Timeout | undefined;
    const done = new Promise<boolean>((resolve) => {
      this.waiters.set(command.id, { deviceId, results, onResult: opts.onResult, finish: () => resolve(false) });
      timer = setTimeout(() => resolve(true), opts.timeoutMs ?? 15_000);
    });
    try {
      // The broker may drop a command that waits for an offline kiosk past its expiry (MQTT 5 message expiry); one
      // that already expired is still sent, so the kiosk answers 'expired' (the contract's own check).
      const ttl = opts.ttlSec ?? 60;
      await this.publish(topics.commands(this.mall, deviceId), JSON.stringify(command), { qos: 1, ...(ttl > 0 ? { properties: { messageExpiryInterval: ttl } } : {}) });
      this.o.log.info('command sent', { deviceId, id: command.id, name, expiresAt: command.expiresAt });
      const timedOut = await done;
      return { command, results: [...results], timedOut };
    } finally {
      clearTimeout(timer);
      this.waiters.delete(command.id);
      await this.releaseDirectResults(direct);
    }
  }

  private async retainDirectResults(topic: string) {
    if (!this.v5 && !this.isTool) return; // without shared subscriptions the plain subscription already covers it
    const n = this.directResultSubs.get(topic) ?? 0;
    this.directResultSubs.set(topic, n + 1);
    if (n === 0) await new Promise<void>((resolve) => this.client?.subscribe(topic, { qos: 1 }, () => resolve()) ?? resolve());
  }

  private async releaseDirectResults(topic: string) {
    if (!this.v5 && !this.isTool) return;
    const n = (this.directResultSubs.get(topic) ?? 1) - 1;
    if (n > 0) return void this.directResultSubs.set(topic, n);
    this.directResultSubs.delete(topic);
    if (this.client && !this.stopped) await new Promise<void>((resolve) => this.client!.unsubscribe(topic, () => resolve()));
  }

  /** Publishes every queuing restaurant's status (retained); the queue tools call it after a change. */
  async publishQueueStatus(): Promise<QueueStatusMessage> {
    if (!this.queue) throw new Error('the HQ simulator is not started');
    return this.queue.publishStatus((t, p, o) => this.publish(t, p, o), this.now());
  }

  /** HQ's queue store (the tools read and change it). */
  get queueStore() {
    if (!this.queue) throw new Error('the HQ simulator is not started');
    return this.queue.store;
  }

  /** HQ's survey desk (the tools read it; publishSurveys sends its newest set retained). */
  get surveyDesk(): SurveyDesk {
    if (!this.surveys) throw new Error('the HQ simulator is not started');
    return this.surveys;
  }

  /** Publishes the newest survey set (retained): after a tool stored a new one. */
  async publishSurveys(): Promise<void> {
    await this.surveyDesk.publish((t, p, o) => this.publish(t, p, o));
  }

  /** Publishes the mall's lotteries (retained; lottery/desk.ts), revealing the seed of any that has closed. */
  async publishLotteryBoard(): Promise<LotteryBoard> {
    if (!this.lottery) throw new Error('the HQ simulator is not started');
    return this.lottery.publishBoard((t, p, o) => this.publish(t, p, o), this.now());
  }

  /** HQ's lottery book (the tools and tests read and change it). */
  get lotteryStore() {
    if (!this.lottery) throw new Error('the HQ simulator is not started');
    return this.lottery.store;
  }

  /** HQ's feedback contact key and follow link (retained): kiosks seal a phone number with it (feedback/key.ts). */
  async publishFeedbackKey(): Promise<void> {
    const msg = feedbackKeyMessage(this.mall, loadOrCreateFeedbackKey(this.o.data.dataDir, this.now()));
    await this.publish(topics.feedbackKey(this.mall), JSON.stringify(msg), { qos: 1, retain: true });
  }

  /** Sends a reply or resolution to the kiosk the ticket came from (QoS 1: the broker keeps it for an offline kiosk's session). */
  async publishFeedbackUpdate(deviceId: string, update: FeedbackUpdate): Promise<void> {
    await this.publish(topics.feedbackUpdates(this.mall, deviceId), JSON.stringify(update), { qos: 1 });
    this.o.log.info('feedback update sent', { deviceId, ticket: update.ticket, kind: update.kind });
  }

  // ---- upstream (upstream.ts) ----

  private get upstreamDeps(): UpstreamDeps {
    return {
      mall: this.mall, data: this.o.data, log: this.o.log, counters: this.counters, waiters: this.waiters, now: this.now(),
      publish: (topic, payload, opts) => this.publish(topic, payload, opts),
      ensureDesiredConfig: (deviceId) => this.ensureDesiredConfig(deviceId),
      queue: this.queue,
      surveys: this.isTool ? null : this.surveys,
      lottery: this.lottery,
    };
  }

  private onMessage(topic: string, payload: Buffer, packet: IPublishPacket) {
    let msg: Inbound;
    try {
      msg = parseInbound(topic, payload, this.mall);
      handleUpstream(this.upstreamDeps, msg, packet);
    } catch (err) {
      // A store or publish failure for one message must not take the simulator down.
      this.counters.refused += 1;
      this.o.log.error('could not handle a message', { topic, err: (err as Error).message });
    }
  }
}
