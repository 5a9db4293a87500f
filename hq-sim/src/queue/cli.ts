// `npm run hq -- queue status STORE` and `npm run hq -- queue call STORE [SIZE]`: HQ's restaurant queues from a
// terminal. Both work on HQ's queue store (queue.db in HQ's data folder, the file the running demo HQ uses, so no
// flags are needed with npm start running); `call` then publishes the new status (retained) on the demo's broker,
// so kiosks show the called number at once. SIZE: a class (small, medium, large, xl), its letter (A-D), or a party size.
import path from 'node:path';
import { SIZE_CLASSES, sizeClassFor, type SizeClass } from '../../../contracts/queue.ts';
import { UsageError, type CliOptions } from '../cli-args.ts';
import { brokerFor } from '../content-cli.ts';
import { renderTable } from '../fleet-table.ts';
import { openHqData } from '../hq-data.ts';
import { consoleLog } from '../log.ts';
import { HqSimulator } from '../simulator.ts';
import { letterOf, parseSizeClass } from './engine.ts';
import { QueueStore } from './store.ts';

const out = (line = '') => process.stdout.write(line + '\n');

export async function queueCli(o: CliOptions): Promise<number> {
  const [verb, storeId, size, ...rest] = o.positional;
  if (verb === 'status' && storeId && size === undefined) return status(o, storeId);
  if (verb === 'call' && storeId && rest.length === 0) return call(o, storeId, size === undefined ? null : sizeArg(size));
  throw new UsageError('queue needs `status STORE` or `call STORE [SIZE]`');
}

function sizeArg(text: string): SizeClass {
  if (/^\d{1,2}$/.test(text) && Number(text) >= 1) return sizeClassFor(Number(text));
  const c = parseSizeClass(text);
  if (!c) throw new UsageError(`SIZE is small, medium, large, xl, a letter A-D or a party size (got ${JSON.stringify(text)})`);
  return c;
}

function unknownStore(store: QueueStore, storeId: string): Error {
  const known = store.restaurants().map((r) => r.storeId);
  return new Error(`HQ runs no queue for ${storeId}${known.length ? ` (queuing restaurants: ${known.join(', ')})` : ' (no queuing restaurants yet: start the demo HQ once)'}`);
}

function status(o: CliOptions, storeId: string): number {
  const store = new QueueStore(path.resolve(o.data), o.mall);
  try {
    const r = store.restaurant(storeId);
    if (!r) throw unknownStore(store, storeId);
    const s = store.status().find((x) => x.storeId === storeId)!;
    out(`${storeId}: ${r.open ? 'open' : 'closed'}`);
    const rows = s.classes.map((c) => {
      const k = SIZE_CLASSES.find((x) => x.sizeClass === c.sizeClass)!;
      return [`${k.letter} ${c.sizeClass}`, `${k.minSize}${k.maxSize ? `-${k.maxSize}` : '+'}`, String(c.tables), String(c.waiting), c.nowCalling ?? '-', `${c.estimatedWaitMin} min`];
    });
    for (const line of renderTable(['CLASS', 'PARTY', 'TABLES', 'WAITING', 'CALLING', 'WAIT'], rows)) out(line);
    const waiting = store.waiting(storeId);
    out();
    out(waiting.length ? `waiting: ${waiting.map((t) => t.number).join(' ')}` : 'nobody waiting');
    return 0;
  } finally {
    store.close();
  }
}

async function call(o: CliOptions, storeId: string, sizeClass: SizeClass | null): Promise<number> {
  const data = openHqData(path.resolve(o.data), o.mall, new Date(), o.timeZone);
  const sim = new HqSimulator({ ...brokerFor(o), data, log: consoleLog(), role: 'tool' });
  try {
    await sim.start();
    const outcome = sim.queueStore.call(storeId, sizeClass, new Date());
    if (outcome.kind === 'unknown_store') throw unknownStore(sim.queueStore, storeId);
    if (outcome.kind === 'none_waiting') {
      out(`${storeId}: nobody waiting${sizeClass ? ` in class ${letterOf(sizeClass)} (${sizeClass})` : ''}`);
      return 1;
    }
    await sim.publishQueueStatus();
    out(`${storeId}: now calling ${outcome.number}; status published`);
    return 0;
  } finally {
    await sim.stop();
    data.close();
  }
}
