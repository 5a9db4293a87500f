// Opening one of HQ's SQLite files: WAL, synchronous=FULL (HQ's records are its word to kiosks and shoppers), a busy
// timeout for the tools that share the file with the running HQ, and versioned migrations by user_version (a file
// from a newer HQ simulator is refused rather than misread).
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export function openHqSqlite(file: string, migrations: readonly string[]): Database.Database {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > migrations.length) {
    db.close();
    throw new Error(`${path.basename(file)} was written by a newer HQ simulator (schema ${version})`);
  }
  for (let v = version; v < migrations.length; v++) {
    db.transaction(() => {
      db.exec(migrations[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  return db;
}
