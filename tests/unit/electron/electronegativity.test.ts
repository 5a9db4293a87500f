// The Electronegativity suite (scripts/electronegativity.ts) is a real gate: the same scan finds HIGH-severity
// problems in a deliberately unsafe main process, and the CSV it reads is parsed field by field.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { checkIds, EXCLUDED_CHECK, parseCsv, scan } from '../../../scripts/electronegativity.ts';

vi.mock('electron', () => ({}));

const root = fileURLToPath(new URL('../../..', import.meta.url));

describe('Electronegativity suite', () => {
  it('parses the tool’s CSV, quoted commas and quotes included', () => {
    const csv = 'issue, severity, confidence, filename, location, sample, description, url\nNODE_INTEGRATION_JS_CHECK,"HIGH","FIRM","main.js","3:1","nodeIntegration: true","Disable nodeIntegration, please",https://x\n';
    expect(parseCsv(csv)).toEqual([
      ['issue', 'severity', 'confidence', 'filename', 'location', 'sample', 'description', 'url'],
      ['NODE_INTEGRATION_JS_CHECK', 'HIGH', 'FIRM', 'main.js', '3:1', 'nodeIntegration: true', 'Disable nodeIntegration, please', 'https://x'],
    ]);
    expect(parseCsv('a,"say ""hi"""\n')).toEqual([['a', 'say "hi"']]);
  });

  it('runs every check but the one that needs the network', () => {
    const ids = checkIds(root);
    expect(ids.length).toBeGreaterThan(30);
    expect(ids).toContain('NODE_INTEGRATION_JS_CHECK');
    expect(ids).toContain('CONTEXT_ISOLATION_JS_CHECK');
    expect(ids).not.toContain('AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK');
    expect(EXCLUDED_CHECK).toBe('AvailableSecurityFixesGlobalCheck');
  });

  it('fails an unsafe main process with HIGH findings (offline)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'atrium-unsafe-'));
    writeFileSync(path.join(dir, 'main.js'), [
      "const { app, BrowserWindow } = require('electron');",
      'app.whenReady().then(() => {',
      "  const w = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false, webSecurity: false } });",
      "  w.loadURL('http://example.com/');",
      '});',
    ].join('\n'));
    const result = scan(root, path.join(mkdtempSync(path.join(tmpdir(), 'atrium-unsafe-report-')), 'report.csv'), dir);
    const seen = JSON.stringify({ error: result.error, findings: result.findings.map((f) => [f.issue, f.severity]) });
    expect(result.error, seen).toBeNull();
    expect(result.failed, seen).toBeGreaterThan(0);
    expect(result.high.map((f) => f.issue), seen).toEqual(expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK']));
    expect(result.passed).toBeLessThan(result.checks.length);
  }, 60_000);
});
