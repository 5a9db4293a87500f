// Keyboard, gesture and window lock-down of a kiosk window. Chromium handles its own shortcuts (reload, zoom,
// devtools, history) before the page sees the key, so they are refused in the main process with
// 'before-input-event'. The rule is a pure function of the key event, tested with tables; the handlers only wire it.
// Typing still works: letters, digits, Enter and Tab (the keyboard-wedge card reader and QR scanner), arrows, and
// copy/cut/paste/select-all in the staff console's fields.
import type { BrowserWindow, WebContents } from 'electron';
import type { ShellLogger } from '../core/log.ts';

export type KeyInput = { type: string; key: string; code?: string; control: boolean; meta: boolean; alt: boolean; shift: boolean };

export type BlockReason = 'reload' | 'devtools' | 'close' | 'history' | 'zoom' | 'new-window' | 'browser-function' | 'fullscreen' | 'function-key';

/** The letter a shortcut means, from the physical key when known (so it holds on any keyboard layout). */
function letter(input: KeyInput): string {
  if (input.code && /^Key[A-Z]$/.test(input.code)) return input.code.slice(3).toLowerCase();
  return input.key.length === 1 ? input.key.toLowerCase() : '';
}

/** Why this key press must not reach Chromium, or null to let it through. Only key-down events are judged. */
export function blockedInput(input: KeyInput): BlockReason | null {
  if (input.type !== 'keyDown' && input.type !== 'rawKeyDown') return null;
  const mod = input.control || input.meta;
  const key = input.key;
  const l = letter(input);

  if (key === 'BrowserRefresh' || key === 'F5' || (mod && l === 'r')) return 'reload';
  if (key === 'F12' || (mod && input.shift && ['i', 'j', 'c', 'k'].includes(l)) || (input.meta && input.alt && ['i', 'j', 'c'].includes(l))) return 'devtools';
  if ((input.alt && key === 'F4') || (mod && key === 'F4') || (mod && (l === 'w' || l === 'q'))) return 'close';
  if (key === 'BrowserBack' || key === 'BrowserForward' || key === 'BrowserHome' || (input.alt && (key === 'ArrowLeft' || key === 'ArrowRight' || key === 'Home')) || (input.meta && (key === '[' || key === ']'))) return 'history';
  if (key === 'ZoomIn' || key === 'ZoomOut' || key === 'ZoomToggle' || (mod && ['+', '=', '-', '_', '0'].includes(key)) || (mod && (input.code === 'NumpadAdd' || input.code === 'NumpadSubtract' || input.code === 'Numpad0'))) return 'zoom';
  if (key === 'F11' || (input.meta && input.control && l === 'f') || (mod && input.shift && l === 'f')) return 'fullscreen';
  if (mod && ['n', 't'].includes(l)) return 'new-window';
  // Print, save, open, view source, history, downloads, bookmarks, find, address bar, task manager.
  if (mod && ['p', 's', 'o', 'u', 'h', 'd', 'f', 'g', 'l', 'e'].includes(l)) return 'browser-function';
  if ((input.shift && key === 'Escape') || key === 'BrowserSearch' || key === 'BrowserFavorites' || key === 'ContextMenu') return 'browser-function';
  if (/^F([1-9]|1[0-9]|2[0-4])$/.test(key)) return 'function-key';
  return null;
}

/** Window events whose default action leaves or changes the kiosk: mouse back/forward buttons, swipes. */
const blockedAppCommands = new Set(['browser-backward', 'browser-forward', 'browser-refresh', 'browser-home', 'browser-search', 'browser-favorites', 'browser-stop']);

export type LockDownWindowOptions = {
  /** True only while the shell itself is closing the window (quit, hot-unplug); every other close is refused. */
  closeAllowed: () => boolean;
  packaged: boolean;
  log?: ShellLogger;
};

/** Wires the lock-down to one kiosk window and its webContents. */
export function lockDownWindow(win: BrowserWindow, opts: LockDownWindowOptions): void {
  const contents = win.webContents;
  lockDownInput(contents, opts);
  win.on('close', (event) => {
    if (opts.closeAllowed()) return;
    event.preventDefault();
    opts.log?.warn('window close refused');
  });
  win.on('app-command', (event, command) => {
    if (!blockedAppCommands.has(command)) return;
    event.preventDefault();
    opts.log?.debug('app command refused', { command });
  });
  // Kiosk mode keeps the window full screen; if anything takes it out, put it back.
  win.on('leave-full-screen', () => {
    if (!win.isDestroyed()) win.setFullScreen(true);
  });
}

export function lockDownInput(contents: WebContents, opts: { packaged: boolean; log?: ShellLogger }): void {
  contents.on('before-input-event', (event, input) => {
    const reason = blockedInput(input);
    if (!reason) return;
    event.preventDefault();
    opts.log?.debug('shortcut refused', { reason, key: input.key });
  });
  // Pinch zoom (touch screens), Ctrl+wheel and anything else that zooms: back to 100 %.
  contents.setVisualZoomLevelLimits(1, 1).catch(() => {});
  contents.on('zoom-changed', () => contents.setZoomLevel(0));
  // No context menu: Electron shows none unless asked; the page prevents its own too (useKioskLockdown).
  contents.on('context-menu', (event) => event.preventDefault());
  // Nothing to go back to: after every navigation the history is emptied.
  contents.on('did-navigate', () => contents.navigationHistory.clear());
  if (opts.packaged) {
    contents.on('devtools-opened', () => {
      contents.closeDevTools();
      opts.log?.warn('devtools closed (packaged kiosk)');
    });
  }
}

/** Chromium switches for a kiosk, set before the app is ready: no pinch zoom, no overscroll back/forward swipe. */
export const kioskSwitches: Array<[string, string?]> = [
  ['disable-pinch'],
  ['overscroll-history-navigation', '0'],
  ['disable-features', 'TouchpadOverscrollHistoryNavigation,Translate,MediaRouter'],
  ['noerrdialogs'],
];
