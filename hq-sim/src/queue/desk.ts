// HQ's queue desk on the wire: answers kiosks' ticket requests (MQTT 5 request/response, on the asking device's own
// response topic only) and publishes every queuing restaurant's status, retained on catalog/queue, after each change
// and every minute (kiosks treat figures older than QUEUE_STATUS_MAX_AGE_SEC as not live). The state is the
// SQLite queue store, shared with the `npm run hq -- queue` tools.
import type { IClientPublishOptions, IPublishPacket } from 'mqtt';
import { topics } from '../../../contracts/mqtt.ts';
import { QueueStatusMessage, QueueTicketResponse, type QueueTicketRequest } from '../../../contracts/queue.ts';
import type { CatalogSnapshot } from '../../../contracts/mqtt.ts';
import type { HqLog } from '../log.ts';
import { lookupReplyTarget } from '../lookup.ts';
import { demoRestaurants } from './engine.ts';
import { QueueStore } from './store.ts';

type Publish = (topic: string, payload: string, opts: { qos: 0 | 1; retain?: boolean; properties?: IClientPublishOptions['properties'] }) => Promise<void>;

/** How often HQ republishes the status when nothing changed (well inside the kiosk's freshness bound). */
export const QUEUE_STATUS_EVERY_MS = 60_000;

export class QueueDesk {
  readonly store: QueueStore;
  private readonly mallId: string;
  private readonly log: HqLog;
  private timer: NodeJS.Timeout | null = null;
  ticketsAnswered = 0;

  /** Opens HQ's queue store; restaurants the catalog flags as queuing get a queue (demo tables) unless they have one. */
  constructor(opts: { dataDir: string; mallId: string; log: HqLog; catalog: CatalogSnapshot | null }) {
    this.mallId = opts.mallId;
    this.log = opts.log;
    this.store = new QueueStore(opts.dataDir, opts.mallId);
    const queuing = (opts.catalog?.stores ?? []).filter((s) => s.queuing).map((s) => s.id);
    this.store.seedRestaurants(demoRestaurants(queuing));
  }

  statusMessage(now: Date): QueueStatusMessage {
    return QueueStatusMessage.parse({ mallId: this.mallId, publishedAt: now.toISOString(), stores: this.store.status() });
  }

  async publishStatus(publish: Publish, now: Date): Promise<QueueStatusMessage> {
    const message = this.statusMessage(now);
    await publish(topics.queueStatus(this.mallId), JSON.stringify(message), { qos: 1, retain: true });
    return message;
  }

  /** Republishes every QUEUE_STATUS_EVERY_MS (also picking up calls made by the CLI tools on the same store). */
  startRepublishing(publish: Publish, now: () => Date, everyMs = QUEUE_STATUS_EVERY_MS): void {
    this.stopRepublishing();
    this.timer = setInterval(() => {
      void this.publishStatus(publish, now()).catch((err: Error) => this.log.warn('could not publish the queue status', { err: err.message }));
    }, everyMs);
    this.timer.unref();
  }

  stopRepublishing(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Answers one ticket request on the device's own response topic, then publishes the changed status. */
  answer(d: { deviceId: string; req: QueueTicketRequest; packet: IPublishPacket; publish: Publish; now: Date }): boolean {
    const target = lookupReplyTarget(this.mallId, d.deviceId, d.packet.properties, topics.queueTicketResponse(this.mallId, d.deviceId));
    if (!target.ok) {
      this.log.warn('queue ticket request refused', { deviceId: d.deviceId, reason: target.reason });
      return false;
    }
    const answer = QueueTicketResponse.parse(this.store.take(d.req, d.deviceId, d.now));
    this.ticketsAnswered += 1;
    // The request's phone number is not logged.
    this.log.info('queue ticket answered', {
      deviceId: d.deviceId, storeId: d.req.storeId, status: answer.status, ...(answer.status === 'issued' ? { number: answer.ticket.number } : { reason: answer.reason }),
    });
    void d.publish(target.responseTopic, JSON.stringify(answer), { qos: 1, properties: { correlationData: target.correlationData, messageExpiryInterval: 30 } })
      .catch((err: Error) => this.log.warn('could not answer a queue ticket request', { deviceId: d.deviceId, err: err.message }));
    if (answer.status === 'issued') void this.publishStatus(d.publish, d.now).catch(() => {});
    return true;
  }

  close(): void {
    this.stopRepublishing();
    this.store.close();
  }
}
