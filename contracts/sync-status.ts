// The kiosk's link to HQ as the agent reports it (health, staff status page, heartbeat's last error): one shape for
// every place that shows it.
import { z } from 'zod';

export const SyncState = z.enum(['disabled', 'connecting', 'online', 'offline']);
export type SyncState = z.infer<typeof SyncState>;

export const SyncStatus = z.object({
  state: SyncState,
  lastSyncAt: z.string().nullable(),
  lastError: z.string().nullable(),
  outboxDepth: z.number().int(),
  reconnects: z.number().int(),
  /** MQTT messages refused (not JSON, wrong schema, unexpected topic, stale or gap versions) since the agent started. */
  refused: z.number().int(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;
