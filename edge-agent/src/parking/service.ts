// Find my car (issue #14) on the kiosk: check the plate (common/plate.ts), ask HQ's car park over MQTT (the one
// place the plate goes), and hand the page HQ's answer with the plate masked and the space's place on the map.
// Privacy: the plate lives only in this call's memory. It is never written to SQLite, the outbox, the log or an
// error message; a refusal names the problem, not the plate. Offline, or no answer in time: "unavailable", with no
// figures (nothing is cached, so nothing stale can be shown).
import type { ParkingFindResult, ParkingRequest, ParkingResponse } from '../../../contracts/parking.ts';
import type { ParkingFindParams } from '../../../contracts/parking.ts';
import type { Venue } from '../../../contracts/venue.ts';
import type { z } from 'zod';
import { checkPlate, maskPlate, PLATE_PROBLEM_TEXT } from '../../../common/plate.ts';
import type { Logger } from '../../../common/node/log.ts';
import { DomainError } from '../errors.ts';

export type ParkingHq = {
  askParking(req: ParkingRequest): Promise<ParkingResponse>;
  online(): boolean;
};

export type ParkingServiceOptions = {
  hq: ParkingHq;
  /** Whether an HQ is configured at all (no HQ: the service is unavailable, said as such). */
  hqConfigured: boolean;
  /** The member id of a signed-in member's session; throws member_session_gone when it has ended. */
  memberIdOf: (memberSession: string) => string;
  /** The kiosk's stored map (null before HQ sent one). */
  venue: () => Venue | null;
  log: Logger;
};

/** The map feature of a space: a `parking` amenity (or unit) named with the space's code, e.g. 车位 B2-118. */
export function spaceFeature(venue: Venue | null, code: string): string | null {
  if (!venue) return null;
  const named = (n: { zh: string; en?: string | undefined } | null) => n !== null && [n.zh, n.en ?? ''].some((t) => t.split(/\s+/).includes(code));
  const isParking = (c: string) => c.toLowerCase().startsWith('parking');
  return venue.amenities.find((a) => isParking(a.category) && named(a.name))?.id
    ?? venue.units.find((u) => isParking(u.category) && named(u.name))?.id
    ?? null;
}

export class ParkingService {
  private readonly o: ParkingServiceOptions;

  constructor(opts: ParkingServiceOptions) {
    this.o = opts;
  }

  async find(params: z.output<typeof ParkingFindParams>): Promise<ParkingFindResult> {
    const check = checkPlate(params.plate);
    if (check.status !== 'complete') {
      const text = PLATE_PROBLEM_TEXT[check.problem];
      throw new DomainError('invalid', 'invalid_params', `not a whole plate: ${text.en}`, [{ path: 'plate', message: `${text.zh} / ${text.en}` }]);
    }
    const memberId = params.memberSession === null ? null : this.o.memberIdOf(params.memberSession);
    const maskedPlate = maskPlate(check.plate);
    if (!this.o.hqConfigured) return { status: 'unavailable', reason: 'no_hq' };
    if (!this.o.hq.online()) return { status: 'unavailable', reason: 'offline' };
    let answer: ParkingResponse;
    try {
      answer = await this.o.hq.askParking({ plate: check.plate, memberId });
    } catch (err) {
      const timeout = (err as Error).message.startsWith('timeout');
      this.o.log.warn('parking request not answered', { reason: timeout ? 'timeout' : 'offline' });
      return { status: 'unavailable', reason: timeout ? 'timeout' : 'offline' };
    }
    this.o.log.info('parking request answered', { status: answer.status, member: memberId !== null });
    if (answer.status === 'not_found') return { status: 'not_found', maskedPlate };
    return { status: 'found', maskedPlate, car: answer.car, quote: answer.quote, mapTarget: spaceFeature(this.o.venue(), answer.car.space) };
  }
}
