// HQ answering a kiosk's parking request (MQTT 5 request/response, like member look-ups in ../lookup.ts): only on the
// asking device's own parking/response topic, with the request's correlation data. HQ's log names the masked plate
// only, so a plate does not spread into logs here either.
import type { IClientPublishOptions, IPublishPacket } from 'mqtt';
import { DEFAULT_MALL_TIME_ZONE } from '../../../common/time-zone.ts';
import { maskPlate } from '../../../common/plate.ts';
import { topics } from '../../../contracts/mqtt.ts';
import { ParkingResponse, type ParkingRequest } from '../../../contracts/parking.ts';
import { MAX_CORRELATION_BYTES, type ReplyTarget } from '../lookup.ts';
import type { HqData } from '../hq-data.ts';
import type { HqLog } from '../log.ts';
import { answerParking, demoCarPark, seedDemoCarPark } from './car-park.ts';
import { ParkingStore } from './store.ts';

const carPark = demoCarPark();

/** The request's MQTT 5 properties: the response topic must be the device's own parking/response, correlation data present. */
export function parkingReplyTarget(mallId: string, deviceId: string, props: IPublishPacket['properties']): ReplyTarget {
  const expected = topics.parkingResponse(mallId, deviceId);
  if (!props?.responseTopic) return { ok: false, reason: 'no responseTopic (an MQTT 5 request needs one)' };
  if (props.responseTopic !== expected) return { ok: false, reason: `responseTopic ${props.responseTopic} is not the device's own ${expected}` };
  const correlationData = props.correlationData;
  if (!correlationData || correlationData.length === 0) return { ok: false, reason: 'no correlationData' };
  if (correlationData.length > MAX_CORRELATION_BYTES) return { ok: false, reason: `correlationData longer than ${MAX_CORRELATION_BYTES} bytes` };
  return { ok: true, responseTopic: expected, correlationData };
}

/** What this needs of upstream.ts's deps (declared here: importing that file back would make a cycle). */
export type ParkingDeps = {
  mall: string;
  data: Pick<HqData, 'dataDir' | 'store'>;
  log: HqLog;
  counters: { refused: number };
  now: Date;
  publish: (topic: string, payload: string, opts: { qos: 0 | 1; properties?: IClientPublishOptions['properties'] }) => Promise<void>;
};

export function handleParkingRequest(d: ParkingDeps, device: string, req: ParkingRequest, packet: IPublishPacket): void {
  const target = parkingReplyTarget(d.mall, device, packet.properties);
  if (!target.ok) {
    d.counters.refused += 1;
    d.log.warn('parking request refused', { deviceId: device, reason: target.reason });
    return;
  }
  // Opened per request: the `parking park` tool writes the same file from another process.
  const store = new ParkingStore(d.data.dataDir);
  let answer: ParkingResponse;
  try {
    seedDemoCarPark(store, d.now);
    answer = ParkingResponse.parse(answerParking(req, {
      store, carPark, memberById: (id) => d.data.store.memberById(id), now: d.now, timeZone: DEFAULT_MALL_TIME_ZONE,
    }));
  } finally {
    store.close();
  }
  d.log.info('parking request answered', { deviceId: device, plate: maskPlate(req.plate), status: answer.status });
  void d.publish(target.responseTopic, JSON.stringify(answer), { qos: 1, properties: { correlationData: target.correlationData, messageExpiryInterval: 30 } }).catch((err: Error) =>
    d.log.warn('could not answer a parking request', { deviceId: device, err: err.message }),
  );
}
