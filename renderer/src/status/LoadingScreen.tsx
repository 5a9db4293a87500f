import { statusStrings } from '../i18n/strings.ts';
import { BilingualLine, StatusScreen } from './StatusScreen.tsx';

export function LoadingScreen() {
  return (
    <StatusScreen screen="loading">
      <BilingualLine className="status__quiet" zh={statusStrings.loading['zh-CN']} en={statusStrings.loading.en} />
    </StatusScreen>
  );
}
