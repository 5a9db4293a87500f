// Which kiosk window goes on which display: ATRIUM_DISPLAYS parsing (contracts/shell-config.ts) and the window
// plan for the displays connected now (shell/electron/displays.ts), including hot-plug cases. Pure functions.
import { describe, expect, it } from 'vitest';
import { DisplayMapError, parseDisplayMap } from '../../../contracts/shell-config.ts';
import { orderDisplays, planWindows, type ScreenDisplay } from '../../../shell/electron/displays.ts';

const d = (id: number, x: number, touch: ScreenDisplay['touchSupport'] = 'unknown', y = 0): ScreenDisplay => ({ id, bounds: { x, y, width: 1920, height: 1080 }, touchSupport: touch });

describe('parseDisplayMap', () => {
  it('reads the short form and the JSON form', () => {
    expect(parseDisplayMap('guide:1,wall:2')).toEqual([{ role: 'guide', display: 1, cursor: 'auto' }, { role: 'wall', display: 2, cursor: 'auto' }]);
    expect(parseDisplayMap(' wall:2:hidden , guide:1:visible ')).toEqual([{ role: 'wall', display: 2, cursor: 'hidden' }, { role: 'guide', display: 1, cursor: 'visible' }]);
    expect(parseDisplayMap('[{"role":"wall","display":1}]')).toEqual([{ role: 'wall', display: 1, cursor: 'auto' }]);
  });

  it('unset or blank means no mapping', () => {
    expect(parseDisplayMap(undefined)).toBeNull();
    expect(parseDisplayMap('  ')).toBeNull();
  });

  const bad: Array<[string, RegExp]> = [
    ['lobby:1', /role.*guide, wall/],
    ['guide:0', /display.*1-16|>=1/],
    ['guide:one', /display/],
    ['guide:1,wall:1', /display 1 is assigned twice/],
    ['guide', /not role:display/],
    ['guide:1:blink', /cursor/],
    ['guide:1:hidden:x', /not role:display/],
    ['[{"role":"guide"}]', /display/],
    ['[{"role":"guide","display":1,"screen":2}]', /screen|unrecognized/i],
    ['[not json', /not valid JSON/],
    ['[]', /list|too small|>=1/i],
  ];
  it.each(bad)('refuses %s with a message naming ATRIUM_DISPLAYS', (text, why) => {
    expect(() => parseDisplayMap(text)).toThrow(DisplayMapError);
    expect(() => parseDisplayMap(text)).toThrow(/ATRIUM_DISPLAYS/);
    expect(() => parseDisplayMap(text)).toThrow(why);
  });
});

describe('orderDisplays', () => {
  it('puts the primary display first, then the others left to right, then top to bottom', () => {
    const order = orderDisplays([d(5, 3840), d(6, -1920), d(7, 1920), d(8, 1920, 'unknown', 1080)], 7);
    expect(order.map((x) => x.id)).toEqual([7, 6, 8, 5]);
  });
});

describe('planWindows', () => {
  const map = parseDisplayMap('guide:1,wall:2');

  it('without a mapping: one window on the primary display, the agent’s role, cursor hidden on a touch screen', () => {
    expect(planWindows(null, [d(2, 1920), d(1, 0, 'available')], 1)).toEqual([{ key: 'main', role: null, displayId: 1, bounds: d(1, 0).bounds, hideCursor: true, fallback: false }]);
  });

  it('one window per entry on its display', () => {
    const plans = planWindows(map, [d(1, 0, 'available'), d(2, 1920, 'unavailable')], 1);
    expect(plans.map((p) => [p.key, p.role, p.displayId, p.hideCursor, p.fallback])).toEqual([['0:guide', 'guide', 1, true, false], ['1:wall', 'wall', 2, false, false]]);
  });

  it('an entry whose display is unplugged gets no window', () => {
    expect(planWindows(map, [d(1, 0)], 1).map((p) => p.role)).toEqual(['guide']);
  });

  it('when no entry has its display, the first entry goes on the primary display (never a blank kiosk)', () => {
    const plans = planWindows(parseDisplayMap('wall:2,guide:3'), [d(9, 0)], 9);
    expect(plans).toEqual([expect.objectContaining({ key: '0:wall', role: 'wall', displayId: 9, fallback: true })]);
  });

  it('keeps the same key when a display moves, so the same window follows it', () => {
    const before = planWindows(map, [d(1, 0), d(2, 1920)], 1);
    const after = planWindows(map, [d(1, 0), d(3, -1920)], 1);
    expect(before[1]!.key).toBe(after[1]!.key);
    expect(after[1]!.displayId).toBe(3);
  });

  it('forced cursor modes win over the touch detection', () => {
    const plans = planWindows(parseDisplayMap('guide:1:visible,wall:2:hidden'), [d(1, 0, 'available'), d(2, 1920, 'unavailable')], 1);
    expect(plans.map((p) => p.hideCursor)).toEqual([false, true]);
  });

  it('no displays at all: no windows', () => {
    expect(planWindows(map, [], 1)).toEqual([]);
  });
});
