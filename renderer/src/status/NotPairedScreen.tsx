// This page has no session secret: it was opened without (or with a used) pairing link. Nothing to retry;
// the fix is a fresh link from the machine that runs the kiosk.
import { statusStrings } from '../i18n/strings.ts';
import { BilingualLine, StatusScreen } from './StatusScreen.tsx';

export function NotPairedScreen() {
  const s = statusStrings;
  return (
    <StatusScreen screen="not-paired" title={{ zh: s.notPairedTitle['zh-CN'], en: s.notPairedTitle.en }}>
      <BilingualLine zh={s.notPairedBody['zh-CN']} en={s.notPairedBody.en} />
    </StatusScreen>
  );
}
