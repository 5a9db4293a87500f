// HQ's own SQLite file (WAL, synchronous=FULL): members, events received (de-duplicated by eventId), members' claims
// (claim-ledger.ts), fleet status, reported configs, desired configs, commands and their results, and the catalog
// snapshot published per mall.
// Everything read back is parsed with the contract; nothing is cast from JSON.
import type Database from 'better-sqlite3';
import { openMigratedFile } from './sqlite-file.ts';
import path from 'node:path';
import { Member } from '../../contracts/catalog.ts';
import {
  CatalogSnapshot, CommandResult, DesiredConfig, DeviceEventEnvelope, Heartbeat, ReportedConfig, StaffCredential,
  type Command, type DeviceStatus,
} from '../../contracts/mqtt.ts';
import { newCardSalt } from '../../common/node/card-hash.ts';
import { memberWithSpentPoints } from './claims.ts';

export const HQ_DB_FILE = 'hq.db';

const migrations = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE members (
    id TEXT PRIMARY KEY, card_hash TEXT UNIQUE, tier TEXT NOT NULL, note TEXT, doc TEXT NOT NULL, updated_at TEXT NOT NULL
  );
  CREATE TABLE staff (staff_id TEXT PRIMARY KEY, doc TEXT NOT NULL);
  CREATE TABLE events (
    event_id TEXT PRIMARY KEY, mall_id TEXT NOT NULL, device_id TEXT NOT NULL, type TEXT NOT NULL, ts TEXT NOT NULL,
    payload TEXT NOT NULL, received_at TEXT NOT NULL, duplicates INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX events_by_device ON events (mall_id, device_id, received_at);
  CREATE TABLE devices (
    mall_id TEXT NOT NULL, device_id TEXT NOT NULL, online INTEGER, status_reason TEXT, status_ts TEXT, status_at TEXT,
    agent_version TEXT, heartbeat TEXT, heartbeat_at TEXT, PRIMARY KEY (mall_id, device_id)
  );
  CREATE TABLE reported_configs (mall_id TEXT NOT NULL, device_id TEXT NOT NULL, doc TEXT NOT NULL, received_at TEXT NOT NULL, PRIMARY KEY (mall_id, device_id));
  CREATE TABLE desired_configs (mall_id TEXT NOT NULL, device_id TEXT NOT NULL, version INTEGER NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (mall_id, device_id));
  CREATE TABLE commands (id TEXT PRIMARY KEY, mall_id TEXT NOT NULL, device_id TEXT NOT NULL, name TEXT NOT NULL, doc TEXT NOT NULL, issued_at TEXT NOT NULL);
  CREATE TABLE command_results (
    command_id TEXT NOT NULL, status TEXT NOT NULL, mall_id TEXT NOT NULL, device_id TEXT NOT NULL, doc TEXT NOT NULL, received_at TEXT NOT NULL,
    PRIMARY KEY (command_id, status)
  );
  CREATE TABLE catalogs (mall_id TEXT PRIMARY KEY, version INTEGER NOT NULL, published_at TEXT NOT NULL, snapshot TEXT NOT NULL);
  `,
  // Members' claims and points exchanges, decided once per claim id. points_spent is what a confirmed exchange took
  // from the member: a member's balance is their CRM balance (members.doc) minus the sum of it.
  `
  CREATE TABLE claims (
    claim_id TEXT PRIMARY KEY, mall_id TEXT NOT NULL, device_id TEXT NOT NULL, event_id TEXT NOT NULL,
    member_id TEXT NOT NULL, coupon_id TEXT NOT NULL, via TEXT NOT NULL, points_spent INTEGER NOT NULL,
    status TEXT NOT NULL, detail TEXT, payload TEXT NOT NULL, result TEXT NOT NULL, decided_at TEXT NOT NULL,
    repeats INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX claims_by_coupon ON claims (mall_id, coupon_id, status);
  CREATE INDEX claims_by_member ON claims (member_id, coupon_id, status);
  `,
];

export type EventOutcome = 'new' | 'duplicate';

export type FleetRow = {
  deviceId: string;
  online: boolean | null;
  statusReason: DeviceStatus['reason'] | null;
  statusAt: string | null;
  agentVersion: string | null;
  heartbeat: Heartbeat | null;
  heartbeatAt: string | null;
  eventsReceived: number;
  duplicates: number;
  reportedDesiredVersion: number | null;
};

/** Stored in the envelope's shape: an older HQ database may hold event types or payloads this version no longer takes. */
export type StoredEvent = DeviceEventEnvelope & { receivedAt: string; duplicates: number };
export type StoredMember = { member: Member; note: string | null; cardHash: string | null };

export class HqStore {
  readonly db: Database.Database;

  constructor(file: string) {
    // Events are acknowledged to nobody by HQ itself, but they are HQ's record of money and points: every commit
    // is made durable (synchronous=FULL, in openMigratedFile).
    this.db = openMigratedFile(file, migrations);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  // ---- meta ----

  meta(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  /** The mall's card-hash salt, created once and kept: changing it would orphan every stored card hash. */
  cardSalt(mallId: string): string {
    const key = `cardSalt:${mallId}`;
    return this.db.transaction(() => {
      const existing = this.meta(key);
      if (existing) return existing;
      const salt = newCardSalt();
      this.setMeta(key, salt);
      return salt;
    })();
  }

  // ---- members and staff ----

  /** Members as the CRM holds them; `points` is the balance before anything spent at HQ (see pointsSpent). */
  upsertMembers(rows: StoredMember[], now: Date = new Date()): void {
    const stmt = this.db.prepare(
      `INSERT INTO members (id, card_hash, tier, note, doc, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET card_hash = excluded.card_hash, tier = excluded.tier, note = excluded.note, doc = excluded.doc, updated_at = excluded.updated_at`,
    );
    this.db.transaction(() => {
      for (const r of rows) {
        const m = Member.parse(r.member);
        stmt.run(m.id, r.cardHash, m.tier, r.note, JSON.stringify(m), now.toISOString());
      }
    })();
  }

  /** Points a member spent at HQ (confirmed exchanges). */
  pointsSpent(memberId: string): number {
    return (this.db.prepare('SELECT COALESCE(SUM(points_spent), 0) AS n FROM claims WHERE member_id = ?').get(memberId) as { n: number }).n;
  }

  /** A stored member with HQ's current balance: the CRM record less what they spent on exchanges here. */
  private withBalance(doc: string): Member {
    const m = Member.parse(JSON.parse(doc));
    const after = memberWithSpentPoints(m, this.pointsSpent(m.id));
    const credited = this.pointsCredited(m.id);
    return credited ? { ...after, points: after.points + credited } : after;
  }

  /** Points HQ credited a member for confirmed survey responses (hq-sim/src/surveys/store.ts makes that table). */
  pointsCredited(memberId: string): number {
    if (!this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'survey_responses'").get()) return 0;
    return (this.db.prepare("SELECT COALESCE(SUM(points), 0) AS n FROM survey_responses WHERE member_id = ? AND status = 'confirmed'").get(memberId) as { n: number }).n;
  }

  memberById(id: string): Member | null {
    const row = this.db.prepare('SELECT doc FROM members WHERE id = ?').get(id) as { doc: string } | undefined;
    return row ? this.withBalance(row.doc) : null;
  }

  memberByCardHash(cardHash: string): Member | null {
    const row = this.db.prepare('SELECT doc FROM members WHERE card_hash = ?').get(cardHash) as { doc: string } | undefined;
    return row ? this.withBalance(row.doc) : null;
  }

  /** The member's card hash (mall salt), or null when they have no card or HQ has no such member. */
  cardHashOf(memberId: string): string | null {
    const row = this.db.prepare('SELECT card_hash FROM members WHERE id = ?').get(memberId) as { card_hash: string | null } | undefined;
    return row?.card_hash ?? null;
  }

  members(): StoredMember[] {
    const rows = this.db.prepare('SELECT doc, note, card_hash FROM members ORDER BY id').all() as { doc: string; note: string | null; card_hash: string | null }[];
    return rows.map((r) => ({ member: this.withBalance(r.doc), note: r.note, cardHash: r.card_hash }));
  }

  staff(): StaffCredential[] {
    const rows = this.db.prepare('SELECT doc FROM staff ORDER BY staff_id').all() as { doc: string }[];
    return rows.map((r) => StaffCredential.parse(JSON.parse(r.doc)));
  }

  replaceStaff(staff: StaffCredential[]): void {
    this.db.transaction(() => {
      this.db.exec('DELETE FROM staff');
      const stmt = this.db.prepare('INSERT INTO staff (staff_id, doc) VALUES (?, ?)');
      for (const s of staff) stmt.run(s.staffId, JSON.stringify(StaffCredential.parse(s)));
    })();
  }

  // ---- events ----

  /** Stores an event once per eventId; a repeat (a kiosk re-sending after a lost PUBACK) only bumps its count. */
  recordEvent(e: DeviceEventEnvelope, receivedAt: Date = new Date()): EventOutcome {
    return this.db.transaction((): EventOutcome => {
      const inserted = this.db
        .prepare('INSERT OR IGNORE INTO events (event_id, mall_id, device_id, type, ts, payload, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(e.eventId, e.mallId, e.deviceId, e.type, e.ts, JSON.stringify(e.payload), receivedAt.toISOString());
      if (inserted.changes === 1) return 'new';
      this.db.prepare('UPDATE events SET duplicates = duplicates + 1 WHERE event_id = ?').run(e.eventId);
      return 'duplicate';
    })();
  }

  events(filter: { mallId?: string; deviceId?: string; type?: string; limit?: number } = {}): StoredEvent[] {
    const conditions = ([['mall_id', filter.mallId], ['device_id', filter.deviceId], ['type', filter.type]] as const).filter(([, v]) => v);
    const where = conditions.map(([column]) => `${column} = ?`);
    const args = conditions.map(([, v]) => v);
    const sql = `SELECT * FROM events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY received_at DESC, rowid DESC LIMIT ?`;
    const rows = this.db.prepare(sql).all(...args, filter.limit ?? 1000) as {
      event_id: string; mall_id: string; device_id: string; type: string; ts: string; payload: string; received_at: string; duplicates: number;
    }[];
    return rows.map((r) => ({
      ...DeviceEventEnvelope.parse({ eventId: r.event_id, type: r.type, deviceId: r.device_id, mallId: r.mall_id, ts: r.ts, payload: JSON.parse(r.payload) }),
      receivedAt: r.received_at,
      duplicates: r.duplicates,
    }));
  }

  // ---- fleet ----

  private ensureDevice(mallId: string, deviceId: string) {
    this.db.prepare('INSERT OR IGNORE INTO devices (mall_id, device_id) VALUES (?, ?)').run(mallId, deviceId);
  }

  /**
   * The latest status to ARRIVE wins, whatever its ts: a last will carries the time it was registered (at connect),
   * so it is older than the birth it replaces, yet it is the newer news.
   */
  recordStatus(s: DeviceStatus, receivedAt: Date = new Date()): void {
    this.db.transaction(() => {
      this.ensureDevice(s.mallId, s.deviceId);
      this.db
        .prepare('UPDATE devices SET online = ?, status_reason = ?, status_ts = ?, status_at = ?, agent_version = COALESCE(?, agent_version) WHERE mall_id = ? AND device_id = ?')
        .run(s.online ? 1 : 0, s.reason, s.ts, receivedAt.toISOString(), s.agentVersion ?? null, s.mallId, s.deviceId);
    })();
  }

  recordHeartbeat(mallId: string, hb: Heartbeat, receivedAt: Date = new Date()): void {
    this.db.transaction(() => {
      this.ensureDevice(mallId, hb.deviceId);
      this.db.prepare('UPDATE devices SET heartbeat = ?, heartbeat_at = ? WHERE mall_id = ? AND device_id = ?').run(JSON.stringify(hb), receivedAt.toISOString(), mallId, hb.deviceId);
    })();
  }

  recordReportedConfig(mallId: string, deviceId: string, reported: ReportedConfig, receivedAt: Date = new Date()): void {
    this.db.transaction(() => {
      this.ensureDevice(mallId, deviceId);
      this.db
        .prepare('INSERT INTO reported_configs (mall_id, device_id, doc, received_at) VALUES (?, ?, ?, ?) ON CONFLICT(mall_id, device_id) DO UPDATE SET doc = excluded.doc, received_at = excluded.received_at')
        .run(mallId, deviceId, JSON.stringify(reported), receivedAt.toISOString());
    })();
  }

  reportedConfig(mallId: string, deviceId: string): ReportedConfig | null {
    const row = this.db.prepare('SELECT doc FROM reported_configs WHERE mall_id = ? AND device_id = ?').get(mallId, deviceId) as { doc: string } | undefined;
    return row ? ReportedConfig.parse(JSON.parse(row.doc)) : null;
  }

  /** Devices HQ has heard from or configured, in this mall. */
  knownDevices(mallId: string): string[] {
    const rows = this.db
      .prepare('SELECT device_id FROM devices WHERE mall_id = ? UNION SELECT device_id FROM desired_configs WHERE mall_id = ? ORDER BY device_id')
      .all(mallId, mallId) as { device_id: string }[];
    return rows.map((r) => r.device_id);
  }

  fleet(mallId: string): FleetRow[] {
    const rows = this.db
      .prepare(
        `SELECT d.device_id, d.online, d.status_reason, d.status_at, d.agent_version, d.heartbeat, d.heartbeat_at,
                (SELECT COUNT(*) FROM events e WHERE e.mall_id = d.mall_id AND e.device_id = d.device_id) AS events,
                (SELECT COALESCE(SUM(duplicates), 0) FROM events e WHERE e.mall_id = d.mall_id AND e.device_id = d.device_id) AS duplicates,
                r.doc AS reported
         FROM devices d LEFT JOIN reported_configs r ON r.mall_id = d.mall_id AND r.device_id = d.device_id
         WHERE d.mall_id = ? ORDER BY d.device_id`,
      )
      .all(mallId) as {
        device_id: string; online: number | null; status_reason: string | null; status_at: string | null; agent_version: string | null;
        heartbeat: string | null; heartbeat_at: string | null; events: number; duplicates: number; reported: string | null;
      }[];
    return rows.map((r) => ({
      deviceId: r.device_id,
      online: r.online === null ? null : r.online === 1,
      statusReason: (r.status_reason as DeviceStatus['reason'] | null) ?? null,
      statusAt: r.status_at,
      agentVersion: r.agent_version,
      heartbeat: r.heartbeat ? Heartbeat.parse(JSON.parse(r.heartbeat)) : null,
      heartbeatAt: r.heartbeat_at,
      eventsReceived: r.events,
      duplicates: r.duplicates,
      reportedDesiredVersion: r.reported ? ReportedConfig.parse(JSON.parse(r.reported)).desiredVersion : null,
    }));
  }

  // ---- desired config ----

  desiredConfig(mallId: string, deviceId: string): DesiredConfig | null {
    const row = this.db.prepare('SELECT doc FROM desired_configs WHERE mall_id = ? AND device_id = ?').get(mallId, deviceId) as { doc: string } | undefined;
    return row ? DesiredConfig.parse(JSON.parse(row.doc)) : null;
  }

  saveDesiredConfig(mallId: string, deviceId: string, desired: DesiredConfig): void {
    const parsed = DesiredConfig.parse(desired);
    this.db
      .prepare('INSERT INTO desired_configs (mall_id, device_id, version, doc) VALUES (?, ?, ?, ?) ON CONFLICT(mall_id, device_id) DO UPDATE SET version = excluded.version, doc = excluded.doc')
      .run(mallId, deviceId, parsed.version, JSON.stringify(parsed));
  }

  // ---- commands ----

  recordCommand(mallId: string, deviceId: string, cmd: Command): void {
    this.db.prepare('INSERT OR IGNORE INTO commands (id, mall_id, device_id, name, doc, issued_at) VALUES (?, ?, ?, ?, ?, ?)').run(cmd.id, mallId, deviceId, cmd.name, JSON.stringify(cmd), cmd.issuedAt);
  }

  /** Stores a result once per (command, status); false when it was already there (a redelivery). */
  recordCommandResult(mallId: string, deviceId: string, result: CommandResult, receivedAt: Date = new Date()): boolean {
    return this.db
      .prepare('INSERT OR IGNORE INTO command_results (command_id, status, mall_id, device_id, doc, received_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(result.id, result.status, mallId, deviceId, JSON.stringify(result), receivedAt.toISOString()).changes === 1;
  }

  commandResults(commandId: string): CommandResult[] {
    const rows = this.db.prepare('SELECT doc FROM command_results WHERE command_id = ? ORDER BY received_at, rowid').all(commandId) as { doc: string }[];
    return rows.map((r) => CommandResult.parse(JSON.parse(r.doc)));
  }

  // ---- catalog ----

  publishedSnapshot(mallId: string): CatalogSnapshot | null {
    const row = this.db.prepare('SELECT snapshot FROM catalogs WHERE mall_id = ?').get(mallId) as { snapshot: string } | undefined;
    return row ? CatalogSnapshot.parse(JSON.parse(row.snapshot)) : null;
  }

  /** Keeps the snapshot HQ publishes; versions only move forward. */
  savePublishedSnapshot(snapshot: CatalogSnapshot): void {
    this.db.transaction(() => {
      const current = this.db.prepare('SELECT version FROM catalogs WHERE mall_id = ?').get(snapshot.mallId) as { version: number } | undefined;
      if (current && current.version > snapshot.version) {
        throw new Error(`catalog version ${snapshot.version} is older than the published ${current.version}`);
      }
      this.db
        .prepare('INSERT INTO catalogs (mall_id, version, published_at, snapshot) VALUES (?, ?, ?, ?) ON CONFLICT(mall_id) DO UPDATE SET version = excluded.version, published_at = excluded.published_at, snapshot = excluded.snapshot')
        .run(snapshot.mallId, snapshot.version, snapshot.publishedAt, JSON.stringify(snapshot));
    })();
  }
}

export function openHqStore(dataDir: string): HqStore {
  return new HqStore(path.join(dataDir, HQ_DB_FILE));
}
