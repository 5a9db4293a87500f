// The calm full-screen frame for the screens shown before (or instead of) the kiosk: both languages, big and quiet.
import type { ReactNode } from 'react';
import { AppRoot, type ScreenName } from '../ui/AppRoot.tsx';
import { MallMark } from '../ui/MallMark.tsx';
import './status.css';

type Props = { screen: ScreenName; title?: { zh: string; en: string }; children?: ReactNode };

export function StatusScreen({ screen, title, children }: Props) {
  return (
    <AppRoot screen={screen}>
      <div className="status">
        <MallMark className="status__mark" />
        {title && (
          <h1 className="status__title">
            <span lang="zh-CN">{title.zh}</span>
            <span className="status__title-en" lang="en">{title.en}</span>
          </h1>
        )}
        {children}
      </div>
    </AppRoot>
  );
}

/** One message in both languages, Chinese first. */
export function BilingualLine({ zh, en, className }: { zh: string; en: string; className?: string }) {
  return (
    <p className={className ? `status__line ${className}` : 'status__line'}>
      <span lang="zh-CN">{zh}</span>
      <span className="status__line-en" lang="en">{en}</span>
    </p>
  );
}
