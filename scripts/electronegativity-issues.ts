// Runs Electronegativity's scanner (the function its CLI calls) in this child process and prints the issues it
// found as one JSON line, for scripts/electronegativity.ts. Why not the CLI's `-o report.csv`: the tool writes that
// file with two concurrent async fs.writeFile calls (the header with flag 'w', the rows with flag 'a', see its
// dist/util/file.js), so under load the header lands over the start of the rows, or truncates them away, and
// the report reads as one garbled row or as no findings at all. And the CLI always dies of an uncaught error
// (exit 1): its translation download (got, 1 s timeout) retries after the tool has moved on, and the retry throws
// "The `onCancel` handler was attached after the promise settled", under load before the report is written.
// Here that download fails at once (the scan is offline by design), and the result leaves by a synchronous write.
// Usage: node scripts/electronegativity-issues.ts <input dir> <electron version> <excluded check>
import { writeSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { ISSUES_MARK, type Finding } from './electronegativity.ts';

type ToolIssue = {
  id: string;
  severity: { name: string };
  confidence: { name: string };
  file: string;
  location: { line: number; column: number };
  sample?: string | null;
  description?: string | null;
};
type RunOptions = {
  input: string;
  output: undefined;
  isSarif: boolean;
  customScan: string[];
  excludeFromScan: string[];
  isRelative: boolean;
  isVerbose: boolean;
  electronVersionOverride: string;
  parserPlugins: string[];
};
type Run = (options: RunOptions, forCli: boolean) => Promise<{ issues: ToolIssue[] }>;

const [input, electronVersion, excluded] = process.argv.slice(2);
if (!input || !electronVersion || !excluded) {
  console.error('usage: electronegativity-issues.ts <input dir> <electron version> <excluded check>');
  process.exit(2);
}
const require = createRequire(import.meta.url);
// The tool's translation download, as it resolves `got`: answered with a refusal, so it falls back to English.
const toolRequire = createRequire(require.resolve('@doyensec/electronegativity/dist/locales/i18n.js'));
const gotPath = toolRequire.resolve('got');
const offlineGot = new Module(gotPath);
offlineGot.exports = () => Promise.reject(new Error('offline: translations are not downloaded'));
offlineGot.loaded = true;
require.cache[gotPath] = offlineGot;
const run = require('@doyensec/electronegativity/dist/runner.js') as Run;
// The options the CLI builds from `-i input -x excluded -e version -r -v false`, minus `-o` (no file written).
const { issues } = await run({
  input,
  output: undefined,
  isSarif: false,
  customScan: [],
  excludeFromScan: [excluded.toLowerCase()],
  isRelative: true,
  isVerbose: false,
  electronVersionOverride: electronVersion,
  parserPlugins: [],
}, false);
const findings = issues.map((i): Finding => ({
  issue: i.id,
  severity: i.severity.name,
  confidence: i.confidence.name,
  filename: i.file,
  location: `${i.location.line}:${i.location.column}`,
  sample: i.sample ?? '',
  description: i.description ?? '',
}));
writeSync(1, `${ISSUES_MARK}${JSON.stringify(findings)}\n`);
process.exit(0);
