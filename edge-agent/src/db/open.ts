// Opens the kiosk's SQLite file: WAL, synchronous=FULL, foreign keys, migrations. Problems a person can fix
// (missing or unwritable folder, a database from a newer Atrium) become DatabaseError with a plain message.
import Database from 'better-sqlite3';
import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../../../common/node/log.ts';
import { migrations, SCHEMA_VERSION } from './migrations.ts';

export type Db = Database.Database;

export class DatabaseError extends Error {
  override name = 'DatabaseError';
}

export const DB_FILE = 'atrium.db';

export function openDatabase(dataDir: string, log?: Logger): Db {
  ensureWritableDir(dataDir);
  const file = path.join(dataDir, DB_FILE);
  let db: Db;
  try {
    db = new Database(file);
  } catch (err) {
    throw new DatabaseError(`cannot open database ${file}: ${(err as Error).message}`);
  }
  try {
    db.pragma('journal_mode = WAL');
    // better-sqlite3 leaves WAL at synchronous=NORMAL, which can lose the last commits on power loss. This
    // connection writes events, claims and points, so every commit is made durable. Catalog writes are
    // batched into one transaction each, so FULL costs them one fsync, not one per row.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, log);
  } catch (err) {
    db.close();
    if (err instanceof DatabaseError) throw err;
    throw new DatabaseError(`cannot prepare database ${file}: ${(err as Error).message}`);
  }
  return db;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: Db, log?: Logger) {
  const current = schemaVersion(db);
  if (current > SCHEMA_VERSION) {
    throw new DatabaseError(
      `database ${db.name} was written by a newer Atrium (schema version ${current}; this build knows up to ${SCHEMA_VERSION}). ` +
        'Install the newer Atrium, or move this data folder aside to start fresh.',
    );
  }
  for (let v = current; v < SCHEMA_VERSION; v++) {
    db.transaction(() => {
      db.exec(migrations[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
    log?.info('database migrated', { from: v, to: v + 1 });
  }
}

function ensureWritableDir(dir: string) {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new DatabaseError(`data folder ${dir} does not exist and cannot be created: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  if (!statSync(dir).isDirectory()) throw new DatabaseError(`data folder ${dir} is not a folder`);
  try {
    accessSync(dir, constants.W_OK | constants.R_OK);
  } catch {
    throw new DatabaseError(`data folder ${dir} is not writable by this user; fix its permissions or set ATRIUM_DATA_DIR`);
  }
}
