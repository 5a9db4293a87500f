// The kiosk's membership-card cache: a card number (or NFC UID) is never stored in clear, only its hash
// (common/node/card-hash.ts, the same function HQ uses) under the mall's salt, which comes with HQ's catalog
// snapshot. What counts as a card number is common/cards.ts.
import type { Db } from '../db/open.ts';
import { deleteMeta, meta, setMeta } from '../db/meta.ts';

const SALT_KEY = 'members.cardSalt';

export function cardSalt(db: Db): string | null {
  return meta(db, SALT_KEY);
}

/** Sets the mall's salt; a different salt makes every cached card hash useless, so they are dropped. */
export function setCardSalt(db: Db, salt: string | null): void {
  if (cardSalt(db) === salt) return;
  db.prepare('DELETE FROM member_cards').run();
  if (salt === null) deleteMeta(db, SALT_KEY);
  else setMeta(db, SALT_KEY, salt);
}

export function memberIdByCard(db: Db, hash: string): string | null {
  const row = db.prepare('SELECT member_id FROM member_cards WHERE card_hash = ?').get(hash) as { member_id: string } | undefined;
  return row?.member_id ?? null;
}

export function cacheCard(db: Db, hash: string, memberId: string, now: Date): void {
  db.prepare(
    'INSERT INTO member_cards (card_hash, member_id, cached_at) VALUES (?, ?, ?) ON CONFLICT(card_hash) DO UPDATE SET member_id = excluded.member_id, cached_at = excluded.cached_at',
  ).run(hash, memberId, now.toISOString());
}
