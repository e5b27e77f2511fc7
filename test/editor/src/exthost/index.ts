/**
 * The Mocha entry point that VS Code loads in the extension host (`extensionTestsPath`). It runs
 * the suite named by DOCKGUARD_EDITOR_SUITE (a folder beside this file; default: `workspace`,
 * or `multi-root` when the window has several folders), and writes the pass/fail counts to
 * DOCKGUARD_EDITOR_RESULTS when that is set, for the orchestrator's summary.
 *
 * Under the browser shim (../shim.ts) the extension host's console never reaches a terminal, so
 * when DOCKGUARD_SHIM_OUTPUT names a file, the reporter's output (and whatever tests print with
 * `log`) is appended there too and the shim relays it. In a desktop VS Code the console goes to
 * the runner's stdout as usual.
 */
import { appendFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';
import * as vscode from 'vscode';

/**
 * Prints a line of test output: to the extension host's console, and to the shim's file when
 * there is one. (The extension host's `console` methods cannot be replaced: VS Code defines
 * them as getters with a no-op setter, so assigning to them is silently ignored.)
 */
export function log(...args: unknown[]): void {
  const line = format(...args);
  const shimOutput = process.env.DOCKGUARD_SHIM_OUTPUT;
  if (shimOutput) appendFileSync(shimOutput, line + '\n');
  console.log(line);
}

/** What the orchestrator reads back from DOCKGUARD_EDITOR_RESULTS. */
export interface SuiteOutcome {
  suite: string;
  passed: string[];
  failed: { title: string; error: string }[];
  pending: string[];
}

export function run(): Promise<void> {
  const suite = process.env.DOCKGUARD_EDITOR_SUITE
    ?? ((vscode.workspace.workspaceFolders?.length ?? 0) > 1 ? 'multi-root' : 'workspace');
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60000, slow: 5000 });
  // The extension host forwards console arguments one by one, so a reporter's '%s' templates
  // would arrive unformatted: format them here.
  Mocha.reporters.Base.consoleLog = log;
  const dir = join(__dirname, suite);
  for (const file of readdirSync(dir).sort()) {
    if (file.endsWith('.test.js')) mocha.addFile(join(dir, file));
  }
  const outcome: SuiteOutcome = { suite, passed: [], failed: [], pending: [] };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const results = process.env.DOCKGUARD_EDITOR_RESULTS;
      if (results) writeFileSync(results, JSON.stringify(outcome));
      if (failures > 0) reject(new Error(`${failures} test(s) failed in the ${suite} suite`));
      else resolve();
    });
    runner.on('pass', (test) => outcome.passed.push(test.fullTitle()));
    runner.on('fail', (test, error: Error) => outcome.failed.push({ title: test.fullTitle(), error: error.message }));
    runner.on('pending', (test) => outcome.pending.push(test.fullTitle()));
  });
}
