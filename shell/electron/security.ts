// The kiosk window's lock-down, as small functions that take Electron objects and only register handlers, so
// each rule is unit-tested without the Electron binary. Electron's security checklist (docs/security.md), applied
// to a kiosk whose only page is the UI on the shell's own atrium://app scheme (app-protocol.ts).
import type { Session, WebContents, WebPreferences } from 'electron';
import { contentSecurityPolicy } from '../../common/node/security-headers.ts';
import type { ShellLogger } from '../core/log.ts';
import { currentOrigin, isSameOrigin, originOf, type OriginSource } from './origin.ts';

export { contentSecurityPolicy };

/** webPreferences of a kiosk window: an isolated, sandboxed page with no Node and a two-function preload. */
export function kioskWebPreferences(preloadPath: string, opts: { packaged: boolean }): WebPreferences {
  return {
    preload: preloadPath,
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
    // A blocking alert()/confirm() would freeze an unattended screen.
    disableDialogs: true,
    devTools: !opts.packaged,
  };
}

type PermissionName = Parameters<Parameters<Session['setPermissionRequestHandler']>[0] & {}>[1];
type RequestDetails = { isMainFrame: boolean; requestingUrl: string; mediaTypes?: Array<'video' | 'audio'>; securityOrigin?: string };
type CheckDetails = { isMainFrame: boolean; mediaType?: 'video' | 'audio' | 'unknown'; securityOrigin?: string; requestingUrl?: string; embeddingOrigin?: string };

/**
 * Permission requests: only the camera (media, video only, no microphone) and only for the main frame of the
 * app's own origin. Everything else (microphone, geolocation, notifications, HID/serial/USB, screen capture,
 * clipboard, fullscreen...) is refused.
 */
export function permissionRequestAllowed(permission: PermissionName | string, details: RequestDetails, allowed: OriginSource): boolean {
  if (permission !== 'media') return false;
  if (!details.isMainFrame) return false;
  if (!isSameOrigin(details.requestingUrl, allowed)) return false;
  if (details.securityOrigin !== undefined && !isSameOrigin(details.securityOrigin, allowed)) return false;
  const types = details.mediaTypes ?? [];
  return types.length > 0 && types.every((t) => t === 'video');
}

/** Permission checks (e.g. enumerateDevices, navigator.permissions): the same rule as requests. */
export function permissionCheckAllowed(permission: PermissionName | string, requestingOrigin: string, details: CheckDetails, allowed: OriginSource): boolean {
  if (permission !== 'media') return false;
  if (details.mediaType !== 'video') return false;
  if (!details.isMainFrame || details.embeddingOrigin) return false;
  const origin = currentOrigin(allowed);
  if (origin === null || originOf(requestingOrigin) !== origin) return false;
  if (details.securityOrigin !== undefined && !isSameOrigin(details.securityOrigin, allowed)) return false;
  return true;
}

/** Puts `name: value` in a response-header map, replacing any spelling of the same header. */
export function withHeader(headers: Record<string, string[]> | undefined, name: string, value: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, values] of Object.entries(headers ?? {})) if (key.toLowerCase() !== name.toLowerCase()) out[key] = values;
  out[name] = [value];
  return out;
}

/**
 * Session-wide policy: the kiosk CSP on every response (the agent sends it too; this also covers anything that
 * is not the agent), camera-only permissions for the app's origin, no device access, no downloads.
 */
export function applySessionPolicy(session: Session, allowed: OriginSource, log?: ShellLogger): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withHeader(details.responseHeaders, 'Content-Security-Policy', contentSecurityPolicy) });
  });
  session.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    const granted = permissionRequestAllowed(permission, details, allowed);
    if (!granted) log?.warn('permission refused', { permission, origin: originOf(details.requestingUrl) });
    callback(granted);
  });
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin, details) =>
    permissionCheckAllowed(permission, requestingOrigin, details, allowed),
  );
  session.setDevicePermissionHandler(() => false);
  session.on('will-download', (event, item) => {
    log?.warn('download refused', { url: item.getURL() });
    event.preventDefault();
  });
}

/**
 * Per-webContents rules: no navigation, redirect or frame navigation away from the app's origin, no new windows,
 * no <webview>. Register for every webContents (app 'web-contents-created'), not just the kiosk window's.
 */
export function lockDownWebContents(contents: WebContents, allowed: OriginSource, log?: ShellLogger): void {
  const guard = (kind: string) => (event: { url: string; preventDefault(): void }) => {
    if (isSameOrigin(event.url, allowed)) return;
    event.preventDefault();
    log?.warn(`${kind} refused`, { to: originOf(event.url) ?? 'non-http URL' });
  };
  contents.on('will-navigate', guard('navigation'));
  contents.on('will-frame-navigate', guard('frame navigation'));
  contents.on('will-redirect', guard('redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log?.warn('webview refused');
  });
  contents.setWindowOpenHandler(({ url }) => {
    log?.warn('window.open refused', { to: originOf(url) ?? 'non-http URL' });
    return { action: 'deny' };
  });
}
