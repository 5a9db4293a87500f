// Opens one of HQ's SQLite files the way HQ keeps its records: WAL, every commit durable (synchronous=FULL), a busy
// timeout so the running HQ and the CLI tools can take turns on the same file, and versioned migrations by
// user_version (a file from a newer HQ simulator is refused). Every HQ SQLite file opens here: hq.db (store.ts), the
// car park, queues, lottery book and feedback desk.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export function openMigratedFile(file: string, migrations: readonly string[]): Database.Database {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > migrations.length) throw new Error(`${file} was written by a newer HQ simulator (schema ${version})`);
    for (let v = version; v < migrations.length; v++) {
      db.transaction(() => {
        db.exec(migrations[v]!);
        db.pragma(`user_version = ${v + 1}`);
      })();
    }
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
