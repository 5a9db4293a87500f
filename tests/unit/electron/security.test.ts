// Lock-down rules of the kiosk window, checked against fakes of Electron's session and webContents. The real
// `electron` module is mocked because its binary cannot be downloaded here; security.ts only imports its types,
// and the mock makes sure nothing reaches for the real (missing) binary.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { contentSecurityPolicy } from '../../../common/node/security-headers.ts';
import { applySessionPolicy, kioskWebPreferences, lockDownWebContents, permissionCheckAllowed, permissionRequestAllowed, withHeader } from '../../../shell/electron/security.ts';
import { kioskWindowOptions } from '../../../shell/electron/window.ts';
import { APP_ORIGIN, isSameOrigin, originOf } from '../../../shell/electron/origin.ts';
import { asSession, asWebContents, FakeSession, FakeWebContents, fakeEvent, type PermissionCheckDetails, type PermissionRequestDetails } from './fake-electron.ts';

vi.mock('electron', async () => (await import('./fake-electron.ts')).electronModule());

const APP = 'http://127.0.0.1:41234';
const session = () => new FakeSession();

describe('kioskWebPreferences', () => {
  it('isolates and sandboxes the page, with no Node anywhere and the compiled preload', () => {
    const prefs = kioskWebPreferences('/app/dist/shell/shell/electron/preload.cjs', { packaged: true });
    expect(prefs).toMatchObject({
      preload: '/app/dist/shell/shell/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      devTools: false,
    });
  });

  it('keeps devtools only in an unpackaged (developer) run', () => {
    expect(kioskWebPreferences('/p.cjs', { packaged: false }).devTools).toBe(true);
    expect(kioskWebPreferences('/p.cjs', { packaged: true }).devTools).toBe(false);
  });

  it('opens the window fullscreen in kiosk mode without a menu bar', () => {
    const o = kioskWindowOptions('/p.cjs', { packaged: true });
    expect(o).toMatchObject({ fullscreen: true, kiosk: true, autoHideMenuBar: true, show: false });
    expect(o.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
    expect(o.webPreferences?.sandbox).toBe(true);
  });
});

describe('CSP on every response', () => {
  it("adds the agent's kiosk CSP to responses of any URL", () => {
    const s = session();
    applySessionPolicy(asSession(s), APP);
    const out = s.headersFor(`${APP}/`, { 'Content-Type': ['text/html'] });
    expect(out['Content-Security-Policy']).toEqual([contentSecurityPolicy]);
    expect(out['Content-Type']).toEqual(['text/html']);
    expect(s.headersFor('https://elsewhere.example/', {})['Content-Security-Policy']).toEqual([contentSecurityPolicy]);
  });

  it('replaces a looser CSP whatever its spelling', () => {
    const out = withHeader({ 'content-security-policy': ["default-src *"], 'CONTENT-SECURITY-POLICY': ['x'] }, 'Content-Security-Policy', contentSecurityPolicy);
    expect(Object.keys(out)).toEqual(['Content-Security-Policy']);
    expect(out['Content-Security-Policy']).toEqual([contentSecurityPolicy]);
    expect(contentSecurityPolicy).toContain("default-src 'none'");
  });

  it('lets the page compile its own WebAssembly (zxing-wasm) but never eval() or inline script', () => {
    const scriptSrc = contentSecurityPolicy.split('; ').find((d) => d.startsWith('script-src '));
    expect(scriptSrc).toBe("script-src 'self' 'wasm-unsafe-eval'");
    expect(contentSecurityPolicy).not.toMatch(/'unsafe-eval'|'unsafe-inline'|https?:/);
  });
});

describe('permissions', () => {
  const camera = { isMainFrame: true, requestingUrl: `${APP}/wall`, mediaTypes: ['video'] as Array<'video' | 'audio'> };
  const table: Array<[string, string, PermissionRequestDetails, boolean]> = [
    ['camera for the app origin', 'media', camera, true],
    ['camera + microphone', 'media', { ...camera, mediaTypes: ['video', 'audio'] }, false],
    ['microphone only', 'media', { ...camera, mediaTypes: ['audio'] }, false],
    ['media with no types', 'media', { ...camera, mediaTypes: [] }, false],
    ['camera for another origin', 'media', { ...camera, requestingUrl: 'https://evil.example/' }, false],
    ['camera for the same host on another port', 'media', { ...camera, requestingUrl: 'http://127.0.0.1:9999/' }, false],
    ['camera for localhost instead of 127.0.0.1', 'media', { ...camera, requestingUrl: 'http://localhost:41234/' }, false],
    ['camera from a sub-frame', 'media', { ...camera, isMainFrame: false }, false],
    ['camera with a foreign securityOrigin', 'media', { ...camera, securityOrigin: 'https://evil.example' }, false],
    ['geolocation', 'geolocation', { isMainFrame: true, requestingUrl: `${APP}/` }, false],
    ['notifications', 'notifications', { isMainFrame: true, requestingUrl: `${APP}/` }, false],
    ['screen capture', 'display-capture', { ...camera }, false],
    ['serial', 'serial', { isMainFrame: true, requestingUrl: `${APP}/` }, false],
    ['fullscreen', 'fullscreen', { isMainFrame: true, requestingUrl: `${APP}/` }, false],
  ];
  it.each(table)('request: %s', (_name, permission, details, expected) => {
    const s = session();
    applySessionPolicy(asSession(s), APP);
    expect(s.request(permission, details)).toBe(expected);
    expect(permissionRequestAllowed(permission, details, APP)).toBe(expected);
  });

  it('request: nothing is granted before the agent has reported its origin', () => {
    expect(permissionRequestAllowed('media', camera, () => null)).toBe(false);
  });

  it('request: follows the origin when the agent moves to another port', () => {
    let origin = APP;
    const s = session();
    applySessionPolicy(asSession(s), () => origin);
    expect(s.request('media', camera)).toBe(true);
    origin = 'http://127.0.0.1:50000';
    expect(s.request('media', camera)).toBe(false);
    expect(s.request('media', { ...camera, requestingUrl: 'http://127.0.0.1:50000/' })).toBe(true);
  });

  const checks: Array<[string, string, string, PermissionCheckDetails, boolean]> = [
    ['camera check for the app origin', 'media', APP, { isMainFrame: true, mediaType: 'video' }, true],
    ['microphone check', 'media', APP, { isMainFrame: true, mediaType: 'audio' }, false],
    ['unknown media check', 'media', APP, { isMainFrame: true, mediaType: 'unknown' }, false],
    ['camera check for another origin', 'media', 'https://evil.example', { isMainFrame: true, mediaType: 'video' }, false],
    ['camera check from an embedded frame', 'media', APP, { isMainFrame: false, mediaType: 'video', embeddingOrigin: APP }, false],
    ['geolocation check', 'geolocation', APP, { isMainFrame: true }, false],
    ['hid check', 'hid', APP, { isMainFrame: true }, false],
  ];
  it.each(checks)('check: %s', (_name, permission, origin, details, expected) => {
    const s = session();
    applySessionPolicy(asSession(s), APP);
    expect(s.permissionCheckHandler!(null, permission, origin, details)).toBe(expected);
    expect(permissionCheckAllowed(permission, origin, details, APP)).toBe(expected);
  });

  it('refuses every device (HID, serial, USB) permission', () => {
    const s = session();
    applySessionPolicy(asSession(s), APP);
    expect(s.devicePermissionHandler!({ deviceType: 'hid', origin: APP })).toBe(false);
    expect(s.devicePermissionHandler!({ deviceType: 'serial', origin: APP })).toBe(false);
    expect(s.devicePermissionHandler!({ deviceType: 'usb', origin: APP })).toBe(false);
  });

  it('cancels downloads', () => {
    const s = session();
    applySessionPolicy(asSession(s), APP);
    const e = fakeEvent();
    s.emit('will-download', e, { getURL: () => `${APP}/x.zip` });
    expect(e.defaultPrevented).toBe(true);
  });
});

describe('navigation lock-down', () => {
  let wc: FakeWebContents;
  beforeEach(() => {
    wc = new FakeWebContents();
    lockDownWebContents(asWebContents(wc), APP);
  });

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s to another origin is prevented, same origin allowed', (name) => {
    const away = fakeEvent({ url: 'https://evil.example/phish' });
    wc.emit(name, away);
    expect(away.defaultPrevented).toBe(true);
    const otherPort = fakeEvent({ url: 'http://127.0.0.1:1/' });
    wc.emit(name, otherPort);
    expect(otherPort.defaultPrevented).toBe(true);
    const file = fakeEvent({ url: 'file:///etc/passwd' });
    wc.emit(name, file);
    expect(file.defaultPrevented).toBe(true);
    const home = fakeEvent({ url: `${APP}/guide?store=12` });
    wc.emit(name, home);
    expect(home.defaultPrevented).toBe(false);
  });

  it('denies window.open, even for the same origin', () => {
    expect(wc.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(wc.windowOpenHandler!({ url: `${APP}/` })).toEqual({ action: 'deny' });
  });

  it('prevents <webview> attachment', () => {
    const e = fakeEvent();
    wc.emit('will-attach-webview', e, {}, {});
    expect(e.defaultPrevented).toBe(true);
  });

  it('prevents every navigation while no origin is known', () => {
    const w = new FakeWebContents();
    lockDownWebContents(asWebContents(w), () => null);
    const e = fakeEvent({ url: `${APP}/` });
    w.emit('will-navigate', e);
    expect(e.defaultPrevented).toBe(true);
  });
});

describe('the atrium://app origin', () => {
  it('is an origin of its own: same host and scheme only, never the agent’s http origin or file:', () => {
    expect(originOf('atrium://app/?role=wall')).toBe('atrium://app');
    expect(originOf('atrium://APP/x')).toBe('atrium://app');
    expect(originOf('atrium:app')).toBeNull();
    expect(isSameOrigin('atrium://app/member', APP_ORIGIN)).toBe(true);
    expect(isSameOrigin('atrium://other/', APP_ORIGIN)).toBe(false);
    expect(isSameOrigin('http://127.0.0.1:41234/', APP_ORIGIN)).toBe(false);
    expect(isSameOrigin('file:///opt/Atrium/resources/agent/dist/renderer/index.html', APP_ORIGIN)).toBe(false);
  });

  it('navigation stays on atrium://app', () => {
    const wc = new FakeWebContents();
    lockDownWebContents(asWebContents(wc), APP_ORIGIN);
    for (const [url, prevented] of [['atrium://app/guide', false], ['atrium://evil/', true], ['http://127.0.0.1:41234/', true], ['file:///etc/passwd', true]] as const) {
      const e = fakeEvent({ url });
      wc.emit('will-navigate', e);
      expect([url, e.defaultPrevented]).toEqual([url, prevented]);
    }
  });

  it('the camera is granted to the wall window on atrium://app, not to the agent’s http origin', () => {
    const wall = { isMainFrame: true, requestingUrl: 'atrium://app/?role=wall', securityOrigin: 'atrium://app/', mediaTypes: ['video'] as Array<'video' | 'audio'> };
    expect(permissionRequestAllowed('media', wall, APP_ORIGIN)).toBe(true);
    expect(permissionRequestAllowed('media', { ...wall, requestingUrl: 'http://127.0.0.1:41234/', securityOrigin: undefined }, APP_ORIGIN)).toBe(false);
    expect(permissionCheckAllowed('media', 'atrium://app', { isMainFrame: true, mediaType: 'video' }, APP_ORIGIN)).toBe(true);
  });
});
