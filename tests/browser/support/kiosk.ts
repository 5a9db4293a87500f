// Helpers shared by the browser specs: start a real agent, open the kiosk page paired with it, and record every
// console error, uncaught exception and CSP violation the page produces.
import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { repoRoot, startAgentProcess, type AgentProcess } from '../../support/agent-process.ts';

export { startAgentProcess, type AgentProcess };

export const screenshotDir = path.join(repoRoot, 'reports/screenshots');

export type PageProblems = { consoleErrors: string[]; pageErrors: string[]; cspViolations: string[] };

/** Starts collecting problems on `page`; call before the first navigation. */
export async function watchForProblems(page: Page): Promise<PageProblems> {
  const problems: PageProblems = { consoleErrors: [], pageErrors: [], cspViolations: [] };
  page.on('console', (msg) => { if (msg.type() === 'error') problems.consoleErrors.push(msg.text()); });
  page.on('pageerror', (err) => problems.pageErrors.push(err.message));
  await page.exposeBinding('__atriumReportCsp', (_source, text: string) => { problems.cspViolations.push(text); });
  // Init scripts are injected by the browser driver, not by the page, so the page's CSP does not block them.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __atriumReportCsp?: (text: string) => void }).__atriumReportCsp;
      void report?.(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  return problems;
}

export function expectNoProblems(problems: PageProblems): void {
  expect(problems.cspViolations, 'CSP violations').toEqual([]);
  expect(problems.pageErrors, 'uncaught page errors').toEqual([]);
  expect(problems.consoleErrors, 'console errors').toEqual([]);
}

export async function openPairedKiosk(page: Page, agent: AgentProcess): Promise<void> {
  await page.goto(await agent.pairUrl());
  await expect(page.getByTestId('app')).toHaveAttribute('data-screen', 'attract');
}

export function screen(page: Page) {
  return page.getByTestId('app');
}

/** The promotion the attract loop shows right now. */
export function activeSlide(page: Page) {
  return page.locator('[data-testid="attract-slide"][data-active="true"]');
}

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, animations: 'disabled' });
  return file;
}

