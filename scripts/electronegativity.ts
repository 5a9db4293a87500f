// The Electronegativity scan of the Electron shell, as a test suite: `npm test` runs it after the build (see
// scripts/test.ts); run it alone with `node scripts/electronegativity.ts`. It scans the compiled main process and
// preload (dist/shell/shell: the shell's core, Electron driver and browser driver) offline: the one check that downloads Electron's release list
// (AvailableSecurityFixesGlobalCheck) is excluded and the Electron version is given, not looked up. The tool
// also tries to fetch translations (1 s timeout, falls back to English). Every HIGH-severity finding fails the
// suite; each check with no high finding counts as passed. All findings go to reports/electronegativity.csv.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const EXCLUDED_CHECK = 'AvailableSecurityFixesGlobalCheck';

export type Finding = { issue: string; severity: string; confidence: string; filename: string; location: string; description: string };
export type ScanResult = { passed: number; failed: number; checks: string[]; findings: Finding[]; high: Finding[]; error: string | null };

/** RFC 4180-style CSV (quoted fields may hold commas and doubled quotes), as the tool writes it. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field.trim()), (field = '');
    else if (c === '\n') row.push(field.trim()), rows.push(row), (row = []), (field = '');
    else if (c !== '\r') field += c;
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

export function scan(root: string, out = path.join(root, 'reports', 'electronegativity.csv'), input = path.join(root, 'dist/shell/shell')): ScanResult {
  const electron = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies.electron!;
  const checks = checkIds(root);
  mkdirSync(path.dirname(out), { recursive: true });
  rmSync(out, { force: true });
  const cli = path.join(root, 'node_modules/@doyensec/electronegativity/dist/index.js');
  const r = spawnSync(process.execPath, [cli, '-i', input, '-x', EXCLUDED_CHECK, '-e', electron, '-o', out, '-r', '-v', 'false'], { cwd: root, encoding: 'utf8', env: { ...process.env, LANG: 'en-US' }, timeout: 120_000 });
  let rows: string[][];
  try {
    rows = parseCsv(readFileSync(out, 'utf8'));
  } catch {
    return { passed: 0, failed: 1, checks, findings: [], high: [], error: `no report from Electronegativity (exit ${r.status}): ${(r.stderr || r.stdout).slice(0, 500)}` };
  }
  const findings = rows.slice(1).map(([issue = '', severity = '', confidence = '', filename = '', location = '', , description = '']) => ({ issue, severity, confidence, filename, location, description }));
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
