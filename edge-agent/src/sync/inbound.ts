// The kiosk's inbound router: every message HQ sends is routed and parsed from the route table
// (common/mqtt-receive.ts: topic, size, JSON, schema) and handed to the one handler of its route below. Anything
// unknown, invalid, stale or not for this kiosk is refused with a reason and counted; nothing stops the receiver.
import type { IPublishPacket } from 'mqtt';
import type { ClaimResult } from '../../../contracts/members.ts';
import type { RefusedAsset } from '../../../contracts/content.ts';
import { DOWNSTREAM_ROUTES, type Command, type DesiredConfig, type DownstreamRoute } from '../../../contracts/mqtt.ts';
import { receive, type Received } from '../../../common/mqtt-receive.ts';
import { setMeta } from '../db/meta.ts';
import { applyVenueMap } from '../map/store.ts';
import { applyClaimResult } from '../members/claims.ts';
import type { DesiredOutcome } from '../settings/desired.ts';
import { applyDelta, applySnapshot } from './apply.ts';
import { refuse, type SyncContext } from './context.ts';
import type { LookupWaiters } from './lookups.ts';
import type { ParkingResponse } from '../../../contracts/parking.ts';
import type { QueueStatusMessage, QueueTicketResponse } from '../../../contracts/queue.ts';
import type { SurveyResult, SurveysMessage } from '../../../contracts/survey.ts';
import type { LotteryDrawResponse } from '../../../contracts/lottery.ts';
import { applyLotteryBoard } from '../lottery/board.ts';
import { applyFeedbackUpdate, saveFeedbackKey } from '../feedback/store.ts';

export type InboundDeps = {
  ctx: SyncContext;
  lookups: LookupWaiters;
  /** Parking requests waiting for the car park's answer. */
  parking: LookupWaiters<ParkingResponse>;
  /** Asks the broker for the retained snapshot again (after a delta that does not follow on). */
  refetchSnapshot: () => void;
  /** Applies a desired config; when applied, the reported config goes to HQ (`reported` settles once it is sent). */
  applyDesired: (desired: DesiredConfig) => { outcome: DesiredOutcome; reported: Promise<void> };
  runCommand: (cmd: Command) => Promise<void>;
  /** A snapshot or delta was applied (the content manager plans its downloads again). */
  onCatalogApplied?: () => void;
  /** Queue ticket requests waiting for HQ's answer, and HQ's live queue figures (kept in memory by queue/service.ts). */
  queueWaiters: LookupWaiters<QueueTicketResponse>;
  onQueueStatus?: (status: QueueStatusMessage) => void;
  /** HQ's survey set and its word on a survey response (surveys/service.ts); without them both are refused as not handled. */
  onSurveys?: (msg: SurveysMessage) => string;
  onSurveyResult?: (result: SurveyResult) => string;
  /** Lottery draws waiting for HQ's answer. */
  lotteryWaiters: LookupWaiters<LotteryDrawResponse>;
};

type Handler<K extends DownstreamRoute> = (d: InboundDeps, msg: Received<K>, meta: { topic: string; bytes: number; packet: IPublishPacket }) => void;
type Meta = Parameters<Handler<DownstreamRoute>>[2];

/** One handler per route the kiosk receives (a route added to the table without one here fails to compile). */
const handlers: { [K in DownstreamRoute]: Handler<K> } = {
  catalogSnapshot: (d, { data: snap }, m) => {
    const outcome = applySnapshot(d.ctx.db, snap, d.ctx.mall, d.ctx.now());
    applied(d, m, 'catalog snapshot', snap.version, outcome);
    if (outcome === 'applied') {
      logRefusedAssets(d, snap.version, snap.refusedAssets);
      d.onCatalogApplied?.();
    }
  },
  catalogDelta: (d, { data: delta }, m) => {
    const outcome = applyDelta(d.ctx.db, delta, d.ctx.mall, d.ctx.now());
    applied(d, m, 'catalog delta', delta.toVersion, outcome);
    if (outcome === 'applied') {
      logRefusedAssets(d, delta.toVersion, delta.upsert.refusedAssets);
      d.onCatalogApplied?.();
    }
    if (outcome === 'gap') d.refetchSnapshot();
  },
  configDesired: (d, { data: desired }, m) => {
    applied(d, m, 'desired config', desired.version, d.applyDesired(desired).outcome);
  },
  commands: (d, { data: cmd }) => {
    void d.runCommand(cmd);
  },
  claimResults: (d, { data: result }, m) => claimResult(d, m, result),
  map: (d, { data: map }, m) => {
    applied(d, m, 'map', map.version, applyVenueMap(d.ctx.db, map, d.ctx.mall, d.ctx.now()));
  },
  lookupResponse: (d, { data: answer }, m) => {
    const correlation = m.packet.properties?.correlationData?.toString('utf8') ?? '';
    if (!d.lookups.isWaiting(correlation)) return refuse(d.ctx, m.topic, 'no look-up waiting for this correlation data', m.bytes);
    d.lookups.answer(correlation, answer);
  },
  parkingResponse: (d, { data: answer }, m) => {
    const correlation = m.packet.properties?.correlationData?.toString('utf8') ?? '';
    if (!d.parking.isWaiting(correlation)) return refuse(d.ctx, m.topic, 'no parking request waiting for this correlation data', m.bytes);
    d.parking.answer(correlation, answer);
  },
  queueTicketResponse: (d, { data: answer }, m) => {
    const correlation = m.packet.properties?.correlationData?.toString('utf8') ?? '';
    if (!d.queueWaiters.isWaiting(correlation)) return refuse(d.ctx, m.topic, 'no queue ticket request waiting for this correlation data', m.bytes, 'info');
    d.queueWaiters.answer(correlation, answer);
  },
  queueStatus: (d, { data: status }) => {
    d.onQueueStatus?.(status);
  },
  surveys: (d, { data: msg }, m) => {
    const outcome = d.onSurveys?.(msg) ?? 'not handled';
    if (outcome === 'applied') setMeta(d.ctx.db, 'sync.lastSyncAt', d.ctx.now().toISOString());
    else refuse(d.ctx, m.topic, `${outcome} surveys version ${msg.version}`, m.bytes, outcome === 'stale' ? 'info' : 'warn');
  },
  surveyResults: (d, { data: result }, m) => {
    const outcome = d.onSurveyResult?.(result) ?? 'not handled';
    if (outcome === 'unknown' || outcome === 'conflict' || outcome === 'not handled') refuse(d.ctx, m.topic, `survey result ${result.responseId}: ${outcome}`, m.bytes);
  },
  lotteryDrawResponse: (d, { data: answer }, m) => {
    const correlation = m.packet.properties?.correlationData?.toString('utf8') ?? '';
    if (!d.lotteryWaiters.isWaiting(correlation)) return refuse(d.ctx, m.topic, 'no lottery draw waiting for this correlation data', m.bytes, 'info');
    d.lotteryWaiters.answer(correlation, answer);
  },
  lotteryBoard: (d, { data: board }, m) => {
    const outcome = applyLotteryBoard(d.ctx.db, board, d.ctx.now());
    if (outcome.applied.length) d.ctx.log.info('lottery board applied', { lotteries: outcome.applied.join(', ') });
    for (const r of outcome.refused) refuse(d.ctx, m.topic, `lottery ${r.lotteryId}: ${r.reason}`, m.bytes);
  },
  feedbackKey: (d, { data: key }, m) => {
    if (key.mallId !== d.ctx.mall) return refuse(d.ctx, m.topic, `feedback key for another mall (${key.mallId})`, m.bytes);
    if (saveFeedbackKey(d.ctx.db, key) === 'applied') d.ctx.log.info('feedback contact key applied', { kid: key.kid });
  },
  feedbackUpdates: (d, { data: update }, m) => {
    const outcome = applyFeedbackUpdate(d.ctx.db, update, d.ctx.now());
    if (outcome === 'applied') d.ctx.log.info('feedback update applied', { ticket: update.ticket, kind: update.kind });
    else if (outcome === 'repeated') d.ctx.log.info('feedback update repeated; nothing to change', { ticket: update.ticket, updateId: update.updateId });
    else refuse(d.ctx, m.topic, `feedback update for unknown ticket ${update.ticket}`, m.bytes);
  },
};

export function routeInbound(d: InboundDeps, topic: string, payload: Buffer, packet: IPublishPacket): void {
  const r = receive(DOWNSTREAM_ROUTES, topic, payload);
  if (r.kind === 'ignored') return; // a cleared retained message
  if (r.kind === 'refused') return refuse(d.ctx, topic, r.reason, payload.length);
  // The broker's ACL lets the kiosk read only its own topics; anything else would be a broker misconfiguration.
  if (r.mall !== d.ctx.mall || (r.device !== null && r.device !== d.ctx.device)) return refuse(d.ctx, topic, 'unexpected topic', payload.length);
  try {
    (handlers[r.route] as Handler<DownstreamRoute>)(d, r, { topic, bytes: payload.length, packet });
  } catch (err) {
    refuse(d.ctx, topic, `could not apply: ${(err as Error).message}`, payload.length);
  }
}

/** HQ's final word on a claim: applied once; a repeated, late or unknown one changes nothing and is logged. */
function claimResult(d: InboundDeps, m: Meta, result: ClaimResult) {
  const { db, log } = d.ctx;
  const outcome = applyClaimResult(db, result, d.ctx.now());
  if (outcome === 'applied') {
    setMeta(db, 'sync.lastSyncAt', d.ctx.now().toISOString());
    log.info('claim result applied', { claimId: result.claimId, status: result.status, detail: result.detail });
  } else if (outcome === 'repeated') {
    log.info('claim result repeated; nothing to change', { claimId: result.claimId, status: result.status });
  } else {
    refuse(d.ctx, m.topic, outcome === 'unknown' ? `unknown claim ${result.claimId}` : `claim ${result.claimId} already final; ${result.status} ignored`, m.bytes);
  }
}

function applied(d: InboundDeps, m: Meta, what: string, version: number, outcome: string) {
  if (outcome === 'applied') {
    setMeta(d.ctx.db, 'sync.lastSyncAt', d.ctx.now().toISOString());
    d.ctx.log.info(`${what} applied`, { version });
  } else {
    // A stale repeat is routine (retained messages come again on every subscribe): logged, but not as a warning.
    refuse(d.ctx, m.topic, `${outcome} ${what} version ${version}`, m.bytes, outcome === 'stale' ? 'info' : 'warn');
  }
}

/** Each asset the catalog's contract refused (the rest of the catalog was applied): logged; the heartbeat lists them. */
function logRefusedAssets(d: InboundDeps, version: number, refused: readonly RefusedAsset[] | undefined) {
  for (const r of refused ?? []) d.ctx.log.warn('catalog asset refused', { version, sha256: r.sha256, reason: r.reason });
}
