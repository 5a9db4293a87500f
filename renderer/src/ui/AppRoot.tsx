// The one root element every screen renders into; `data-screen` tells tests (and people reading the DOM) where the kiosk is.
import type { ReactNode } from 'react';

export type ScreenName = 'loading' | 'attract' | 'home' | 'member' | 'map' | 'parking' | 'queue' | 'survey' | 'lottery' | 'feedback' | 'not-paired' | 'unavailable';

export function AppRoot({ screen, children }: { screen: ScreenName; children: ReactNode }) {
  return (
    <div className="app" data-screen={screen} data-testid="app">
      {children}
    </div>
  );
}
