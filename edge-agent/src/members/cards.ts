// Membership cards: a card number (or NFC UID) is never stored in clear, only sha256(mall salt + normalised
// number), hex, the same hash HQ uses (hq-sim/src/card-hash.ts). The salt comes with HQ's catalog snapshot.
import { createHash } from 'node:crypto';
import type { Db } from '../db/open.ts';
import { deleteMeta, meta, setMeta } from '../db/meta.ts';

const SALT_KEY = 'members.cardSalt';

/** Card numbers as a reader types them: spaces and dashes dropped, letters (NFC UIDs in hex) upper-cased. */
export function normaliseCardNumber(raw: string): string {
  return raw.replace(/[\s-]/g, '').toUpperCase();
}

/** A normalised card number or NFC UID: 4-32 digits or letters. */
export function isCardNumber(normalised: string): boolean {
  return /^[0-9A-Z]{4,32}$/.test(normalised);
}

export function cardHash(salt: string, cardNumber: string): string {
  return createHash('sha256').update(salt + normaliseCardNumber(cardNumber), 'utf8').digest('hex');
}

/** A demo member's card number: `62` + the id's digits, zero-padded to 14 (M1003 -> 6200000000001003), as hq-sim. */
export function demoCardNumber(memberId: string): string {
  return `62${memberId.replace(/\D/g, '').padStart(14, '0')}`;
}

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
