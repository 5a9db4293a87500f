// The MQTT route table (contracts/mqtt-routes.ts), device events by type (contracts/events.ts), the one receiver
// (common/mqtt-receive.ts) and docs/mqtt.md generated from them. The wire format is pinned here as docs/mqtt.md
// showed it before the table existed: same topics, QoS, retain flags and subscriptions.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { receive } from '../../common/mqtt-receive.ts';
import {
  DEVICE_EVENT_TYPES, DEVICE_EVENTS, DeviceEvent, deviceSubscriptions, DOWNSTREAM_ROUTES, hqSubscriptions, matchTopic, MAX_PAYLOAD_BYTES,
  MQTT_ROUTES, parseDeviceTopic, ROUTE_NAMES, topics, UPSTREAM_ROUTES, type RouteName,
} from '../../contracts/mqtt.ts';
import { protocolExamples, refreshMqttDoc } from '../../hq-sim/src/protocol-examples.ts';
import { repoRoot } from '../support/agent-process.ts';

const mall = 'demo-mall';
const dev = 'kiosk-1';
const json = (v: unknown) => Buffer.from(JSON.stringify(v));
const now = '2026-11-23T12:00:00.000Z';
const build = (k: RouteName) => (topics[k] as (m: string, d: string) => string)(mall, dev);

describe('the route table', () => {
  it('pins the wire format: topic, direction, QoS and retain of every route', () => {
    const wire = Object.fromEntries(ROUTE_NAMES.map((k) => [build(k), [MQTT_ROUTES[k].direction, MQTT_ROUTES[k].qos, MQTT_ROUTES[k].retain]]));
    expect(wire).toEqual({
      'atrium/v1/demo-mall/devices/kiosk-1/status': ['device-to-hq', 1, true],
      'atrium/v1/demo-mall/devices/kiosk-1/heartbeat': ['device-to-hq', 0, false],
      'atrium/v1/demo-mall/devices/kiosk-1/events': ['device-to-hq', 1, false],
      'atrium/v1/demo-mall/devices/kiosk-1/config/reported': ['device-to-hq', 1, true],
      'atrium/v1/demo-mall/devices/kiosk-1/commands/result': ['device-to-hq', 1, false],
      'atrium/v1/demo-mall/devices/kiosk-1/lookup': ['device-to-hq', 1, false],
      'atrium/v1/demo-mall/devices/kiosk-1/config/desired': ['hq-to-device', 1, true],
      'atrium/v1/demo-mall/devices/kiosk-1/commands': ['hq-to-device', 1, false],
      'atrium/v1/demo-mall/devices/kiosk-1/lookup/response': ['hq-to-device', 1, false],
      'atrium/v1/demo-mall/devices/kiosk-1/claims/result': ['hq-to-device', 1, false],
      'atrium/v1/demo-mall/catalog/snapshot': ['hq-to-device', 1, true],
      'atrium/v1/demo-mall/catalog/delta': ['hq-to-device', 1, false],
      'atrium/v1/demo-mall/catalog/map': ['hq-to-device', 1, true],
      'atrium/v1/demo-mall/devices/kiosk-1/parking': ['device-to-hq', 1, false],
      'atrium/v1/demo-mall/devices/kiosk-1/parking/response': ['hq-to-device', 1, false],
      // issue 14, restaurant queue tickets
      'atrium/v1/demo-mall/devices/kiosk-1/queue/ticket': ['device-to-hq', 1, false],
      'atrium/v1/demo-mall/devices/kiosk-1/queue/ticket/response': ['hq-to-device', 1, false],
      'atrium/v1/demo-mall/catalog/queue': ['hq-to-device', 1, true],
      // issue 15, surveys
      'atrium/v1/demo-mall/catalog/surveys': ['hq-to-device', 1, true],
      'atrium/v1/demo-mall/devices/kiosk-1/surveys/result': ['hq-to-device', 1, false],
      // issue 15, the member-day lottery
      'atrium/v1/demo-mall/devices/kiosk-1/lottery/draw': ['device-to-hq', 1, false],
      'atrium/v1/demo-mall/devices/kiosk-1/lottery/draw/response': ['hq-to-device', 1, false],
      'atrium/v1/demo-mall/catalog/lottery': ['hq-to-device', 1, true],
      // issue 15, feedback
      'atrium/v1/demo-mall/catalog/feedback-key': ['hq-to-device', 1, true],
      'atrium/v1/demo-mall/devices/kiosk-1/feedback/updates': ['hq-to-device', 1, false],
    });
  });

  it('gives every route a payload schema, a description, and a subscriber that fits its direction', () => {
    for (const k of ROUTE_NAMES) {
      const r = MQTT_ROUTES[k];
      expect(typeof r.schema.safeParse, k).toBe('function');
      expect(r.description.length, k).toBeGreaterThan(10);
      expect(r.subscriber === 'device', k).toBe(r.direction === 'hq-to-device');
    }
    expect([...UPSTREAM_ROUTES, ...DOWNSTREAM_ROUTES].sort()).toEqual([...ROUTE_NAMES].sort());
  });

  it('builders, matchTopic and parseDeviceTopic agree on every route', () => {
    for (const k of ROUTE_NAMES) {
      const topic = build(k);
      const deviceRoute = MQTT_ROUTES[k].pattern.includes('{device}');
      expect(matchTopic(topic), k).toEqual({ route: k, mall, device: deviceRoute ? dev : null });
      expect(parseDeviceTopic(topic), k).toEqual(deviceRoute ? { mall, device: dev, kind: MQTT_ROUTES[k].pattern.replace('devices/{device}/', '') } : null);
    }
    expect(topics.catalogSnapshot(mall)).toBe('atrium/v1/demo-mall/catalog/snapshot');
    for (const t of ['atrium/v1/demo-mall/devices/kiosk-1/nope', 'atrium/v2/demo-mall/catalog/snapshot', 'atrium/v1/a/b/devices/k/status', 'atrium/v1/demo-mall/devices/+/status']) {
      expect(matchTopic(t), t).toBeNull();
    }
  });

  it('derives HQ`s and the kiosk`s subscriptions as before', () => {
    expect(Object.values(hqSubscriptions())).toEqual([
      'atrium/v1/+/devices/+/status',
      '$share/hq/atrium/v1/+/devices/+/heartbeat',
      '$share/hq/atrium/v1/+/devices/+/events',
      'atrium/v1/+/devices/+/config/reported',
      '$share/hq/atrium/v1/+/devices/+/commands/result',
      '$share/hq/atrium/v1/+/devices/+/lookup',
      '$share/hq/atrium/v1/+/devices/+/parking',
      '$share/hq/atrium/v1/+/devices/+/queue/ticket',
      '$share/hq/atrium/v1/+/devices/+/lottery/draw',
    ]);
    expect(hqSubscriptions('g2').events).toBe('$share/g2/atrium/v1/+/devices/+/events');
    expect(deviceSubscriptions(mall, dev)).toEqual([
      topics.configDesired(mall, dev), topics.commands(mall, dev), topics.lookupResponse(mall, dev), topics.claimResults(mall, dev),
      topics.catalogSnapshot(mall), topics.catalogDelta(mall), topics.map(mall), topics.parkingResponse(mall, dev),
      topics.queueTicketResponse(mall, dev), topics.queueStatus(mall),
      topics.surveys(mall), topics.surveyResults(mall, dev),
      topics.lotteryDrawResponse(mall, dev), topics.lotteryBoard(mall),
      topics.feedbackKey(mall), topics.feedbackUpdates(mall, dev),
    ]);
  });
});

describe('device events', () => {
  const envelope = { eventId: 'e-0000000001', deviceId: dev, mallId: mall, ts: now };

  it('the union has one member per declared type, each with its payload schema', () => {
    expect(DeviceEvent.options.map((o) => o.shape.type.value).sort()).toEqual([...DEVICE_EVENT_TYPES].sort());
    const started = { ...envelope, type: 'device.started', payload: { deviceId: dev, agentVersion: '0.1.0' } };
    expect(DeviceEvent.parse(started)).toEqual(started);
    expect(DeviceEvent.safeParse({ ...started, payload: { agentVersion: '0.1.0' } }).success).toBe(false);
    for (const type of DEVICE_EVENT_TYPES) expect(DEVICE_EVENTS[type].description.length, type).toBeGreaterThan(10);
  });

  it('parses the events of the docs` examples (what agents send today)', () => {
    for (const e of protocolExamples().filter((x) => x.schema === 'DeviceEvent')) expect(DeviceEvent.parse(e.value)).toEqual(e.value);
  });
});

describe('receive (the one parse-on-receipt router)', () => {
  const hb = { ts: now, deviceId: dev, uptimeSec: 5, outboxDepth: 0, lastSyncAt: null, catalogVersion: 2, configVersion: 1, rssMb: 80, heapUsedMb: 20, lastError: null };

  it('routes a valid message to its route with the parsed payload, mall and device', () => {
    expect(receive(UPSTREAM_ROUTES, topics.heartbeat(mall, dev), json(hb))).toEqual({ kind: 'message', route: 'heartbeat', mall, device: dev, data: hb });
    const r = receive(DOWNSTREAM_ROUTES, topics.commands(mall, dev), json({ id: 'cmd-00000001', name: 'reload-ui', issuedAt: now, expiresAt: now }));
    expect(r).toMatchObject({ kind: 'message', route: 'commands', data: { args: {} } }); // defaults written out
  });

  it.each([
    ['an unknown topic', 'atrium/v1/demo-mall/devices/kiosk-1/nope', json(hb), /^unexpected topic$/],
    ['a route this receiver does not take', topics.commands(mall, dev), json(hb), /^unexpected topic$/],
    ['a payload that is not JSON', topics.heartbeat(mall, dev), Buffer.from('{oops'), /^not JSON$/],
    ['a payload of the wrong schema (first issue only)', topics.heartbeat(mall, dev), json({ ...hb, outboxDepth: -1, rssMb: 'x' }), /^wrong schema: outboxDepth: [^;]+$/],
    ['an oversized payload', topics.heartbeat(mall, dev), Buffer.alloc(MAX_PAYLOAD_BYTES + 1, 0x20), /^oversized: \d+ bytes > \d+$/],
    ['an event of an unknown type', topics.events(mall, dev), json({ eventId: 'e-0000000001', type: 'bench.ping', deviceId: dev, mallId: mall, ts: now, payload: {} }), /^wrong schema: type: unknown event type bench.ping$/],
    ['an event whose payload does not fit its type', topics.events(mall, dev), json({ eventId: 'e-0000000001', type: 'feedback.given', deviceId: dev, mallId: mall, ts: now, payload: { score: 9 } }), /^wrong schema: payload.score: /],
  ])('refuses %s with a reason', (_why, topic, payload, reason) => {
    const r = receive(UPSTREAM_ROUTES, topic, payload);
    expect(r.kind).toBe('refused');
    if (r.kind === 'refused') expect(r.reason).toMatch(reason);
  });

  it('ignores an empty payload (a cleared retained message)', () => {
    expect(receive(DOWNSTREAM_ROUTES, topics.catalogSnapshot(mall), Buffer.alloc(0)).kind).toBe('ignored');
  });
});

describe('docs/mqtt.md', () => {
  const doc = readFileSync(path.join(repoRoot, 'docs/mqtt.md'), 'utf8');

  it('is what the route table, the event list and the examples make of it (node hq-sim/src/refresh-docs.ts)', () => {
    expect(refreshMqttDoc(doc)).toBe(doc);
  });

  it('lists every route and every event type', () => {
    for (const k of ROUTE_NAMES) expect(doc, k).toContain(`| \`${MQTT_ROUTES[k].pattern}\` | ${MQTT_ROUTES[k].flow} | ${MQTT_ROUTES[k].qos} |`);
    for (const type of DEVICE_EVENT_TYPES) expect(doc, type).toContain(`| \`${type}\` |`);
    for (const s of Object.values(hqSubscriptions())) expect(doc).toContain(s);
  });
});
