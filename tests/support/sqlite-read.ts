// Reads a kiosk's SQLite file the way a test inspects it: a separate read-only connection per query (the agent
// keeps writing through its own), closed at once.
import Database from 'better-sqlite3';
import path from 'node:path';

export function queryDb<T>(dataDir: string, sql: string, ...args: unknown[]): T[] {
  const db = new Database(path.join(dataDir, 'atrium.db'), { readonly: true });
  try {
    return db.prepare(sql).all(...args) as T[];
  } finally {
    db.close();
  }
}
