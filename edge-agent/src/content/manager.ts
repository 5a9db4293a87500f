// The content manager: keeps <data>/content in step with what the catalog needs. Each plan (on start, after a catalog
// change, when a retry is due, and every minute as prefetch windows move) reads the catalog from SQLite, refuses what
// cannot be fetched, makes room under the quota by evicting least-recently-used files nothing refers to, and starts
// downloads up to the concurrency. Every state change is written to SQLite before the network is touched.
import type { Backoff } from '../../../contracts/backoff.ts';
import { Campaign, Store } from '../../../contracts/catalog.ts';
import type { ContentSettings } from '../../../contracts/config.ts';
import type { ContentSummary } from '../../../contracts/mqtt.ts';
import { formatZodError } from '../../../contracts/zod-errors.ts';
import type { Logger } from '../../../common/node/log.ts';
import type { Db } from '../db/open.ts';
import { allAssets, assetOf, contentSummary, setPlanFlags, updateAsset, wallArtwork, type AssetRow } from './assets.ts';
import { downloadAsset } from './download.ts';
import { contentPaths, ensureFolders, partPath, remove, storePath, type ContentPaths } from './files.ts';
import { chooseEvictions, contentBackoff, nextAttemptAt, planContent, refusal, removeWhen, type ContentPlan } from './plan.ts';
import { markUnverified, recoverStore } from './recover.ts';
import { TokenBucket } from './throttle.ts';

export type ContentManagerOptions = {
  db: Db;
  dataDir: string;
  settings: ContentSettings;
  /** The mall's time zone (the agent's `timeZone` setting): schedules' dates and dayparts, for prefetch. */
  timeZone: string;
  log: Logger;
  now?: () => Date;
  backoff?: Backoff;
  /** A connection with no data for this long is dropped and resumed later (default 30 s). */
  idleTimeoutMs?: number;
  /** How often the plan runs without a reason (prefetch windows move with the clock). */
  replanMs?: number;
  /** How long a file that left the catalog may still be on screen after it was last served (default ON_SCREEN_GRACE_MS). */
  onScreenGraceMs?: number;
};

const MIB = 1024 * 1024;

export class ContentManager {
  readonly paths: ContentPaths;
  readonly quotaBytes: number;
  private readonly o: ContentManagerOptions;
  private readonly bucket: TokenBucket | null;
  private readonly active = new Map<string, { ctrl: AbortController; done: Promise<void> }>();
  private timer: NodeJS.Timeout | undefined;
  private periodic: NodeJS.Timeout | undefined;
  private planQueued = false;
  private started = false;
  private stopped = false;

  constructor(o: ContentManagerOptions) {
    this.o = o;
    this.paths = contentPaths(o.dataDir);
    this.quotaBytes = o.settings.quotaMb * MIB;
    this.bucket = o.settings.bandwidthBytesPerSec === null ? null : new TokenBucket(o.settings.bandwidthBytesPerSec);
    // Before the local server can ask: nothing counts as ready until start() has checked its file again.
    markUnverified(o.db);
  }

  /** Checks the store (every file hashed before it is served again), then plans. Resolves once the check is done. */
  async start(): Promise<void> {
    this.started = true;
    await ensureFolders(this.paths);
    await recoverStore(this.o.db, this.paths, this.o.log, this.nowIso());
    if (this.stopped) return;
    this.periodic = setInterval(() => this.poke(), this.o.replanMs ?? 60_000);
    this.periodic.unref();
    this.poke();
  }

  /** Something changed (catalog, settings, a download ended): plan again soon. */
  poke(): void {
    if (!this.started || this.stopped || this.planQueued) return;
    this.planQueued = true;
    setImmediate(() => {
      this.planQueued = false;
      if (this.stopped) return;
      try {
        this.plan();
      } catch (err) {
        this.o.log.error('content plan failed', { err });
      }
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.periodic);
    for (const a of this.active.values()) a.ctrl.abort(new Error('agent stopping'));
    await Promise.all([...this.active.values()].map((a) => a.done));
  }

  summary(): ContentSummary {
    return contentSummary(this.o.db, this.quotaBytes);
  }

  private now(): number {
    return (this.o.now?.() ?? new Date()).getTime();
  }
  private nowIso(): string {
    return new Date(this.now()).toISOString();
  }

  private catalogPlan(): ContentPlan {
    const { db } = this.o;
    const campaigns = (db.prepare('SELECT doc FROM campaigns').all() as { doc: string }[]).map((r) => Campaign.parse(JSON.parse(r.doc)));
    const stores = (db.prepare('SELECT doc FROM stores').all() as { doc: string }[]).map((r) => Store.parse(JSON.parse(r.doc)));
    return planContent({ campaigns, stores, wallArtwork: wallArtwork(db) }, this.now(), this.o.settings.prefetchHours, this.o.timeZone);
  }

  private plan(): void {
    const { db, log } = this.o;
    const now = this.now();
    const plan = this.catalogPlan();
    setPlanFlags(db, plan.referenced, plan.wanted);
    let nextRetry = this.purgeRemoved(allAssets(db), plan, now);
    const rows = allAssets(db);
    const due: AssetRow[] = [];
    for (const row of rows) {
      if (!row.in_catalog || !plan.wanted.has(row.sha256) || row.state === 'ready' || this.active.has(row.sha256)) continue;
      const parsed = assetOf(row);
      const refused = refusal(row, this.quotaBytes) ?? (parsed.success ? null : formatZodError(parsed.error, { first: true }));
      if (refused) {
        if (row.state !== 'failed' || row.last_error !== refused) {
          updateAsset(db, row.sha256, { state: 'failed', last_error: refused, last_error_at: this.nowIso(), next_attempt_at: null });
          log.warn('content asset refused', { sha256: row.sha256, reason: refused });
        }
        continue;
      }
      const retryAt = row.next_attempt_at ? Date.parse(row.next_attempt_at) : 0;
      if (retryAt > now) {
        nextRetry = Math.min(nextRetry, retryAt);
        continue;
      }
      due.push(row);
    }
    due.sort((a, b) => plan.wanted.get(a.sha256)! - plan.wanted.get(b.sha256)! || a.sha256.localeCompare(b.sha256));
    for (const row of due) {
      if (this.active.size >= this.o.settings.concurrency) break;
      if (this.makeRoom(rows, row, plan)) this.begin(row);
    }
    clearTimeout(this.timer);
    if (nextRetry !== Infinity) {
      this.timer = setTimeout(() => this.poke(), Math.max(0, nextRetry - now) + 5);
      this.timer.unref();
    }
  }

  /**
   * Deletes assets that left the catalog (a delta's remove.assets, a snapshot no longer listing them, or refused) once
   * that is safe: nothing the plan keeps names them (a campaign not ended, a logo, the wall artwork), no download of
   * theirs runs (one is stopped), and they are off screen (removeWhen). The row goes first, so the server never opens
   * a file being deleted. Returns when to look again for one still on screen (Infinity: none).
   */
  private purgeRemoved(rows: AssetRow[], plan: ContentPlan, now: number): number {
    let again = Infinity;
    for (const row of rows) {
      if (row.in_catalog || plan.referenced.has(row.sha256)) continue;
      const active = this.active.get(row.sha256);
      if (active) {
        active.ctrl.abort(new Error('asset removed from the catalog'));
        continue; // planned again when the download has stopped
      }
      const at = removeWhen(row, now, this.o.onScreenGraceMs);
      if (at > now) {
        again = Math.min(again, at);
        continue;
      }
      this.o.db.prepare('DELETE FROM assets WHERE sha256 = ?').run(row.sha256);
      void remove(storePath(this.paths, row.sha256));
      void remove(partPath(this.paths, row.sha256));
      if (row.bytes_on_disk > 0) this.o.log.info('content removed', { sha256: row.sha256, bytes: row.bytes_on_disk, lastUsedAt: row.last_used_at });
    }
    return again;
  }

  /** Evicts what must go for `row` to fit (downloads in progress reserve their full size); false when it cannot fit. */
  private makeRoom(rows: AssetRow[], row: AssetRow, plan: ContentPlan): boolean {
    const used = rows.reduce((sum, r) => sum + (this.active.has(r.sha256) ? r.bytes : r.bytes_on_disk), 0);
    const need = row.bytes - row.bytes_on_disk;
    const files = rows.map((r) => ({ sha256: r.sha256, bytesOnDisk: r.bytes_on_disk, ready: r.state === 'ready', lastUsedAt: r.last_used_at, readyAt: r.ready_at }));
    const evict = chooseEvictions(files, used, need, this.quotaBytes, plan.referenced, new Set(this.active.keys()));
    if (evict === null) {
      const reason = `waiting for disk space: quota ${this.quotaBytes} bytes, ${used} in use, ${need} more needed, and nothing unreferenced to evict`;
      if (row.last_error !== reason) {
        updateAsset(this.o.db, row.sha256, { last_error: reason, last_error_at: this.nowIso() });
        this.o.log.warn('content quota full', { sha256: row.sha256, quotaBytes: this.quotaBytes, usedBytes: used, needBytes: need });
      }
      return false;
    }
    for (const sha of evict) {
      const victim = rows.find((r) => r.sha256 === sha)!;
      // The row says "not ready" before the file goes, so the server never opens a file that is being deleted.
      updateAsset(this.o.db, sha, { state: 'missing', bytes_on_disk: 0, ready_at: null });
      victim.bytes_on_disk = 0;
      void remove(storePath(this.paths, sha));
      this.o.log.info('content evicted', { sha256: sha, bytes: victim.bytes, lastUsedAt: victim.last_used_at });
    }
    return true;
  }

  private begin(row: AssetRow): void {
    const parsed = assetOf(row);
    if (!parsed.success) return;
    const asset = parsed.data;
    const { db, log } = this.o;
    updateAsset(db, asset.sha256, { state: 'downloading' });
    const ctrl = new AbortController();
    let recorded = row.bytes_on_disk;
    const run = async () => {
      const outcome = await downloadAsset({
        asset, paths: this.paths, bucket: this.bucket, signal: ctrl.signal, idleTimeoutMs: this.o.idleTimeoutMs ?? 30_000,
        onRequest: (range) => log.info('content download started', { sha256: asset.sha256, url: asset.url, range }),
        // The row's byte count follows the part file in steps of a MiB (the quota needs it, not every chunk).
        onProgress: (bytes) => {
          if (bytes - recorded < MIB) return;
          recorded = bytes;
          updateAsset(db, asset.sha256, { bytes_on_disk: bytes });
        },
      });
      const at = this.nowIso();
      if (outcome.kind === 'ready') {
        updateAsset(db, asset.sha256, { state: 'ready', bytes_on_disk: asset.bytes, failures: 0, last_error: null, next_attempt_at: null, ready_at: at, last_used_at: at });
        log.info('content ready', { sha256: asset.sha256, bytes: asset.bytes, mime: asset.mime });
      } else if (outcome.kind === 'stopped') {
        updateAsset(db, asset.sha256, { state: 'missing', bytes_on_disk: outcome.bytesOnDisk });
      } else {
        const failures = (row.failures ?? 0) + 1;
        const failedAt = this.now();
        const retry = nextAttemptAt(failures, failedAt, this.o.backoff ?? contentBackoff);
        updateAsset(db, asset.sha256, {
          state: 'failed', bytes_on_disk: outcome.bytesOnDisk, failures, last_error: outcome.reason, last_error_at: at, next_attempt_at: new Date(retry).toISOString(),
        });
        log.warn('content download failed', { sha256: asset.sha256, reason: outcome.reason, failures, bytesOnDisk: outcome.bytesOnDisk, retryInMs: retry - failedAt });
      }
    };
    const done = run()
      .catch((err: unknown) => log.error('content download crashed', { sha256: asset.sha256, err }))
      .finally(() => {
        this.active.delete(asset.sha256);
        this.poke();
      });
    this.active.set(asset.sha256, { ctrl, done });
  }

  /** For the local server: the verified file of a ready asset, or null (never a part file or an unchecked one). */
  readyFile(sha256: string): { file: string; bytes: number; mime: string } | null {
    const row = this.o.db.prepare("SELECT bytes, mime, last_used_at FROM assets WHERE sha256 = ? AND state = 'ready'").get(sha256) as
      { bytes: number; mime: string; last_used_at: string | null } | undefined;
    if (!row) return null;
    // Least-recently-used needs "used", not every Range request of a video: a write at most once a minute.
    const now = this.now();
    if (!row.last_used_at || now - Date.parse(row.last_used_at) > 60_000) updateAsset(this.o.db, sha256, { last_used_at: new Date(now).toISOString() });
    return { file: storePath(this.paths, sha256), bytes: row.bytes, mime: row.mime };
  }

  /** The part file of an asset (tests and diagnostics). */
  partFile(sha256: string): string {
    return partPath(this.paths, sha256);
  }
}
