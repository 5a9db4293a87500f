// What the kiosk tells HQ about itself: its status (birth, will, shutdown), its heartbeat figures and its reported
// config. Built from SQLite and the process; sent by connection.ts and engine.ts.
import type { DeviceStatus, Heartbeat, ReportedConfig } from '../../../contracts/mqtt.ts';
import { catalogInfo } from '../catalog/info.ts';
import { contentSummary } from '../content/assets.ts';
import { meta } from '../db/meta.ts';
import { outboxDepth } from '../outbox.ts';
import { desiredConfig } from '../settings/desired.ts';
import { effectiveDisplay } from '../settings/effective.ts';
import { listOverrides } from '../settings/overrides.ts';
import type { SyncContext } from './context.ts';
import { printerStatusOf } from '../printer/receipt-printer.ts';

export function statusReport(ctx: SyncContext, online: boolean, reason: DeviceStatus['reason'], agentVersion: string): DeviceStatus {
  return { online, ts: ctx.now().toISOString(), deviceId: ctx.device, mallId: ctx.mall, reason, agentVersion };
}

export function heartbeatReport(ctx: SyncContext, startedAt: number): Heartbeat {
  const mem = process.memoryUsage();
  return {
    ts: ctx.now().toISOString(),
    deviceId: ctx.device,
    uptimeSec: Math.round((Date.now() - startedAt) / 1000),
    outboxDepth: outboxDepth(ctx.db),
    lastSyncAt: meta(ctx.db, 'sync.lastSyncAt'),
    catalogVersion: catalogInfo(ctx.db)?.version ?? 0,
    configVersion: desiredConfig(ctx.db)?.version ?? 0,
    rssMb: Math.round((mem.rss / 1048576) * 10) / 10,
    heapUsedMb: Math.round((mem.heapUsed / 1048576) * 10) / 10,
    lastError: ctx.health.lastError,
    content: contentSummary(ctx.db, ctx.settings.content.quotaMb * 1024 * 1024),
    ...(ctx.settings.printer ? { printer: printerStatusOf(ctx.db, ctx.settings.printer) } : {}),
  };
}

export function reportedConfig(ctx: SyncContext): ReportedConfig {
  return {
    ts: ctx.now().toISOString(),
    desiredVersion: desiredConfig(ctx.db)?.version ?? 0,
    effective: effectiveDisplay(ctx.db, ctx.settings.display),
    localOverrides: listOverrides(ctx.db).map((o) => o.field),
  };
}
