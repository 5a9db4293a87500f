// `npm run hq -- feedback list | reply ID TEXT | resolve ID TEXT`: HQ's feedback desk from a terminal. They work on
// feedback.db in HQ's data folder (npm start's demo HQ's by default, which records tickets there as they arrive);
// reply and resolve also send the update to the kiosk the ticket came from on the demo's broker (no flags needed).
// The clock: a reply is due 24 calendar hours after the feedback was given, a solution 72 (no business hours).
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { FeedbackUpdate, type FeedbackUpdateKind } from '../../../contracts/feedback.ts';
import { formatZodError } from '../../../contracts/zod-errors.ts';
import { ticketSla, type SlaClock } from '../../../common/feedback-ticket.ts';
import { UsageError, type CliOptions } from '../cli-args.ts';
import { brokerFor } from '../content-cli.ts';
import { renderTable } from '../fleet-table.ts';
import { openHqData } from '../hq-data.ts';
import { consoleLog } from '../log.ts';
import { HqSimulator } from '../simulator.ts';
import { FeedbackStore, type HqTicket } from './store.ts';

const out = (line = '') => process.stdout.write(line + '\n');

export async function feedbackCli(o: CliOptions): Promise<number> {
  const [verb, id, ...words] = o.positional;
  if (verb === 'list' && id === undefined) return list(o, new Date());
  if ((verb === 'reply' || verb === 'resolve') && id && words.length) return answer(o, verb, id, words.join(' '));
  throw new UsageError('feedback needs `list`, `reply <ticket> <text>` or `resolve <ticket> <text>`');
}

const maskPhone = (p: string) => (p.length === 11 ? `${p.slice(0, 3)}****${p.slice(7)}` : '****');
const hhmm = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ');

function clockText(state: SlaClock, due: Date, doneAt: Date | null, now: Date): string {
  if (state === 'met') return `met ${hhmm(doneAt!)}`;
  if (state === 'breached') return doneAt ? `BREACHED (done ${hhmm(doneAt)})` : `BREACHED ${Math.floor((now.getTime() - due.getTime()) / 3_600_000)} h ago`;
  return `due in ${Math.max(0, Math.floor((due.getTime() - now.getTime()) / 60_000 / 60))} h`;
}

/** The table rows and the summary line for `feedback list` (exported for tests with a fixed clock). */
export function listLines(tickets: HqTicket[], now: Date): string[] {
  if (!tickets.length) return ['no feedback recorded yet'];
  let breached = 0;
  const rows = tickets.map((t) => {
    const sla = ticketSla(t, now);
    if (sla.reply === 'breached' || sla.resolution === 'breached') breached += 1;
    const replyAt = [t.firstReplyAt, t.resolvedAt].filter((d): d is Date => d !== null).sort((a, b) => a.getTime() - b.getTime())[0] ?? null;
    const contact = t.phone ? maskPhone(t.phone) : t.contactProblem ? 'unreadable' : t.memberId ? `member ${t.memberId}` : '-';
    return [
      t.ticket, t.deviceId, t.category + (t.storeId ? ` ${t.storeId}` : ''), `${t.rating}/5`, contact, hhmm(t.submittedAt),
      hhmm(sla.replyDueAt), clockText(sla.reply, sla.replyDueAt, replyAt, now), hhmm(sla.resolveDueAt), clockText(sla.resolution, sla.resolveDueAt, t.resolvedAt, now),
      Array.from(t.text.replace(/\s+/g, ' ')).slice(0, 24).join(''),
    ];
  });
  const resolved = tickets.filter((t) => t.resolvedAt).length;
  const replied = tickets.filter((t) => !t.resolvedAt && t.firstReplyAt).length;
  return [
    ...renderTable(['TICKET', 'DEVICE', 'CATEGORY', 'RATING', 'CONTACT', 'SUBMITTED (UTC)', 'REPLY DUE', 'REPLY', 'SOLUTION DUE', 'SOLUTION', 'TEXT'], rows),
    '',
    `feedback list: ${tickets.length} tickets, ${tickets.length - resolved - replied} open, ${replied} replied, ${resolved} resolved, ${breached} breached (calendar hours: reply 24 h, solution 72 h)`,
  ];
}

function list(o: CliOptions, now: Date): number {
  const store = new FeedbackStore(path.resolve(o.data));
  try {
    for (const line of listLines(store.tickets(), now)) out(line);
    return 0;
  } finally {
    store.close();
  }
}

async function answer(o: CliOptions, verb: 'reply' | 'resolve', ticket: string, text: string): Promise<number> {
  const kind: FeedbackUpdateKind = verb;
  const dataDir = path.resolve(o.data);
  const store = new FeedbackStore(dataDir);
  try {
    const found = store.byTicket(ticket).filter((t) => !o.device || t.deviceId === o.device);
    if (!found.length) throw new Error(`no feedback ticket ${JSON.stringify(ticket)} at HQ (${dataDir})${o.device ? ` from ${o.device}` : ''}; see feedback list`);
    const devices = [...new Set(found.map((t) => t.deviceId))];
    if (devices.length > 1) throw new UsageError(`ticket ${ticket} came from ${devices.join(' and ')}: add --device`);
    // One kiosk that gave the number twice (its database was reset): the newest is the one being answered.
    const t = found[0]!;
    if (t.resolvedAt) throw new Error(`ticket ${ticket} was resolved at ${t.resolvedAt.toISOString()}; nothing sent`);
    const now = new Date();
    const parsed = FeedbackUpdate.safeParse({ updateId: `fu_${randomUUID().replaceAll('-', '')}`, ticket, kind, text, at: now.toISOString() });
    if (!parsed.success) throw new UsageError(formatZodError(parsed.error, { root: verb }));
    // Sent first, then recorded: a broker that cannot be reached leaves the ticket as it was.
    const data = openHqData(dataDir, o.mall, now, o.timeZone);
    const sim = new HqSimulator({ ...brokerFor(o), data, log: consoleLog(), role: 'tool' });
    try {
      await sim.start();
      await sim.publishFeedbackUpdate(t.deviceId, parsed.data);
    } finally {
      await sim.stop();
      data.close();
    }
    store.addUpdate(t, { updateId: parsed.data.updateId, kind, text: parsed.data.text, at: now });
    const sla = ticketSla({ ...t, ...(kind === 'reply' ? { firstReplyAt: t.firstReplyAt ?? now } : { resolvedAt: now }) }, now);
    out(`feedback ${verb}: ${ticket} (${t.deviceId}) ${kind === 'reply' ? `reply ${sla.reply}` : `resolution ${sla.resolution}`}; sent to the kiosk`);
    return 0;
  } finally {
    store.close();
  }
}
