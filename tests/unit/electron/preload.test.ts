// The preload, run the way a sandboxed Electron preload runs: a CommonJS script whose `require` knows only a
// handful of modules. Here `require('electron')` returns fakes of contextBridge and ipcRenderer, because the
// Electron binary cannot be downloaded in this environment (vi.mock cannot reach a CommonJS require, so the fake
// is handed to the script directly, as Electron's own sandbox loader hands it the real module).
import { readFileSync } from 'node:fs';
import { stripTypeScriptTypes } from 'node:module';
import vm from 'node:vm';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

const source = readFileSync(new URL('../../../shell/electron/preload.cts', import.meta.url), 'utf8');

function runPreload() {
  const exposed = new Map<string, unknown>();
  const invoke = vi.fn(async (channel: string) => ({ secret: `answer for ${channel}` }));
  const fakeElectron = {
    contextBridge: { exposeInMainWorld: vi.fn((key: string, api: unknown) => exposed.set(key, api)) },
    ipcRenderer: { invoke, send: vi.fn((..._args: unknown[]) => undefined), on: vi.fn(), sendSync: vi.fn() },
  };
  const required: string[] = [];
  const module = { exports: {} };
  const listeners = new Map<string, { fn: (e: { preventDefault(): void }) => void; capture: boolean }>();
  const window = { addEventListener: (type: string, fn: (e: { preventDefault(): void }) => void, opts: { capture: boolean }) => listeners.set(type, { fn, capture: opts.capture }) };
  const sandbox = {
    module,
    window,
    exports: module.exports,
    require: (id: string) => {
      required.push(id);
      if (id === 'electron') return fakeElectron;
      throw new Error(`a sandboxed preload cannot require ${id}`);
    },
  };
  vm.runInNewContext(stripTypeScriptTypes(source), sandbox, { filename: 'preload.cts' });
  return { exposed, invoke, fakeElectron, required, listeners };
}

describe('preload', () => {
  it('exposes exactly one object, window.atrium, with exactly two functions, getSession and heartbeat', () => {
    const { exposed, fakeElectron } = runPreload();
    expect(fakeElectron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect([...exposed.keys()]).toEqual(['atrium']);
    const api = exposed.get('atrium') as Record<string, unknown>;
    expect(Object.keys(api)).toEqual(['getSession', 'heartbeat']);
    expect(typeof api.getSession).toBe('function');
    expect(typeof api.heartbeat).toBe('function');
  });

  it('heartbeat sends atrium:heartbeat with no data, and takes no arguments from the page', () => {
    const { exposed, fakeElectron } = runPreload();
    const api = exposed.get('atrium') as { heartbeat(...a: unknown[]): void };
    expect(api.heartbeat.length).toBe(0);
    api.heartbeat('page data', { channel: 'other' });
    expect(fakeElectron.ipcRenderer.send.mock.calls).toEqual([['atrium:heartbeat']]);
  });

  it('prevents drops, drags out and the context menu in the capture phase', () => {
    const { listeners } = runPreload();
    expect([...listeners.keys()].sort()).toEqual(['contextmenu', 'dragstart', 'drop']);
    for (const { fn, capture } of listeners.values()) {
      expect(capture).toBe(true);
      const e = { prevented: false, preventDefault() { this.prevented = true; } };
      fn(e);
      expect(e.prevented).toBe(true);
    }
  });

  it('getSession invokes atrium:get-session and nothing else; ipcRenderer itself is not handed out', async () => {
    const { exposed, invoke, fakeElectron } = runPreload();
    const api = exposed.get('atrium') as { getSession(): Promise<{ secret: string }> };
    await expect(api.getSession()).resolves.toEqual({ secret: 'answer for atrium:get-session' });
    expect(invoke).toHaveBeenCalledTimes(1);
    expect(invoke).toHaveBeenCalledWith('atrium:get-session');
    // getSession takes no arguments from the page, so the page cannot pick a channel or pass data.
    expect((api.getSession as (...a: unknown[]) => unknown).length).toBe(0);
    for (const value of Object.values(api)) expect(value).not.toBe(fakeElectron.ipcRenderer);
    expect(fakeElectron.ipcRenderer.on).not.toHaveBeenCalled();
  });

  it('requires nothing but electron', () => {
    expect(runPreload().required).toEqual(['electron']);
  });
});
