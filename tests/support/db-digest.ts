// A digest of every row of every table, read through a separate read-only connection, to show that a refused
// request changed nothing.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import path from 'node:path';

export function dbDigest(dataDir: string): string {
  const db = new Database(path.join(dataDir, 'atrium.db'), { readonly: true });
  try {
    const hash = createHash('sha256');
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
    for (const { name } of tables) {
      hash.update(`#${name}\n`);
      for (const row of db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).iterate()) hash.update(JSON.stringify(row) + '\n');
    }
    return hash.digest('hex');
  } finally {
    db.close();
  }
}
