// What arrives at HQ, routed and parsed from the route table (common/mqtt-receive.ts) before anything is stored: a
// message is either one of the kinds below for this mall, ignored (another mall, a cleared retained message, HQ's own
// downstream topics), or refused with a reason for the log.
import { receive } from '../../common/mqtt-receive.ts';
import {
  DeviceEventEnvelope, isClaimEventType, parseDeviceTopic, UPSTREAM_ROUTES,
  type CommandResult, type DeviceEvent, type DeviceStatus, type Heartbeat, type MemberLookupRequest, type ReportedConfig, type UpstreamRoute,
} from '../../contracts/mqtt.ts';
import type { ParkingRequest } from '../../contracts/parking.ts';
import type { QueueTicketRequest } from '../../contracts/queue.ts';
import type { LotteryDrawRequest } from '../../contracts/lottery.ts';

type Of<K extends string, T> = { kind: K; device: string; data: T };
export type Inbound =
  | Of<'status', DeviceStatus>
  | Of<'heartbeat', Heartbeat>
  | Of<'event', DeviceEvent>
  | Of<'reported', ReportedConfig>
  | Of<'commandResult', CommandResult>
  | Of<'lookup', MemberLookupRequest>
  | Of<'parking', ParkingRequest>
  | Of<'queueTicket', QueueTicketRequest>
  | Of<'lotteryDraw', LotteryDrawRequest>
  | { kind: 'ignored'; reason: string }
  /**
   * `claim` is set for a claim event whose payload HQ cannot use but whose envelope parses and names the topic's
   * device: HQ still answers it (rejected, `malformed`) when it carries a usable claim id, so the kiosk does not
   * wait for ever.
   */
  | { kind: 'refused'; reason: string; claim?: DeviceEventEnvelope };

/** The Inbound kind of each route HQ receives (a route added to the table without one here fails to compile). */
const KIND = {
  status: 'status', heartbeat: 'heartbeat', events: 'event', configReported: 'reported', commandResults: 'commandResult', lookupRequest: 'lookup',
  parkingRequest: 'parking',
  queueTicketRequest: 'queueTicket',
  lotteryDrawRequest: 'lotteryDraw',
} as const satisfies Record<UpstreamRoute, Inbound['kind']>;

/** Routes whose payload names its device: the broker's ACL proves who published, so another identity is refused. */
const namesItsDevice = (route: UpstreamRoute) => route === 'status' || route === 'heartbeat' || route === 'events';

export function parseInbound(topic: string, payload: Buffer, mallId: string): Inbound {
  const t = parseDeviceTopic(topic);
  if (!t) return { kind: 'refused', reason: 'not a device topic' };
  if (t.mall !== mallId) return { kind: 'ignored', reason: `another mall (${t.mall})` };
  if (payload.length === 0) return { kind: 'ignored', reason: 'empty payload (a cleared retained message)' };
  const r = receive(UPSTREAM_ROUTES, topic, payload);
  if (r.kind === 'ignored') return r;
  if (r.kind === 'refused') {
    if (r.route === null) return { kind: 'ignored', reason: `not for HQ (${t.kind})` };
    const envelope = r.route === 'events' ? DeviceEventEnvelope.safeParse(r.json) : null;
    const answerable = envelope?.success && isClaimEventType(envelope.data.type) && envelope.data.deviceId === t.device && envelope.data.mallId === mallId;
    return answerable ? { kind: 'refused', reason: r.reason, claim: envelope.data } : { kind: 'refused', reason: r.reason };
  }
  const device = t.device;
  if (namesItsDevice(r.route)) {
    const d = r.data as { deviceId: string; mallId?: string };
    if (d.deviceId !== device) return { kind: 'refused', reason: `payload deviceId ${d.deviceId} does not match the topic's ${device}` };
    if (d.mallId !== undefined && d.mallId !== mallId) return { kind: 'refused', reason: `payload mallId ${d.mallId} does not match the topic's ${mallId}` };
  }
  // Each route's payload is its schema's output (MQTT_ROUTES), which is what the kind carries.
  return { kind: KIND[r.route], device, data: r.data } as Inbound;
}

