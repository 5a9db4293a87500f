// The staff service in process on a real SQLite file, with HQ-made credentials (hq-sim's hashes) and a clock the
// test moves: PIN and card sign-in, the lock-out (kept across a restart), session expiry, settings validated by the
// shared schema, and an audit entry plus a `staff.audit` outbox event for every action, never with a PIN or card.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiMethods } from '../../../contracts/api.ts';
import { DisplayConfig, type AgentSettings } from '../../../contracts/config.ts';
import { AgentSettings as AgentSettingsSchema } from '../../../contracts/config.ts';
import { StaffAuditPayload } from '../../../contracts/staff.ts';
import { fromDomain } from '../../../edge-agent/src/api/errors.ts';
import { DomainError } from '../../../edge-agent/src/errors.ts';
import { openDatabase, type Db } from '../../../edge-agent/src/db/open.ts';
import { createLogger } from '../../../common/node/log.ts';
import { setCardSalt } from '../../../edge-agent/src/members/cards.ts';
import { LogRing } from '../../../edge-agent/src/staff/log-ring.ts';
import { StaffService, type ActionOutcome } from '../../../edge-agent/src/staff/service.ts';
import { applyDesiredConfig } from '../../../edge-agent/src/settings/desired.ts';
import { effectiveDisplay } from '../../../edge-agent/src/settings/effective.ts';
import type { SyncStatus } from '../../../contracts/sync-status.ts';
import { DEMO_STAFF, demoStaffCredentials } from '../../../hq-sim/src/demo-people.ts';
import { freshDataDir } from '../../support/agent-process.ts';

const SALT = '0123456789abcdef0123456789abcdef';
const li = DEMO_STAFF.find((s) => s.staffId === 'staff-li')!;
const zhao = DEMO_STAFF.find((s) => s.staffId === 'mgr-zhao')!;

let dir: string;
let db: Db;
let clock: Date;
let svc: StaffService;
let settings: AgentSettings;
let actions: string[];
let configChanges: number;

function service(): StaffService {
  return new StaffService({
    db, settings, log: createLogger('error', 'test', () => {}), logs: new LogRing(50), agentVersion: 'test', startedAt: Date.now(),
    sync: (): SyncStatus => ({ state: 'disabled', lastSyncAt: null, lastError: null, reconnects: 0, refused: 0, outboxDepth: 0 }),
    runAction: async (a): Promise<ActionOutcome> => { actions.push(a); return { status: 'done', detail: `${a} ran` }; },
    onConfigChanged: () => { configChanges += 1; },
    onAudit: () => {},
    now: () => clock,
  });
}

beforeEach(() => {
  clock = new Date('2026-11-27T04:00:00Z');
  dir = freshDataDir('atrium-staff-');
  db = openDatabase(dir);
  setCardSalt(db, SALT);
  const insert = db.prepare('INSERT INTO staff (staff_id, doc) VALUES (?, ?)');
  for (const c of demoStaffCredentials(SALT)) insert.run(c.staffId, JSON.stringify(c));
  settings = AgentSettingsSchema.parse({ dataDir: dir, display: { idleTimeoutSec: 90 } });
  actions = [];
  configChanges = 0;
  svc = service();
});

afterEach(() => {
  svc.stop();
  db.close();
});

const audit = () => db.prepare('SELECT action, staff_id AS staffId, details FROM staff_audit ORDER BY seq').all() as { action: string; staffId: string | null; details: string }[];
const hqAudit = () => (db.prepare("SELECT payload FROM outbox WHERE type = 'staff.audit' ORDER BY seq").all() as { payload: string }[]).map((r) => StaffAuditPayload.parse(JSON.parse(r.payload)));
const pin = (staffId: string, p: string) => svc.signIn({ method: 'pin', staffId, pin: p });

async function signedIn(): Promise<string> {
  const r = await pin(li.staffId, li.pin);
  if (r.status !== 'signed-in') throw new Error(`not signed in: ${r.reason}`);
  return r.staffSession;
}

describe('sign-in', () => {
  it('the roster lists staff by name, without hashes, and says card sign-in works', () => {
    const r = svc.roster();
    expect(r.staff.map((s) => s.staffId).sort()).toEqual(['mgr-zhao', 'staff-li', 'tech-chen']);
    expect(JSON.stringify(r)).not.toMatch(/scrypt|[0-9a-f]{64}/);
    expect(r).toMatchObject({ cardSignIn: true, failuresLeft: 5, lockedUntil: null });
  });

  it('a right PIN signs in; a wrong one is refused with the tries left', async () => {
    const ok = await pin(li.staffId, li.pin);
    expect(ok).toMatchObject({ status: 'signed-in', staff: { staffId: 'staff-li', role: 'staff' }, idleTimeoutSec: 120 });
    expect(await pin(li.staffId, zhao.pin)).toEqual({ status: 'refused', reason: 'wrong_pin', failuresLeft: 4, lockedUntil: null });
    expect(await pin('nobody', li.pin)).toEqual({ status: 'refused', reason: 'unknown_staff', failuresLeft: 3, lockedUntil: null });
  });

  it('a staff card signs in by its salted hash; any other code is refused', async () => {
    const ok = await svc.signIn({ method: 'card', code: zhao.cardNumber! });
    expect(ok).toMatchObject({ status: 'signed-in', staff: { staffId: 'mgr-zhao' } });
    expect(await svc.signIn({ method: 'card', code: '9900 0000 0000 0102' })).toMatchObject({ status: 'signed-in' });
    expect(await svc.signIn({ method: 'card', code: '6200000000001003' })).toMatchObject({ status: 'refused', reason: 'unknown_card' });
    expect(await svc.signIn({ method: 'card', code: 'ATRIUM1.not-a-card' })).toMatchObject({ status: 'refused', reason: 'unknown_card' });
  });

  it('five refusals lock sign-in for five minutes, even for the right PIN, and a restart does not reset it', async () => {
    for (let i = 0; i < 4; i++) expect(await pin(li.staffId, '000000')).toMatchObject({ reason: 'wrong_pin', failuresLeft: 4 - i });
    const fifth = await svc.signIn({ method: 'card', code: '1234567890' });
    expect(fifth).toMatchObject({ status: 'refused', reason: 'unknown_card', failuresLeft: 0, lockedUntil: '2026-11-27T04:05:00.000Z' });
    expect(await pin(li.staffId, li.pin)).toMatchObject({ status: 'refused', reason: 'locked_out', lockedUntil: '2026-11-27T04:05:00.000Z' });

    // The agent restarts: same database, new service.
    svc.stop();
    svc = service();
    clock = new Date('2026-11-27T04:04:59Z');
    expect(svc.roster()).toMatchObject({ failuresLeft: 0, lockedUntil: '2026-11-27T04:05:00.000Z' });
    expect(await pin(li.staffId, li.pin)).toMatchObject({ reason: 'locked_out' });
    clock = new Date('2026-11-27T04:05:00Z');
    expect(svc.roster()).toMatchObject({ failuresLeft: 5, lockedUntil: null });
    expect(await pin(li.staffId, li.pin)).toMatchObject({ status: 'signed-in' });

    const actionsSeen = audit().map((a) => a.action);
    expect(actionsSeen.filter((a) => a === 'sign-in-refused')).toHaveLength(7); // 5 wrong + 2 while locked
    expect(actionsSeen.filter((a) => a === 'locked-out')).toHaveLength(1);
    expect(actionsSeen.at(-1)).toBe('sign-in');
  });

  it('a success forgets earlier refusals', async () => {
    for (let i = 0; i < 4; i++) await pin(li.staffId, '111111');
    await pin(li.staffId, li.pin);
    expect(svc.roster().failuresLeft).toBe(5);
  });

  it('parallel attempts are counted one by one: no more than five get checked before the lock', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => pin(li.staffId, String(100000 + i))));
    expect(results.map((r) => (r.status === 'refused' ? r.reason : r.status))).toEqual(['wrong_pin', 'wrong_pin', 'wrong_pin', 'wrong_pin', 'wrong_pin', 'locked_out', 'locked_out', 'locked_out']);
  });

  it('with no staff credentials at all, sign-in says so and counts nothing', async () => {
    db.exec('DELETE FROM staff');
    expect(await pin(li.staffId, li.pin)).toEqual({ status: 'refused', reason: 'no_staff', failuresLeft: 5, lockedUntil: null });
    expect(svc.roster()).toMatchObject({ staff: [], cardSignIn: false });
  });

  it('the audit and the HQ events name staff, actions and reasons, never a PIN, card number or hash', async () => {
    await pin(li.staffId, '999999');
    await svc.signIn({ method: 'card', code: zhao.cardNumber! });
    await svc.signIn({ method: 'card', code: '5555666677778888' });
    const events = hqAudit();
    expect(events.map((e) => [e.action, e.staffId, e.details.method, e.details.reason ?? null])).toEqual([
      ['sign-in-refused', 'staff-li', 'pin', 'wrong_pin'],
      ['sign-in', 'mgr-zhao', 'card', null],
      ['sign-in-refused', null, 'card', 'unknown_card'],
    ]);
    const all = JSON.stringify([audit(), events]);
    for (const secret of ['999999', li.pin, zhao.cardNumber!, '5555666677778888', 'scrypt$']) expect(all).not.toContain(secret);
  });
});

describe('sessions', () => {
  it('end after two minutes without a staff action; status polls do not keep them alive', async () => {
    const s = await signedIn();
    clock = new Date(clock.getTime() + 100_000);
    svc.status({ staffSession: s });
    clock = new Date(clock.getTime() + 19_000);
    expect(svc.keepAlive({ staffSession: s }).expiresAt).toBe(new Date(clock.getTime() + 120_000).toISOString());
    clock = new Date(clock.getTime() + 119_000);
    svc.settingsFor({ staffSession: s });
    clock = new Date(clock.getTime() + 120_000);
    const gone = (() => { try { svc.settingsFor({ staffSession: s }); return null; } catch (err) { return err as DomainError; } })();
    expect(gone).toBeInstanceOf(DomainError);
    expect(fromDomain(gone!)).toMatchObject({ status: 410, code: 'staff_session_gone' });
    expect(audit().at(-1)).toMatchObject({ action: 'sign-out', staffId: 'staff-li', details: JSON.stringify({ reason: 'expired' }) });
  });

  it('an idle session is signed out on the record by the sweep, with nobody asking; stop leaves no timer', async () => {
    const s = await signedIn();
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      svc.start();
      clock = new Date(clock.getTime() + 120_000);
      expect(audit().at(-1)).toMatchObject({ action: 'sign-in' });
      vi.advanceTimersByTime(5000);
      expect(audit().at(-1)).toMatchObject({ action: 'sign-out', staffId: 'staff-li', details: JSON.stringify({ reason: 'expired' }) });
      expect(() => svc.keepAlive({ staffSession: s })).toThrow(/staff session has ended/);
      expect(audit().filter((a) => a.action === 'sign-out')).toHaveLength(1);
      svc.stop();
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('signing out ends the session once', async () => {
    const s = await signedIn();
    svc.signOut({ staffSession: s, reason: 'button' });
    svc.signOut({ staffSession: s, reason: 'button' });
    expect(() => svc.keepAlive({ staffSession: s })).toThrow(/staff session has ended/);
    expect(audit().filter((a) => a.action === 'sign-out')).toHaveLength(1);
  });
});

describe('settings', () => {
  const setParams = apiMethods['staff.setSetting'].params;

  it('the API refuses values the schema does not allow, saying what is allowed', () => {
    const session = 'x'.repeat(40);
    const cases: [string, unknown, RegExp][] = [
      ['idleTimeoutSec', 5, /idleTimeoutSec allows a whole number from 10 to 600/],
      ['idleTimeoutSec', 12.5, /whole number/],
      ['role', 'kiosk', /role allows one of guide, wall/],
      ['camera', 'yes', /true or false/],
      ['screenOffHours', { from: '22:00', to: '22:00' }, /from and to must differ/],
      ['screenOffHours', { from: '24:00', to: '08:00' }, /a time of day HH:MM/],
      ['privacyNotice', { zh: '' }, /zh: text of 1-300 characters/],
    ];
    for (const [field, value, message] of cases) {
      const r = setParams.safeParse({ staffSession: session, field, value });
      expect(r.success, `${field}=${JSON.stringify(value)}`).toBe(false);
      expect(r.error!.issues.map((i) => i.message).join('\n')).toMatch(message);
    }
    expect(setParams.safeParse({ staffSession: session, field: 'brightness', value: 5 }).success).toBe(false);
    expect(setParams.safeParse({ staffSession: session, field: 'screenOffHours', value: null }).success).toBe(true);
    expect(setParams.safeParse({ staffSession: session, field: 'screenOffHours', value: { from: '22:30', to: '07:00' } }).success).toBe(true);
  });

  it('an override wins over HQ, says where every value comes from, is audited and reported', async () => {
    applyDesiredConfig(db, { version: 3, issuedAt: clock.toISOString(), config: { language: 'zh-CN', attractIntervalSec: 9 } }, clock);
    const s = await signedIn();
    const before = svc.settingsFor({ staffSession: s });
    expect(before.sources).toMatchObject({ role: 'default', idleTimeoutSec: 'local-config', language: 'hq', attractIntervalSec: 'hq' });

    const after = svc.setSetting({ staffSession: s, field: 'attractIntervalSec', value: 15 });
    expect(after.effective.attractIntervalSec).toBe(15);
    expect(after.sources.attractIntervalSec).toBe('staff');
    expect(after.overrides).toEqual([{ field: 'attractIntervalSec', value: 15, staffId: 'staff-li', setAt: clock.toISOString(), hqVersion: 3 }]);
    expect(effectiveDisplay(db, settings.display).attractIntervalSec).toBe(15);
    expect(configChanges).toBe(1);
    expect(hqAudit().at(-1)).toMatchObject({ action: 'setting-changed', staffId: 'staff-li', details: { field: 'attractIntervalSec', from: 9, to: 15 } });

    // Setting it back to HQ's value is clearing the override (HQ's later changes apply again).
    const back = svc.setSetting({ staffSession: s, field: 'attractIntervalSec', value: 9 });
    expect(back.overrides).toEqual([]);
    expect(back.sources.attractIntervalSec).toBe('hq');

    svc.setSetting({ staffSession: s, field: 'role', value: 'wall' });
    const cleared = svc.clearSetting({ staffSession: s, field: 'role' });
    expect(cleared.effective.role).toBe('guide');
    expect(audit().at(-1)).toMatchObject({ action: 'setting-cleared', details: JSON.stringify({ field: 'role', from: 'wall', to: 'guide' }) });
    expect(DisplayConfig.parse(cleared.effective)).toEqual(cleared.effective);
  });
});

describe('actions and diagnostics', () => {
  it('runs an action and audits its outcome', async () => {
    const s = await signedIn();
    expect(await svc.action({ staffSession: s, action: 'sync-now' })).toEqual({ status: 'done', detail: 'sync-now ran' });
    expect(actions).toEqual(['sync-now']);
    expect(hqAudit().at(-1)).toMatchObject({ action: 'action', details: { action: 'sync-now', status: 'done' } });
  });

  it('exports status, settings, logs and an outbox summary, without member data, and keeps a copy', async () => {
    db.prepare("INSERT INTO outbox (event_id, type, payload, created_at) VALUES ('ev-claim-000001', 'member.claim', ?, ?)").run(JSON.stringify({ memberId: 'M1003', claimId: 'c1' }), clock.toISOString());
    const s = await signedIn();
    const { fileName, diagnostics } = svc.diagnostics({ staffSession: s });
    expect(fileName).toMatch(/^atrium-diagnostics-demo-kiosk-1-2026-11-27T04-00-00-000Z\.json$/);
    expect(diagnostics).toMatchObject({ kind: 'atrium-diagnostics', exportedBy: 'staff-li', outbox: { byType: { 'member.claim': 1 } } });
    expect(JSON.stringify(diagnostics)).not.toContain('M1003');
    expect(audit().at(-1)).toMatchObject({ action: 'diagnostics-exported' });
  });
});
