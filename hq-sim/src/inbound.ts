// What arrives at HQ, parsed with the contract before anything is stored: a message is either one of the kinds
// below for this mall, ignored (another mall, a cleared retained message), or refused with a reason for the log.
import {
  CommandResult, DeviceEvent, DeviceStatus, Heartbeat, MAX_PAYLOAD_BYTES, MemberLookupRequest, parseDeviceTopic, ReportedConfig,
} from '../../contracts/mqtt.ts';

type Of<K extends string, T> = { kind: K; device: string; data: T };
export type Inbound =
  | Of<'status', DeviceStatus>
  | Of<'heartbeat', Heartbeat>
  | Of<'event', DeviceEvent>
  | Of<'reported', ReportedConfig>
  | Of<'commandResult', CommandResult>
  | Of<'lookup', MemberLookupRequest>
  | { kind: 'ignored'; reason: string }
  | { kind: 'refused'; reason: string };

type Schema<T> = { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } };

const schemas = {
  status: DeviceStatus,
  heartbeat: Heartbeat,
  events: DeviceEvent,
  'config/reported': ReportedConfig,
  'commands/result': CommandResult,
  lookup: MemberLookupRequest,
} as const;

/** Parses JSON with a schema; the reason names the first failing field. */
export function parsePayload<T>(schema: Schema<T>, payload: Buffer): { ok: true; data: T } | { ok: false; reason: string } {
  if (payload.length > MAX_PAYLOAD_BYTES) return { ok: false, reason: `oversized: ${payload.length} bytes > ${MAX_PAYLOAD_BYTES}` };
  let json: unknown;
  try {
    json = JSON.parse(payload.toString('utf8'));
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  const r = schema.safeParse(json);
  if (r.success) return { ok: true, data: r.data };
  const issue = r.error.issues[0]!;
  return { ok: false, reason: `wrong schema: ${issue.path.map(String).join('.') || '(root)'}: ${issue.message}` };
}

export function parseInbound(topic: string, payload: Buffer, mallId: string): Inbound {
  const t = parseDeviceTopic(topic);
  if (!t) return { kind: 'refused', reason: 'not a device topic' };
  if (t.mall !== mallId) return { kind: 'ignored', reason: `another mall (${t.mall})` };
  if (payload.length === 0) return { kind: 'ignored', reason: 'empty payload (a cleared retained message)' };
  const device = t.device;
  // The broker's ACL proves who published on a topic; a payload that claims another identity is refused.
  const sameDevice = (d: { deviceId: string; mallId?: string }) =>
    d.deviceId !== device ? `payload deviceId ${d.deviceId} does not match the topic's ${device}`
      : d.mallId !== undefined && d.mallId !== mallId ? `payload mallId ${d.mallId} does not match the topic's ${mallId}`
        : null;
  switch (t.kind) {
    case 'status': {
      const r = parsePayload(schemas.status, payload);
      if (!r.ok) return { kind: 'refused', reason: r.reason };
      const mismatch = sameDevice(r.data);
      return mismatch ? { kind: 'refused', reason: mismatch } : { kind: 'status', device, data: r.data };
    }
    case 'heartbeat': {
      const r = parsePayload(schemas.heartbeat, payload);
      if (!r.ok) return { kind: 'refused', reason: r.reason };
      const mismatch = sameDevice(r.data);
      return mismatch ? { kind: 'refused', reason: mismatch } : { kind: 'heartbeat', device, data: r.data };
    }
    case 'events': {
      const r = parsePayload(schemas.events, payload);
      if (!r.ok) return { kind: 'refused', reason: r.reason };
      const mismatch = sameDevice(r.data);
      return mismatch ? { kind: 'refused', reason: mismatch } : { kind: 'event', device, data: r.data };
    }
    case 'config/reported': {
      const r = parsePayload(schemas['config/reported'], payload);
      return r.ok ? { kind: 'reported', device, data: r.data } : { kind: 'refused', reason: r.reason };
    }
    case 'commands/result': {
      const r = parsePayload(schemas['commands/result'], payload);
      return r.ok ? { kind: 'commandResult', device, data: r.data } : { kind: 'refused', reason: r.reason };
    }
    case 'lookup': {
      const r = parsePayload(schemas.lookup, payload);
      return r.ok ? { kind: 'lookup', device, data: r.data } : { kind: 'refused', reason: r.reason };
    }
    default:
      return { kind: 'ignored', reason: `not for HQ (${t.kind})` };
  }
}
