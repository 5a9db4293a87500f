// HQ's lottery desk on the wire: publishes the mall's lotteries retained on catalog/lottery (terms and the seed's
// commitment; the seed once a lottery has closed) and answers kiosks' draw requests (MQTT 5 request/response, on the
// asking device's own response topic only). The state is the SQLite lottery book (store.ts), shared with the
// `npm run hq -- lottery` tools.
import type { IClientPublishOptions, IPublishPacket } from 'mqtt';
import { topics } from '../../../contracts/mqtt.ts';
import { LotteryBoard, LotteryDrawResponse, type LotteryDrawRequest } from '../../../contracts/lottery.ts';
import type { HqLog } from '../log.ts';
import { lookupReplyTarget } from '../lookup.ts';
import { demoLottery } from './demo.ts';
import { LotteryStore } from './store.ts';

type Publish = (topic: string, payload: string, opts: { qos: 0 | 1; retain?: boolean; properties?: IClientPublishOptions['properties'] }) => Promise<void>;

/** How long a closed lottery stays on the board (with its seed), so shoppers and kiosks can check it. */
const SHOW_CLOSED_MS = 30 * 86_400_000;
const BOARD_MAX = 20;

export class LotteryDesk {
  readonly store: LotteryStore;
  private readonly mallId: string;
  private readonly log: HqLog;
  drawsAnswered = 0;

  /** Opens HQ's lottery book; with `demo`, makes the demo lottery when none is open or coming. */
  constructor(opts: { dataDir: string; mallId: string; log: HqLog; demo: boolean; now: Date }) {
    this.mallId = opts.mallId;
    this.log = opts.log;
    this.store = new LotteryStore(opts.dataDir);
    const t = opts.now.getTime();
    const live = this.store.all().some((s) => s.revealedAt === null && t < Date.parse(s.lottery.closesAt));
    if (opts.demo && !live) {
      const { lottery, seed } = demoLottery(opts.now);
      if (!this.store.get(lottery.id)) this.store.create(lottery, seed, opts.now);
    }
  }

  /** The board to publish: lotteries open or coming, and those closed in the last 30 days (seed revealed). */
  board(now: Date): LotteryBoard {
    this.store.revealEnded(now);
    const shown = this.store.all().filter((s) => s.revealedAt === null || now.getTime() - Date.parse(s.revealedAt) < SHOW_CLOSED_MS);
    return LotteryBoard.parse({ mallId: this.mallId, publishedAt: now.toISOString(), lotteries: shown.slice(-BOARD_MAX).map((s) => s.lottery) });
  }

  async publishBoard(publish: Publish, now: Date): Promise<LotteryBoard> {
    const board = this.board(now);
    await publish(topics.lotteryBoard(this.mallId), JSON.stringify(board), { qos: 1, retain: true });
    this.log.info('lottery board published (retained)', { lotteries: board.lotteries.map((l) => `${l.id}${l.revealedSeed ? ' (seed revealed)' : ''}`).join(', ') });
    return board;
  }

  /** Answers one draw request on the device's own response topic. */
  answer(d: { deviceId: string; req: LotteryDrawRequest; packet: IPublishPacket; publish: Publish; now: Date }): boolean {
    const target = lookupReplyTarget(this.mallId, d.deviceId, d.packet.properties, topics.lotteryDrawResponse(this.mallId, d.deviceId));
    if (!target.ok) {
      this.log.warn('lottery draw request refused', { deviceId: d.deviceId, reason: target.reason });
      return false;
    }
    const answer = LotteryDrawResponse.parse(this.store.draw(d.req, d.deviceId, d.now));
    this.drawsAnswered += 1;
    this.log.info('lottery draw answered', {
      deviceId: d.deviceId, lotteryId: d.req.lotteryId, status: answer.status,
      ...(answer.status === 'drawn' ? { seq: answer.draw.seq, prize: answer.draw.prizeId } : { reason: answer.reason }),
    });
    void d.publish(target.responseTopic, JSON.stringify(answer), { qos: 1, properties: { correlationData: target.correlationData, messageExpiryInterval: 30 } })
      .catch((err: Error) => this.log.warn('could not answer a lottery draw', { deviceId: d.deviceId, err: err.message }));
    return true;
  }

  close(): void {
    this.store.close();
  }
}
