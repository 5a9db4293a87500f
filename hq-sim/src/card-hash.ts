// Card numbers never leave HQ in clear: members and staff are looked up by sha256(mall salt + card number), hex.
// The salt is per mall (kept in HQ's data folder) so a hash from one mall's catalog is useless in another.
import { createHash, randomBytes } from 'node:crypto';

/** Card numbers as a reader types them: digits (and letters for NFC UIDs), spaces and dashes dropped. */
export function normaliseCardNumber(raw: string): string {
  return raw.replace(/[\s-]/g, '').toUpperCase();
}

export function cardHash(salt: string, cardNumber: string): string {
  return createHash('sha256').update(salt + normaliseCardNumber(cardNumber), 'utf8').digest('hex');
}

export function newCardSalt(): string {
  return randomBytes(16).toString('hex');
}
