// HQ's lottery book on its own SQLite file (<HQ data>/lottery.db, WAL, synchronous=FULL): each lottery's published
// terms and its secret seed, and every draw (kept by drawId, numbered in order). A draw is one IMMEDIATE transaction
// that checks the window, counts the member's draws and the prizes given, derives the outcome from the seed
// (common/lottery-draw.ts) and records it, so two kiosks can never both take the last prize and a retried drawId
// gets the stored result. The running demo HQ and the `npm run hq -- lottery ...` tools open the same file.
import type Database from 'better-sqlite3';
import path from 'node:path';
import { openMigratedFile } from '../sqlite-file.ts';
import { z } from 'zod';
import { Lottery, LotteryDraw, type LotteryDrawRequest, type LotteryDrawResponse } from '../../../contracts/lottery.ts';
import { awardedPrize, derivePrize, seedCommitment, type RecordedDraw } from '../../../common/lottery-draw.ts';

export const LOTTERY_DB_FILE = 'lottery.db';

const migrations = [
  `
  CREATE TABLE lotteries (id TEXT PRIMARY KEY, doc TEXT NOT NULL, seed TEXT NOT NULL, revealed_at TEXT, created_at TEXT NOT NULL);
  CREATE TABLE draws (
    draw_id TEXT PRIMARY KEY, lottery_id TEXT NOT NULL REFERENCES lotteries(id), seq INTEGER NOT NULL,
    member_id TEXT NOT NULL, device_id TEXT NOT NULL, channel TEXT NOT NULL,
    derived_prize_id TEXT NOT NULL, prize_id TEXT NOT NULL, drawn_at TEXT NOT NULL,
    UNIQUE (lottery_id, seq)
  );
  CREATE INDEX draws_by_member ON draws (lottery_id, member_id);
  `,
];

const DrawRow = z.object({
  draw_id: z.string(), lottery_id: z.string(), seq: z.number().int(), member_id: z.string(), derived_prize_id: z.string(), prize_id: z.string(), drawn_at: z.string(),
});
type DrawRow = z.infer<typeof DrawRow>;
const LotteryRow = z.object({ doc: z.string(), seed: z.string(), revealed_at: z.string().nullable() });

export type StoredLottery = { lottery: Lottery; seed: string; revealedAt: string | null };

export class LotteryStore {
  private readonly db: Database.Database;

  constructor(dataDir: string) {
    this.db = openMigratedFile(path.join(dataDir, LOTTERY_DB_FILE), migrations);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Adds a lottery with its secret seed; the terms are parsed (odds, top prize) and the commitment must be the seed's. */
  create(lottery: Lottery, seedHex: string, now: Date): Lottery {
    const parsed = Lottery.parse({ ...lottery, revealedSeed: null });
    if (seedCommitment(seedHex) !== parsed.seedCommitment) throw new Error(`lottery ${parsed.id}: seedCommitment is not sha256 of the seed`);
    this.db.prepare('INSERT INTO lotteries (id, doc, seed, created_at) VALUES (?, ?, ?, ?)').run(parsed.id, JSON.stringify(parsed), seedHex, now.toISOString());
    return parsed;
  }

  get(id: string): StoredLottery | null {
    const row = this.db.prepare('SELECT doc, seed, revealed_at FROM lotteries WHERE id = ?').get(id);
    if (row === undefined) return null;
    const r = LotteryRow.parse(row);
    const lottery = Lottery.parse(JSON.parse(r.doc));
    // The published doc carries the seed only once revealed.
    return { lottery: { ...lottery, revealedSeed: r.revealed_at ? r.seed : null }, seed: r.seed, revealedAt: r.revealed_at };
  }

  all(): StoredLottery[] {
    const ids = this.db.prepare('SELECT id FROM lotteries ORDER BY created_at, id').pluck().all() as string[];
    return ids.map((id) => this.get(id)!);
  }

  /** Closes a lottery (no more draws) and reveals its seed; false when it was closed already. */
  reveal(id: string, now: Date): boolean {
    return this.db.prepare('UPDATE lotteries SET revealed_at = ? WHERE id = ? AND revealed_at IS NULL').run(now.toISOString(), id).changes > 0;
  }

  /** Reveals every lottery whose window has ended; returns their ids. */
  revealEnded(now: Date): string[] {
    const ended = this.all().filter((s) => s.revealedAt === null && now.getTime() >= Date.parse(s.lottery.closesAt)).map((s) => s.lottery.id);
    for (const id of ended) this.reveal(id, now);
    return ended;
  }

  /** Every draw of a lottery in order, as the verify tool reads them. */
  draws(lotteryId: string): (RecordedDraw & { memberId: string; drawnAt: string })[] {
    return this.db.prepare('SELECT * FROM draws WHERE lottery_id = ? ORDER BY seq').all(lotteryId).map((row) => {
      const r = DrawRow.parse(row);
      return { seq: r.seq, drawId: r.draw_id, derivedPrizeId: r.derived_prize_id, prizeId: r.prize_id, memberId: r.member_id, drawnAt: r.drawn_at };
    });
  }

  /** Prize id -> how many given so far. */
  given(lotteryId: string): Map<string, number> {
    const rows = this.db.prepare('SELECT prize_id, COUNT(*) AS n FROM draws WHERE lottery_id = ? GROUP BY prize_id').all(lotteryId) as { prize_id: string; n: number }[];
    return new Map(rows.map((r) => [r.prize_id, r.n]));
  }

  private memberDraws(lotteryId: string, memberId: string): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM draws WHERE lottery_id = ? AND member_id = ?').get(lotteryId, memberId) as { n: number }).n;
  }

  private drawOf(row: DrawRow, drawsPerMember: number): LotteryDraw {
    return LotteryDraw.parse({
      drawId: row.draw_id, lotteryId: row.lottery_id, seq: row.seq, derivedPrizeId: row.derived_prize_id, prizeId: row.prize_id, drawnAt: row.drawn_at,
      drawsLeft: Math.max(0, drawsPerMember - this.memberDraws(row.lottery_id, row.member_id)),
    });
  }

  /** Draws once for a request, or returns the draw already made for its drawId. Refusals are not kept. */
  draw(req: LotteryDrawRequest, deviceId: string, now: Date): LotteryDrawResponse {
    return this.db.transaction((): LotteryDrawResponse => {
      const refuse = (reason: Extract<LotteryDrawResponse, { status: 'refused' }>['reason'], detail: string): LotteryDrawResponse => ({ status: 'refused', reason, detail });
      const known = this.db.prepare('SELECT * FROM draws WHERE draw_id = ?').get(req.drawId);
      const stored = this.get(req.lotteryId);
      if (known !== undefined) {
        const row = DrawRow.parse(known);
        if (row.lottery_id !== req.lotteryId || row.member_id !== req.memberId || !stored) return refuse('bad_request', `drawId ${req.drawId} was used for another draw`);
        return { status: 'drawn', draw: this.drawOf(row, stored.lottery.drawsPerMember) };
      }
      if (!stored) return refuse('unknown_lottery', `HQ runs no lottery ${req.lotteryId}`);
      const { lottery, seed, revealedAt } = stored;
      const t = now.getTime();
      if (t < Date.parse(lottery.opensAt)) return refuse('not_open', `${lottery.id} opens ${lottery.opensAt}`);
      if (revealedAt !== null || t >= Date.parse(lottery.closesAt)) return refuse('closed', `${lottery.id} has closed`);
      const used = this.memberDraws(lottery.id, req.memberId);
      if (used >= lottery.drawsPerMember) return refuse('limit_reached', `${req.memberId} has made ${used} of ${lottery.drawsPerMember} draws`);
      const seq = (this.db.prepare('SELECT COALESCE(MAX(seq), 0) AS n FROM draws WHERE lottery_id = ?').get(lottery.id) as { n: number }).n + 1;
      const derived = derivePrize(lottery, seed, req.drawId);
      const awarded = awardedPrize(lottery, derived, this.given(lottery.id));
      this.db.prepare('INSERT INTO draws (draw_id, lottery_id, seq, member_id, device_id, channel, derived_prize_id, prize_id, drawn_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(req.drawId, lottery.id, seq, req.memberId, deviceId, req.channel, derived.id, awarded.id, now.toISOString());
      const row = DrawRow.parse(this.db.prepare('SELECT * FROM draws WHERE draw_id = ?').get(req.drawId));
      return { status: 'drawn', draw: this.drawOf(row, lottery.drawsPerMember) };
    }).immediate();
  }
}
