// The renderer's two small hooks into the kiosk shell: which role a window shows (?role= from the Electron
// shell's atrium://app/?role=wall, else the agent's role), and how a heartbeat reaches whichever shell runs it.
import { describe, expect, it, vi } from 'vitest';
import { PAGE_HEARTBEAT_BINDING } from '../../../contracts/shell.ts';
import type { Bootstrap } from '../../../renderer/src/api/connectionState.ts';
import { shellBeat } from '../../../renderer/src/app/useShellHeartbeat.ts';
import { windowRole } from '../../../renderer/src/app/windowRole.ts';

const boot = (role: 'guide' | 'wall') => ({ display: { role } }) as unknown as Bootstrap;

describe('windowRole', () => {
  it('takes the role the window was opened with', () => {
    expect(windowRole(boot('guide'), '?role=wall')).toBe('wall');
    expect(windowRole(boot('wall'), '?role=guide')).toBe('guide');
  });

  it('falls back to the agent’s role without a query, or with an unknown one', () => {
    expect(windowRole(boot('wall'), '')).toBe('wall');
    expect(windowRole(boot('guide'), '?role=lobby')).toBe('guide');
    expect(windowRole(boot('guide'), '?roles=wall')).toBe('guide');
  });
});

describe('shellBeat', () => {
  it('uses the Electron preload’s heartbeat when there is one', () => {
    const heartbeat = vi.fn();
    const binding = vi.fn();
    expect(shellBeat({ atrium: { heartbeat }, [PAGE_HEARTBEAT_BINDING]: binding } as never)).toBe(true);
    expect(heartbeat).toHaveBeenCalledTimes(1);
    expect(binding).not.toHaveBeenCalled();
  });

  it('else the browser kiosk’s DevTools binding', () => {
    const binding = vi.fn();
    expect(shellBeat({ [PAGE_HEARTBEAT_BINDING]: binding } as never)).toBe(true);
    expect(binding).toHaveBeenCalledWith('beat');
  });

  it('does nothing in a plain browser', () => {
    expect(shellBeat({} as never)).toBe(false);
    expect(shellBeat({ atrium: { getSession: () => Promise.resolve({ secret: 'x' }) } } as never)).toBe(false);
  });
});
