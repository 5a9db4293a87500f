// The local API's parking methods (issue #14), kept beside handlers.ts so the parking and queue halves each add
// their own map; agent.ts spreads them into the one handler table the server checks against contracts/api.ts.
import type { ApiHandlers } from '../../../contracts/api.ts';
import type { ParkingService } from '../parking/service.ts';

export type ParkingMethod = 'parking.find';

export function parkingHandlers(parking: ParkingService): Pick<ApiHandlers, ParkingMethod> {
  return { 'parking.find': (params) => parking.find(params) };
}
