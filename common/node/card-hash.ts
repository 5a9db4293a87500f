// Card hashes: a card number never leaves the reader's kiosk or HQ in clear, only sha256(mall salt + normalised
// number) as lowercase hex (docs/members.md "Cards"). The agent caches these hashes and asks HQ by them; the HQ
// simulator computes the same ones for its members and staff, so both use this one function.
import { createHash, randomBytes } from 'node:crypto';
import { normaliseCardNumber } from '../cards.ts';

export function cardHash(salt: string, cardNumber: string): string {
  return createHash('sha256').update(salt + normaliseCardNumber(cardNumber), 'utf8').digest('hex');
}

/** A new mall card salt (HQ makes one per mall): 16 random bytes, 32 hex characters. */
export function newCardSalt(): string {
  return randomBytes(16).toString('hex');
}
