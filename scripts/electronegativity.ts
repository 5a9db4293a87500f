// The Electronegativity scan of the Electron shell, as a test suite: `npm test` runs it after the build (see
// scripts/test.ts); run it alone with `node scripts/electronegativity.ts`. It scans the compiled main process and
// preload (dist/shell/shell: the shell's core, Electron driver and browser driver) offline: the one check that
// downloads Electron's release list (AvailableSecurityFixesGlobalCheck) is excluded, the Electron version is given,
// not looked up, and the tool's translation download is refused (electronegativity-issues.ts). Every HIGH-severity
// finding fails the suite; each check with no high finding counts as passed. All findings go to
// reports/electronegativity.csv, written here (the tool's own CSV writer races with itself).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const EXCLUDED_CHECK = 'AvailableSecurityFixesGlobalCheck';
export const CSV_HEADER = 'issue, severity, confidence, filename, location, sample, description, url';

export type Finding = { issue: string; severity: string; confidence: string; filename: string; location: string; sample: string; description: string };
/** Marks the one stdout line of electronegativity-issues.ts that carries the findings (the tool prints to stdout too). */
export const ISSUES_MARK = 'ELECTRONEGATIVITY_ISSUES ';
export type ScanResult = { passed: number; failed: number; checks: string[]; findings: Finding[]; high: Finding[]; error: string | null };

/** RFC 4180-style CSV (quoted fields may hold commas, newlines and doubled quotes), as toCsv writes the report. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field.trim());
      field = '';
    } else if (c === '\n') {
      row.push(field.trim());
      rows.push(row);
      row = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  if (field.trim() !== '' || row.length > 0) rows.push([...row, field.trim()]);
  return rows.filter((r) => r.some((f) => f !== ''));
}

/** The ids of the checks the tool runs (atomic and global), minus the excluded network check. */
export function checkIds(root: string): string[] {
  const require = createRequire(path.join(root, 'package.json'));
  const base = '@doyensec/electronegativity/dist/finder/checks';
  const { CHECKS } = require(`${base}/AtomicChecks/index.js`) as { CHECKS: Array<new () => { id: string }> };
  const { GLOBAL_CHECKS } = require(`${base}/GlobalChecks/index.js`) as { GLOBAL_CHECKS: Array<new () => { id: string }> };
  // The constructors look up their descriptions through the tool's global i18n function `__`.
  const g = globalThis as { __?: (key: string) => string };
  const had = '__' in g;
  g.__ ??= (key) => key;
  try {
    return [...CHECKS, ...GLOBAL_CHECKS].filter((C) => C.name !== EXCLUDED_CHECK).map((C) => new C().id);
  } finally {
    if (!had) delete g.__;
  }
}

/** One finding per line of the CSV report: the tool's own column order (issue ... description, wiki url). */
export function toCsv(findings: Finding[]): string {
  const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
  const lines = findings.map((f) => [f.issue, f.severity, f.confidence, f.filename, f.location, f.sample, f.description, `https://github.com/doyensec/electronegativity/wiki/${f.issue}`].map(quote).join(','));
  return [CSV_HEADER, ...lines].map((l) => `${l}\n`).join('');
}

const findingSchema = z.object({ issue: z.string().min(1), severity: z.string(), confidence: z.string(), filename: z.string(), location: z.string(), sample: z.string(), description: z.string() });

/** The findings on the marked line of electronegativity-issues.ts's output, or null when there is no such line. */
export function findingsFrom(stdout: string): Finding[] | null {
  const line = stdout.split('\n').find((l) => l.startsWith(ISSUES_MARK));
  if (line === undefined) return null;
  let json: unknown;
  try {
    json = JSON.parse(line.slice(ISSUES_MARK.length));
  } catch {
    return null;
  }
  const parsed = z.array(findingSchema).safeParse(json);
  return parsed.success ? parsed.data : null;
}

export function scan(root: string, out = path.join(root, 'reports', 'electronegativity.csv'), input = path.join(root, 'dist/shell/shell')): ScanResult {
  const electron = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies.electron!;
  const checks = checkIds(root);
  mkdirSync(path.dirname(out), { recursive: true });
  rmSync(out, { force: true });
  // The tool's scanner runs in a child (electronegativity-issues.ts says why not its CLI and its CSV file).
  const child = fileURLToPath(new URL('./electronegativity-issues.ts', import.meta.url));
  const r = spawnSync(process.execPath, [child, input, electron, EXCLUDED_CHECK], { cwd: root, encoding: 'utf8', env: { ...process.env, LANG: 'en-US' }, timeout: 120_000 });
  const findings = r.status === 0 ? findingsFrom(r.stdout) : null;
  if (!findings) return { passed: 0, failed: 1, checks, findings: [], high: [], error: `no findings from Electronegativity (exit ${r.status ?? r.signal}): ${(r.stderr || r.stdout).slice(0, 500)}` };
  writeFileSync(out, toCsv(findings));
  const high = findings.filter((f) => f.severity.toUpperCase() === 'HIGH');
  const failedChecks = new Set(high.map((f) => f.issue));
  return { passed: checks.filter((id) => !failedChecks.has(id)).length, failed: high.length, checks, findings, high, error: null };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const result = scan(root);
  if (result.error) console.error(`electronegativity: ${result.error}`);
  for (const f of result.findings) console.log(`  ${f.severity.padEnd(13)} ${f.issue} ${f.filename}:${f.location} ${f.description}`);
  console.log(`electronegativity: ${result.checks.length} checks, ${result.findings.length} findings, ${result.high.length} high`);
  console.log(`${result.passed} passed, ${result.failed} failed`);
  process.exit(result.failed > 0 ? 1 : 0);
}
