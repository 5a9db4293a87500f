// The queue.* API methods (contracts/queue.ts), answered by the queue service.
import type { ApiHandlers, QueueMethod } from '../../../contracts/api.ts';
import type { QueueService } from '../queue/service.ts';

export function queueHandlers(queue: QueueService): Pick<ApiHandlers, QueueMethod> {
  return {
    'queue.status': () => queue.status(),
    'queue.take': (params) => queue.take(params),
  };
}
