// The on-screen keyboard as its own chunk: a screen that shows a keyboard renders this, so simple-keyboard, the pinyin
// table and the keyboard's CSS are fetched only when a keyboard is first needed, never with the home screen.
import { lazy, Suspense } from 'react';
import type { OnScreenKeyboardProps } from './OnScreenKeyboard.tsx';

const Keyboard = lazy(() => import('./OnScreenKeyboard.tsx'));

/** Starts fetching the keyboard's chunk (e.g. when a screen that will show it opens). */
export function preloadOnScreenKeyboard(): void {
  void import('./OnScreenKeyboard.tsx');
}

export function LazyOnScreenKeyboard(props: OnScreenKeyboardProps) {
  return (
    <Suspense fallback={<div className="osk-loading" data-testid="osk-loading" />}>
      <Keyboard {...props} />
    </Suspense>
  );
}

export type { OnScreenKeyboardProps };
