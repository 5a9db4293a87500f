// The kiosk's hold on HQ's lottery board (edge-agent/src/lottery/board.ts) on a real SQLite file: terms taken before
// the lottery opens may still change, terms that change after it opened are refused (the held ones stay), a revealed
// seed is taken only when it matches the commitment, and an unlisted lottery is forgotten only before it opens. Also
// the agent's check of HQ's answer against the published list (lottery/service.ts) and the session's lottery screen.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LotteryBoard } from '../../../contracts/lottery.ts';
import type { MemberHome } from '../../../contracts/members.ts';
import { openDatabase, type Db } from '../../../edge-agent/src/db/open.ts';
import { applyLotteryBoard, heldLottery, heldLotteries } from '../../../edge-agent/src/lottery/board.ts';
import { answerProblem } from '../../../edge-agent/src/lottery/service.ts';
import { initialSession, kioskSessionReducer } from '../../../renderer/src/session/kioskSession.ts';
import { freshDataDir } from '../../support/agent-process.ts';
import { SEED_1, SEED_A5, sampleLottery } from './fixture.ts';

let db: Db;
beforeEach(() => {
  db = openDatabase(freshDataDir());
});
afterEach(() => db.close());

const board = (...lotteries: ReturnType<typeof sampleLottery>[]): LotteryBoard => ({ mallId: 'demo-mall', publishedAt: '2026-12-08T00:00:00.000Z', lotteries });
const before = new Date('2026-12-07T12:00:00Z');
const during = new Date('2026-12-08T12:00:00Z');

describe('the kiosk`s lottery board', () => {
  it('takes changed terms before the lottery opens, refuses them after, and keeps the terms it showed', () => {
    const l = sampleLottery();
    expect(applyLotteryBoard(db, board(l), before)).toEqual({ applied: ['ld-test'], refused: [] });
    const cheaper = structuredClone(l);
    cheaper.prizes[0]!.valueFen = 8000;
    expect(applyLotteryBoard(db, board(cheaper), before).applied).toEqual(['ld-test']);
    expect(heldLottery(db, 'ld-test')?.prizes[0]!.valueFen).toBe(8000);

    const odds = structuredClone(cheaper);
    odds.prizes[0]!.oddsPpm = 300_000;
    odds.prizes[2]!.oddsPpm = 300_000;
    expect(applyLotteryBoard(db, board(odds), during)).toEqual({
      applied: [], refused: [{ lotteryId: 'ld-test', reason: 'the prizes, their odds, values or stock changed after the lottery opened (2026-12-08T00:00:00.000Z); the published terms stay' }],
    });
    expect(heldLottery(db, 'ld-test')).toEqual(cheaper);
    // The same board again (a retained repeat) changes nothing.
    expect(applyLotteryBoard(db, board(cheaper), during)).toEqual({ applied: [], refused: [] });
  });

  it('takes a revealed seed only when it matches the commitment', () => {
    const l = sampleLottery();
    applyLotteryBoard(db, board(l), during);
    expect(applyLotteryBoard(db, board({ ...l, revealedSeed: SEED_A5 }), during).refused).toEqual([{ lotteryId: 'ld-test', reason: 'the revealed seed does not match its published sha256 commitment' }]);
    expect(heldLottery(db, 'ld-test')?.revealedSeed).toBeNull();
    expect(applyLotteryBoard(db, board({ ...l, revealedSeed: SEED_1 }), during).applied).toEqual(['ld-test']);
    expect(heldLottery(db, 'ld-test')?.revealedSeed).toBe(SEED_1);
    // A later board without the seed does not take it back.
    applyLotteryBoard(db, board(l), during);
    expect(heldLottery(db, 'ld-test')?.revealedSeed).toBe(SEED_1);
  });

  it('forgets an unlisted lottery only while it has not opened', () => {
    applyLotteryBoard(db, board(sampleLottery()), before);
    applyLotteryBoard(db, board(), before);
    expect(heldLotteries(db)).toEqual([]);
    applyLotteryBoard(db, board(sampleLottery()), during);
    applyLotteryBoard(db, board(), during);
    expect(heldLotteries(db).map((l) => l.id)).toEqual(['ld-test']);
  });
});

describe('HQ`s answer against the published terms', () => {
  const l = sampleLottery();
  const draw = (over: Partial<{ drawId: string; lotteryId: string; derivedPrizeId: string; prizeId: string }>) => ({ drawId: 'draw-0000000000000001', lotteryId: 'ld-test', derivedPrizeId: 'big', prizeId: 'big', ...over });
  it('accepts the drawn prize, or the fallback for it', () => {
    expect(answerProblem(l, draw({}), 'draw-0000000000000001')).toBeNull();
    expect(answerProblem(l, draw({ prizeId: 'thanks' }), 'draw-0000000000000001')).toBeNull();
  });
  it('refuses a prize not on the list, another prize for the outcome, or an answer for another draw', () => {
    expect(answerProblem(l, draw({ prizeId: 'gold-bar', derivedPrizeId: 'gold-bar' }), 'draw-0000000000000001')).toBe('prize gold-bar is not on the published list (big, small, thanks)');
    expect(answerProblem(l, draw({ prizeId: 'small' }), 'draw-0000000000000001')).toBe('prize small given for outcome big');
    expect(answerProblem(l, draw({}), 'draw-0000000000000002')).toBe('the answer is for draw draw-0000000000000001 of ld-test');
  });
});

describe('the lottery screen in the kiosk session', () => {
  it('opens from the guide home or a member`s home, keeps a member who scans there, and goes back where it came from', () => {
    const home = { ...initialSession('zh-CN', 60, 0), screen: 'home' as const };
    const open = kioskSessionReducer(home, { type: 'openLottery', at: 1 });
    expect(open.screen).toBe('lottery');
    expect(kioskSessionReducer({ ...home, screen: 'map' }, { type: 'openLottery', at: 1 }).screen).toBe('map');
    const memberHome = { memberSession: 'sess-0000000000000001' } as unknown as MemberHome;
    const signedIn = kioskSessionReducer(open, { type: 'memberIdentified', home: memberHome, at: 2 });
    expect(signedIn).toMatchObject({ screen: 'lottery', member: memberHome });
    expect(kioskSessionReducer(signedIn, { type: 'closeLottery', at: 3 }).screen).toBe('member');
    expect(kioskSessionReducer(open, { type: 'closeLottery', at: 3 }).screen).toBe('home');
  });
});
