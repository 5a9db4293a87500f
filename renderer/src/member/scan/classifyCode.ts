// What a scanned text is, before the agent sees it: a membership card read (card number or NFC card UID) or a
// member code (QR token, or anything else, which the agent then names as malformed). Pure. The card rule itself is
// common/cards.ts, the one the agent applies too.
import { TOKEN_MAX_CHARS } from '../../../../contracts/members.ts';

export { classifyWedgeCode, type ScanInput } from '../../../../common/cards.ts';

/** Text the agent would refuse to look at (empty, or longer than any member code): the page says "not a member code" itself. */
export function isUnreadableCode(code: string): boolean {
  const trimmed = code.trim();
  return trimmed.length === 0 || trimmed.length > TOKEN_MAX_CHARS;
}
