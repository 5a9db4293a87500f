// `npm run hq -- lottery list | close ID | verify ID`: HQ's member-day lotteries from a terminal. They work on HQ's
// lottery book (lottery.db in HQ's data folder, the file the running demo HQ uses, so no flags are needed with npm
// start running). `close` ends the lottery, reveals its seed and publishes the board (retained) on the demo's
// broker; `verify` recomputes every draw from the revealed seed (common/lottery-draw.ts) and ends with the line
// `lottery verify: N draws, N match` (exit 0 only when the seed matches its commitment and every draw matches).
import path from 'node:path';
import { lotteryState, verifyDraws } from '../../../common/lottery-draw.ts';
import { UsageError, type CliOptions } from '../cli-args.ts';
import { brokerFor } from '../content-cli.ts';
import { renderTable } from '../fleet-table.ts';
import { openHqData } from '../hq-data.ts';
import { consoleLog } from '../log.ts';
import { HqSimulator } from '../simulator.ts';
import { LotteryStore, type StoredLottery } from './store.ts';

const out = (line = '') => process.stdout.write(line + '\n');
const yuan = (fen: number) => `¥${(fen / 100).toFixed(fen % 100 === 0 ? 0 : 2)}`;

export async function lotteryCli(o: CliOptions): Promise<number> {
  const [verb, id, ...rest] = o.positional;
  if (verb === 'list' && id === undefined) return list(o);
  if (verb === 'close' && id && rest.length === 0) return close(o, id);
  if (verb === 'verify' && id && rest.length === 0) return verify(o, id);
  throw new UsageError('lottery needs `list`, `close ID` or `verify ID`');
}

function withStore<T>(o: CliOptions, fn: (store: LotteryStore) => T): T {
  const store = new LotteryStore(path.resolve(o.data));
  try {
    return fn(store);
  } finally {
    store.close();
  }
}

function known(store: LotteryStore, id: string): StoredLottery {
  const s = store.get(id);
  if (s) return s;
  const ids = store.all().map((x) => x.lottery.id);
  throw new Error(`HQ has no lottery ${id}${ids.length ? ` (lotteries: ${ids.join(', ')})` : ' (none yet: start the demo HQ once)'}`);
}

function list(o: CliOptions): number {
  return withStore(o, (store) => {
    const all = store.all();
    if (all.length === 0) out('no lotteries yet (the demo HQ makes one when it starts)');
    const now = new Date();
    for (const s of all) {
      const l = s.lottery;
      const state = s.revealedAt ? 'closed' : lotteryState(l, now);
      const given = store.given(l.id);
      const draws = store.draws(l.id).length;
      out(`${l.id}  ${state}  ${l.opensAt} – ${l.closesAt}  ${draws} draws  ${l.drawsPerMember} per member`);
      out(`  seed sha256 ${l.seedCommitment}${s.revealedAt ? `  seed ${s.seed} (revealed ${s.revealedAt})` : ''}`);
      const rows = l.prizes.map((p) => [p.id, yuan(p.valueFen), `${(p.oddsPpm / 10_000).toFixed(2)}%`, p.stock === null ? 'unlimited' : String(p.stock), String(given.get(p.id) ?? 0), p.id === l.fallbackPrizeId ? 'fallback' : (p.couponId ?? '')]);
      for (const line of renderTable(['PRIZE', 'VALUE', 'ODDS', 'STOCK', 'GIVEN', 'COUPON'], rows)) out(`  ${line}`);
    }
    return 0;
  });
}

async function close(o: CliOptions, id: string): Promise<number> {
  const data = openHqData(path.resolve(o.data), o.mall, new Date(), o.timeZone);
  const sim = new HqSimulator({ ...brokerFor(o), data, log: consoleLog(), role: 'tool' });
  try {
    await sim.start();
    const s = known(sim.lotteryStore, id);
    const revealed = sim.lotteryStore.reveal(id, new Date());
    await sim.publishLotteryBoard();
    out(`${id}: ${revealed ? 'closed' : 'already closed'}; seed ${s.seed} revealed; board published`);
    return 0;
  } finally {
    await sim.stop();
    data.close();
  }
}

function verify(o: CliOptions, id: string): number {
  return withStore(o, (store) => {
    const s = known(store, id);
    if (!s.revealedAt) {
      out(`${id}: still open, its seed is not revealed yet (close it first: npm run hq -- lottery close ${id})`);
      return 1;
    }
    const report = verifyDraws(s.lottery, s.seed, store.draws(id));
    out(`${id}: seed ${s.seed}`);
    out(report.seedOk ? `  sha256(seed) matches the published commitment ${s.lottery.seedCommitment}` : `  sha256(seed) does NOT match the published commitment ${s.lottery.seedCommitment}`);
    for (const c of report.checks.filter((x) => !x.ok)) out(`  draw ${c.seq} (${c.drawId}): ${c.why}`);
    out(`lottery verify: ${report.draws} draws, ${report.match} match`);
    return report.seedOk && report.match === report.draws ? 0 : 1;
  });
}
