// Local cache of member records received from HQ (or seeded for the demo): minimal fields, keyed by id.
import { Member } from '../../../contracts/catalog.ts';
import type { Db } from '../db/open.ts';

export function upsertMembers(db: Db, members: Member[], now: Date = new Date()): void {
  db.transaction(() => {
    for (const m of members) cacheMember(db, m, now);
  })();
}

/** Writes one member (the whole record, expiringPoints included); the caller provides the transaction. */
export function cacheMember(db: Db, member: Member, now: Date): void {
  const parsed = Member.parse(member);
  db.prepare(
    'INSERT INTO members (id, tier, doc, cached_at) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET tier = excluded.tier, doc = excluded.doc, cached_at = excluded.cached_at',
  ).run(parsed.id, parsed.tier, JSON.stringify(parsed), now.toISOString());
}

export function cachedMember(db: Db, id: string): Member | null {
  const row = db.prepare('SELECT doc FROM members WHERE id = ?').get(id) as { doc: string } | undefined;
  return row ? Member.parse(JSON.parse(row.doc)) : null;
}

/** HQ no longer knows this member (closed account): forget the record and its cards. */
export function forgetMember(db: Db, id: string): void {
  db.transaction(() => {
    db.prepare('DELETE FROM members WHERE id = ?').run(id);
    db.prepare('DELETE FROM member_cards WHERE member_id = ?').run(id);
  })();
}

export function memberCount(db: Db): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM members').get() as { n: number }).n;
}

/**
 * Sets a cached member's points to HQ's balance after a claim. Points spent are taken from the soon-expiring ones
 * first, as HQ does, so the "expiring" call-out shrinks with them. No-op for a member not cached.
 */
export function setMemberPoints(db: Db, id: string, points: number, now: Date): void {
  const member = cachedMember(db, id);
  if (!member) return;
  const spent = member.points - points;
  const exp = member.expiringPoints;
  const left = exp ? Math.min(points, exp.points - Math.max(0, spent)) : 0;
  cacheMember(db, { ...member, points, expiringPoints: exp && left > 0 ? { points: left, on: exp.on } : null }, now);
}
