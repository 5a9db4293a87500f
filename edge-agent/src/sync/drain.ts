// The outbox drain: publishes outbox rows in batches as events; a row is deleted only after its PUBACK carries a
// success reason code. Each row is parsed with the event contract before it is sent: a row that does not parse (an
// unknown type or a payload that no longer fits, e.g. written by an older agent) is never dropped; it stays in the
// outbox marked unsendable with the reason, is counted and logged, and the rows behind it go on.
import { DeviceEvent } from '../../../contracts/mqtt.ts';
import { formatZodError } from '../../../contracts/zod-errors.ts';
import { setMeta } from '../db/meta.ts';
import { outboxBatch, outboxDelete, outboxFailed, outboxUnsendable, type OutboxRow } from '../outbox.ts';
import { NO_MATCHING_SUBSCRIBERS, type HqConnection } from './connection.ts';
import type { SyncContext } from './context.ts';

const REJECTED_RETRY_MS = 30_000;
/** Events the broker took with no subscriber (reason code 16) wait in the outbox and are sent again after this. */
const UNHEARD_RETRY_MS = 3_000;

/** An outbox row as the event HQ gets, or why it cannot be one. */
export function eventOfRow(row: OutboxRow, mall: string, device: string): { ok: true; event: DeviceEvent } | { ok: false; reason: string } {
  let payload: unknown;
  try {
    payload = JSON.parse(row.payload);
  } catch {
    return { ok: false, reason: 'payload is not JSON' };
  }
  const r = DeviceEvent.safeParse({ eventId: row.eventId, type: row.type, deviceId: device, mallId: mall, ts: row.createdAt, payload });
  return r.success ? { ok: true, event: r.data } : { ok: false, reason: `wrong schema: ${formatZodError(r.error, { first: true })}` };
}

export class OutboxDrain {
  private draining = false;
  private drainAgain = false;
  private readonly inFlight = new Set<string>();
  private readonly ctx: SyncContext;
  private readonly conn: HqConnection;
  /** Rows found unsendable since the agent started. */
  unsendable = 0;

  constructor(ctx: SyncContext, conn: HqConnection) {
    this.ctx = ctx;
    this.conn = conn;
  }

  /** Drains until the outbox is empty or the connection drops; a call while draining makes it look again at the end. */
  async drain(): Promise<void> {
    if (this.draining) {
      this.drainAgain = true;
      return;
    }
    this.draining = true;
    try {
      do {
        this.drainAgain = false;
        while (this.conn.online()) {
          const { db, settings } = this.ctx;
          const rows = outboxBatch(db, settings.mqtt.drainBatch, this.inFlight);
          if (rows.length === 0) break;
          const events = rows.map((row) => ({ row, parsed: eventOfRow(row, this.ctx.mall, this.ctx.device) }));
          const sendable = events.flatMap(({ row, parsed }) => (parsed.ok ? [{ row, event: parsed.event }] : []));
          this.markUnsendable(events.flatMap(({ row, parsed }) => (parsed.ok ? [] : [{ row, reason: parsed.reason }])));
          const outcomes = await Promise.all(sendable.map(({ row, event }) => this.publish(row.eventId, event)));
          const acked = sendable.filter((_, i) => outcomes[i] === null).map((s) => s.row.eventId);
          if (acked.length) {
            // One commit per batch: the acknowledged rows go and the last-sync time moves together. It is the one
            // commit without an fsync (synchronous=NORMAL, still atomic in WAL): losing it to a power cut only
            // resends events HQ already has, which HQ keeps once by event id, whereas an fsync per batch of 100
            // halved the drain rate (issue 16). Writes of events keep synchronous=FULL.
            db.pragma('synchronous = NORMAL');
            try {
              db.transaction(() => {
                outboxDelete(db, acked);
                setMeta(db, 'sync.lastSyncAt', this.ctx.now().toISOString());
              })();
            } finally {
              db.pragma('synchronous = FULL');
            }
          }
          const rejected = sendable.map((s, i) => [s.row, outcomes[i]] as const).filter(([, e]) => e !== null && e !== undefined);
          if (rejected.length) {
            for (const [row, error] of rejected) outboxFailed(db, row.eventId, error!);
            this.ctx.health.lastError = `HQ refused ${rejected.length} event(s): ${rejected[0]![1]}; they stay in the outbox`;
            this.ctx.log.error('events refused by the broker; kept in the outbox', { count: rejected.length, reason: rejected[0]![1] });
            // Nobody subscribed (HQ reconnecting to a broker that lost its sessions) is retried soon; a refusal later.
            const unheard = rejected.every(([, e]) => e?.includes(`reason code ${NO_MATCHING_SUBSCRIBERS}`));
            this.conn.later(unheard ? UNHEARD_RETRY_MS : REJECTED_RETRY_MS, () => void this.drain());
            return;
          }
          if (this.ctx.health.lastError?.startsWith('HQ refused')) this.ctx.health.lastError = null;
        }
      } while (this.drainAgain && this.conn.online());
    } finally {
      this.draining = false;
    }
  }

  private markUnsendable(rows: { row: OutboxRow; reason: string }[]) {
    if (rows.length === 0) return;
    const { db, log, health } = this.ctx;
    db.transaction(() => {
      for (const { row, reason } of rows) outboxUnsendable(db, row.eventId, reason);
    })();
    this.unsendable += rows.length;
    for (const { row, reason } of rows) log.error('outbox event cannot be sent; kept in the outbox, marked unsendable', { eventId: row.eventId, type: row.type, reason });
    health.lastError = `${this.unsendable} outbox event(s) cannot be sent (${rows[0]!.row.type}: ${rows[0]!.reason}); they stay in the outbox`;
  }

  /** Resolves null after a successful PUBACK, or the refusal reason. Stays pending across a reconnect. */
  private publish(eventId: string, event: DeviceEvent): Promise<string | null> {
    this.inFlight.add(eventId);
    return this.conn.send('events', event, { requireSubscriber: true }).then(
      () => null,
      (err: Error) => {
        const code = (err as { code?: unknown }).code;
        return typeof code === 'number' ? `${err.message} (reason code ${code})` : err.message;
      },
    ).finally(() => this.inFlight.delete(eventId));
  }
}
