// The HQ sync engine, as the rest of the agent sees it: one MQTT 5 connection that keeps the kiosk in step with HQ.
// The parts: connection.ts (connect, reconnect with backoff, status and heartbeat), drain.ts (the outbox, deleted
// only after a PUBACK), inbound.ts (everything HQ sends, parsed from the route table) and commands.ts (HQ's
// commands, run by the handlers of commands/handlers.ts).
import { randomUUID } from 'node:crypto';
import type { IClientPublishOptions } from 'mqtt';
import type { Backoff } from '../../../contracts/backoff.ts';
import type { AgentSettings } from '../../../contracts/config.ts';
import { topics, type DesiredConfig, type MemberLookupRequest, type MemberLookupResponse } from '../../../contracts/mqtt.ts';
import type { SyncStatus } from '../../../contracts/sync-status.ts';
import type { ParkingRequest, ParkingResponse } from '../../../contracts/parking.ts';
import { catalogInfo } from '../catalog/info.ts';
import { commandHandlers, type CommandHandlers, type CommandOutcome } from '../commands/handlers.ts';
import { meta } from '../db/meta.ts';
import type { Db } from '../db/open.ts';
import type { Logger } from '../../../common/node/log.ts';
import { outboxDepth, outboxRecheckUnsendable } from '../outbox.ts';
import { applyDesiredConfig, type DesiredOutcome } from '../settings/desired.ts';
import { runCommand } from './commands.ts';
import { HqConnection } from './connection.ts';
import type { SyncContext } from './context.ts';
import { OutboxDrain } from './drain.ts';
import { routeInbound } from './inbound.ts';
import { LookupWaiters } from './lookups.ts';
import { reportedConfig } from './reports.ts';
import type { QueueStatusMessage, QueueTicketRequest, QueueTicketResponse } from '../../../contracts/queue.ts';
import type { SurveyResult, SurveysMessage } from '../../../contracts/survey.ts';
import type { LotteryDrawRequest, LotteryDrawResponse } from '../../../contracts/lottery.ts';

export type SyncOptions = {
  settings: AgentSettings;
  db: Db;
  log: Logger;
  agentVersion: string;
  startedAt: number;
  /**
   * The handlers for HQ's commands (the agent builds them with commandHandlers, giving them the UI, supervisor and
   * shell). Without them the engine runs sync-now and set-config itself and rejects the rest as not supported.
   */
  commands?: CommandHandlers;
  onConfigChanged?: () => void;
  /** A catalog snapshot or delta from HQ was applied. */
  onCatalogApplied?: () => void;
  backoff?: Backoff;
  now?: () => Date;
  /** HQ's live restaurant queue figures arrived (queue/service.ts keeps them in memory). */
  onQueueStatus?: (status: QueueStatusMessage) => void;
  /** HQ's survey set and its results for survey responses (surveys/service.ts); each answers its outcome. */
  onSurveys?: (msg: SurveysMessage) => string;
  onSurveyResult?: (result: SurveyResult) => string;
};

export class SyncEngine {
  private readonly ctx: SyncContext;
  private readonly o: SyncOptions;
  private readonly conn: HqConnection;
  private readonly outbox: OutboxDrain;
  private readonly lookups = new LookupWaiters();
  private readonly parking = new LookupWaiters<ParkingResponse>();
  private readonly queueWaiters = new LookupWaiters<QueueTicketResponse>();
  private readonly lotteryWaiters = new LookupWaiters<LotteryDrawResponse>();
  private readonly commands: CommandHandlers;

  constructor(opts: SyncOptions) {
    this.o = opts;
    this.ctx = {
      settings: opts.settings, db: opts.db, log: opts.log, mall: opts.settings.mallId, device: opts.settings.deviceId,
      now: () => opts.now?.() ?? new Date(), health: { lastError: null, refused: 0 },
    };
    this.conn = new HqConnection(this.ctx, {
      agentVersion: opts.agentVersion,
      startedAt: opts.startedAt,
      ...(opts.backoff ? { backoff: opts.backoff } : {}),
      onOnline: () => {
        void this.publishReported();
        void this.drain();
      },
      onMessage: (topic, payload, packet) => routeInbound({
        ctx: this.ctx, lookups: this.lookups, parking: this.parking, queueWaiters: this.queueWaiters, lotteryWaiters: this.lotteryWaiters,
        ...(opts.onQueueStatus ? { onQueueStatus: opts.onQueueStatus } : {}),
        ...(opts.onSurveys ? { onSurveys: opts.onSurveys } : {}),
        ...(opts.onSurveyResult ? { onSurveyResult: opts.onSurveyResult } : {}),
        refetchSnapshot: () => this.conn.resubscribe(topics.catalogSnapshot(this.ctx.mall)),
        applyDesired: (d) => this.applyDesired(d),
        ...(opts.onCatalogApplied ? { onCatalogApplied: opts.onCatalogApplied } : {}),
        runCommand: (cmd) => runCommand({ ctx: this.ctx, handlers: this.commands, sendResult: (r) => this.conn.send('commandResults', r).catch(() => {}) }, cmd),
      }, topic, payload, packet),
    });
    this.outbox = new OutboxDrain(this.ctx, this.conn);
    this.commands = opts.commands ?? commandHandlers({ log: opts.log, syncNow: () => this.syncNow(), applyDesired: (d) => this.applyDesired(d) });
  }

  start(): void {
    const rechecked = outboxRecheckUnsendable(this.ctx.db);
    if (rechecked) this.ctx.log.info('outbox rows marked unsendable are tried again by this agent', { rows: rechecked });
    if (!this.conn.start()) this.ctx.log.info('no HQ configured; the kiosk runs on its local data');
  }

  status(): SyncStatus {
    return {
      state: this.conn.syncState(),
      lastSyncAt: meta(this.ctx.db, 'sync.lastSyncAt'),
      lastError: this.ctx.health.lastError,
      reconnects: this.conn.reconnects,
      refused: this.ctx.health.refused,
      outboxDepth: outboxDepth(this.ctx.db),
    };
  }

  /** Publishes an offline status and leaves; queued events stay in the outbox for the next start. */
  async stop(): Promise<void> {
    this.lookups.rejectAll('the agent is stopping');
    this.parking.rejectAll('the agent is stopping');
    this.queueWaiters.rejectAll('the agent is stopping');
    this.lotteryWaiters.rejectAll('the agent is stopping');
    await this.conn.stop();
  }

  /** Kicks the outbox drain (after a new event is written). */
  drainSoon(): void {
    if (this.conn.online()) void this.drain();
  }

  /** Whether HQ is reachable now (member look-ups can be tried). */
  online(): boolean {
    return this.conn.online();
  }

  /** Asks HQ for a member over MQTT 5 request/response; rejects when offline or after the timeout. */
  lookupMember(req: MemberLookupRequest): Promise<MemberLookupResponse> {
    return this.request(this.lookups, (properties) => this.conn.send('lookupRequest', req, { properties }), topics.lookupResponse(this.ctx.mall, this.ctx.device));
  }

  /** One MQTT 5 request: waits (up to the look-up timeout) for the answer carrying its fresh correlation data. */
  private request<R>(waiters: LookupWaiters<R>, send: (properties: IClientPublishOptions['properties']) => Promise<void>, responseTopic: string): Promise<R> {
    if (!this.conn.online()) return Promise.reject(new Error('offline: HQ cannot be reached right now'));
    const correlation = randomUUID();
    const answer = waiters.wait(correlation, this.ctx.settings.mqtt.lookupTimeoutMs);
    void send({ responseTopic, correlationData: Buffer.from(correlation), messageExpiryInterval: 30 }).catch(() => {});
    return answer;
  }

  /**
   * Asks HQ's car park about a plate (MQTT 5 request/response, as lookupMember); rejects when offline or after the
   * look-up timeout. The plate is in this one message only: nothing here logs or stores it.
   */
  askParking(req: ParkingRequest): Promise<ParkingResponse> {
    return this.request(this.parking, (properties) => this.conn.send('parkingRequest', req, { properties }), topics.parkingResponse(this.ctx.mall, this.ctx.device));
  }

  /**
   * Asks HQ for a queue ticket over MQTT 5 request/response (the one message that may carry the shopper's phone
   * number); rejects when offline or after the look-up timeout. A retry with the same requestId gets the same ticket.
   */
  requestQueueTicket(req: QueueTicketRequest): Promise<QueueTicketResponse> {
    return this.request(this.queueWaiters, (properties) => this.conn.send('queueTicketRequest', req, { properties }), topics.queueTicketResponse(this.ctx.mall, this.ctx.device));
  }

  /**
   * Asks HQ to draw in a member-day lottery (MQTT 5 request/response); rejects when offline or after the look-up
   * timeout. A retry with the same drawId gets the draw HQ already made.
   */
  requestLotteryDraw(req: LotteryDrawRequest): Promise<LotteryDrawResponse> {
    return this.request(this.lotteryWaiters, (properties) => this.conn.send('lotteryDrawRequest', req, { properties }), topics.lotteryDrawResponse(this.ctx.mall, this.ctx.device));
  }

  /** A setting changed on the kiosk (staff console): tell HQ at once when online (and after every connect anyway). */
  configChangedLocally(): void {
    if (this.conn.online()) void this.publishReported();
  }

  /**
   * Fetches HQ's retained snapshot and desired config again and drains the outbox: HQ's sync-now command and the
   * staff console's "sync now" both run this (through commands/handlers.ts).
   */
  async syncNow(): Promise<CommandOutcome> {
    const { db, settings, mall, device } = this.ctx;
    if (!this.conn.online()) {
      return { status: 'failed', detail: `HQ cannot be reached right now (${settings.hqUrl ? this.conn.syncState() : 'no HQ configured'}); ${outboxDepth(db)} event(s) wait in the outbox`, data: null };
    }
    this.conn.resubscribe(topics.catalogSnapshot(mall));
    this.conn.resubscribe(topics.configDesired(mall, device));
    await this.drain();
    return { status: 'done', detail: null, data: { outboxDepth: outboxDepth(db), catalogVersion: catalogInfo(db)?.version ?? 0 } };
  }

  /** Applies HQ's desired config (its topic or a set-config command); when applied, reports the new config and tells the agent. */
  applyDesired(desired: DesiredConfig): { outcome: DesiredOutcome; reported: Promise<void> } {
    const outcome = applyDesiredConfig(this.ctx.db, desired);
    if (outcome !== 'applied') return { outcome, reported: Promise.resolve() };
    const reported = this.publishReported();
    this.o.onConfigChanged?.();
    return { outcome, reported };
  }

  private drain(): Promise<void> {
    return this.outbox.drain();
  }

  private async publishReported(): Promise<void> {
    await this.conn.send('configReported', reportedConfig(this.ctx)).catch(() => {});
  }
}
