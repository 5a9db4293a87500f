// Which kiosk window goes on which display. The Electron shell reads it from ATRIUM_DISPLAYS (the device's
// environment file, next to the agent's other ATRIUM_* settings), e.g. `guide:1,wall:2` or the JSON form
// `[{"role":"guide","display":1},{"role":"wall","display":2,"cursor":"hidden"}]`. Display numbers count from 1:
// the primary display first, then the others from left to right (then top to bottom). Unset: one window, on
// the primary display, with the role the agent's configuration gives the device.
import { z } from 'zod';
import { formatZodError } from './zod-errors.ts';
import { DeviceRole } from './config.ts';

/** auto: hide the pointer when the display reports a touch screen; hidden/visible force it. */
export const CursorMode = z.enum(['auto', 'hidden', 'visible']);
export type CursorMode = z.infer<typeof CursorMode>;

export const DisplayAssignment = z.object({
  role: DeviceRole,
  display: z.number().int().min(1).max(16),
  cursor: CursorMode.default('auto'),
}).strict();
export type DisplayAssignment = z.infer<typeof DisplayAssignment>;

export const DisplayMap = z.array(DisplayAssignment).min(1).max(8).superRefine((list, ctx) => {
  const seen = new Set<number>();
  for (const [i, a] of list.entries()) {
    if (seen.has(a.display)) ctx.addIssue({ code: 'custom', path: [i, 'display'], message: `display ${a.display} is assigned twice` });
    seen.add(a.display);
  }
});
export type DisplayMap = z.infer<typeof DisplayMap>;

export class DisplayMapError extends Error {
  override name = 'DisplayMapError';
}

/** Parses ATRIUM_DISPLAYS; empty/undefined means "no mapping". Throws DisplayMapError naming what is wrong. */
export function parseDisplayMap(text: string | undefined): DisplayMap | null {
  const source = (text ?? '').trim();
  if (source === '') return null;
  let raw: unknown;
  if (source.startsWith('[')) {
    try {
      raw = JSON.parse(source);
    } catch (err) {
      throw new DisplayMapError(`ATRIUM_DISPLAYS is not valid JSON: ${(err as Error).message}`);
    }
  } else {
    raw = source.split(',').map((item) => {
      const [role, display, cursor, ...rest] = item.trim().split(':');
      if (!role || !display || rest.length > 0) throw new DisplayMapError(`ATRIUM_DISPLAYS: "${item.trim()}" is not role:display[:cursor] (e.g. guide:1,wall:2:hidden)`);
      return { role, display: /^\d+$/.test(display) ? Number(display) : display, ...(cursor ? { cursor } : {}) };
    });
  }
  const parsed = DisplayMap.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = formatZodError(parsed.error, { root: '(list)' });
  throw new DisplayMapError(`ATRIUM_DISPLAYS ${JSON.stringify(source)} is invalid: ${issues} (roles: ${DeviceRole.options.join(', ')}; displays 1-16; cursor auto|hidden|visible)`);
}
