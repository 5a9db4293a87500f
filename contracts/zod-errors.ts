// One way to put a zod refusal into words, for logs, API errors, CLI output and MQTT refusal reasons alike.
import type { z } from 'zod';

export type IssueLine = { path: string; message: string };

/** Each issue as `path` + message; an issue at the root is named by `root` ('(root)' unless told). */
export function zodIssues(error: z.ZodError, root = '(root)'): IssueLine[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.') || root, message: i.message }));
}

/**
 * `path: message; path: message` (or just the first issue with `first: true`, for one-line refusal reasons).
 * z.prettifyError gives a multi-line ✖/→ layout meant for terminals; refusals here travel in one log field or
 * one API message, so this keeps them on one line with the same content.
 */
export function formatZodError(error: z.ZodError, opts: { root?: string; first?: boolean } = {}): string {
  const lines = zodIssues(error, opts.root);
  return (opts.first ? lines.slice(0, 1) : lines).map((l) => `${l.path}: ${l.message}`).join('; ');
}
