// The kiosk's receipt printer for queue tickets (agent setting `printer`: host:port): prints a ticket, checks the
// printer now and then, and keeps what it last found in the meta table ('printer.status'), where the staff Status page
// and HQ's heartbeat read it. A printer that is off, refuses, or is out of paper is reported; the ticket stays valid.
import { PrinterStatus, type TicketPrint } from '../../../contracts/queue.ts';
import type { Logger } from '../../../common/node/log.ts';
import { metaJson, setMeta } from '../db/meta.ts';
import type { Db } from '../db/open.ts';
import { parsePrinterTarget, printOverTcp, type PrintOutcome } from './tcp.ts';
import { ticketReceipt, type TicketPaper } from './ticket-layout.ts';

const STATUS_KEY = 'printer.status';
/** How often a configured printer is checked when nothing is printed (a paper sensor read, nothing printed). */
const CHECK_EVERY_MS = 5 * 60_000;

/** The printer as last found, for the staff page and the heartbeat; `setting` is the agent's printer setting. */
export function printerStatusOf(db: Db, setting: string): PrinterStatus {
  if (!setting) return { configured: false, target: null, state: 'unknown', detail: null, checkedAt: null };
  const stored = metaJson(db, STATUS_KEY, PrinterStatus);
  return stored && stored.target === setting ? stored : { configured: true, target: setting, state: 'unknown', detail: null, checkedAt: null };
}

export class ReceiptPrinter {
  private readonly o: { db: Db; setting: string; log: Logger; now?: () => Date; timeoutMs?: number };
  private timer: NodeJS.Timeout | null = null;

  constructor(o: ReceiptPrinter['o']) {
    this.o = o;
  }

  get configured(): boolean {
    return this.o.setting !== '';
  }

  start(): void {
    if (!this.configured) return;
    void this.check();
    this.timer = setInterval(() => void this.check(), CHECK_EVERY_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  status(): PrinterStatus {
    return printerStatusOf(this.o.db, this.o.setting);
  }

  /** Reads the paper sensor (nothing printed) and records what it found. */
  async check(): Promise<PrinterStatus> {
    return this.record(await this.send(null));
  }

  /** Prints a ticket: 'none' without a printer, else 'printed' or 'unavailable' with the reason. */
  async print(paper: TicketPaper): Promise<TicketPrint> {
    if (!this.configured) return { state: 'none', detail: null };
    const outcome = await this.send(ticketReceipt(paper));
    const status = this.record(outcome);
    if (outcome.ok) this.o.log.info('queue ticket printed', { number: paper.ticket.number });
    else this.o.log.warn('queue ticket not printed; the ticket stays valid', { number: paper.ticket.number, detail: status.detail });
    return outcome.ok ? { state: 'printed', detail: null } : { state: 'unavailable', detail: status.detail };
  }

  private send(job: Buffer | null): Promise<PrintOutcome> {
    const target = parsePrinterTarget(this.o.setting);
    if (!target) return Promise.resolve({ ok: false, detail: `the printer setting ${JSON.stringify(this.o.setting)} is not host:port` });
    return printOverTcp(target, job, this.o.timeoutMs);
  }

  private record(outcome: PrintOutcome): PrinterStatus {
    const status: PrinterStatus = {
      configured: true, target: this.o.setting, state: outcome.ok ? 'ready' : 'unavailable', detail: outcome.ok ? null : outcome.detail.slice(0, 200),
      checkedAt: (this.o.now?.() ?? new Date()).toISOString(),
    };
    const before = metaJson(this.o.db, STATUS_KEY, PrinterStatus);
    if (before?.state !== status.state || before.detail !== status.detail) this.o.log.info('printer status', { state: status.state, detail: status.detail });
    setMeta(this.o.db, STATUS_KEY, JSON.stringify(status));
    return status;
  }
}
