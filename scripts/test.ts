// `npm test`: every suite, in order, even when an earlier one fails; then one line `N passed, N failed, N skipped`
// summed over all of them (also written to reports/summary.txt). Exits non-zero when anything failed.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { scan as electronegativityScan } from './electronegativity.ts';
import { playwrightSkips, skippedLine, vitestSkips, type Skip } from '../tests/support/skip-reasons.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const reports = path.join(root, 'reports');
mkdirSync(reports, { recursive: true });
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);
const env = { ...process.env, PATH: `${path.join(root, 'node_modules', '.bin')}:${process.env.PATH ?? ''}` };

type Counts = { passed: number; failed: number; skipped: number };
const results: { suite: string; counts: Counts }[] = [];
/** Each skipped test's reason as its runner recorded it, and the tests/ folder it lives in. */
const skips: Skip[] = [];

function run(cmd: string, args: string[], extraEnv: Record<string, string> = {}): number {
  console.log(`\n$ ${[path.basename(cmd), ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...env, ...extraEnv } });
  return r.status ?? 1;
}

// The counts read from the JSON reports (zod objects ignore the reports' other fields).
const VitestCounts = z.object({ numPassedTests: z.number(), numFailedTests: z.number(), numPendingTests: z.number(), numTodoTests: z.number() });
const PlaywrightCounts = z.object({ stats: z.object({ expected: z.number(), unexpected: z.number(), flaky: z.number(), skipped: z.number() }) });

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

// 1. Type-checking: one check per TypeScript project (contracts, agent, renderer, electron, tests).
const projects = ['contracts', 'edge-agent', 'renderer', 'shell', 'hq-sim', 'tests'];
const tscStatus = run(bin('tsc'), ['-b', ...projects.map((p) => path.join(root, p))]);
results.push({ suite: 'typecheck', counts: tscStatus === 0 ? { passed: projects.length, failed: 0, skipped: 0 } : { passed: 0, failed: projects.length, skipped: 0 } });

// 1b. Lint: ESLint (zero warnings) and dependency-cruiser (the allowed import directions, no cycles; see docs/layers.md).
{
  const eslintOk = run(bin('eslint'), ['--max-warnings', '0', '.']) === 0 ? 1 : 0;
  const depcruiseOk = run(bin('depcruise'), ['--config', '.dependency-cruiser.cjs', '.']) === 0 ? 1 : 0;
  results.push({ suite: 'lint', counts: { passed: eslintOk + depcruiseOk, failed: 2 - eslintOk - depcruiseOk, skipped: 0 } });
}

// 2. Build the renderer and Electron main (the browser suites run against the built UI).
const buildStatus = run('npm', ['run', 'build', '--silent']);
results.push({ suite: 'build', counts: buildStatus === 0 ? { passed: 1, failed: 0, skipped: 0 } : { passed: 0, failed: 1, skipped: 0 } });

// 2b. Electronegativity over the compiled Electron main + preload (offline; HIGH findings fail). See docs/security.md.
{
  console.log('\n$ electronegativity dist/shell/shell');
  const scan = buildStatus === 0 ? electronegativityScan(root) : null;
  if (scan?.error) console.log(`electronegativity: ${scan.error}`);
  for (const f of scan?.findings ?? []) console.log(`  ${f.severity.padEnd(13)} ${f.issue} ${f.filename}:${f.location}`);
  results.push({ suite: 'electronegativity', counts: scan ? { passed: scan.passed, failed: scan.failed, skipped: 0 } : { passed: 0, failed: 1, skipped: 0 } });
}

// 3. Unit + integration tests (vitest): real SQLite files, the real agent process.
const vitestJson = path.join(reports, 'vitest.json');
rmSync(vitestJson, { force: true });
const vitestStatus = run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
const vitestReport = readJson(vitestJson);
skips.push(...vitestSkips(vitestReport, root));
const v = VitestCounts.safeParse(vitestReport).data;
results.push({
  suite: 'vitest',
  counts: v
    ? { passed: v.numPassedTests, failed: v.numFailedTests + (vitestStatus !== 0 && v.numFailedTests === 0 ? 1 : 0), skipped: v.numPendingTests + v.numTodoTests }
    : { passed: 0, failed: 1, skipped: 0 },
});

// 4. Playwright suites: the browser kiosk in Debian Chromium, and Electron (skipped where the binary is absent).
for (const [suite, config] of [['browser', 'tests/browser/playwright.config.ts'], ['electron', 'tests/electron/playwright.config.ts']] as const) {
  if (!existsSync(path.join(root, config))) continue;
  const out = path.join(reports, `playwright-${suite}.json`);
  rmSync(out, { force: true });
  const status = run(bin('playwright'), ['test', '-c', config, '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: out });
  const p = readJson(out);
  skips.push(...playwrightSkips(p, path.dirname(config)));
  const s = PlaywrightCounts.safeParse(p).data?.stats;
  if (s?.flaky) console.log(`playwright-${suite}: ${s.flaky} test(s) passed only on their retry (flaky); see the list above`);
  results.push({
    suite: `playwright-${suite}`,
    counts: s
      ? { passed: s.expected + s.flaky, failed: s.unexpected + (status !== 0 && s.unexpected === 0 ? 1 : 0), skipped: s.skipped }
      : { passed: 0, failed: 1, skipped: 0 },
  });
}

const total = results.reduce((t, r) => ({ passed: t.passed + r.counts.passed, failed: t.failed + r.counts.failed, skipped: t.skipped + r.counts.skipped }), { passed: 0, failed: 0, skipped: 0 });
console.log('\nSuites:');
for (const r of results) console.log(`  ${r.suite.padEnd(20)} ${r.counts.passed} passed, ${r.counts.failed} failed, ${r.counts.skipped} skipped`);
// The last line is exactly `N passed, N failed` (CI reads it); skipped tests are counted on the line before.
const line = `${total.passed} passed, ${total.failed} failed`;
writeFileSync(path.join(reports, 'summary.txt'), line + '\n');
console.log(skippedLine(total.skipped, skips));
console.log(line);
process.exit(total.failed > 0 ? 1 : 0);
