// The edge agent <-> kiosk shell channel (Node IPC on the supervised child process): requests only the shell can
// serve, such as a screenshot of the kiosk UI for HQ's capture-screenshot command. Parsed on receipt both ways.
import { z } from 'zod';

export const ShellRequest = z.object({
  type: z.literal('capture-screenshot'),
  requestId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
}).strict();
export type ShellRequest = z.infer<typeof ShellRequest>;

/** Largest screenshot the shell hands back (PNG bytes); bigger is refused rather than sent to HQ. */
export const MAX_SCREENSHOT_BYTES = 6 * 1024 * 1024;

export const ShellReply = z.discriminatedUnion('ok', [
  z.object({
    type: z.literal('screenshot'), requestId: z.string(), ok: z.literal(true),
    /** PNG, base64. */
    png: z.string().max(Math.ceil(MAX_SCREENSHOT_BYTES / 3) * 4),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
  }).strict(),
  z.object({ type: z.literal('screenshot'), requestId: z.string(), ok: z.literal(false), error: z.string().max(500) }).strict(),
]);
export type ShellReply = z.infer<typeof ShellReply>;
