// An example of every MQTT message, built from the contract's schemas and the demo data (so each one is valid),
// for docs/mqtt.md. Deterministic: a fixed clock, fixed salts and a fixed example key.
import { createPrivateKey, createPublicKey } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  CatalogDelta, CatalogSnapshot, Command, CommandResult, DesiredConfig, DeviceEvent, DeviceStatus, Heartbeat,
  MemberLookupRequest, MemberLookupResponse, ReportedConfig, topics,
} from '../../contracts/mqtt.ts';
import { DisplayConfig } from '../../contracts/config.ts';
import type { Campaign } from '../../contracts/catalog.ts';
import type { Asset } from '../../contracts/content.ts';
import { ClaimEventPayload, ClaimResult, MemberTokenClaims } from '../../contracts/members.ts';
import { cardHash } from '../../common/node/card-hash.ts';
import { CLAIM_EVENT_TYPES, rejectionDetail } from './claims.ts';
import { buildDelta } from './delta.ts';
import { refreshTables } from './protocol-tables.ts';
import { demoCatalogFor } from './hq-data.ts';
import { DEMO_STAFF, demoCardNumber, demoMemberRecords } from './demo-people.ts';
import { keyId, rawPublicKey, type HqSigningKey } from './keys.ts';
import { hashPin } from '../../common/node/pin-hash.ts';
import { redemptionCode } from './redemption.ts';
import { buildSnapshot } from './snapshot.ts';

export const EXAMPLE_NOW = new Date('2025-03-14T09:30:00.000Z');
export const EXAMPLE_MALL = 'demo-mall';
export const EXAMPLE_DEVICE = 'demo-kiosk-1';
export const EXAMPLE_CARD_SALT = '5f0c9a7e2b41d8c3a6e9f1b2c3d4e5f6';
export const EXAMPLE_CLAIM_ID = 'cl_7Hq2Wm9ZpR4xT1vB';
export const EXAMPLE_EXCHANGE_ID = 'cl_Kx3Nd8Ls5Qw2Ye6F';

/** The schemas examples may name, by their export name in contracts/mqtt.ts or contracts/members.ts. */
export const exampleSchemas = {
  DeviceStatus, Heartbeat, DeviceEvent, ReportedConfig, DesiredConfig, CatalogSnapshot, CatalogDelta, Command, CommandResult,
  MemberLookupRequest, MemberLookupResponse, ClaimEventPayload, ClaimResult, MemberTokenClaims,
} as const;
export type ExampleSchemaName = keyof typeof exampleSchemas;

export type ProtocolExample = { id: string; schema: ExampleSchemaName; topic: string; title: string; value: unknown };

const at = (sec: number) => new Date(EXAMPLE_NOW.getTime() + sec * 1000).toISOString();

/** A fixed Ed25519 key for the examples only (seed 0x01 x 32): it signs the docs' example token and codes, nothing else. */
export function exampleSigningKey(): HqSigningKey {
  const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), Buffer.alloc(32, 1)]);
  const privateKey = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(privateKey);
  const raw = rawPublicKey(publicKey);
  const kid = keyId(raw);
  return { kid, privateKey, publicKey, hqKey: { kid, alg: 'Ed25519', publicKey: raw, notAfter: null } };
}

/** The example's one content asset: a portrait poster on HQ's content host (issue 13). */
export const EXAMPLE_ASSET: Asset = {
  sha256: '9f2c1e0b7a4d3c5b8e6f1a2d4c7b9e0f3a5d8c1b6e4f7a2c9d0b3e5f8a1c4d7e',
  bytes: 412_337,
  mime: 'image/jpeg',
  width: 1080,
  height: 1920,
  url: 'https://content.atrium.example/content/9f2c1e0b7a4d3c5b8e6f1a2d4c7b9e0f3a5d8c1b6e4f7a2c9d0b3e5f8a1c4d7e',
};

export function exampleSnapshot(): CatalogSnapshot {
  const full = demoCatalogFor(EXAMPLE_MALL, EXAMPLE_NOW);
  // A short catalog (two stores, one campaign and its coupon) so the example stays readable. The campaign shows a
  // portrait poster in March, on weekday evenings and Friday/Saturday nights (crossing midnight), at twice the share
  // of voice, on guide screens only.
  const hotpot = full.campaigns.find((c) => c.id === 'cp-hotpot-night')!;
  const campaign: Campaign = {
    ...hotpot,
    creatives: [{ id: `cr-${EXAMPLE_ASSET.sha256.slice(0, 16)}-portrait`, orientation: 'portrait', asset: EXAMPLE_ASSET.sha256, playback: 'once', durationSec: 8 }],
    schedule: {
      dateFrom: '2025-03-01', dateTo: '2025-03-31',
      dayparts: [{ days: [1, 2, 3, 4, 5], from: '17:00', to: '22:00' }, { days: [5, 6], from: '21:00', to: '02:00' }],
      weight: 2, roles: ['guide'],
    },
  };
  const catalog = {
    ...full,
    stores: full.stores.filter((s) => s.id === 's-hotpot' || s.id === 's-beanstalk'),
    campaigns: [campaign],
    assets: [EXAMPLE_ASSET],
    coupons: full.coupons.filter((c) => campaign.couponIds.includes(c.id)),
    offerRules: full.offerRules.filter((r) => campaign.couponIds.includes(r.couponId)),
  };
  const staff = DEMO_STAFF.slice(0, 1).map((s) => ({
    staffId: s.staffId, name: s.name, role: s.role,
    pinHash: hashPin(s.pin, { N: 16384, r: 8, p: 1 }, Buffer.alloc(16, 7)),
    cardHash: s.cardNumber ? cardHash(EXAMPLE_CARD_SALT, s.cardNumber) : null,
  }));
  return buildSnapshot({ catalog, version: 7, publishedAt: EXAMPLE_NOW, hqKeys: [exampleSigningKey().hqKey], staff, cardSalt: EXAMPLE_CARD_SALT });
}

export function protocolExamples(): ProtocolExample[] {
  const mall = EXAMPLE_MALL;
  const device = EXAMPLE_DEVICE;
  const member = demoMemberRecords(EXAMPLE_NOW).find((m) => m.member.id === 'M1003')!.member;
  const snapshot = exampleSnapshot();
  const store = snapshot.stores.find((s) => s.id === 's-beanstalk')!;
  const desired: DesiredConfig = { version: 3, issuedAt: at(0), config: { idleTimeoutSec: 90, attractIntervalSec: 8 } };
  const list: ProtocolExample[] = [];
  const add = (id: string, schema: ExampleSchemaName, topic: string, title: string, value: unknown) =>
    list.push({ id, schema, topic, title, value: exampleSchemas[schema].parse(value) });

  add('status-birth', 'DeviceStatus', topics.status(mall, device), 'birth, after every (re)connect', { online: true, ts: at(0), deviceId: device, mallId: mall, reason: 'birth', agentVersion: '0.1.0' });
  add('status-will', 'DeviceStatus', topics.status(mall, device), 'last will, published by the broker when the kiosk vanishes', { online: false, ts: at(-3600), deviceId: device, mallId: mall, reason: 'will', agentVersion: '0.1.0' });
  add('status-shutdown', 'DeviceStatus', topics.status(mall, device), 'clean stop', { online: false, ts: at(600), deviceId: device, mallId: mall, reason: 'shutdown', agentVersion: '0.1.0' });
  add('heartbeat', 'Heartbeat', topics.heartbeat(mall, device), 'every heartbeatSec (30 s by default)', {
    ts: at(30), deviceId: device, uptimeSec: 3630, outboxDepth: 0, lastSyncAt: at(12), catalogVersion: 7, configVersion: 3, rssMb: 96.4, heapUsedMb: 21.7, lastError: null,
  });
  add('event-started', 'DeviceEvent', topics.events(mall, device), 'the agent started', {
    eventId: '3f2b8c1e-5d4a-4f6b-9c8d-7e6f5a4b3c2d', type: 'device.started', deviceId: device, mallId: mall, ts: at(0), payload: { deviceId: device, agentVersion: '0.1.0' },
  });
  const claimEvent = (eventId: string, payload: ClaimEventPayload) => ({
    eventId, type: CLAIM_EVENT_TYPES[payload.via], deviceId: device, mallId: mall, ts: payload.claimedAt, payload: ClaimEventPayload.parse(payload),
  });
  add('event-claim', 'DeviceEvent', topics.events(mall, device), 'a member claimed a coupon at the kiosk; payload: ClaimEventPayload', claimEvent('9a8b7c6d-1e2f-4a3b-8c4d-5e6f7a8b9c0d', {
    claimId: EXAMPLE_CLAIM_ID, memberId: member.id, couponId: 'c-sprint-500-100', via: 'claim', pointsCost: 0, ruleId: 'r-sports',
    experiment: { id: 'x-offers-2026q4', arm: 'offers' }, claimedAt: at(95),
  }));
  add('event-exchange', 'DeviceEvent', topics.events(mall, device), 'a member exchanged points for a coupon; payload: ClaimEventPayload', claimEvent('5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e', {
    claimId: EXAMPLE_EXCHANGE_ID, memberId: member.id, couponId: 'c-points-cinema', via: 'exchange', pointsCost: 500, ruleId: 'r-points',
    experiment: null, claimedAt: at(140),
  }));
  add('event-played', 'DeviceEvent', topics.events(mall, device), 'proof of play: the poster shown for its slot; payload: ContentPlayed', {
    eventId: '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f', type: 'content.played', deviceId: device, mallId: mall, ts: at(208),
    payload: {
      campaignId: 'cp-hotpot-night', creativeId: `cr-${EXAMPLE_ASSET.sha256.slice(0, 16)}-portrait`, sha256: EXAMPLE_ASSET.sha256,
      display: { role: 'guide', orientation: 'portrait' }, startedAt: at(200), durationMs: 8000, outcome: 'completed', detail: null,
    },
  });
  add('reported', 'ReportedConfig', topics.configReported(mall, device), 'after every connect and after applying a desired config', {
    ts: at(1), desiredVersion: 3, effective: DisplayConfig.parse({ ...desired.config }), localOverrides: [],
  });
  add('desired', 'DesiredConfig', topics.configDesired(mall, device), 'HQ, retained, one per device', desired);
  add('snapshot', 'CatalogSnapshot', topics.catalogSnapshot(mall), 'HQ, retained, one per mall (shortened: a real one holds the whole catalog)', snapshot);
  const hotpot = snapshot.campaigns[0]!;
  const oldCoupon = snapshot.coupons[0]!;
  const newCoupon = { ...oldCoupon, id: 'c-hotpot-300-60', title: { zh: '蜀香火锅 满300减60', en: 'Shu Spice: ¥60 off ¥300' }, minSpendFen: 30000, valueFen: 6000 };
  add('delta', 'CatalogDelta', topics.catalogDelta(mall), 'HQ: version 7 -> 8, a store renamed and the hotpot coupon replaced', buildDelta(
    snapshot,
    {
      upsert: {
        stores: [{ ...store, name: { zh: `${store.name.zh}·旗舰店`, en: `${store.name.en ?? ''} Flagship` } }],
        campaigns: [{ ...hotpot, couponIds: [newCoupon.id] }],
        coupons: [newCoupon],
      },
      remove: { coupons: [oldCoupon.id] },
    },
    new Date(EXAMPLE_NOW.getTime() + 3600_000),
  ));
  const cmd = (id: string, name: Command['name'], args: Record<string, unknown>) => ({ id, name, args, issuedAt: at(120), expiresAt: at(180) });
  add('command-reload', 'Command', topics.commands(mall, device), 'HQ: reload the kiosk pages', cmd('c0ffee00-0000-4000-8000-000000000001', 'reload-ui', {}));
  add('command-set-config', 'Command', topics.commands(mall, device), 'HQ: set-config carries a desired config as its args', cmd('c0ffee00-0000-4000-8000-000000000002', 'set-config', { version: 4, issuedAt: at(120), config: { language: 'en' } }));
  add('result-accepted', 'CommandResult', topics.commandResults(mall, device), 'first answer to every command that has not expired', { id: 'c0ffee00-0000-4000-8000-000000000001', status: 'accepted', detail: null, data: null, ts: at(121) });
  add('result-done', 'CommandResult', topics.commandResults(mall, device), 'then its outcome (done, failed or rejected)', { id: 'c0ffee00-0000-4000-8000-000000000001', status: 'done', detail: 'kiosk pages reload at their next poll (within 5 s)', data: { reloadSeq: 1 }, ts: at(121) });
  add('result-expired', 'CommandResult', topics.commandResults(mall, device), 'the only answer to a command that arrived after expiresAt', { id: 'c0ffee00-0000-4000-8000-000000000003', status: 'expired', detail: `expired at ${at(180)}`, data: null, ts: at(900) });
  add('lookup-by-id', 'MemberLookupRequest', topics.lookupRequest(mall, device), 'kiosk: by member id (from a verified member QR token)', { by: 'memberId', memberId: member.id });
  add('lookup-by-card', 'MemberLookupRequest', topics.lookupRequest(mall, device), 'kiosk: by card hash (sha256(mall salt + card number), hex)', { by: 'cardHash', cardHash: cardHash(EXAMPLE_CARD_SALT, demoCardNumber(member.id)) });
  add('lookup-found', 'MemberLookupResponse', topics.lookupResponse(mall, device), 'HQ: found, with the card hash so the kiosk can cache it for card reads', {
    found: true, member, cardHash: cardHash(EXAMPLE_CARD_SALT, demoCardNumber(member.id)),
  });
  add('lookup-not-found', 'MemberLookupResponse', topics.lookupResponse(mall, device), 'HQ: not found', { found: false, member: null, cardHash: null });
  const key = exampleSigningKey();
  add('claim-confirmed', 'ClaimResult', topics.claimResults(mall, device), 'HQ: the exchange confirmed, 500 points spent, with the redemption code', {
    claimId: EXAMPLE_EXCHANGE_ID, status: 'confirmed', detail: null, pointsBalance: member.points - 500, redemptionCode: redemptionCode(key, EXAMPLE_EXCHANGE_ID), ts: at(141),
  });
  add('claim-rejected', 'ClaimResult', topics.claimResults(mall, device), 'HQ: a claim rejected (the member already holds one)', {
    claimId: EXAMPLE_CLAIM_ID, status: 'rejected', detail: rejectionDetail('limit_reached', `${member.id} already holds 1 of c-sprint-500-100 (limit 1)`),
    pointsBalance: member.points, redemptionCode: null, ts: at(96),
  });
  return list;
}

/** The Markdown block for one example: ```json <Schema> with the topic and title in front. */
export function exampleMarkdown(e: ProtocolExample): string {
  return [`\`${e.topic}\` (${e.title}):`, '', '```json ' + e.schema, JSON.stringify(e.value, null, 2), '```'].join('\n');
}

const EXAMPLE_BLOCK = /<!-- example: ([a-z0-9-]+) -->\n[\s\S]*?```json [A-Za-z]+\n[\s\S]*?\n```/g;

/** Rewrites every `<!-- example: id -->` block of a Markdown document with the current example. */
export function refreshExamples(markdown: string, examples: ProtocolExample[] = protocolExamples()): string {
  const byId = new Map(examples.map((e) => [e.id, e]));
  return markdown.replace(EXAMPLE_BLOCK, (_block, id: string) => {
    const e = byId.get(id);
    if (!e) throw new Error(`docs name an example that does not exist: ${id}`);
    return `<!-- example: ${id} -->\n${exampleMarkdown(e)}`;
  });
}

/** docs/mqtt.md as the code makes it: the tables from the route table and event list, and every example. */
export function refreshMqttDoc(markdown: string): string {
  return refreshExamples(refreshTables(markdown));
}

// `node hq-sim/src/protocol-examples.ts` prints every example; with `--write docs/mqtt.md` it refreshes that file's
// examples and tables.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--write');
  if (i >= 0 && process.argv[i + 1]) {
    const file = process.argv[i + 1]!;
    writeFileSync(file, refreshMqttDoc(readFileSync(file, 'utf8')));
  } else {
    for (const e of protocolExamples()) process.stdout.write(`<!-- example: ${e.id} -->\n${exampleMarkdown(e)}\n\n`);
  }
}
