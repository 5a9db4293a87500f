// The HQ sync engine: one MQTT 5 connection that keeps the kiosk in step with HQ. Downstream messages are parsed
// with the contract and applied atomically in SQLite; upstream events leave the SQLite outbox only after a PUBACK
// with a success reason code. It reconnects with capped exponential backoff and jitter, forever.
import { randomUUID } from 'node:crypto';
import mqtt, { type IPublishPacket, type MqttClient } from 'mqtt';
import { backoffDelay, type Backoff } from '../../../contracts/backoff.ts';
import type { AgentSettings } from '../../../contracts/config.ts';
import type { SyncState, SyncStatus } from '../../../contracts/sync-status.ts';
import {
  CatalogDelta, CatalogSnapshot, Command, DesiredConfig, MAX_PAYLOAD_BYTES, MemberLookupResponse, topics,
  type CommandResult, type DeviceEvent, type DeviceStatus, type Heartbeat, type MemberLookupRequest, type ReportedConfig,
} from '../../../contracts/mqtt.ts';
import { ClaimResult } from '../../../contracts/members.ts';
import { catalogInfo } from '../catalog/info.ts';
import type { Db } from '../db/open.ts';
import type { Logger } from '../../../common/node/log.ts';
import { applyClaimResult } from '../members/claims.ts';
import { outboxBatch, outboxDelete, outboxDepth, outboxFailed } from '../outbox.ts';
import { applyDelta, applySnapshot, rememberInbox } from './apply.ts';
import { meta, setMeta } from '../db/meta.ts';
import { applyDesiredConfig, desiredConfig } from '../settings/desired.ts';
import { effectiveDisplay } from '../settings/effective.ts';
import { LookupWaiters } from './lookups.ts';
import { listOverrides } from '../settings/overrides.ts';
import { mqttOptions } from './mqtt-options.ts';


export type CommandHandler = (cmd: Command) => Promise<Pick<CommandResult, 'status' | 'detail' | 'data'>>;

export type SyncOptions = {
  settings: AgentSettings;
  db: Db;
  log: Logger;
  agentVersion: string;
  startedAt: number;
  /** Runs commands other than sync-now and set-config (reload-ui, restart-agent, capture-screenshot). */
  onCommand?: CommandHandler;
  onConfigChanged?: () => void;
  backoff?: Backoff;
  now?: () => Date;
};


const reconnectBackoff: Backoff = { initialMs: 1000, maxMs: 60_000, factor: 2, jitter: 0.3 };
const REJECTED_RETRY_MS = 30_000;

export class SyncEngine {
  private client: MqttClient | null = null;
  private state: SyncState = 'disabled';
  private attempt = 0;
  private reconnects = 0;
  private refused = 0;
  private lastError: string | null = null;
  private stopped = false;
  private draining = false;
  private drainAgain = false;
  private readonly inFlight = new Set<string>();
  private readonly lookups = new LookupWaiters();
  private timers = new Set<NodeJS.Timeout>();
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private readonly o: SyncOptions;
  private readonly mall: string;
  private readonly device: string;

  constructor(opts: SyncOptions) {
    this.o = opts;
    this.mall = opts.settings.mallId;
    this.device = opts.settings.deviceId;
  }

  private now(): Date {
    return this.o.now?.() ?? new Date();
  }

  start(): void {
    if (!this.o.settings.hqUrl) {
      this.o.log.info('no HQ configured; the kiosk runs on its local data');
      return;
    }
    this.state = 'connecting';
    this.client = mqtt.connect(this.o.settings.hqUrl, mqttOptions(this.o.settings, this.o.agentVersion));
    this.client.on('connect', (connack) => this.onConnect(connack.sessionPresent));
    this.client.on('message', (topic, payload, packet) => this.onMessage(topic, payload, packet));
    this.client.on('error', (err) => {
      this.lastError = `MQTT: ${err.message}`;
      this.o.log.warn('mqtt error', { err: err.message, code: (err as { code?: unknown }).code });
    });
    this.client.on('close', () => this.onClose());
  }

  status(): SyncStatus {
    return {
      state: this.state,
      lastSyncAt: meta(this.o.db, 'sync.lastSyncAt'),
      lastError: this.lastError,
      reconnects: this.reconnects,
      refused: this.refused,
      outboxDepth: outboxDepth(this.o.db),
    };
  }

  /** Publishes an offline status and leaves; queued events stay in the outbox for the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.lookups.rejectAll('the agent is stopping');
    const client = this.client;
    if (!client) return;
    if (this.state === 'online') {
      await this.publish(topics.status(this.mall, this.device), this.statusPayload(false, 'shutdown'), { qos: 1, retain: true }, 2000).catch(() => {});
    }
    await new Promise<void>((resolve) => client.end(false, {}, () => resolve()));
    this.state = 'disabled';
  }

  /** Kicks the outbox drain (after a new event is written). */
  drainSoon(): void {
    if (this.state === 'online') void this.drain();
  }

  /** Whether HQ is reachable now (member look-ups can be tried). */
  online(): boolean {
    return this.state === 'online';
  }

  /** Asks HQ for a member over MQTT 5 request/response; rejects when offline or after the timeout. */
  lookupMember(req: MemberLookupRequest): Promise<MemberLookupResponse> {
    const client = this.client;
    if (!client || this.state !== 'online') return Promise.reject(new Error('offline: HQ cannot be reached right now'));
    const correlation = randomUUID();
    const answer = this.lookups.wait(correlation, this.o.settings.mqtt.lookupTimeoutMs);
    client.publish(topics.lookupRequest(this.mall, this.device), JSON.stringify(req), {
      qos: 1,
      properties: { responseTopic: topics.lookupResponse(this.mall, this.device), correlationData: Buffer.from(correlation), messageExpiryInterval: 30 },
    });
    return answer;
  }

  // ---- connection ----

  private onConnect(sessionPresent: boolean) {
    this.attempt = 0;
    this.state = 'online';
    this.o.log.info('connected to HQ', { sessionPresent });
    const client = this.client!;
    // Small QoS 1 messages back to back: without TCP_NODELAY, Nagle + delayed ACK add ~40 ms per hop.
    (client.stream as { setNoDelay?: (on: boolean) => void } | undefined)?.setNoDelay?.(true);
    const sub = [
      topics.configDesired(this.mall, this.device),
      topics.commands(this.mall, this.device),
      topics.lookupResponse(this.mall, this.device),
      topics.claimResults(this.mall, this.device),
      topics.catalogSnapshot(this.mall),
      topics.catalogDelta(this.mall),
    ];
    client.subscribe(sub, { qos: 1 }, (err, granted) => {
      if (err) this.o.log.warn('subscribe failed', { err: err.message });
      const refused = (granted ?? []).filter((g) => g.qos >= 0x80);
      if (refused.length) this.o.log.warn('subscriptions refused by the broker', { topics: refused.map((g) => g.topic) });
    });
    // Birth: after every (re)connect, replacing the retained will.
    void this.publish(topics.status(this.mall, this.device), this.statusPayload(true, 'birth'), { qos: 1, retain: true }).catch(() => {});
    void this.publishReported();
    this.sendHeartbeat();
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = setInterval(() => this.sendHeartbeat(), this.o.settings.mqtt.heartbeatSec * 1000);
    void this.drain();
  }

  private onClose() {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = null;
    if (this.stopped) return;
    if (this.state === 'online') this.o.log.warn('disconnected from HQ; the kiosk keeps serving from local data');
    this.state = 'offline';
    this.attempt += 1;
    const delayMs = backoffDelay(this.attempt, this.o.backoff ?? reconnectBackoff);
    this.o.log.info('reconnecting to HQ', { attempt: this.attempt, delayMs });
    this.later(delayMs, () => {
      if (this.stopped || !this.client) return;
      this.reconnects += 1;
      this.state = 'connecting';
      // Hand mqtt.js its own stores back: reconnect() without them starts with empty ones, which would drop the
      // QoS 1 publishes still awaiting a PUBACK (their callbacks would never fire and the drain would stall).
      this.client.reconnect({ incomingStore: this.client.incomingStore, outgoingStore: this.client.outgoingStore });
    });
  }

  private later(ms: number, fn: () => void) {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  private publish(topic: string, payload: string, opts: { qos: 0 | 1; retain?: boolean }, timeoutMs?: number): Promise<void> {
    const client = this.client;
    if (!client) return Promise.reject(new Error('not connected'));
    return new Promise((resolve, reject) => {
      const timer = timeoutMs ? setTimeout(() => reject(new Error('publish timed out')), timeoutMs) : null;
      client.publish(topic, payload, opts, (err) => {
        if (timer) clearTimeout(timer);
        if (err) reject(err);
        else resolve();
      });
    });
  }

  // ---- upstream ----

  private statusPayload(online: boolean, reason: DeviceStatus['reason']): string {
    const s: DeviceStatus = { online, ts: this.now().toISOString(), deviceId: this.device, mallId: this.mall, reason, agentVersion: this.o.agentVersion };
    return JSON.stringify(s);
  }

  private sendHeartbeat() {
    const mem = process.memoryUsage();
    const hb: Heartbeat = {
      ts: this.now().toISOString(),
      deviceId: this.device,
      uptimeSec: Math.round((Date.now() - this.o.startedAt) / 1000),
      outboxDepth: outboxDepth(this.o.db),
      lastSyncAt: meta(this.o.db, 'sync.lastSyncAt'),
      catalogVersion: catalogInfo(this.o.db)?.version ?? 0,
      configVersion: desiredConfig(this.o.db)?.version ?? 0,
      rssMb: Math.round((mem.rss / 1048576) * 10) / 10,
      heapUsedMb: Math.round((mem.heapUsed / 1048576) * 10) / 10,
      lastError: this.lastError,
    };
    void this.publish(topics.heartbeat(this.mall, this.device), JSON.stringify(hb), { qos: 0 }).catch(() => {});
  }

  /** A setting changed on the kiosk (staff console): tell HQ at once when online (and after every connect anyway). */
  configChangedLocally(): void {
    if (this.state === 'online') void this.publishReported();
  }

  /**
   * Fetches HQ's retained snapshot and desired config again and drains the outbox: HQ's sync-now command and the
   * staff console's "sync now" both run this.
   */
  async syncNow(): Promise<Pick<CommandResult, 'status' | 'detail' | 'data'>> {
    if (!this.client || this.state !== 'online') {
      return { status: 'failed', detail: `HQ cannot be reached right now (${this.o.settings.hqUrl ? this.state : 'no HQ configured'}); ${outboxDepth(this.o.db)} event(s) wait in the outbox`, data: null };
    }
    this.refetchSnapshot();
    const t = topics.configDesired(this.mall, this.device);
    this.client.unsubscribe(t, () => this.client?.subscribe(t, { qos: 1 }));
    await this.drain();
    return { status: 'done', detail: null, data: { outboxDepth: outboxDepth(this.o.db), catalogVersion: catalogInfo(this.o.db)?.version ?? 0 } };
  }

  private async publishReported() {
    const reported: ReportedConfig = {
      ts: this.now().toISOString(),
      desiredVersion: desiredConfig(this.o.db)?.version ?? 0,
      effective: effectiveDisplay(this.o.db, this.o.settings.display),
      localOverrides: listOverrides(this.o.db).map((o) => o.field),
    };
    await this.publish(topics.configReported(this.mall, this.device), JSON.stringify(reported), { qos: 1, retain: true }).catch(() => {});
  }

  /** Publishes outbox rows in batches; a row is deleted only after its PUBACK carries a success reason code. */
  private async drain(): Promise<void> {
    if (this.draining) {
      this.drainAgain = true;
      return;
    }
    this.draining = true;
    try {
      do {
        this.drainAgain = false;
        while (this.state === 'online' && !this.stopped) {
          const rows = outboxBatch(this.o.db, this.o.settings.mqtt.drainBatch, this.inFlight);
          if (rows.length === 0) break;
          const outcomes = await Promise.all(rows.map((row) => this.publishEvent(row)));
          const acked = rows.filter((_, i) => outcomes[i] === null).map((r) => r.eventId);
          if (acked.length) {
            // One durable commit per batch: the acknowledged rows go and the last-sync time moves together.
            this.o.db.transaction(() => {
              outboxDelete(this.o.db, acked);
              setMeta(this.o.db, 'sync.lastSyncAt', this.now().toISOString());
            })();
          }
          const rejected = rows.map((r, i) => [r, outcomes[i]] as const).filter(([, e]) => e !== null);
          if (rejected.length) {
            for (const [row, error] of rejected) outboxFailed(this.o.db, row.eventId, error!);
            this.lastError = `HQ refused ${rejected.length} event(s): ${rejected[0]![1]}; they stay in the outbox`;
            this.o.log.error('events refused by the broker; kept in the outbox', { count: rejected.length, reason: rejected[0]![1] });
            this.later(REJECTED_RETRY_MS, () => void this.drain());
            return;
          }
          if (this.lastError?.startsWith('HQ refused')) this.lastError = null;
        }
      } while (this.drainAgain && this.state === 'online');
    } finally {
      this.draining = false;
    }
  }

  /** Resolves null after a successful PUBACK, or the refusal reason. Stays pending across a reconnect. */
  private publishEvent(row: { eventId: string; type: string; payload: string; createdAt: string }): Promise<string | null> {
    const event: DeviceEvent = {
      eventId: row.eventId,
      type: row.type,
      deviceId: this.device,
      mallId: this.mall,
      ts: row.createdAt,
      payload: JSON.parse(row.payload) as Record<string, unknown>,
    };
    this.inFlight.add(row.eventId);
    return new Promise((resolve) => {
      this.client!.publish(topics.events(this.mall, this.device), JSON.stringify(event), { qos: 1 }, (err) => {
        this.inFlight.delete(row.eventId);
        if (!err) return resolve(null);
        const code = (err as { code?: unknown }).code;
        resolve(typeof code === 'number' ? `${err.message} (reason code ${code})` : err.message);
      });
    });
  }

  // ---- downstream ----

  private refuse(topic: string, reason: string, bytes: number, level: 'info' | 'warn' = 'warn') {
    this.refused += 1;
    this.o.log[level]('mqtt message refused', { topic, reason, bytes });
  }

  private onMessage(topic: string, payload: Buffer, packet: IPublishPacket) {
    if (payload.length === 0) return; // a cleared retained message
    if (payload.length > MAX_PAYLOAD_BYTES) return this.refuse(topic, `oversized: ${payload.length} bytes > ${MAX_PAYLOAD_BYTES}`, payload.length);
    let json: unknown;
    try {
      json = JSON.parse(payload.toString('utf8'));
    } catch {
      return this.refuse(topic, 'not JSON', payload.length);
    }
    const parse = <T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }): T | null => {
      const r = schema.safeParse(json);
      if (r.success) return r.data;
      const issue = r.error.issues[0]!;
      this.refuse(topic, `wrong schema: ${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`, payload.length);
      return null;
    };
    try {
      if (topic === topics.catalogSnapshot(this.mall)) {
        const snap = parse(CatalogSnapshot);
        if (snap) this.applied(topic, 'catalog snapshot', snap.version, applySnapshot(this.o.db, snap, this.mall, this.now()), payload.length);
      } else if (topic === topics.catalogDelta(this.mall)) {
        const delta = parse(CatalogDelta);
        if (!delta) return;
        const outcome = applyDelta(this.o.db, delta, this.mall, this.now());
        this.applied(topic, 'catalog delta', delta.toVersion, outcome, payload.length);
        if (outcome === 'gap') this.refetchSnapshot();
      } else if (topic === topics.configDesired(this.mall, this.device)) {
        const desired = parse(DesiredConfig);
        if (!desired) return;
        const outcome = applyDesiredConfig(this.o.db, desired);
        this.applied(topic, 'desired config', desired.version, outcome, payload.length);
        if (outcome === 'applied') {
          void this.publishReported();
          this.o.onConfigChanged?.();
        }
      } else if (topic === topics.commands(this.mall, this.device)) {
        const cmd = parse(Command);
        if (cmd) void this.runCommand(cmd);
      } else if (topic === topics.claimResults(this.mall, this.device)) {
        const result = parse(ClaimResult);
        if (result) this.claimResult(topic, result, payload.length);
      } else if (topic === topics.lookupResponse(this.mall, this.device)) {
        const correlation = packet.properties?.correlationData?.toString('utf8') ?? '';
        if (!this.lookups.isWaiting(correlation)) return this.refuse(topic, 'no look-up waiting for this correlation data', payload.length);
        const answer = parse(MemberLookupResponse);
        if (answer) this.lookups.answer(correlation, answer);
      } else {
        this.refuse(topic, 'unexpected topic', payload.length);
      }
    } catch (err) {
      this.refuse(topic, `could not apply: ${(err as Error).message}`, payload.length);
    }
  }

  /** HQ's final word on a claim: applied once; a repeated, late or unknown one changes nothing and is logged. */
  private claimResult(topic: string, result: ClaimResult, bytes: number) {
    const outcome = applyClaimResult(this.o.db, result, this.now());
    if (outcome === 'applied') {
      setMeta(this.o.db, 'sync.lastSyncAt', this.now().toISOString());
      this.o.log.info('claim result applied', { claimId: result.claimId, status: result.status, detail: result.detail });
    } else if (outcome === 'repeated') {
      this.o.log.info('claim result repeated; nothing to change', { claimId: result.claimId, status: result.status });
    } else {
      this.refuse(topic, outcome === 'unknown' ? `unknown claim ${result.claimId}` : `claim ${result.claimId} already final; ${result.status} ignored`, bytes);
    }
  }

  private applied(topic: string, what: string, version: number, outcome: string, bytes: number) {
    if (outcome === 'applied') {
      setMeta(this.o.db, 'sync.lastSyncAt', this.now().toISOString());
      this.o.log.info(`${what} applied`, { version });
    } else {
      // A stale repeat is routine (retained messages come again on every subscribe): logged, but not as a warning.
      this.refuse(topic, `${outcome} ${what} version ${version}`, bytes, outcome === 'stale' ? 'info' : 'warn');
    }
  }

  /** Re-subscribing makes the broker send the retained snapshot again. */
  private refetchSnapshot() {
    const t = topics.catalogSnapshot(this.mall);
    this.client?.unsubscribe(t, () => this.client?.subscribe(t, { qos: 1 }));
  }

  private async runCommand(cmd: Command) {
    const now = this.now();
    if (!rememberInbox(this.o.db, `command:${cmd.id}`, now)) {
      this.o.log.warn('command repeated; ignored', { id: cmd.id, name: cmd.name });
      return;
    }
    const result = async (r: Pick<CommandResult, 'status' | 'detail' | 'data'>) => {
      const full: CommandResult = { id: cmd.id, ts: this.now().toISOString(), ...r };
      await this.publish(topics.commandResults(this.mall, this.device), JSON.stringify(full), { qos: 1 }).catch(() => {});
    };
    if (Date.parse(cmd.expiresAt) <= now.getTime()) {
      this.o.log.warn('command expired before it arrived', { id: cmd.id, name: cmd.name });
      return result({ status: 'expired', detail: `expired at ${cmd.expiresAt}`, data: null });
    }
    await result({ status: 'accepted', detail: null, data: null });
    this.o.log.info('running command', { id: cmd.id, name: cmd.name });
    try {
      if (cmd.name === 'sync-now') return result(await this.syncNow());
      if (cmd.name === 'set-config') {
        const desired = DesiredConfig.safeParse(cmd.args);
        if (!desired.success) return result({ status: 'rejected', detail: `args must be a desired config: ${desired.error.issues[0]?.message}`, data: null });
        const outcome = applyDesiredConfig(this.o.db, desired.data);
        if (outcome === 'applied') {
          await this.publishReported();
          this.o.onConfigChanged?.();
        }
        return result({ status: outcome === 'applied' ? 'done' : 'rejected', detail: outcome === 'applied' ? null : `version ${desired.data.version} is ${outcome}`, data: null });
      }
      if (!this.o.onCommand) return result({ status: 'rejected', detail: `${cmd.name} is not supported by this agent`, data: null });
      await result(await this.o.onCommand(cmd));
    } catch (err) {
      await result({ status: 'failed', detail: (err as Error).message, data: null });
    }
  }
}
