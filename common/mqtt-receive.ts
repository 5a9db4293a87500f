// Parse on receipt, for every MQTT receiver (the agent and the HQ simulator): the topic names a route of the table
// (contracts/mqtt-routes.ts) the receiver takes, then size, then JSON, then the route's schema. Anything else comes
// back refused with a one-line reason for the log ("unexpected topic", "oversized: ...", "not JSON",
// "wrong schema: path: message"); the receiver counts it and carries on.
import { MAX_PAYLOAD_BYTES, matchTopic, MQTT_ROUTES, type RouteName, type RoutePayload } from '../contracts/mqtt.ts';
import { formatZodError } from '../contracts/zod-errors.ts';

/** A message that parsed: its route, the mall and device its topic names (device null on a mall-wide topic), its payload. */
export type Received<K extends RouteName> = { [R in K]: { kind: 'message'; route: R; mall: string; device: string | null; data: RoutePayload<R> } }[K];

export type Receipt<K extends RouteName> =
  | Received<K>
  /** An empty payload: a cleared retained message, nothing to do and nothing wrong. */
  | { kind: 'ignored'; reason: string }
  /** Refused; `json` is the parsed JSON when the payload was JSON (a receiver may still want to answer it). */
  | { kind: 'refused'; route: K | null; reason: string; json?: unknown };

const decoder = new TextDecoder();

/** Routes and parses one message for a receiver that takes `routes`. */
export function receive<K extends RouteName>(routes: readonly K[], topic: string, payload: Uint8Array): Receipt<K> {
  const match = matchTopic(topic);
  const route = match && (routes as readonly RouteName[]).includes(match.route) ? (match.route as K) : null;
  if (!match || route === null) return { kind: 'refused', route: null, reason: 'unexpected topic' };
  if (payload.byteLength === 0) return { kind: 'ignored', reason: 'empty payload (a cleared retained message)' };
  if (payload.byteLength > MAX_PAYLOAD_BYTES) return { kind: 'refused', route, reason: `oversized: ${payload.byteLength} bytes > ${MAX_PAYLOAD_BYTES}` };
  let json: unknown;
  try {
    json = JSON.parse(decoder.decode(payload));
  } catch {
    return { kind: 'refused', route, reason: 'not JSON' };
  }
  const parsed = MQTT_ROUTES[route].schema.safeParse(json);
  if (!parsed.success) return { kind: 'refused', route, reason: `wrong schema: ${formatZodError(parsed.error, { first: true })}`, json };
  // The schema is the route's own, so its output is the route's payload type (TypeScript cannot follow K through the table).
  return { kind: 'message', route, mall: match.mall, device: match.device, data: parsed.data } as Received<K>;
}
