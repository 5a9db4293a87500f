// The lotteries HQ published (catalog/lottery, parsed on receipt by the sync engine), kept in SQLite so the rule
// "odds published in advance, no change afterwards" holds across restarts: once a lottery has opened, a republish
// whose terms differ (prizes, odds, values, stock, window, limit, commitment) is refused with its reason and the
// kiosk keeps the terms it first showed; before it opens HQ may still change them. A revealed seed is taken only
// when sha256(seed) is the commitment published before.
import { Lottery, type LotteryBoard } from '../../../contracts/lottery.ts';
import { seedMatches, termsChange } from '../../../common/lottery-draw.ts';
import type { Db } from '../db/open.ts';

export type BoardOutcome = { applied: string[]; refused: { lotteryId: string; reason: string }[] };

/** Every lottery held, in opening order (each stored doc parsed again on the way out). */
export function heldLotteries(db: Db): Lottery[] {
  const docs = db.prepare('SELECT doc FROM lotteries').pluck().all() as string[];
  return docs.map((d) => Lottery.parse(JSON.parse(d))).sort((a, b) => a.opensAt.localeCompare(b.opensAt) || a.id.localeCompare(b.id));
}

export function heldLottery(db: Db, id: string): Lottery | null {
  const doc = db.prepare('SELECT doc FROM lotteries WHERE id = ?').pluck().get(id) as string | undefined;
  return doc === undefined ? null : Lottery.parse(JSON.parse(doc));
}

/** Applies HQ's board in one transaction; each lottery is taken or refused on its own. */
export function applyLotteryBoard(db: Db, board: LotteryBoard, now: Date): BoardOutcome {
  const out: BoardOutcome = { applied: [], refused: [] };
  const at = now.toISOString();
  const upsert = db.prepare('INSERT INTO lotteries (id, doc, received_at, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET doc = excluded.doc, updated_at = excluded.updated_at');
  db.transaction(() => {
    for (const next of board.lotteries) {
      const refuse = (reason: string) => out.refused.push({ lotteryId: next.id, reason });
      if (next.revealedSeed !== null && !seedMatches(next.revealedSeed, next.seedCommitment)) {
        refuse('the revealed seed does not match its published sha256 commitment');
        continue;
      }
      const held = heldLottery(db, next.id);
      if (held) {
        const change = termsChange(held, next);
        if (change && now.getTime() >= Date.parse(held.opensAt)) {
          refuse(`${change} after the lottery opened (${held.opensAt}); the published terms stay`);
          continue;
        }
        // The same terms again (a retained repeat), or without the seed already held: nothing to change.
        if (!change && (held.revealedSeed === next.revealedSeed || next.revealedSeed === null)) continue;
      }
      upsert.run(next.id, JSON.stringify(next), at, at);
      out.applied.push(next.id);
    }
    // A lottery HQ no longer lists is forgotten only while it has not opened: opened terms are kept as shown.
    const listed = new Set(board.lotteries.map((l) => l.id));
    for (const held of heldLotteries(db)) {
      if (!listed.has(held.id) && now.getTime() < Date.parse(held.opensAt)) db.prepare('DELETE FROM lotteries WHERE id = ?').run(held.id);
    }
  }).immediate();
  return out;
}
