// No process's TypeScript project reaches into another process's source: shared code lives in contracts/ and
// common/ (the renderer's project takes only common's pure files, not common/node/).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** tsconfig.json with its // comments removed (they hold no strings with // in these files). */
function includeOf(project: string): string[] {
  const text = readFileSync(new URL(`../../../${project}/tsconfig.json`, import.meta.url), 'utf8').replace(/^\s*\/\/.*$/gm, '');
  return (JSON.parse(text) as { include: string[] }).include;
}

describe('project boundaries', () => {
  it.each(['edge-agent', 'hq-sim'])('%s compiles its own source, contracts and common only', (project) => {
    expect(includeOf(project).sort()).toEqual(['../common/**/*.ts', '../contracts/**/*.ts', 'src/**/*.ts']);
  });

  it('the renderer compiles common\'s pure files, not the Node-only ones', () => {
    const include = includeOf('renderer');
    expect(include).toContain('../common/*.ts');
    expect(include.some((p) => p.startsWith('../common/node') || p === '../common/**/*.ts')).toBe(false);
    expect(include.some((p) => /edge-agent|hq-sim|electron/.test(p))).toBe(false);
  });
});
