// Kiosk preload (sandboxed, so CommonJS). It exposes exactly one function to the page, window.atrium.getSession(),
// which asks the main process for the per-start API secret; ipcRenderer itself is never exposed.
const { contextBridge, ipcRenderer } = require('electron') as typeof import('electron');

contextBridge.exposeInMainWorld('atrium', {
  getSession: (): Promise<{ secret: string }> => ipcRenderer.invoke('atrium:get-session'),
});
