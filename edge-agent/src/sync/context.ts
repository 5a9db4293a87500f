// What every part of the sync engine shares: the settings, the database, the log, the clock, and the two figures
// several parts write (the last error shown in health and heartbeats, and the count of refused messages).
import type { AgentSettings } from '../../../contracts/config.ts';
import type { Db } from '../db/open.ts';
import type { Logger } from '../../../common/node/log.ts';

export type SyncHealth = { lastError: string | null; refused: number };

export type SyncContext = {
  settings: AgentSettings;
  db: Db;
  log: Logger;
  mall: string;
  device: string;
  now: () => Date;
  health: SyncHealth;
};

/** Counts and logs a message the kiosk will not act on (the log line tests and technicians look for). */
export function refuse(ctx: SyncContext, topic: string, reason: string, bytes: number, level: 'info' | 'warn' = 'warn'): void {
  ctx.health.refused += 1;
  ctx.log[level]('mqtt message refused', { topic, reason, bytes });
}
