// Composition root: opens the database, seeds the demo, serves the API. Used by main.ts and by tests.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Health } from '../../contracts/api.ts';
import type { AgentSettings } from '../../contracts/config.ts';
import { createHandlers } from './api/handlers.ts';
import { startApiServer, type ApiServer } from './api/server.ts';
import { catalogInfo, registerFloorRank } from './catalog/repo.ts';
import { openDatabase, schemaVersion, type Db } from './db/open.ts';
import { seedDemoIfEmpty } from './demo/seed.ts';
import type { Logger } from './log.ts';
import { enqueueEvent } from './outbox.ts';
import { AGENT_VERSION } from './version.ts';

export type Agent = { db: Db; server: ApiServer; secret: string; stop(): Promise<void> };

export async function startAgent(settings: AgentSettings, log: Logger, secret = randomBytes(32).toString('base64url')): Promise<Agent> {
  const startedAt = Date.now();
  const db = openDatabase(settings.dataDir, log.child('db'));
  registerFloorRank(db);
  if (settings.demo) seedDemoIfEmpty(db, log.child('demo'));
  const sqliteVersion = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;

  const health = (): Health => ({
    status: 'ok',
    versions: { agent: AGENT_VERSION, node: process.versions.node, sqlite: sqliteVersion, schema: schemaVersion(db), catalog: catalogInfo(db)?.version ?? 0 },
    uptimeSec: Math.round((Date.now() - startedAt) / 100) / 10,
    deviceId: settings.deviceId,
    mallId: settings.mallId,
  });

  let server: ApiServer;
  try {
    server = await startApiServer({ port: settings.apiPort, secret, uiDir: settings.uiDir, handlers: createHandlers(db, settings), health, log: log.child('api') });
  } catch (err) {
    db.close();
    throw err;
  }
  enqueueEvent(db, { type: 'device.started', payload: { deviceId: settings.deviceId, agentVersion: AGENT_VERSION } });

  // Local tools of the same OS user (bench, hq simulator, npm start) find the port and secret here.
  const runDir = path.join(settings.dataDir, 'run');
  mkdirSync(runDir, { recursive: true, mode: 0o700 });
  const runFile = path.join(runDir, 'agent.json');
  writeFileSync(runFile, JSON.stringify({ pid: process.pid, port: server.port, url: server.url, secret }), { mode: 0o600 });

  return {
    db,
    server,
    secret,
    stop: async () => {
      await server.close();
      db.close();
      rmSync(runFile, { force: true });
    },
  };
}
