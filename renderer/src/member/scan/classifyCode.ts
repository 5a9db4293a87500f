// What a scanned text is, before the agent sees it: a membership card read (card number or NFC card UID) or a
// member code (QR token, or anything else, which the agent then names as malformed). Pure.
import type { IdentifySource } from '../../../../contracts/members.ts';
import { TOKEN_MAX_CHARS } from '../../../../contracts/members.ts';

/** Printed card numbers: digits only, 8 to 20 of them. */
const CARD_NUMBER = /^\d{8,20}$/;
/** NFC card UIDs as readers type them: 4, 7 or 10 bytes in hex (8, 14 or 20 characters), with or without ':' or '-' between bytes. */
const NFC_UID = /^(?:[0-9A-Fa-f]{8}|[0-9A-Fa-f]{14}|[0-9A-Fa-f]{20})$/;
const NFC_UID_SEPARATED = /^[0-9A-Fa-f]{2}(?:([:-])[0-9A-Fa-f]{2})(?:\1[0-9A-Fa-f]{2}){2}(?:(?:\1[0-9A-Fa-f]{2}){3}(?:(?:\1[0-9A-Fa-f]{2}){3})?)?$/;

export type ScanInput = { source: IdentifySource; code: string };

/**
 * A keyboard-wedge burst as the agent should get it: card-looking text goes as `card` (an NFC UID upper-cased,
 * without separators, as the card reader's printed UID), everything else as `wedge`.
 */
export function classifyWedgeCode(raw: string): ScanInput {
  const code = raw.trim();
  if (CARD_NUMBER.test(code)) return { source: 'card', code };
  if (NFC_UID.test(code)) return { source: 'card', code: code.toUpperCase() };
  if (NFC_UID_SEPARATED.test(code)) return { source: 'card', code: code.replace(/[:-]/g, '').toUpperCase() };
  return { source: 'wedge', code };
}

/** Text the agent would refuse to look at (empty, or longer than any member code): the page says "not a member code" itself. */
export function isUnreadableCode(code: string): boolean {
  const trimmed = code.trim();
  return trimmed.length === 0 || trimmed.length > TOKEN_MAX_CHARS;
}
