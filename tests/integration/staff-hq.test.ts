// Staff overrides against HQ over real Mosquitto (MQTT 5, password file, ACL) with the real agent process: HQ's
// set-config command and retained desired config follow the precedence rule (an override holds until HQ changes
// that field in a newer version), the reported config lists the overrides, and HQ receives every staff action as
// a `staff.audit` event.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceEvent, ReportedConfig, topics, type DesiredConfig } from '../../contracts/mqtt.ts';
import { StaffAuditPayload } from '../../contracts/staff.ts';
import { DEMO_STAFF } from '../../edge-agent/src/staff/demo-staff.ts';
import { startAgentProcess, type AgentProcess } from '../support/agent-process.ts';
import { TestHq, waitUntil } from '../support/hq-client.ts';
import { startMosquitto, type Broker } from '../support/mosquitto.ts';
import { needs } from '../support/requirements.ts';
import { refusalsOn } from '../support/signals.ts';

const MALL = 'demo-mall';
const DEV = 'kiosk-staff';
const li = DEMO_STAFF[0]!;
let broker: Broker;
let hq: TestHq;
let agent: AgentProcess;
let session: string;

const reported = () => hq.on(`${DEV}/config/reported`).map((s) => ReportedConfig.parse(s.json));
const audit = () => hq.on(`${DEV}/events`).map((s) => DeviceEvent.parse(s.json)).filter((e) => e.type === 'staff.audit').map((e) => StaffAuditPayload.parse(e.payload));
const desired = (version: number, config: DesiredConfig['config']): DesiredConfig => ({ version, issuedAt: new Date().toISOString(), config });
const effective = async () => (await agent.call('kiosk.bootstrap', {})).body.data.display;

describe('staff overrides and HQ', needs('mosquitto'), () => {
  beforeAll(async () => {
    broker = await startMosquitto({ users: { hq: 'hq-secret', [DEV]: 'kiosk-secret' } });
    hq = await TestHq.connect(broker.url, { username: 'hq', password: 'hq-secret', subscribe: ['atrium/v1/#'] });
    agent = await startAgentProcess({ env: { ATRIUM_HQ_URL: broker.url, ATRIUM_MALL_ID: MALL, ATRIUM_DEVICE_ID: DEV, ATRIUM_MQTT_USERNAME: DEV, ATRIUM_MQTT_PASSWORD: 'kiosk-secret', ATRIUM_IDLE_TIMEOUT_SEC: '90' } });
    await waitUntil(async () => (await (await fetch(new URL('/health', agent.url))).json()).sync.state === 'online', 10_000, 'agent online');
    const r = await agent.call('staff.signIn', { method: 'pin', staffId: li.staffId, pin: li.pin });
    session = r.body.data.staffSession;
  });

  afterAll(async () => {
    await agent?.stop();
    await hq?.end();
    await broker?.stop();
  });

  it('an override made before HQ said anything is taken back by HQ\'s set-config command that sets the field', async () => {
    await agent.call('staff.setSetting', { staffSession: session, field: 'role', value: 'wall' });
    await agent.call('staff.setSetting', { staffSession: session, field: 'idleTimeoutSec', value: 30 });
    await hq.waitFor(() => reported().at(-1)?.localOverrides.length === 2, 5000, 'overrides reported');
    expect(reported().at(-1)).toMatchObject({ desiredVersion: 0, localOverrides: ['idleTimeoutSec', 'role'], effective: { role: 'wall', idleTimeoutSec: 30 } });

    await hq.publish(topics.commands(MALL, DEV), {
      id: 'cmd-set-config-000001', name: 'set-config', args: desired(1, { role: 'guide' }),
      issuedAt: new Date().toISOString(), expiresAt: new Date(Date.now() + 60_000).toISOString(),
    });
    await hq.waitFor(() => hq.on(`${DEV}/commands/result`).find((s) => s.json.id === 'cmd-set-config-000001' && s.json.status === 'done'), 5000, 'set-config done');
    await hq.waitFor(() => reported().at(-1)?.desiredVersion === 1, 5000, 'reported v1');
    // HQ set the role: HQ wins it. HQ said nothing about the idle timeout: the override stays.
    expect(reported().at(-1)).toMatchObject({ localOverrides: ['idleTimeoutSec'], effective: { role: 'guide', idleTimeoutSec: 30 } });
    expect(await effective()).toMatchObject({ role: 'guide', idleTimeoutSec: 30 });
  });

  it('an override holds through newer desired configs that re-send the same value, and goes when HQ changes it', async () => {
    await agent.call('staff.setSetting', { staffSession: session, field: 'role', value: 'wall' });
    await hq.waitFor(() => reported().at(-1)?.localOverrides.includes('role'), 5000, 'role override reported');

    await hq.publish(topics.configDesired(MALL, DEV), desired(2, { role: 'guide', language: 'en' }), { retain: true });
    await hq.waitFor(() => reported().at(-1)?.desiredVersion === 2, 5000, 'reported v2');
    expect(reported().at(-1)).toMatchObject({ localOverrides: ['idleTimeoutSec', 'role'], effective: { role: 'wall', language: 'en', idleTimeoutSec: 30 } });

    // A stale version changes nothing, whatever it says: once the agent has refused it (logged), nothing moved.
    const staleBefore = refusalsOn(agent, topics.configDesired(MALL, DEV), /stale/);
    await hq.publish(topics.configDesired(MALL, DEV), desired(2, { role: 'wall', idleTimeoutSec: 45 }), { retain: true });
    await waitUntil(() => refusalsOn(agent, topics.configDesired(MALL, DEV), /stale/) > staleBefore, 5000, 'stale desired config refused');
    expect(reported().at(-1)).toMatchObject({ desiredVersion: 2, localOverrides: ['idleTimeoutSec', 'role'] });
    expect(await effective()).toMatchObject({ role: 'wall', language: 'en', idleTimeoutSec: 30 });

    await hq.publish(topics.configDesired(MALL, DEV), desired(3, { role: 'wall', language: 'en', idleTimeoutSec: 45 }), { retain: true });
    await hq.waitFor(() => reported().at(-1)?.desiredVersion === 3, 5000, 'reported v3');
    expect(reported().at(-1)).toMatchObject({ localOverrides: [], effective: { role: 'wall', language: 'en', idleTimeoutSec: 45 } });
    // HQ hears that it took the overrides back at once (no other staff action needed to send the events).
    await hq.waitFor(() => audit().filter((a) => a.action === 'override-superseded').length === 3, 5000, 'superseded overrides at HQ');

    // Staff clear nothing further; the console shows where each value comes from.
    const s = (await agent.call('staff.settings', { staffSession: session })).body.data;
    expect(s.sources).toMatchObject({ role: 'hq', language: 'hq', idleTimeoutSec: 'hq', orientation: 'default' });
  });

  it('HQ receives every staff action as a staff.audit event, once, with no PIN', async () => {
    await agent.call('staff.signIn', { method: 'pin', staffId: li.staffId, pin: '000000' });
    await agent.call('staff.action', { staffSession: session, action: 'sync-now' });
    await agent.call('staff.signOut', { staffSession: session, reason: 'button' });
    await hq.waitFor(() => audit().some((a) => a.action === 'sign-out'), 10_000, 'sign-out audit at HQ');
    const actions = audit().map((a) => a.action);
    expect(actions).toEqual([
      'sign-in', 'setting-changed', 'setting-changed', 'override-superseded', 'setting-changed', 'override-superseded', 'override-superseded',
      'sign-in-refused', 'action', 'sign-out',
    ]);
    const seqs = audit().map((a) => a.auditSeq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(audit().filter((a) => a.action === 'override-superseded').map((a) => [a.details.field, a.details.hqVersion])).toEqual([['role', 1], ['idleTimeoutSec', 3], ['role', 3]]);
    expect(audit().find((a) => a.action === 'action')!.details).toMatchObject({ action: 'sync-now', status: 'done' });
    expect(JSON.stringify(audit())).not.toMatch(new RegExp(`${li.pin}|000000`));
  });
});
