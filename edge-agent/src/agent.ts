// Composition root: opens the database, seeds the demo, serves the API, syncs with HQ. Used by main.ts and tests.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Health } from '../../contracts/api.ts';
import type { Member } from '../../contracts/catalog.ts';
import type { AgentSettings } from '../../contracts/config.ts';
import { createHandlers, type UiSignals } from './api/handlers.ts';
import { parkingHandlers } from './api/parking-handlers.ts';
import { ParkingService } from './parking/service.ts';
import { storedMap } from './map/store.ts';
import { startApiServer, type ApiServer } from './api/server.ts';
import { registerFloorRank } from './catalog/repo.ts';
import { catalogInfo } from './catalog/info.ts';
import { openDatabase, schemaVersion, type Db } from './db/open.ts';
import { seedDemoMapIfNone } from './demo/map.ts';
import { seedDemoIfEmpty } from './demo/seed.ts';
import type { Logger } from '../../common/node/log.ts';
import { MapService } from './map/service.ts';
import { ContentManager } from './content/manager.ts';
import { ProofOfPlay } from './content/plays.ts';
import { MemberService } from './members/service.ts';
import { enqueueEvent, type OutboxEvent } from './outbox.ts';
import { captureScreenshot, hasShell, onShellRecovery } from './shell.ts';
import { effectiveDisplay } from './settings/effective.ts';
import { SyncEngine } from './sync/engine.ts';
import { commandHandlers, localCommand } from './commands/handlers.ts';
import { saveScreenshot } from './commands/screenshots.ts';
import { AGENT_VERSION } from './version.ts';
import { WallService } from './wall/service.ts';
import type { StaffAction } from '../../contracts/staff.ts';
import { staffHandlers } from './api/staff-handlers.ts';
import { LogRing, recordingLogger } from './staff/log-ring.ts';
import { StaffService, type ActionOutcome } from './staff/service.ts';
import { queueHandlers } from './api/queue-handlers.ts';
import { ReceiptPrinter } from './printer/receipt-printer.ts';
import { QueueService } from './queue/service.ts';
import { surveyHandlers } from './api/survey-handlers.ts';
import { SurveyService } from './surveys/service.ts';
import { lotteryHandlers } from './api/lottery-handlers.ts';
import { LotteryService } from './lottery/service.ts';
import { feedbackHandlers } from './api/feedback-handlers.ts';
import { FeedbackService } from './feedback/service.ts';

export type Agent = { db: Db; server: ApiServer; sync: SyncEngine; secret: string; recordEvent(e: OutboxEvent): string; stop(): Promise<void> };

export type AgentHooks = {
  /** Called for HQ's restart-agent command once its result is sent (main.ts exits; the supervisor restarts). */
  onRestartRequested?: () => void;
};

export async function startAgent(settings: AgentSettings, log: Logger, secret = randomBytes(32).toString('base64url'), hooks: AgentHooks = {}): Promise<Agent> {
  const startedAt = Date.now();
  // Recent log lines stay in memory for the staff console's diagnostics export.
  const logs = new LogRing(500);
  log = recordingLogger(log, logs);
  const db = openDatabase(settings.dataDir, log.child('db'));
  registerFloorRank(db);
  if (settings.demo) {
    seedDemoIfEmpty(db, log.child('demo'), new Date(), settings.timeZone);
    seedDemoMapIfNone(db, settings.mallId, log.child('demo'));
  }
  const sqliteVersion = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  const signals: UiSignals = { reloadSeq: 0 };

  // Every command (HQ's, and the staff console's actions) runs one of these handlers (`sync` is created just below,
  // before any command can arrive).
  const commands = commandHandlers({
    log,
    syncNow: () => sync.syncNow(),
    applyDesired: (desired) => sync.applyDesired(desired),
    reloadUi: () => (signals.reloadSeq += 1),
    ...(hooks.onRestartRequested ? { restart: hooks.onRestartRequested } : {}),
    screenshots: { available: hasShell, capture: () => captureScreenshot(), save: (commandId, png) => saveScreenshot(settings.dataDir, commandId, png) },
  });

  // A newer desired config may take back staff overrides, which writes staff.audit events: send them promptly.
  const sync = new SyncEngine({
    settings, db, log: log.child('sync'), agentVersion: AGENT_VERSION, startedAt, commands,
    onConfigChanged: () => sync.drainSoon(), onCatalogApplied: () => content.poke(), onQueueStatus: (s) => queue.onStatus(s),
    onSurveys: (m): string => surveys.onSurveys(m), onSurveyResult: (r): string => surveys.onResult(r),
  });
  const members = new MemberService({
    db, log: log.child('members'), hq: sync, onEventWritten: () => sync.drainSoon(),
    idleTimeoutSec: () => effectiveDisplay(db, settings.display).idleTimeoutSec, timeZone: settings.timeZone,
  });

  const wall = new WallService({
    db, log: log.child('wall'), mallId: settings.mallId, modelsDir: settings.modelsDir, threads: settings.expressionThreads,
    display: () => effectiveDisplay(db, settings.display), onEventWritten: () => sync.drainSoon(), members, timeZone: settings.timeZone,
  });
  // Signage content: downloads what the catalog names into <data>/content, checked before it is served.
  const content = new ContentManager({ db, dataDir: settings.dataDir, settings: settings.content, timeZone: settings.timeZone, log: log.child('content') });
  // Restaurant queue tickets from HQ, printed on the receipt printer when one is configured.
  const printer = new ReceiptPrinter({ db, setting: settings.printer, log: log.child('printer') });
  const queue = new QueueService({
    db, log: log.child('queue'), hq: sync, printer, timeZone: settings.timeZone, memberIdOf: (memberSession) => members.memberOf(memberSession).member.id,
  });
  // Surveys from HQ: one response per member per survey, each through the outbox; the reward only once HQ confirms.
  const surveys = new SurveyService({
    db, log: log.child('surveys'), memberOf: (s): Member => members.memberOf(s).member, online: () => sync.online(), onEventWritten: () => sync.drainSoon(),
  });
  // Member-day lottery: HQ draws; the kiosk shows the published terms and claims a prize's coupon.
  const lottery = new LotteryService({ db, log: log.child('lottery'), hq: sync, members });
  // Shopper feedback: a ticket at once, the feedback to HQ through the outbox (a phone number sealed for HQ).
  const feedback = new FeedbackService({
    db, log: log.child('feedback'), deviceId: settings.deviceId, zones: settings.zones, onEventWritten: () => sync.drainSoon(),
    memberOf: (s) => members.memberOf(s).member,
  });
  const map = new MapService({ db, mallId: settings.mallId, display: () => effectiveDisplay(db, settings.display) });
  // Proof of play: each item, or hourly counts (display setting proofOfPlay), always through the outbox.
  const plays = new ProofOfPlay({ db, log: log.child('content'), mode: () => effectiveDisplay(db, settings.display).proofOfPlay, onEventWritten: () => sync.drainSoon() });
  const parking = new ParkingService({
    hq: sync, hqConfigured: Boolean(settings.hqUrl), memberIdOf: (s) => members.memberOf(s).member.id,
    venue: () => storedMap(db)?.venue ?? null, log: log.child('parking'),
  });

  // Staff console actions run the same handlers as HQ's commands of the same name.
  const runStaffAction = async (action: StaffAction): Promise<ActionOutcome> => {
    const r = await commands[action](localCommand(action));
    return { status: r.status === 'done' || r.status === 'rejected' ? r.status : 'failed', detail: r.detail };
  };
  const staff = new StaffService({
    db, settings, log: log.child('staff'), logs, agentVersion: AGENT_VERSION, startedAt,
    sync: () => sync.status(), runAction: runStaffAction, onConfigChanged: () => sync.configChangedLocally(), onAudit: () => sync.drainSoon(),
  });

  const health = (): Health => {
    const s = sync.status();
    return {
      status: s.lastError ? 'degraded' : 'ok',
      versions: { agent: AGENT_VERSION, node: process.versions.node, sqlite: sqliteVersion, schema: schemaVersion(db), catalog: catalogInfo(db)?.version ?? 0 },
      uptimeSec: Math.round((Date.now() - startedAt) / 100) / 10,
      deviceId: settings.deviceId,
      mallId: settings.mallId,
      sync: { state: s.state, lastSyncAt: s.lastSyncAt, lastError: s.lastError, outboxDepth: s.outboxDepth },
    };
  };

  let server: ApiServer;
  try {
    server = await startApiServer({ port: settings.apiPort, secret, uiDir: settings.uiDir, modelsDir: settings.modelsDir, handlers: { ...createHandlers(db, settings, members, wall, map, (payload) => plays.record(payload), signals), ...staffHandlers(staff), ...parkingHandlers(parking), ...queueHandlers(queue), ...surveyHandlers(surveys), ...lotteryHandlers(lottery), ...feedbackHandlers(feedback) }, content, health, log: log.child('api') });
  } catch (err) {
    db.close();
    throw err;
  }
  const recordEvent = (e: OutboxEvent) => {
    const id = enqueueEvent(db, e);
    sync.drainSoon();
    return id;
  };
  recordEvent({ type: 'device.started', payload: { deviceId: settings.deviceId, agentVersion: AGENT_VERSION } });
  // Recoveries of the kiosk shell (page reloads, relaunches, agent restarts) go to HQ like any other event.
  const stopShellRecovery = onShellRecovery(({ type: _type, id, ...recovery }) => {
    log.warn('kiosk shell recovered', { action: recovery.action, cause: recovery.cause, role: recovery.role, attempt: recovery.attempt });
    recordEvent({ type: 'shell.recovery', eventId: id, payload: recovery });
  });
  sync.start();
  // The store check hashes every file before it is served again; it runs while the kiosk already answers.
  content.start().catch((err: unknown) => log.error('content store could not start', { err }));
  plays.start();
  members.start();
  wall.start();
  staff.start();
  printer.start();

  // Local tools of the same OS user (bench, hq simulator, npm start) find the port and secret here.
  const runDir = path.join(settings.dataDir, 'run');
  mkdirSync(runDir, { recursive: true, mode: 0o700 });
  const runFile = path.join(runDir, 'agent.json');
  writeFileSync(runFile, JSON.stringify({ pid: process.pid, port: server.port, url: server.url, secret }), { mode: 0o600 });

  return {
    db,
    server,
    sync,
    secret,
    recordEvent,
    stop: async () => {
      stopShellRecovery();
      plays.stop();
      members.stop();
      staff.stop();
      printer.stop();
      await wall.stop();
      await content.stop();
      await sync.stop();
      await server.close();
      db.close();
      rmSync(runFile, { force: true });
    },
  };
}
