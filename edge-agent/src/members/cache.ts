// Local cache of member records received from HQ (or seeded for the demo): minimal fields, keyed by id.
import { Member } from '../../../contracts/catalog.ts';
import type { Db } from '../db/open.ts';

export function upsertMembers(db: Db, members: Member[], now: Date = new Date()): void {
  const stmt = db.prepare(
    'INSERT INTO members (id, tier, doc, cached_at) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET tier = excluded.tier, doc = excluded.doc, cached_at = excluded.cached_at',
  );
  db.transaction(() => {
    for (const m of members) {
      const parsed = Member.parse(m);
      stmt.run(parsed.id, parsed.tier, JSON.stringify(parsed), now.toISOString());
    }
  })();
}

export function memberCount(db: Db): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM members').get() as { n: number }).n;
}
