// The MQTT route table: every topic of the HQ <-> kiosk contract with its direction, QoS, retain flag, payload schema
// and subscriber, declared once (in the spirit of zigbee2mqtt's lib/types/api.ts). Topic builders, HQ's and the
// kiosk's subscriptions, the receivers' routers (common/mqtt-receive.ts) and docs/mqtt.md's topic table derive from it.
import type { z } from 'zod';
import { ClaimResult } from './members.ts';
import { DeviceEvent } from './events.ts';
import { VenueMap } from './venue.ts';
import { QueueStatusMessage, QueueTicketRequest, QueueTicketResponse } from './queue.ts';
import {
  CatalogDelta, CatalogSnapshot, Command, CommandResult, DesiredConfig, DeviceStatus, Heartbeat, MemberLookupRequest, MemberLookupResponse,
  ReportedConfig,
} from './mqtt-payloads.ts';
import { ParkingRequest, ParkingResponse } from './parking.ts';
import { SurveyResult, SurveysMessage } from './survey.ts';
import { LotteryBoard, LotteryDrawRequest, LotteryDrawResponse } from './lottery.ts';
import { FeedbackKeyMessage, FeedbackUpdate } from './feedback.ts';

export const TOPIC_ROOT = 'atrium/v1';
/** One topic level for {mall} or {device} (the same rule as Segment in mqtt-payloads.ts). */
const LEVEL = '[A-Za-z0-9_-]{1,48}';

export type RouteDirection = 'device-to-hq' | 'hq-to-device';
/**
 * Who subscribes: 'hq-all' every HQ instance gets every message (plain subscription); 'hq-shared' one instance of an HQ
 * group gets each message (`$share/<group>/`, MQTT 5 shared subscription); 'device' the kiosk the topic names (or,
 * for a mall-wide topic, every kiosk of the mall).
 */
export type RouteSubscriber = 'hq-all' | 'hq-shared' | 'device';

type RouteSpec = {
  /** Under `atrium/v1/{mall}/`; `{device}` is the device id level. */
  pattern: string;
  direction: RouteDirection;
  qos: 0 | 1;
  retain: boolean;
  schema: z.ZodType;
  /** The payload schema's export name (and its file when not mqtt.ts), for docs/mqtt.md. */
  payload: string;
  /** Publisher -> subscriber, in docs/mqtt.md's words. */
  flow: string;
  subscriber: RouteSubscriber;
  description: string;
};

export const MQTT_ROUTES = {
  status: {
    pattern: 'devices/{device}/status', direction: 'device-to-hq', qos: 1, retain: true, schema: DeviceStatus, payload: 'DeviceStatus',
    flow: 'kiosk (and the broker, as its will) → HQ', subscriber: 'hq-all', description: 'online/offline: birth after every connect, will, clean shutdown',
  },
  heartbeat: {
    pattern: 'devices/{device}/heartbeat', direction: 'device-to-hq', qos: 0, retain: false, schema: Heartbeat, payload: 'Heartbeat',
    flow: 'kiosk → HQ', subscriber: 'hq-shared', description: 'figures for the fleet view, every heartbeatSec',
  },
  events: {
    pattern: 'devices/{device}/events', direction: 'device-to-hq', qos: 1, retain: false, schema: DeviceEvent, payload: 'DeviceEvent',
    flow: 'kiosk → HQ', subscriber: 'hq-shared', description: 'events from the kiosk\'s durable outbox, by type (see Events)',
  },
  configReported: {
    pattern: 'devices/{device}/config/reported', direction: 'device-to-hq', qos: 1, retain: true, schema: ReportedConfig, payload: 'ReportedConfig',
    flow: 'kiosk → HQ', subscriber: 'hq-all', description: 'the display settings in force and the desired version applied',
  },
  commandResults: {
    pattern: 'devices/{device}/commands/result', direction: 'device-to-hq', qos: 1, retain: false, schema: CommandResult, payload: 'CommandResult',
    flow: 'kiosk → HQ', subscriber: 'hq-shared', description: 'accepted, then done / failed / rejected; or expired',
  },
  lookupRequest: {
    pattern: 'devices/{device}/lookup', direction: 'device-to-hq', qos: 1, retain: false, schema: MemberLookupRequest, payload: 'MemberLookupRequest',
    flow: 'kiosk → HQ (request)', subscriber: 'hq-shared', description: 'a member look-up, with responseTopic and correlationData',
  },
  configDesired: {
    pattern: 'devices/{device}/config/desired', direction: 'hq-to-device', qos: 1, retain: true, schema: DesiredConfig, payload: 'DesiredConfig',
    flow: 'HQ → kiosk', subscriber: 'device', description: 'HQ\'s display settings for the kiosk, versioned',
  },
  commands: {
    pattern: 'devices/{device}/commands', direction: 'hq-to-device', qos: 1, retain: false, schema: Command, payload: 'Command',
    flow: 'HQ → kiosk', subscriber: 'device', description: 'a command with an id and an expiry',
  },
  lookupResponse: {
    pattern: 'devices/{device}/lookup/response', direction: 'hq-to-device', qos: 1, retain: false, schema: MemberLookupResponse, payload: 'MemberLookupResponse',
    flow: 'HQ → kiosk (response)', subscriber: 'device', description: 'the answer to a look-up, with its correlationData',
  },
  claimResults: {
    pattern: 'devices/{device}/claims/result', direction: 'hq-to-device', qos: 1, retain: false, schema: ClaimResult, payload: 'ClaimResult (contracts/members.ts)',
    flow: 'HQ → kiosk', subscriber: 'device', description: 'HQ\'s final word on a member\'s claim or points exchange',
  },
  catalogSnapshot: {
    pattern: 'catalog/snapshot', direction: 'hq-to-device', qos: 1, retain: true, schema: CatalogSnapshot, payload: 'CatalogSnapshot',
    flow: 'HQ → every kiosk of the mall', subscriber: 'device', description: 'the whole catalog of the mall, versioned',
  },
  catalogDelta: {
    pattern: 'catalog/delta', direction: 'hq-to-device', qos: 1, retain: false, schema: CatalogDelta, payload: 'CatalogDelta',
    flow: 'HQ → every kiosk of the mall', subscriber: 'device', description: 'one catalog version on: rows upserted and removed',
  },
  map: {
    pattern: 'catalog/map', direction: 'hq-to-device', qos: 1, retain: true, schema: VenueMap, payload: 'VenueMap (contracts/venue.ts)',
    flow: 'HQ → every kiosk of the mall', subscriber: 'device', description: 'the mall\'s indoor map (the venue model imported from IMDF), versioned and hashed',
  },
  parkingRequest: {
    pattern: 'devices/{device}/parking', direction: 'device-to-hq', qos: 1, retain: false, schema: ParkingRequest, payload: 'ParkingRequest (contracts/parking.ts)',
    flow: 'kiosk → HQ (request)', subscriber: 'hq-shared', description: 'find my car: a plate (and the signed-in member), with responseTopic and correlationData',
  },
  parkingResponse: {
    pattern: 'devices/{device}/parking/response', direction: 'hq-to-device', qos: 1, retain: false, schema: ParkingResponse, payload: 'ParkingResponse (contracts/parking.ts)',
    flow: 'HQ → kiosk (response)', subscriber: 'device', description: 'the car park\'s answer: space, time, fee, member benefits, payment link; or not found',
  },
  queueTicketRequest: {
    pattern: 'devices/{device}/queue/ticket', direction: 'device-to-hq', qos: 1, retain: false, schema: QueueTicketRequest, payload: 'QueueTicketRequest (contracts/queue.ts)',
    flow: 'kiosk → HQ (request)', subscriber: 'hq-shared', description: 'a restaurant queue ticket, with responseTopic and correlationData (the only message that may carry a phone number)',
  },
  queueTicketResponse: {
    pattern: 'devices/{device}/queue/ticket/response', direction: 'hq-to-device', qos: 1, retain: false, schema: QueueTicketResponse, payload: 'QueueTicketResponse (contracts/queue.ts)',
    flow: 'HQ → kiosk (response)', subscriber: 'device', description: 'the ticket issued (the same one again for a repeated requestId), or why not',
  },
  queueStatus: {
    pattern: 'catalog/queue', direction: 'hq-to-device', qos: 1, retain: true, schema: QueueStatusMessage, payload: 'QueueStatusMessage (contracts/queue.ts)',
    flow: 'HQ → every kiosk of the mall', subscriber: 'device', description: 'live queue figures of every queuing restaurant, on each change and at least every minute',
  },
  surveys: {
    pattern: 'catalog/surveys', direction: 'hq-to-device', qos: 1, retain: true, schema: SurveysMessage, payload: 'SurveysMessage (contracts/survey.ts)',
    flow: 'HQ → every kiosk of the mall', subscriber: 'device', description: 'every survey of the mall (SurveyJS JSON, targeting, reward), versioned; each survey parsed on its own',
  },
  surveyResults: {
    pattern: 'devices/{device}/surveys/result', direction: 'hq-to-device', qos: 1, retain: false, schema: SurveyResult, payload: 'SurveyResult (contracts/survey.ts)',
    flow: 'HQ → kiosk', subscriber: 'device', description: 'HQ\'s final word on a survey response: points credited, or why none',
  },
  lotteryDrawRequest: {
    pattern: 'devices/{device}/lottery/draw', direction: 'device-to-hq', qos: 1, retain: false, schema: LotteryDrawRequest, payload: 'LotteryDrawRequest (contracts/lottery.ts)',
    flow: 'kiosk → HQ (request)', subscriber: 'hq-shared', description: 'a member-day lottery draw for a signed-in member, with responseTopic and correlationData',
  },
  lotteryDrawResponse: {
    pattern: 'devices/{device}/lottery/draw/response', direction: 'hq-to-device', qos: 1, retain: false, schema: LotteryDrawResponse, payload: 'LotteryDrawResponse (contracts/lottery.ts)',
    flow: 'HQ → kiosk (response)', subscriber: 'device', description: 'the draw HQ made (the same one again for a repeated drawId), or why not',
  },
  lotteryBoard: {
    pattern: 'catalog/lottery', direction: 'hq-to-device', qos: 1, retain: true, schema: LotteryBoard, payload: 'LotteryBoard (contracts/lottery.ts)',
    flow: 'HQ → every kiosk of the mall', subscriber: 'device', description: 'the lotteries: prizes, odds, values and the seed commitment before opening; the seed after closing',
  },
  feedbackKey: {
    pattern: 'catalog/feedback-key', direction: 'hq-to-device', qos: 1, retain: true, schema: FeedbackKeyMessage, payload: 'FeedbackKeyMessage (contracts/feedback.ts)',
    flow: 'HQ → every kiosk of the mall', subscriber: 'device', description: 'HQ\'s X25519 key that kiosks seal a feedback phone number with, and the ticket follow link',
  },
  feedbackUpdates: {
    pattern: 'devices/{device}/feedback/updates', direction: 'hq-to-device', qos: 1, retain: false, schema: FeedbackUpdate, payload: 'FeedbackUpdate (contracts/feedback.ts)',
    flow: 'HQ → kiosk', subscriber: 'device', description: 'HQ\'s reply to, or resolution of, a feedback ticket from this kiosk',
  },
} as const satisfies Record<string, RouteSpec>;

export type RouteName = keyof typeof MQTT_ROUTES;
export type Route<K extends RouteName = RouteName> = (typeof MQTT_ROUTES)[K];
export type RoutePayload<K extends RouteName> = z.output<Route<K>['schema']>;
export const ROUTE_NAMES = Object.keys(MQTT_ROUTES) as RouteName[];

type RoutesWhere<D extends RouteDirection> = { [K in RouteName]: Route<K>['direction'] extends D ? K : never }[RouteName];
/** Routes HQ receives (the kiosk publishes). */
export type UpstreamRoute = RoutesWhere<'device-to-hq'>;
/** Routes the kiosk receives (HQ publishes). */
export type DownstreamRoute = RoutesWhere<'hq-to-device'>;
export const UPSTREAM_ROUTES = ROUTE_NAMES.filter((k): k is UpstreamRoute => MQTT_ROUTES[k].direction === 'device-to-hq');
export const DOWNSTREAM_ROUTES = ROUTE_NAMES.filter((k): k is DownstreamRoute => MQTT_ROUTES[k].direction === 'hq-to-device');

/** The topic for a route: `atrium/v1/{mall}/` + its pattern with `{device}` filled in. */
export function topicFor(route: RouteName, mall: string, device?: string): string {
  const { pattern } = MQTT_ROUTES[route];
  if (pattern.includes('{device}') && device === undefined) throw new Error(`route ${route} needs a device id`);
  return `${TOPIC_ROOT}/${mall}/${pattern.replace('{device}', device ?? '')}`;
}

type Builder<P extends string> = P extends `${string}{device}${string}` ? (mall: string, device: string) => string : (mall: string) => string;

/** Every topic a kiosk or HQ uses, by route name. {mall} and {device} are single topic levels (no / + #). */
export const topics = Object.fromEntries(
  ROUTE_NAMES.map((k) => [k, (mall: string, device?: string) => topicFor(k, mall, device)]),
) as { [K in RouteName]: Builder<Route<K>['pattern']> };

/** HQ-side subscriptions; `$share/<group>/` lets several HQ consumers split the load (MQTT 5 shared subscriptions). */
export const hqSubscriptions = (group = 'hq'): Record<UpstreamRoute, string> =>
  Object.fromEntries(UPSTREAM_ROUTES.map((k) => {
    const r = MQTT_ROUTES[k];
    return [k, `${r.subscriber === 'hq-shared' ? `$share/${group}/` : ''}${TOPIC_ROOT}/+/${r.pattern.replace('{device}', '+')}`];
  })) as Record<UpstreamRoute, string>;

/** What the kiosk subscribes to (QoS 1), again after every connect: its own downstream topics and its mall's catalog. */
export const deviceSubscriptions = (mall: string, device: string): string[] => DOWNSTREAM_ROUTES.map((k) => topicFor(k, mall, device));

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const matchers = ROUTE_NAMES.map((route) => {
  const [before, after] = MQTT_ROUTES[route].pattern.split('{device}');
  const body = after === undefined ? escape(before!) : `${escape(before!)}(${LEVEL})${escape(after)}`;
  return { route, re: new RegExp(`^${escape(TOPIC_ROOT)}/(${LEVEL})/${body}$`) };
});

export type TopicMatch = { route: RouteName; mall: string; device: string | null };

/** The route a concrete topic belongs to, with its mall and device (null for a mall-wide topic); null when none. */
export function matchTopic(topic: string): TopicMatch | null {
  for (const { route, re } of matchers) {
    const m = re.exec(topic);
    if (m) return { route, mall: m[1]!, device: m[2] ?? null };
  }
  return null;
}

const deviceTopic = new RegExp(`^${escape(TOPIC_ROOT)}/(${LEVEL})/devices/(${LEVEL})/(.+)$`);

/** Splits a device topic into its mall, device and kind (the rest of the topic), or returns null for anything else. */
export function parseDeviceTopic(topic: string): { mall: string; device: string; kind: string } | null {
  const m = deviceTopic.exec(topic);
  return m ? { mall: m[1]!, device: m[2]!, kind: m[3]! } : null;
}
