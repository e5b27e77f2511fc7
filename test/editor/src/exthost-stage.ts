/**
 * The extension-host stage: the Mocha suites under exthost/ run inside VS Code's extension host
 * with the real `vscode` API, launched by @vscode/test-electron's standard `runTests`.
 *
 * `vscodeExecutablePath` is our shim (VS Code server build + headless Chromium) unless
 * DOCKGUARD_VSCODE_EXECUTABLE names a desktop VS Code; with DOCKGUARD_VSCODE_VERSION set instead,
 * runTests downloads that version (where the internet is available). The suites do not care.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import type { SuiteOutcome } from './exthost/index';
import type { CheckResult } from './lib/checks';
import { copyFixture } from './lib/fixtures';
import { editorDir, outDir, repoRoot } from './lib/paths';

interface SuiteRun {
  suite: string;
  /** Fixture folder copied fresh for the run, and what to open in it (folder or workspace file). */
  fixture: string;
  open: (copy: string) => string;
}

const suites: SuiteRun[] = [
  { suite: 'workspace', fixture: 'workspace', open: (copy) => copy },
  { suite: 'multi-root', fixture: 'multi-root', open: (copy) => join(copy, 'multi-root.code-workspace') },
];

export async function runExtensionHostStage(scratch: string, log: (line: string) => void): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const { suite, fixture, open } of suites) {
    const copy = join(scratch, `exthost-${suite}`);
    copyFixture(fixture, copy);
    const resultsFile = join(scratch, `exthost-${suite}.json`);
    const profile = join(scratch, `exthost-${suite}-profile`);
    log(`exthost: ${suite} suite`);
    let error: Error | undefined;
    try {
      await runTests({
        ...vscodeUnderTest(),
        extensionDevelopmentPath: repoRoot,
        extensionTestsPath: join(outDir, 'exthost', 'index'),
        launchArgs: [open(copy), `--user-data-dir=${join(profile, 'user-data')}`, `--extensions-dir=${join(profile, 'extensions')}`],
        extensionTestsEnv: { DOCKGUARD_EDITOR_SUITE: suite, DOCKGUARD_EDITOR_RESULTS: resultsFile },
      });
    } catch (caught) {
      error = caught as Error;
    }
    if (existsSync(resultsFile)) {
      const outcome = JSON.parse(readFileSync(resultsFile, 'utf8')) as SuiteOutcome;
      for (const title of outcome.passed) results.push({ name: `${suite}: ${title}`, status: 'passed' });
      for (const { title, error: detail } of outcome.failed) results.push({ name: `${suite}: ${title}`, status: 'failed', detail });
      for (const title of outcome.pending) results.push({ name: `${suite}: ${title}`, status: 'skipped' });
      if (error && outcome.failed.length === 0) {
        results.push({ name: `${suite}: VS Code exit`, status: 'failed', detail: error.message });
      }
    } else {
      // The suite never reported: VS Code did not start, the extension failed to load, or Mocha
      // crashed before its end. One failure stands for the whole suite.
      results.push({ name: `${suite}: run`, status: 'failed', detail: error?.message ?? 'no results written' });
    }
  }
  return results;
}

function vscodeUnderTest(): { vscodeExecutablePath?: string; version?: string } {
  if (process.env.DOCKGUARD_VSCODE_EXECUTABLE) return { vscodeExecutablePath: process.env.DOCKGUARD_VSCODE_EXECUTABLE };
  if (process.env.DOCKGUARD_VSCODE_VERSION) return { version: process.env.DOCKGUARD_VSCODE_VERSION };
  return { vscodeExecutablePath: join(editorDir, 'vscode-shim.sh') };
}
