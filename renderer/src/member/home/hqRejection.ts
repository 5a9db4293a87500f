// HQ's reason for rejecting a claim, for the shopper. HQ writes `code: sentence for the log` (docs/members.md);
// a known code gets a plain message in the shopper's language (the log sentence can carry ids and jargon), any
// other detail is shown as HQ wrote it. Pure.
import type { UiLanguage } from '../../../../contracts/config.ts';
import { hqRejectionText } from '../../i18n/strings.ts';
import { pick } from '../../i18n/translate.ts';

const MAX_SHOWN = 120;

export function hqRejectionMessage(detail: string | null, lang: UiLanguage): string | null {
  if (detail === null || detail.trim() === '') return null;
  const code = /^([a-z_]+):/.exec(detail.trim())?.[1];
  if (code && Object.hasOwn(hqRejectionText, code)) return pick(hqRejectionText[code as keyof typeof hqRejectionText], lang);
  const text = detail.trim();
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}
