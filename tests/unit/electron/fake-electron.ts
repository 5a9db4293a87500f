// A stand-in for the `electron` module. The Electron binary cannot be downloaded in this build environment
// (require('electron') fails with "Electron failed to install correctly"), so unit tests replace the module with
// these small fakes via vi.mock('electron', ...). They model only what the shell uses: events, handler
// registration and the values passed in, so tests assert on what our code registers and how those handlers
// answer. They do not prove Chromium enforces the settings: tests/electron/kiosk.spec.ts does that where the
// binary exists.
import { EventEmitter } from 'node:events';
import type { BrowserWindow, BrowserWindowConstructorOptions, HeadersReceivedResponse, IpcMain, IpcMainInvokeEvent, Session, WebContents } from 'electron';
import { vi, type Mock } from 'vitest';
import type { permissionCheckAllowed, permissionRequestAllowed } from '../../../shell/electron/security.ts';

/** The permission details the shell's rules read (security.ts), as a test passes them. */
export type PermissionRequestDetails = Parameters<typeof permissionRequestAllowed>[1];
export type PermissionCheckDetails = Parameters<typeof permissionCheckAllowed>[2];
/** What an IPC handler receives from the fake ipcMain: the sending webContents and frame, as Electron passes them. */
export type FakeIpcEvent = { sender: FakeWebContents; senderFrame: FakeFrame | null };
type HeadersListener = (details: { url: string; responseHeaders?: Record<string, string[]> }, callback: (response: HeadersReceivedResponse) => void) => void;

let nextId = 1;

export class FakeFrame {
  parent: FakeFrame | null;
  processId: number;
  frameToken: string;
  url: string;
  constructor(url: string, parent: FakeFrame | null = null, processId = 100) {
    this.url = url;
    this.parent = parent;
    this.processId = processId;
    this.frameToken = `frame-${nextId++}`;
  }
}

/** An Electron-style event: preventDefault() flips defaultPrevented; extra fields (url...) are spread in. */
export function fakeEvent<T extends object>(fields: T = {} as T): T & { defaultPrevented: boolean; preventDefault(): void } {
  const e = { ...fields, defaultPrevented: false, preventDefault() { e.defaultPrevented = true; } };
  return e;
}

export class FakeWebContents extends EventEmitter {
  id = nextId++;
  mainFrame = new FakeFrame('about:blank');
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  zoomLimits: [number, number] | null = null;
  zoomLevel = 0;
  insertedCss: string[] = [];
  crashed = false;
  /** How many times forcefullyCrashRenderer() was called. */
  forcedCrashes = 0;
  devToolsClosed = 0;
  historyCleared = 0;
  navigationHistory = { clear: () => void this.historyCleared++ };
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  setVisualZoomLevelLimits(min: number, max: number) {
    this.zoomLimits = [min, max];
    return Promise.resolve();
  }
  setZoomLevel(level: number) {
    this.zoomLevel = level;
  }
  insertCSS(css: string) {
    this.insertedCss.push(css);
    return Promise.resolve('key');
  }
  isCrashed() {
    return this.crashed;
  }
  /** Like Electron: the renderer dies and 'render-process-gone' (reason 'killed') follows. */
  forcefullyCrashRenderer() {
    this.forcedCrashes++;
    this.crashed = true;
    this.emit('render-process-gone', fakeEvent(), { reason: 'killed', exitCode: 9 });
  }
  closeDevTools() {
    this.devToolsClosed++;
  }
  isDestroyed() {
    return false;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  options: BrowserWindowConstructorOptions;
  webContents = new FakeWebContents();
  loaded: string[] = [];
  destroyed = false;
  shown = false;
  menuRemoved = false;
  constructor(options: BrowserWindowConstructorOptions) {
    super();
    this.options = options;
    FakeBrowserWindow.instances.push(this);
    // Like Electron: every new webContents is announced on the app.
    app.emit('web-contents-created', fakeEvent(), this.webContents);
  }
  bounds: { x: number; y: number; width: number; height: number } | null = null;
  fullScreen = true;
  kioskMode = true;
  loadURL(url: string) {
    this.loaded.push(url);
    this.webContents.crashed = false;
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }
  setBounds(b: { x: number; y: number; width: number; height: number }) {
    this.bounds = b;
  }
  setFullScreen(on: boolean) {
    this.fullScreen = on;
  }
  setKiosk(on: boolean) {
    this.kioskMode = on;
  }
  /** Like Electron: 'close' first (a listener may preventDefault()), then 'closed'. */
  tryClose() {
    const e = fakeEvent();
    this.emit('close', e);
    if (!e.defaultPrevented) this.destroy();
    return !e.defaultPrevented;
  }
  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('closed');
  }
  removeMenu() {
    this.menuRemoved = true;
  }
  show() {
    this.shown = true;
  }
  isDestroyed() {
    return this.destroyed;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {}
}

export class FakeSession extends EventEmitter {
  headersListener: HeadersListener | null = null;
  permissionRequestHandler: ((wc: unknown, permission: string, callback: (granted: boolean) => void, details: PermissionRequestDetails) => void) | null = null;
  permissionCheckHandler: ((wc: unknown, permission: string, origin: string, details: PermissionCheckDetails) => boolean) | null = null;
  devicePermissionHandler: ((details: unknown) => boolean) | null = null;
  webRequest = {
    onHeadersReceived: (listener: HeadersListener) => {
      this.headersListener = listener;
    },
  };
  setPermissionRequestHandler(h: FakeSession['permissionRequestHandler']) {
    this.permissionRequestHandler = h;
  }
  setPermissionCheckHandler(h: FakeSession['permissionCheckHandler']) {
    this.permissionCheckHandler = h;
  }
  setDevicePermissionHandler(h: FakeSession['devicePermissionHandler']) {
    this.devicePermissionHandler = h;
  }
  /** Runs the registered onHeadersReceived listener and returns the headers it answered with. */
  headersFor(url: string, responseHeaders: Record<string, string[]>): Record<string, string[]> {
    let out: Record<string, string[]> = {};
    this.headersListener!({ url, responseHeaders }, (r) => (out = Object.fromEntries(Object.entries(r.responseHeaders ?? {}).map(([k, v]) => [k, typeof v === 'string' ? [v] : v]))));
    return out;
  }
  /** Runs the registered permission request handler and returns its decision. */
  request(permission: string, details: PermissionRequestDetails): boolean {
    let granted: boolean | null = null;
    this.permissionRequestHandler!(null, permission, (g) => (granted = g), details);
    if (granted === null) throw new Error('permission handler did not answer');
    return granted;
  }
}

export class FakeApp extends EventEmitter {
  lock = true;
  isPackaged = false;
  appPath = '/opt/atrium';
  userData = '/var/lib/atrium-test';
  quitted = false;
  exitCode: number | null = null;
  requestSingleInstanceLock: Mock<() => boolean> = vi.fn(() => this.lock);
  whenReady: Mock<() => Promise<void>> = vi.fn(() => Promise.resolve());
  getAppPath = () => this.appPath;
  getPath = (name: string) => (name === 'userData' ? this.userData : `/fake/${name}`);
  /** Like Electron: 'before-quit' first; a listener may preventDefault() to delay quitting. */
  quit: Mock<() => void> = vi.fn(() => {
    const e = fakeEvent();
    this.emit('before-quit', e);
    if (!e.defaultPrevented) {
      this.quitted = true;
      this.emit('will-quit', fakeEvent());
    }
  });
  exit: Mock<(code?: number) => void> = vi.fn((code = 0) => {
    this.exitCode = code;
  });
  relaunch: Mock<() => void> = vi.fn();
  switches: Array<[string, string | undefined]> = [];
  commandLine = { appendSwitch: (name: string, value?: string) => void this.switches.push([name, value]) };
}

export const app = new FakeApp();
export let defaultSession = new FakeSession();

export class FakeIpcMain {
  handlers = new Map<string, (event: FakeIpcEvent, ...args: unknown[]) => unknown>();
  listeners = new Map<string, (event: FakeIpcEvent, ...args: unknown[]) => void>();
  handle(channel: string, fn: (event: FakeIpcEvent, ...args: unknown[]) => unknown) {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, fn);
  }
  on(channel: string, fn: (event: FakeIpcEvent, ...args: unknown[]) => void) {
    if (this.listeners.has(channel)) throw new Error(`second listener for ${channel}`);
    this.listeners.set(channel, fn);
  }
  /** Delivers an ipcRenderer.send() message to the registered listener. */
  send(channel: string, event: FakeIpcEvent, ...args: unknown[]) {
    const fn = this.listeners.get(channel);
    if (!fn) throw new Error(`no listener for ${channel}`);
    fn(event, ...args);
  }
  /** Calls a handler like ipcRenderer.invoke would: the handler's throw becomes a rejection. */
  async invoke(channel: string, event: FakeIpcEvent, ...args: unknown[]) {
    const fn = this.handlers.get(channel);
    if (!fn) throw new Error(`no handler for ${channel}`);
    return fn(event, ...args);
  }
}
export const ipcMain = new FakeIpcMain();

export const Menu: { setApplicationMenu: Mock<(menu: unknown) => void> } = { setApplicationMenu: vi.fn() };

export const session = {
  get defaultSession() {
    return defaultSession;
  },
};

export const protocol = {
  privileged: [] as Array<{ scheme: string; privileges: Record<string, boolean> }>,
  handlers: new Map<string, (request: Request) => Promise<Response>>(),
  registerSchemesAsPrivileged(schemes: Array<{ scheme: string; privileges: Record<string, boolean> }>) {
    this.privileged.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response>) {
    if (this.handlers.has(scheme)) throw new Error(`second handler for ${scheme}`);
    this.handlers.set(scheme, handler);
  },
};

export type FakeDisplay = { id: number; bounds: { x: number; y: number; width: number; height: number }; touchSupport: 'available' | 'unavailable' | 'unknown' };

/** Electron's screen: the displays a test sets, and hot-plug events it emits. */
export class FakeScreen extends EventEmitter {
  displays: FakeDisplay[] = [{ id: 1, bounds: { x: 0, y: 0, width: 1080, height: 1920 }, touchSupport: 'available' }];
  primaryId = 1;
  getAllDisplays() {
    return this.displays;
  }
  getPrimaryDisplay() {
    return this.displays.find((d) => d.id === this.primaryId) ?? this.displays[0]!;
  }
}
export const screen = new FakeScreen();

/** Fresh state for the next test; the module's objects keep their identity (code under test imported them). */
export function resetElectronFakes() {
  app.removeAllListeners();
  app.lock = true;
  app.isPackaged = false;
  app.quitted = false;
  app.exitCode = null;
  app.requestSingleInstanceLock.mockClear();
  app.quit.mockClear();
  app.exit.mockClear();
  defaultSession = new FakeSession();
  ipcMain.handlers.clear();
  ipcMain.listeners.clear();
  app.relaunch.mockClear();
  app.switches = [];
  protocol.privileged = [];
  protocol.handlers.clear();
  screen.removeAllListeners();
  screen.displays = [{ id: 1, bounds: { x: 0, y: 0, width: 1080, height: 1920 }, touchSupport: 'available' }];
  screen.primaryId = 1;
  Menu.setApplicationMenu.mockClear();
  FakeBrowserWindow.instances = [];
}

/** What vi.mock('electron', ...) returns in these tests: the fakes above, nothing else. */
export function electronModule(): { app: FakeApp; ipcMain: FakeIpcMain; session: typeof session; BrowserWindow: typeof FakeBrowserWindow; Menu: typeof Menu; protocol: typeof protocol; screen: FakeScreen } {
  return { app, ipcMain, session, BrowserWindow: FakeBrowserWindow, Menu, protocol, screen };
}

// The shell's functions take Electron's own types. The fakes model only the members the shell uses, so they are
// handed over through these, the one place a fake stands in for the Electron type it imitates.
export const asSession = (fake: FakeSession): Session => fake as unknown as Session;
export const asWebContents = (fake: FakeWebContents): WebContents => fake as unknown as WebContents;
export const asBrowserWindow = (fake: FakeBrowserWindow): BrowserWindow => fake as unknown as BrowserWindow;
export const asIpcMain = (fake: FakeIpcMain): IpcMain => fake as unknown as IpcMain;
export const asIpcEvent = (fake: FakeIpcEvent): Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'> => fake as unknown as Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;
