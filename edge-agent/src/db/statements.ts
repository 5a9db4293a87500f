// Prepared statements kept per database connection, by their SQL text: better-sqlite3's prepare() parses and plans
// the SQL each time (tens of µs), which the outbox paid per event written and per batch drained (issue 16).
import type { Statement } from 'better-sqlite3';
import type { Db } from './open.ts';

const byDb = new WeakMap<Db, Map<string, Statement>>();

/** The statement for `sql` on `db`, prepared on first use; for fixed SQL only (no text built from values). */
export function prepared(db: Db, sql: string): Statement {
  let cache = byDb.get(db);
  if (!cache) byDb.set(db, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) cache.set(sql, (stmt = db.prepare(sql)));
  return stmt;
}
