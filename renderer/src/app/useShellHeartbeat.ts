// Tells the kiosk shell the page is alive: every PAGE_HEARTBEAT_MS, from an animation frame (so a page whose
// main thread or compositor is stuck does not beat). The Electron preload offers window.atrium.heartbeat(); the
// browser-kiosk launcher adds a DevTools binding instead. In a plain browser neither exists and nothing happens.
// A page that stops beating (frozen, or white because the React tree is gone) is reloaded by the shell.
import { useEffect } from 'react';
import { PAGE_HEARTBEAT_BINDING, PAGE_HEARTBEAT_MS } from '../../../contracts/shell.ts';

type ShellWindow = Window & { atrium?: { heartbeat?: () => void } } & Partial<Record<typeof PAGE_HEARTBEAT_BINDING, (payload: string) => void>>;

export function shellBeat(w: ShellWindow = window as ShellWindow): boolean {
  if (typeof w.atrium?.heartbeat === 'function') {
    w.atrium.heartbeat();
    return true;
  }
  const binding = w[PAGE_HEARTBEAT_BINDING];
  if (typeof binding === 'function') {
    binding('beat');
    return true;
  }
  return false;
}

export function useShellHeartbeat(): void {
  useEffect(() => {
    let frame = 0;
    const beat = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => shellBeat());
    };
    beat();
    const timer = setInterval(beat, PAGE_HEARTBEAT_MS);
    return () => {
      clearInterval(timer);
      cancelAnimationFrame(frame);
    };
  }, []);
}
