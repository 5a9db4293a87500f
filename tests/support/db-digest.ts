// A digest of every row of every table, read through a separate read-only connection, to show that a refused
// request changed nothing. Proof of play (`content.played` outbox rows) is left out: the attract loop reports the item
// a touch cut short whenever a shopper leaves it, whatever the test then does.
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
      // (sqlite_sequence's outbox counter moves with those rows too; any other outbox row is still in the digest.)
      const rows = name === 'outbox' ? `SELECT * FROM outbox WHERE type != 'content.played' ORDER BY rowid`
        : name === 'sqlite_sequence' ? `SELECT * FROM sqlite_sequence WHERE name != 'outbox' ORDER BY rowid`
          : `SELECT * FROM "${name}" ORDER BY rowid`;
      for (const row of db.prepare(rows).iterate()) hash.update(JSON.stringify(row) + '\n');
    }
    return hash.digest('hex');
  } finally {
    db.close();
  }
}
