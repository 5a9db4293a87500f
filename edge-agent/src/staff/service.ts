// The staff console's agent side: sign-in (PIN or staff card) with lock-out, sessions, the settings staff may
// override, status, actions and diagnostics. Every staff action leaves an audit entry (audit.ts), which also
// reaches HQ as a `staff.audit` event.
import path from 'node:path';
import type { AgentSettings } from '../../../contracts/config.ts';
import { DisplayConfig } from '../../../contracts/config.ts';
import { StaffCredential } from '../../../contracts/mqtt.ts';
import {
  STAFF_IDLE_SEC, STAFF_LOCKOUT_SEC, STAFF_MAX_FAILURES, settingFields,
  type SettingField, type SettingSource, type SignInRefusal, type StaffAction, type StaffMember, type StaffSettings, type StaffSignInResult, type StaffStatus,
} from '../../../contracts/staff.ts';
import type { ApiParsedParams, ApiResult } from '../../../contracts/api.ts';
import { staffSessionGone } from '../errors.ts';
import { catalogInfo } from '../catalog/info.ts';
import type { Db } from '../db/open.ts';
import type { Logger } from '../../../common/node/log.ts';
import { parseCardNumber } from '../../../common/cards.ts';
import { cardHash } from '../../../common/node/card-hash.ts';
import { cardSalt } from '../members/cards.ts';
import type { SyncStatus } from '../../../contracts/sync-status.ts';
import { contentSummary } from '../content/assets.ts';
import { desiredConfig } from '../settings/desired.ts';
import { effectiveDisplay } from '../settings/effective.ts';
import { recentAudit, recordAudit, type AuditInput } from '../audit.ts';
import { saveKeepingNewest } from '../kept-files.ts';
import { buildDiagnostics, diagnosticsFileName, outboxSummary } from './diagnostics.ts';
import { afterFailure, afterSuccess, failuresLeft, lockoutAt, type LockoutPolicy } from './lockout.ts';
import { readLockout, writeLockout } from './lockout-store.ts';
import { scrubbedEntries, type LogRing } from './log-ring.ts';
import { clearOverride, listOverrides, mergeDisplay, overrideValues, sameValue, setOverride } from '../settings/overrides.ts';
import { verifyPin } from '../../../common/node/pin-hash.ts';
import { spendPinCheck } from './pin.ts';
import { StaffSessions, type StaffSession } from './sessions.ts';
import { printerStatusOf } from '../printer/receipt-printer.ts';

export type ActionOutcome = { status: 'done' | 'failed' | 'rejected'; detail: string | null };

export type StaffServiceOptions = {
  db: Db;
  settings: AgentSettings;
  log: Logger;
  logs: LogRing;
  agentVersion: string;
  startedAt: number;
  sync: () => SyncStatus;
  /** Runs an action through the same code path as HQ's command of the same name. */
  runAction: (action: StaffAction) => Promise<ActionOutcome>;
  /** A setting changed here: report the config to HQ. */
  onConfigChanged: () => void;
  /** An audit entry was written: drain the outbox soon. */
  onAudit: () => void;
  now?: () => Date;
  policy?: LockoutPolicy;
  idleSec?: number;
};

type SignInParams = ApiParsedParams<'staff.signIn'>;

const defaults = DisplayConfig.parse({});

export class StaffService {
  private readonly o: StaffServiceOptions;
  private readonly sessions: StaffSessions;
  private readonly policy: LockoutPolicy;
  /** Sign-ins run one at a time, so parallel attempts cannot slip past the failure count. */
  private signInChain: Promise<unknown> = Promise.resolve();
  private readonly idleSec: number;

  constructor(opts: StaffServiceOptions) {
    this.o = opts;
    this.idleSec = opts.idleSec ?? STAFF_IDLE_SEC;
    this.policy = opts.policy ?? { maxFailures: STAFF_MAX_FAILURES, lockoutMs: STAFF_LOCKOUT_SEC * 1000 };
    this.sessions = new StaffSessions({
      idleMs: this.idleSec * 1000,
      nowMs: () => this.now().getTime(),
      // A session that went idle signs its staff member out, on the record (a sign-out asked for is audited with its reason).
      onEnd: (s, reason) => { if (reason === 'expired') this.audit({ staffId: s.staff.staffId, action: 'sign-out', details: { reason: 'expired' } }); },
    });
  }

  private now(): Date {
    return this.o.now?.() ?? new Date();
  }

  /** Ends idle sessions (each with an audit entry) every few seconds, even when nobody asks for them. */
  start(everyMs?: number): void {
    this.sessions.start(everyMs);
  }

  stop(): void {
    this.sessions.stop();
  }

  private audit(input: AuditInput): void {
    recordAudit(this.o.db, input, this.now());
    this.o.onAudit();
  }

  private session(id: string, touch = true): StaffSession {
    const s = touch ? this.sessions.use(id) : this.sessions.peek(id);
    if (!s) throw staffSessionGone();
    return s;
  }

  // ---- sign-in ----

  private credentials(): StaffCredential[] {
    const rows = this.o.db.prepare('SELECT doc FROM staff ORDER BY staff_id').all() as { doc: string }[];
    return rows.flatMap((r) => {
      const c = StaffCredential.safeParse(JSON.parse(r.doc));
      return c.success ? [c.data] : [];
    });
  }

  private lockState() {
    const now = this.now().getTime();
    const state = lockoutAt(readLockout(this.o.db), now);
    return { failuresLeft: failuresLeft(state, now, this.policy), lockedUntil: state.lockedUntil === null ? null : new Date(state.lockedUntil).toISOString() };
  }

  roster(): ApiResult<'staff.roster'> {
    const creds = this.credentials();
    const staff = creds.map(member).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
    return { staff, cardSignIn: cardSalt(this.o.db) !== null && creds.some((c) => c.cardHash !== null), ...this.lockState() };
  }

  signIn(params: SignInParams): Promise<StaffSignInResult> {
    const run = this.signInChain.then(() => this.trySignIn(params));
    this.signInChain = run.catch(() => {});
    return run;
  }

  private async trySignIn(params: SignInParams): Promise<StaffSignInResult> {
    const creds = this.credentials();
    if (creds.length === 0) return { status: 'refused', reason: 'no_staff', ...this.lockState() };
    const nowMs = this.now().getTime();
    if (lockoutAt(readLockout(this.o.db), nowMs).lockedUntil !== null) {
      this.audit({ staffId: params.method === 'pin' ? params.staffId : null, action: 'sign-in-refused', details: { method: params.method, reason: 'locked_out' } });
      return { status: 'refused', reason: 'locked_out', ...this.lockState() };
    }
    let who: StaffCredential | null = null;
    let reason: SignInRefusal = 'wrong_pin';
    if (params.method === 'pin') {
      const cred = creds.find((c) => c.staffId === params.staffId) ?? null;
      if (!cred) {
        await spendPinCheck(params.pin);
        reason = 'unknown_staff';
      } else if (await verifyPin(params.pin, cred.pinHash)) {
        who = cred;
      }
    } else {
      const salt = cardSalt(this.o.db);
      const number = parseCardNumber(params.code);
      const hash = salt && number !== null ? cardHash(salt, number) : null;
      who = hash ? creds.find((c) => c.cardHash === hash) ?? null : null;
      reason = 'unknown_card';
    }
    const now = this.now();
    if (who) {
      writeLockout(this.o.db, afterSuccess(), now);
      const s = this.sessions.create(member(who));
      this.audit({ staffId: who.staffId, action: 'sign-in', details: { method: params.method, role: who.role } });
      this.o.log.info('staff signed in', { staffId: who.staffId, method: params.method });
      return { status: 'signed-in', staffSession: s.id, staff: s.staff, idleTimeoutSec: this.idleSec };
    }
    const step = afterFailure(readLockout(this.o.db), now.getTime(), this.policy);
    writeLockout(this.o.db, step.state, now);
    const staffId = params.method === 'pin' ? params.staffId : null;
    this.audit({ staffId, action: 'sign-in-refused', details: { method: params.method, reason, failures: step.state.failures } });
    this.o.log.warn('staff sign-in refused', { method: params.method, reason, failures: step.state.failures });
    if (step.lockedOut) {
      const until = new Date(step.state.lockedUntil!).toISOString();
      this.audit({ staffId: null, action: 'locked-out', details: { failures: step.state.failures, until, lastMethod: params.method } });
      this.o.log.warn('staff sign-in locked', { until, failures: step.state.failures });
    }
    return { status: 'refused', reason, ...this.lockState() };
  }

  signOut({ staffSession, reason }: ApiParsedParams<'staff.signOut'>): ApiResult<'staff.signOut'> {
    const s = this.sessions.end(staffSession, 'signed-out');
    if (s) this.audit({ staffId: s.staff.staffId, action: 'sign-out', details: { reason } });
    return {};
  }

  keepAlive({ staffSession }: ApiParsedParams<'staff.keepAlive'>): ApiResult<'staff.keepAlive'> {
    const s = this.session(staffSession);
    return { expiresAt: new Date(this.sessions.expiresAtMs(s.id)!).toISOString() };
  }

  // ---- settings ----

  private currentSettings(): StaffSettings {
    const desired = desiredConfig(this.o.db);
    const overrides = listOverrides(this.o.db);
    const base = this.o.settings.display;
    const sources = Object.fromEntries(settingFields.map((f): [SettingField, SettingSource] => {
      if (overrides.some((o) => o.field === f)) return [f, 'staff'];
      if (desired?.config[f] !== undefined) return [f, 'hq'];
      return [f, sameValue(base[f], defaults[f]) ? 'default' : 'local-config'];
    })) as Record<SettingField, SettingSource>;
    return {
      effective: mergeDisplay(base, desired?.config, overrideValues(overrides)),
      base,
      hq: desired ? { version: desired.version, issuedAt: desired.issuedAt, config: desired.config } : null,
      overrides: overrides.map(({ hqValue: _hqValue, ...o }) => o),
      sources,
    };
  }

  settingsFor({ staffSession }: ApiParsedParams<'staff.settings'>): StaffSettings {
    // A read the page repeats: it does not keep the session alive (staff input does).
    this.session(staffSession, false);
    return this.currentSettings();
  }

  setSetting({ staffSession, field, value }: ApiParsedParams<'staff.setSetting'>): StaffSettings {
    const s = this.session(staffSession);
    const before = effectiveDisplay(this.o.db, this.o.settings.display)[field];
    const desired = desiredConfig(this.o.db);
    const withoutOverride = mergeDisplay(this.o.settings.display, desired?.config, {})[field];
    this.o.db.transaction(() => {
      // Setting a field back to what it would be anyway is clearing the override: HQ's later changes apply again.
      if (sameValue(value, withoutOverride)) clearOverride(this.o.db, field);
      else setOverride(this.o.db, { field, value, staffId: s.staff.staffId, hqVersion: desired?.version ?? 0, hqValue: desired?.config[field] }, this.now());
      recordAudit(this.o.db, { staffId: s.staff.staffId, action: 'setting-changed', details: { field, from: before ?? null, to: value ?? null } }, this.now());
    })();
    this.o.onAudit();
    this.o.log.info('setting changed by staff', { field, staffId: s.staff.staffId });
    this.o.onConfigChanged();
    return this.currentSettings();
  }

  clearSetting({ staffSession, field }: ApiParsedParams<'staff.clearSetting'>): StaffSettings {
    const s = this.session(staffSession);
    const before = effectiveDisplay(this.o.db, this.o.settings.display)[field];
    const cleared = this.o.db.transaction(() => {
      if (!clearOverride(this.o.db, field)) return false;
      const after = effectiveDisplay(this.o.db, this.o.settings.display)[field];
      recordAudit(this.o.db, { staffId: s.staff.staffId, action: 'setting-cleared', details: { field, from: before ?? null, to: after ?? null } }, this.now());
      return true;
    })();
    if (cleared) {
      this.o.onAudit();
      this.o.onConfigChanged();
    }
    return this.currentSettings();
  }

  // ---- status, actions, diagnostics ----

  private currentStatus(): StaffStatus {
    const db = this.o.db;
    const count = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    const sync = this.o.sync();
    return {
      deviceId: this.o.settings.deviceId,
      mallId: this.o.settings.mallId,
      agentVersion: this.o.agentVersion,
      uptimeSec: Math.round((Date.now() - this.o.startedAt) / 1000),
      sync: { hqConfigured: this.o.settings.hqUrl !== '', state: sync.state, lastSyncAt: sync.lastSyncAt, lastError: sync.lastError, outboxDepth: sync.outboxDepth, reconnects: sync.reconnects, refused: sync.refused },
      catalog: { version: catalogInfo(db)?.version ?? 0, stores: count('stores'), campaigns: count('campaigns'), coupons: count('coupons'), staff: count('staff'), attract: count('attract') },
      config: { desiredVersion: desiredConfig(db)?.version ?? 0, overrides: listOverrides(db).map((o) => o.field) },
      audit: recentAudit(db, 10),
      content: contentSummary(db, this.o.settings.content.quotaMb * 1024 * 1024),
      printer: printerStatusOf(db, this.o.settings.printer),
    };
  }

  status({ staffSession }: ApiParsedParams<'staff.status'>): StaffStatus {
    // A status poll does not keep the session alive: only staff input does.
    this.session(staffSession, false);
    return this.currentStatus();
  }

  async action({ staffSession, action }: ApiParsedParams<'staff.action'>): Promise<ApiResult<'staff.action'>> {
    const s = this.session(staffSession);
    let outcome: ActionOutcome;
    try {
      outcome = await this.o.runAction(action);
    } catch (err) {
      outcome = { status: 'failed', detail: (err as Error).message };
    }
    this.audit({ staffId: s.staff.staffId, action: 'action', details: { action, status: outcome.status, detail: outcome.detail } });
    this.o.log.info('staff action', { action, staffId: s.staff.staffId, status: outcome.status });
    return outcome;
  }

  diagnostics({ staffSession }: ApiParsedParams<'staff.diagnostics'>): ApiResult<'staff.diagnostics'> {
    const s = this.session(staffSession);
    const now = this.now();
    const mem = process.memoryUsage();
    const diagnostics = buildDiagnostics({
      generatedAt: now,
      exportedBy: s.staff.staffId,
      status: this.currentStatus(),
      settings: this.currentSettings(),
      outbox: outboxSummary(this.o.db),
      audit: recentAudit(this.o.db, 200),
      logs: scrubbedEntries(this.o.logs),
      runtime: { node: process.versions.node, platform: process.platform, arch: process.arch, rssMb: Math.round(mem.rss / 1048576), heapUsedMb: Math.round(mem.heapUsed / 1048576) },
    });
    const fileName = diagnosticsFileName(this.o.settings.deviceId, now);
    const text = JSON.stringify(diagnostics, null, 2);
    const savedTo = saveCopy(this.o.settings.dataDir, fileName, text);
    this.audit({ staffId: s.staff.staffId, action: 'diagnostics-exported', details: { fileName, bytes: Buffer.byteLength(text), logLines: (diagnostics.logs as unknown[]).length } });
    return { fileName, savedTo, diagnostics };
  }
}

function member(c: StaffCredential): StaffMember {
  return { staffId: c.staffId, name: c.name, role: c.role };
}

/** Keeps the last 5 exports in the data folder too (for a technician with access to the machine). */
function saveCopy(dataDir: string, fileName: string, text: string): string {
  return saveKeepingNewest(path.resolve(dataDir, 'diagnostics'), fileName, text, 5);
}
