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
    // The placeholder is as tall as the keyboard it stands for, so what is below (a screen's buttons) does not jump
    // when the keyboard arrives, under a finger about to tap it.
    <Suspense fallback={<div className={`osk-loading osk-loading--${props.mode ?? 'text'}`} data-testid="osk-loading" />}>
      <Keyboard {...props} />
    </Suspense>
  );
}

export type { OnScreenKeyboardProps };
