// The skipped-count line of `npm test` names the reasons the runners recorded (vitest meta, Playwright skip
// annotations), grouped by reason and tests/ folder; shapes trimmed from real vitest 5 and Playwright JSON reports.
import { describe, expect, it } from 'vitest';
import { playwrightSkips, skippedLine, vitestSkips } from '../../support/skip-reasons.ts';

const vitestReport = {
  numPendingTests: 3,
  testResults: [
    {
      name: '/repo/tests/unit/electron/sd-notify.test.ts',
      assertionResults: [
        { status: 'passed', meta: {} },
        { status: 'skipped', meta: { skipReason: 'systemd-notify or python3 not installed' } },
      ],
    },
    { name: '/repo/tests/integration/hq-sim.test.ts', assertionResults: [{ status: 'skipped', meta: { skipReason: 'Mosquitto (Debian package mosquitto) not installed' } }, { status: 'pending', meta: {} }] },
  ],
};

const skippedTest = (description: string) => ({
  status: 'skipped', expectedStatus: 'skipped',
  annotations: [{ type: 'skip', description, location: { file: '/repo/tests/electron/launch.ts', line: 14, column: 8 } }],
  results: [{ status: 'skipped', annotations: [{ type: 'skip', description }] }],
});
const playwrightReport = {
  stats: { expected: 1, skipped: 2, unexpected: 0, flaky: 0 },
  suites: [
    { title: 'kiosk.spec.ts', specs: [{ title: 'a', tests: [skippedTest('Electron binary not available here: not downloaded')] }] },
    { title: 'recovery.spec.ts', specs: [{ title: 'b', tests: [{ status: 'expected', annotations: [], results: [] }] }], suites: [{ title: 'nested', specs: [{ title: 'c', tests: [skippedTest('Electron binary not available here: not downloaded')] }] }] },
  ],
};

describe('skip reasons', () => {
  it('come from vitest meta and Playwright annotations, with the tests/ folder', () => {
    expect(vitestSkips(vitestReport, '/repo')).toEqual([
      { reason: 'systemd-notify or python3 not installed', where: 'tests/unit' },
      { reason: 'Mosquitto (Debian package mosquitto) not installed', where: 'tests/integration' },
      { reason: 'no reason given', where: 'tests/integration' },
    ]);
    expect(playwrightSkips(playwrightReport, 'tests/electron')).toEqual([
      { reason: 'Electron binary not available here: not downloaded', where: 'tests/electron' },
      { reason: 'Electron binary not available here: not downloaded', where: 'tests/electron' },
    ]);
  });

  it('a report that is missing or of another shape gives no reasons (the count still shows)', () => {
    expect(vitestSkips(null, '/repo')).toEqual([]);
    expect(playwrightSkips({ suites: 'x' }, 'tests/browser')).toEqual([]);
    expect(skippedLine(2, [])).toBe('2 skipped: no reason found in the reports');
  });

  it('the line: one reason plainly, several with a count each', () => {
    expect(skippedLine(0, [])).toBe('0 skipped');
    expect(skippedLine(4, playwrightSkips(playwrightReport, 'tests/electron').concat(playwrightSkips(playwrightReport, 'tests/electron'))))
      .toBe('4 skipped: Electron binary not available here: not downloaded (tests/electron)');
    expect(skippedLine(5, [...playwrightSkips(playwrightReport, 'tests/electron'), ...vitestSkips(vitestReport, '/repo')])).toBe(
      '5 skipped: 2 × Electron binary not available here: not downloaded (tests/electron); 1 × systemd-notify or python3 not installed (tests/unit); '
      + '1 × Mosquitto (Debian package mosquitto) not installed (tests/integration); 1 × no reason given (tests/integration)',
    );
  });
});
