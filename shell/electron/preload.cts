// Kiosk preload (sandboxed, so CommonJS). It exposes exactly two functions to the page: getSession(), which asks
// the main process for the per-start API secret, and heartbeat(), which tells it the page is alive (a page
// that stops beating is reloaded). ipcRenderer itself is never exposed, and neither function takes arguments,
// so the page can neither pick a channel nor send data.
const { contextBridge, ipcRenderer } = require('electron') as typeof import('electron');
// The preload's window (this project compiles the main process without the DOM library).
declare const window: { addEventListener(type: string, listener: (event: { preventDefault(): void }) => void, options: { capture: boolean }): void };

contextBridge.exposeInMainWorld('atrium', {
  getSession: (): Promise<{ secret: string }> => ipcRenderer.invoke('atrium:get-session'),
  heartbeat: (): void => ipcRenderer.send('atrium:heartbeat'),
});

// Lock-down that holds even when the page's own handlers are gone (a white screen): nothing dropped onto the
// window (files, links), nothing dragged out of it, no context menu.
for (const type of ['drop', 'dragstart', 'contextmenu']) {
  window.addEventListener(type, (event) => event.preventDefault(), { capture: true });
}
