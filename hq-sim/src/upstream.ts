// What HQ does with each message a kiosk sends (parsed by inbound.ts): record statuses, heartbeats, events
// (de-duplicated by id), reported configs and command results; answer member look-ups; decide claims and points
// exchanges and answer them on the device's claims/result topic. Split from simulator.ts, which owns the connection.
import type { IClientPublishOptions, IPublishPacket } from 'mqtt';
import { MemberLookupResponse, topics, type CommandResult, type DesiredConfig, type DeviceEvent, type DeviceEventEnvelope } from '../../contracts/mqtt.ts';
import { settleClaim } from './claim-ledger.ts';
import { isClaimEventType } from './claims.ts';
import { isFinalStatus } from './commands.ts';
import type { HqData } from './hq-data.ts';
import type { Inbound } from './inbound.ts';
import type { HqLog } from './log.ts';
import { answerLookup, lookupReplyTarget } from './lookup.ts';
import { redemptionCode } from './redemption.ts';
import { handleParkingRequest } from './parking/upstream.ts';
import type { QueueDesk } from './queue/desk.ts';
import type { SurveyDesk } from './surveys/desk.ts';
import type { LotteryDesk } from './lottery/desk.ts';
import { recordFeedback } from './feedback/record.ts';

export type HqCounters = {
  statuses: number;
  heartbeats: number;
  eventsNew: number;
  eventsDuplicate: number;
  reportedConfigs: number;
  commandResults: number;
  lookupsAnswered: number;
  /** Claims decided (first time), and claim events that came again and got the stored result. */
  claimsConfirmed: number;
  claimsRejected: number;
  claimsRepeated: number;
  refused: number;
  /** Proof of play: `content.played` events (one item each), `content.played.hourly` events and the items they count. */
  playedItems: number;
  playedHourlyEvents: number;
  playedHourlyItems: number;
};

export type Waiter = { deviceId: string; results: CommandResult[]; onResult?: (r: CommandResult) => void; finish: () => void };

export type UpstreamDeps = {
  mall: string;
  data: HqData;
  log: HqLog;
  counters: HqCounters;
  /** Commands this HQ process sent and waits on, by command id. */
  waiters: ReadonlyMap<string, Waiter>;
  now: Date;
  publish: (topic: string, payload: string, opts: { qos: 0 | 1; retain?: boolean; properties?: IClientPublishOptions['properties'] }) => Promise<void>;
  ensureDesiredConfig: (deviceId: string) => Promise<DesiredConfig>;
  /** The restaurant queue desk (queue/desk.ts); null in a one-off tool. */
  queue: QueueDesk | null;
  /** The survey desk (surveys/desk.ts); absent or null in a one-off tool. */
  surveys?: SurveyDesk | null;
  /** The member-day lottery desk (lottery/desk.ts); null before start. */
  lottery?: LotteryDesk | null;
};

export function handleUpstream(d: UpstreamDeps, msg: Inbound, packet: IPublishPacket): void {
const store = d.data.store;
const now = d.now;
  switch (msg.kind) {
    case 'ignored':
      return;
    case 'refused':
      d.counters.refused += 1;
      d.log.warn('message refused', { topic: packet.topic, reason: msg.reason, bytes: packet.payload.length });
      // A claim HQ cannot use is still answered (rejected, malformed) when it names a claim id: the kiosk waits for it.
      if (msg.claim) answerClaim(d, msg.claim.deviceId, msg.claim, now);
      return;
    case 'status': {
      d.counters.statuses += 1;
      store.recordStatus(msg.data, now);
      d.log.info(msg.data.online ? 'kiosk online' : 'kiosk offline', { deviceId: msg.device, reason: msg.data.reason });
      if (msg.data.online && !store.desiredConfig(d.mall, msg.device)) {
        void d.ensureDesiredConfig(msg.device).catch((err: Error) => d.log.warn('could not publish desired config', { deviceId: msg.device, err: err.message }));
      }
      return;
    }
    case 'heartbeat':
      d.counters.heartbeats += 1;
      store.recordHeartbeat(d.mall, msg.data, now);
      return;
    case 'event': {
      const outcome = store.recordEvent(msg.data, now);
      if (outcome === 'new') {
        d.counters.eventsNew += 1;
        countPlays(d.counters, msg.data);
      } else d.counters.eventsDuplicate += 1;
      d.log.info(outcome === 'new' ? 'event received' : 'event repeated (already recorded)', { deviceId: msg.device, type: msg.data.type, eventId: msg.data.eventId });
      // A repeated claim event is answered again (the kiosk may have missed the first answer), with the same result.
      if (isClaimEventType(msg.data.type)) answerClaim(d, msg.device, msg.data, now);
      // A survey response is decided once by its responseId; a repeat is answered again with the stored result.
      if (msg.data.type === 'survey.answered') d.surveys?.answer(msg.device, msg.data.payload, d.publish, now);
      // Feedback goes to HQ's feedback desk too (once per ticket; a repeat changes nothing there).
      if (msg.data.type === 'feedback.submitted') recordFeedback({ dataDir: d.data.dataDir, log: d.log, now }, msg.device, msg.data.payload);
      return;
    }
    case 'reported':
      d.counters.reportedConfigs += 1;
      store.recordReportedConfig(d.mall, msg.device, msg.data, now);
      return;
    case 'commandResult': {
      // The store keeps each (id, status) once; it may already hold this one from the shared subscription's copy
      // or from another HQ process on the same store, yet a waiter here still needs to hear it (once).
      if (store.recordCommandResult(d.mall, msg.device, msg.data, now)) {
        d.counters.commandResults += 1;
        d.log.info('command result', { deviceId: msg.device, id: msg.data.id, status: msg.data.status, detail: msg.data.detail });
      }
      const waiter = d.waiters.get(msg.data.id);
      if (waiter && waiter.deviceId === msg.device && !waiter.results.some((r) => r.status === msg.data.status)) {
        waiter.results.push(msg.data);
        waiter.onResult?.(msg.data);
        if (isFinalStatus(msg.data.status)) waiter.finish();
      }
      return;
    }
    case 'lookup': {
      const target = lookupReplyTarget(d.mall, msg.device, packet.properties);
      if (!target.ok) {
        d.counters.refused += 1;
        d.log.warn('look-up refused', { deviceId: msg.device, reason: target.reason });
        return;
      }
      const answer = MemberLookupResponse.parse(answerLookup(msg.data, store));
      d.counters.lookupsAnswered += 1;
      d.log.info('member look-up answered', { deviceId: msg.device, by: msg.data.by, found: answer.found });
      void d.publish(target.responseTopic, JSON.stringify(answer), { qos: 1, properties: { correlationData: target.correlationData, messageExpiryInterval: 30 } }).catch((err: Error) =>
        d.log.warn('could not answer a look-up', { deviceId: msg.device, err: err.message }),
      );
      return;
    }
    case 'parking':
      handleParkingRequest(d, msg.device, msg.data, packet);
      return;
    case 'queueTicket': {
      if (!d.queue || !d.queue.answer({ deviceId: msg.device, req: msg.data, packet, publish: d.publish, now })) d.counters.refused += 1;
      return;
    }
    case 'lotteryDraw': {
      if (!d.lottery || !d.lottery.answer({ deviceId: msg.device, req: msg.data, packet, publish: d.publish, now })) d.counters.refused += 1;
      return;
    }
  }
}

/** Decides (or recalls) a claim and publishes HQ's final word on the sending device's claims/result topic. */
function answerClaim(d: UpstreamDeps, deviceId: string, event: DeviceEventEnvelope, now: Date) {
  const outcome = settleClaim(d.data.store, { mallId: d.mall, deviceId, event, now, redemptionCode: (id) => redemptionCode(d.data.key, id) });
  if (outcome.kind === 'unanswerable') {
    d.counters.refused += 1;
    return d.log.warn('claim refused, and no claim id to answer to', { deviceId, eventId: event.eventId, reason: outcome.reason });
  }
  const r = outcome.result;
  d.counters[outcome.kind === 'repeat' ? 'claimsRepeated' : r.status === 'confirmed' ? 'claimsConfirmed' : 'claimsRejected'] += 1;
  const fields = { deviceId, claimId: r.claimId, status: r.status, detail: r.detail, pointsBalance: r.pointsBalance };
  if (outcome.kind === 'conflict' || outcome.kind === 'malformed') d.log.warn(`claim ${outcome.kind}`, { ...fields, reason: outcome.reason });
  else d.log.info(outcome.kind === 'new' ? 'claim decided' : 'claim repeated (same result sent again)', fields);
  void d.publish(topics.claimResults(d.mall, deviceId), JSON.stringify(r), { qos: 1 }).catch((err: Error) =>
    d.log.warn('could not send a claim result', { deviceId, claimId: r.claimId, err: err.message }),
  );
}

/** Proof of play counted once per new event: an item, or an hour's roll-up and the items it stands for. */
function countPlays(c: HqCounters, e: DeviceEvent): void {
  if (e.type === 'content.played') c.playedItems += 1;
  if (e.type === 'content.played.hourly') {
    c.playedHourlyEvents += 1;
    c.playedHourlyItems += e.payload.counts.completed + e.payload.counts.cut + e.payload.counts.error;
  }
}
