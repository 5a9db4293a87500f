// The HQ <-> kiosk MQTT 5 contract in one import, for the agent, the HQ simulator and third parties: the route table
// (mqtt-routes.ts: topic, direction, QoS, retain, payload schema, subscriber), the payload schemas
// (mqtt-payloads.ts) and device events by type (events.ts). docs/mqtt.md is generated from them.
export * from './mqtt-payloads.ts';
export * from './events.ts';
export * from './mqtt-routes.ts';
