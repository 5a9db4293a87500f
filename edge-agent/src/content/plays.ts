// Proof of play as HQ wants it: one `content.played` event per item shown (display setting proofOfPlay = 'each', the
// default), or (= 'hourly') counts in SQLite per UTC hour, display and campaign creative that become ONE
// `content.played.hourly` event each once their hour is over, written to the outbox in the same transaction that
// deletes them, so an hour is sent once and nothing is lost to a kill or a power cut. Pure over the database and a
// clock: ProofOfPlay below adds the timer.
import type { ContentPlayed, ContentPlayedHourly } from '../../../contracts/content.ts';
import type { DisplayConfig } from '../../../contracts/config.ts';
import type { Logger } from '../../../common/node/log.ts';
import type { Db } from '../db/open.ts';
import { enqueueEvent } from '../outbox.ts';

const HOUR_MS = 3_600_000;

/** Start of the UTC hour `ms` falls in, as an ISO timestamp. */
export function utcHour(ms: number): string {
  return new Date(Math.floor(ms / HOUR_MS) * HOUR_MS).toISOString();
}

/** Adds one item to its hour's row (the hour it started in). */
export function accumulatePlay(db: Db, p: ContentPlayed): void {
  const outcome = { completed: 0, cut: 0, error: 0, [p.outcome]: 1 };
  db.prepare(`
    INSERT INTO content_plays_hourly (hour, role, orientation, campaign_id, creative_id, sha256, completed, cut, error, total_duration_ms)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (hour, role, orientation, campaign_id, creative_id, sha256) DO UPDATE SET
      completed = completed + excluded.completed, cut = cut + excluded.cut, error = error + excluded.error,
      total_duration_ms = total_duration_ms + excluded.total_duration_ms`,
  ).run(utcHour(Date.parse(p.startedAt)), p.display.role, p.display.orientation, p.campaignId, p.creativeId ?? '', p.sha256 ?? '',
    outcome.completed, outcome.cut, outcome.error, p.durationMs);
}

type Row = {
  hour: string; role: string; orientation: string; campaign_id: string; creative_id: string; sha256: string;
  completed: number; cut: number; error: number; total_duration_ms: number;
};

function payloadOf(r: Row): ContentPlayedHourly {
  return {
    hour: r.hour, display: { role: r.role, orientation: r.orientation } as ContentPlayedHourly['display'],
    campaignId: r.campaign_id, creativeId: r.creative_id || null, sha256: r.sha256 || null,
    counts: { completed: r.completed, cut: r.cut, error: r.error }, totalDurationMs: r.total_duration_ms,
  };
}

/**
 * Every row of an hour that is over (before the hour `now` is in) becomes one outbox event, and the rows go, in one
 * transaction. Returns how many events were written. The running hour keeps accumulating.
 */
export function flushClosedHours(db: Db, now: Date): number {
  return db.transaction((): number => {
    const current = utcHour(now.getTime());
    const rows = db.prepare('SELECT * FROM content_plays_hourly WHERE hour < ? ORDER BY hour, campaign_id, creative_id, sha256, role, orientation').all(current) as Row[];
    // The payload is parsed by enqueueEvent: a row that no longer fits throws, and nothing of this flush is lost.
    for (const r of rows) enqueueEvent(db, { type: 'content.played.hourly', payload: payloadOf(r) }, now);
    db.prepare('DELETE FROM content_plays_hourly WHERE hour < ?').run(current);
    return rows.length;
  }).immediate();
}

/** The running and unsent hours' rows, for tests and diagnostics. */
export function pendingPlays(db: Db): ContentPlayedHourly[] {
  return (db.prepare('SELECT * FROM content_plays_hourly ORDER BY hour, campaign_id, creative_id, sha256').all() as Row[]).map(payloadOf);
}

/**
 * Records one item as the setting says, in one transaction with the flush of closed hours. Returns how many events
 * reached the outbox (1 for 'each'; the closed hours' count for 'hourly').
 */
export function recordPlay(db: Db, p: ContentPlayed, mode: DisplayConfig['proofOfPlay'], now: Date): number {
  return db.transaction((): number => {
    if (mode === 'each') enqueueEvent(db, { type: 'content.played', payload: p }, now);
    else accumulatePlay(db, p);
    // Rows of an earlier 'hourly' spell still go out when their hour is over, whatever the setting is now; an item
    // that started in an hour already sent (reported late) goes out at once, in an event of its own.
    return (mode === 'each' ? 1 : 0) + flushClosedHours(db, now);
  }).immediate();
}

export type ProofOfPlayOptions = {
  db: Db;
  log: Logger;
  /** The effective display setting (HQ's desired config, staff overrides), read at each item. */
  mode: () => DisplayConfig['proofOfPlay'];
  /** Something was written to the outbox (the sync engine drains it). */
  onEventWritten: () => void;
  now?: () => Date;
};

/** Records items and flushes each hour when it ends (and at start: hours that closed while the agent was down). */
export class ProofOfPlay {
  private readonly o: ProofOfPlayOptions;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(o: ProofOfPlayOptions) {
    this.o = o;
  }

  start(): void {
    this.flush();
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  record(p: ContentPlayed): void {
    if (recordPlay(this.o.db, p, this.o.mode(), this.now()) > 0) this.o.onEventWritten();
  }

  private now(): Date {
    return this.o.now?.() ?? new Date();
  }

  private flush(): void {
    try {
      const n = flushClosedHours(this.o.db, this.now());
      if (n > 0) {
        this.o.log.info('hourly proof of play sent to the outbox', { events: n });
        this.o.onEventWritten();
      }
    } catch (err) {
      this.o.log.warn('hourly proof of play not flushed', { err: (err as Error).message });
    }
  }

  /** Wakes a second after each UTC hour ends. */
  private schedule(): void {
    if (this.stopped) return;
    const t = this.now().getTime();
    this.timer = setTimeout(() => {
      this.flush();
      this.schedule();
    }, Math.floor(t / HOUR_MS) * HOUR_MS + HOUR_MS + 1000 - t);
    this.timer.unref();
  }
}
