// Why tests were skipped, read from the runners' JSON reports (not guessed): scripts/test.ts prints the skipped
// count with these reasons, e.g. "4 skipped: Electron binary not available here: … (tests/electron)".
import path from 'node:path';
import { z } from 'zod';

/** A skipped test's reason as its runner recorded it, and the tests/ folder it lives in. */
export type Skip = { reason: string; where: string };

// Only the fields read here; the reports carry much more (zod objects ignore unknown keys).
const VitestReport = z.object({
  testResults: z.array(z.object({
    name: z.string(),
    assertionResults: z.array(z.object({ status: z.string(), meta: z.object({ skipReason: z.string().optional() }).nullish() })),
  })),
});

const Annotation = z.object({ type: z.string(), description: z.string().optional() });
const PlaywrightTest = z.object({
  status: z.string(),
  annotations: z.array(Annotation).optional(),
  results: z.array(z.object({ annotations: z.array(Annotation).optional() })).optional(),
});
type PlaywrightSuite = { specs?: { tests: z.infer<typeof PlaywrightTest>[] }[]; suites?: PlaywrightSuite[] };
const PlaywrightSuite: z.ZodType<PlaywrightSuite> = z.lazy(() => z.object({
  specs: z.array(z.object({ tests: z.array(PlaywrightTest) })).optional(),
  suites: z.array(PlaywrightSuite).optional(),
}));
const PlaywrightReport = z.object({ suites: z.array(PlaywrightSuite) });

/** vitest: a skipped test carries `meta.skipReason` (tests/support/requirements.ts sets it with the skip). */
export function vitestSkips(report: unknown, root: string): Skip[] {
  const parsed = VitestReport.safeParse(report);
  if (!parsed.success) return [];
  const out: Skip[] = [];
  for (const file of parsed.data.testResults) {
    const where = topFolder(root, file.name);
    for (const t of file.assertionResults) {
      if (t.status !== 'skipped' && t.status !== 'pending' && t.status !== 'todo') continue;
      out.push({ reason: t.meta?.skipReason ?? (t.status === 'todo' ? 'todo' : 'no reason given'), where });
    }
  }
  return out;
}

/** Playwright: `test.skip(condition, description)` leaves a `skip` annotation on the test (or on its result). */
export function playwrightSkips(report: unknown, where: string): Skip[] {
  const parsed = PlaywrightReport.safeParse(report);
  if (!parsed.success) return [];
  const out: Skip[] = [];
  const walk = (suite: PlaywrightSuite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests) {
        if (t.status !== 'skipped') continue;
        const notes = [...(t.annotations ?? []), ...(t.results ?? []).flatMap((r) => r.annotations ?? [])];
        const note = notes.find((a) => (a.type === 'skip' || a.type === 'fixme') && a.description);
        out.push({ reason: note?.description ?? 'no reason given', where });
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of parsed.data.suites) walk(suite);
  return out;
}

/** <root>/tests/unit/electron/x.test.ts -> tests/unit */
function topFolder(root: string, file: string): string {
  const rel = path.relative(root, path.resolve(root, file)).split(path.sep);
  return rel.slice(0, Math.min(2, rel.length - 1)).join('/') || '.';
}

/** "4 skipped: Electron binary not available here: … (tests/electron)"; with several reasons, a count for each. */
export function skippedLine(count: number, found: Skip[]): string {
  if (count === 0) return '0 skipped';
  const groups = new Map<string, number>();
  for (const s of found) groups.set(`${s.reason} (${s.where})`, (groups.get(`${s.reason} (${s.where})`) ?? 0) + 1);
  const unexplained = count - found.length;
  if (unexplained > 0) groups.set('no reason found in the reports', unexplained);
  const parts = [...groups].map(([why, n]) => (groups.size === 1 ? why : `${n} × ${why}`));
  return `${count} skipped: ${parts.join('; ')}`;
}
