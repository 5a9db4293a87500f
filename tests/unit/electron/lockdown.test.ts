// The kiosk window's keyboard, gesture and window lock-down: the rule as a table of real key events (the shape
// Electron's 'before-input-event' passes), and its wiring on fakes of BrowserWindow/webContents (the Electron
// binary cannot be downloaded here; tests/electron/lockdown.spec.ts checks Chromium honours it where it exists).
import { describe, expect, it, vi } from 'vitest';
import { blockedInput, kioskSwitches, lockDownWindow, type KeyInput } from '../../../shell/electron/lockdown.ts';
import { asBrowserWindow, FakeBrowserWindow, fakeEvent } from './fake-electron.ts';

vi.mock('electron', async () => (await import('./fake-electron.ts')).electronModule());

const key = (k: string, mods: Partial<KeyInput> = {}, code?: string): KeyInput => ({ type: 'keyDown', key: k, code, control: false, meta: false, alt: false, shift: false, ...mods });
const ctrl = { control: true };
const ctrlShift = { control: true, shift: true };

describe('blockedInput', () => {
  const blocked: Array<[string, KeyInput, string]> = [
    ['F5', key('F5'), 'reload'],
    ['Ctrl+R', key('r', ctrl, 'KeyR'), 'reload'],
    ['Ctrl+Shift+R', key('R', ctrlShift, 'KeyR'), 'reload'],
    ['Cmd+R', key('r', { meta: true }, 'KeyR'), 'reload'],
    ['Ctrl+R on a Cyrillic layout (physical key R)', key('к', ctrl, 'KeyR'), 'reload'],
    ['the keyboard’s refresh key', key('BrowserRefresh'), 'reload'],
    ['F12', key('F12'), 'devtools'],
    ['Ctrl+Shift+I', key('I', ctrlShift, 'KeyI'), 'devtools'],
    ['Ctrl+Shift+J', key('J', ctrlShift, 'KeyJ'), 'devtools'],
    ['Ctrl+Shift+C', key('C', ctrlShift, 'KeyC'), 'devtools'],
    ['Cmd+Alt+I', key('i', { meta: true, alt: true }, 'KeyI'), 'devtools'],
    ['Alt+F4', key('F4', { alt: true }), 'close'],
    ['Ctrl+W', key('w', ctrl, 'KeyW'), 'close'],
    ['Ctrl+Q', key('q', ctrl, 'KeyQ'), 'close'],
    ['Alt+Left', key('ArrowLeft', { alt: true }), 'history'],
    ['Alt+Right', key('ArrowRight', { alt: true }), 'history'],
    ['the keyboard’s back key', key('BrowserBack'), 'history'],
    ['Cmd+[', key('[', { meta: true }), 'history'],
    ['Ctrl++', key('+', ctrl), 'zoom'],
    ['Ctrl+=', key('=', ctrl), 'zoom'],
    ['Ctrl+-', key('-', ctrl), 'zoom'],
    ['Ctrl+0', key('0', ctrl), 'zoom'],
    ['Ctrl+numpad +', key('+', ctrl, 'NumpadAdd'), 'zoom'],
    ['the keyboard’s zoom key', key('ZoomIn'), 'zoom'],
    ['F11', key('F11'), 'fullscreen'],
    ['Ctrl+N', key('n', ctrl, 'KeyN'), 'new-window'],
    ['Ctrl+T', key('t', ctrl, 'KeyT'), 'new-window'],
    ['Ctrl+P (print)', key('p', ctrl, 'KeyP'), 'browser-function'],
    ['Ctrl+S (save)', key('s', ctrl, 'KeyS'), 'browser-function'],
    ['Ctrl+O (open file)', key('o', ctrl, 'KeyO'), 'browser-function'],
    ['Ctrl+U (view source)', key('u', ctrl, 'KeyU'), 'browser-function'],
    ['Shift+Esc (task manager)', key('Escape', { shift: true }), 'browser-function'],
    ['the context-menu key', key('ContextMenu'), 'browser-function'],
    ['F1', key('F1'), 'function-key'],
    ['F7 (caret browsing)', key('F7'), 'function-key'],
  ];
  it.each(blocked)('blocks %s', (_name, input, reason) => {
    expect(blockedInput(input)).toBe(reason);
    // Only the key-down is judged; the matching key-up passes (it does nothing on its own).
    expect(blockedInput({ ...input, type: 'keyUp' })).toBeNull();
    expect(blockedInput({ ...input, type: 'rawKeyDown' })).toBe(reason);
  });

  const allowed: Array<[string, KeyInput]> = [
    ['a letter', key('a', {}, 'KeyA')],
    ['a capital letter (wedge scanners type with Shift)', key('R', { shift: true }, 'KeyR')],
    ['a digit', key('7', {}, 'Digit7')],
    ['Enter (end of a scanned code)', key('Enter')],
    ['Tab', key('Tab')],
    ['Backspace', key('Backspace')],
    ['Escape (closes a panel)', key('Escape')],
    ['arrows', key('ArrowLeft')],
    ['Ctrl+C', key('c', ctrl, 'KeyC')],
    ['Ctrl+V', key('v', ctrl, 'KeyV')],
    ['Ctrl+X', key('x', ctrl, 'KeyX')],
    ['Ctrl+A', key('a', ctrl, 'KeyA')],
    ['Ctrl+Z', key('z', ctrl, 'KeyZ')],
    ['Alt alone (some scanners type Alt+numpad codes)', key('Alt', { alt: true })],
    ['Alt+numpad digit', key('1', { alt: true }, 'Numpad1')],
    ['a plus sign without Ctrl', key('+', { shift: true })],
  ];
  it.each(allowed)('lets %s through', (_name, input) => {
    expect(blockedInput(input)).toBeNull();
  });
});

describe('lockDownWindow', () => {
  function wired(opts: { packaged?: boolean; closeAllowed?: () => boolean } = {}) {
    const win = new FakeBrowserWindow({});
    lockDownWindow(asBrowserWindow(win), { closeAllowed: opts.closeAllowed ?? (() => false), packaged: opts.packaged ?? true });
    return { win, wc: win.webContents };
  }

  it('prevents blocked shortcuts before Chromium sees them, and lets typing through', () => {
    const { wc } = wired();
    const reload = fakeEvent();
    wc.emit('before-input-event', reload, key('F5'));
    expect(reload.defaultPrevented).toBe(true);
    const typing = fakeEvent();
    wc.emit('before-input-event', typing, key('8', {}, 'Digit8'));
    expect(typing.defaultPrevented).toBe(false);
  });

  it('pins zoom at 100 % (pinch limits, and any zoom change undone)', () => {
    const { wc } = wired();
    expect(wc.zoomLimits).toEqual([1, 1]);
    wc.zoomLevel = 3;
    wc.emit('zoom-changed', fakeEvent(), 'in');
    expect(wc.zoomLevel).toBe(0);
  });

  it('prevents the context menu, empties history after each navigation, closes devtools when packaged', () => {
    const { wc } = wired({ packaged: true });
    const menu = fakeEvent();
    wc.emit('context-menu', menu, {});
    expect(menu.defaultPrevented).toBe(true);
    wc.emit('did-navigate', fakeEvent(), 'atrium://app/');
    expect(wc.historyCleared).toBe(1);
    wc.emit('devtools-opened');
    expect(wc.devToolsClosed).toBe(1);
    const dev = wired({ packaged: false });
    dev.wc.emit('devtools-opened');
    expect(dev.wc.devToolsClosed).toBe(0);
  });

  it('refuses window close unless the shell allows it, and the mouse back/forward buttons', () => {
    let allow = false;
    const { win } = wired({ closeAllowed: () => allow });
    expect(win.tryClose()).toBe(false);
    for (const command of ['browser-backward', 'browser-forward', 'browser-refresh']) {
      const e = fakeEvent();
      win.emit('app-command', e, command);
      expect(e.defaultPrevented).toBe(true);
    }
    const other = fakeEvent();
    win.emit('app-command', other, 'media-play-pause');
    expect(other.defaultPrevented).toBe(false);
    allow = true;
    expect(win.tryClose()).toBe(true);
  });

  it('puts the window back in full screen if anything takes it out', () => {
    const { win } = wired();
    win.fullScreen = false;
    win.emit('leave-full-screen');
    expect(win.fullScreen).toBe(true);
  });

  it('turns off pinch and overscroll history navigation in Chromium', () => {
    expect(kioskSwitches).toContainEqual(['disable-pinch']);
    expect(kioskSwitches).toContainEqual(['overscroll-history-navigation', '0']);
  });
});
