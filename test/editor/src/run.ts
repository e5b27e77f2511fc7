/**
 * `npm run test:editor` (through run.sh): the extension-host suites, the UI test and the Neovim
 * test, one after the other, each on a fresh copy of its fixtures in a scratch folder outside
 * the repo (a workspace inside the repo would sit under its .gitignore). Ends with one line,
 * `editor: N passed, N failed[, N skipped]`, and exits non-zero if anything failed.
 *
 *   node test/editor/out/run.js [exthost] [ui] [nvim]     (default: all three)
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runExtensionHostStage } from './exthost-stage';
import type { CheckResult } from './lib/checks';
import { buildOutputDir } from './lib/paths';
import { runNeovimStage } from './nvim/nvim';
import { runUiStage } from './ui/ui';

type StageName = 'exthost' | 'ui' | 'nvim';
const stages: Record<StageName, (scratch: string, log: (line: string) => void) => Promise<CheckResult[]>> = {
  exthost: runExtensionHostStage,
  ui: runUiStage,
  nvim: runNeovimStage,
};

interface StageReport {
  stage: StageName;
  seconds: number;
  results: CheckResult[];
}

async function main(): Promise<number> {
  const requested = process.argv.slice(2);
  for (const name of requested) {
    if (!(name in stages)) throw new Error(`unknown stage '${name}' (stages: ${Object.keys(stages).join(', ')})`);
  }
  const selected = (requested.length > 0 ? requested : Object.keys(stages)) as StageName[];
  const scratch = mkdtempSync(join(tmpdir(), 'dockguard-editor-'));
  const log = (line: string): void => void process.stdout.write(line + '\n');
  const reports: StageReport[] = [];
  const started = Date.now();
  try {
    for (const stage of selected) {
      const stageStarted = Date.now();
      let results: CheckResult[];
      try {
        results = await stages[stage](scratch, log);
      } catch (error) {
        // A stage that cannot even start (no server, no browser) is one failure, not a crash.
        const detail = error instanceof Error ? error.stack ?? error.message : String(error);
        log(`${stage}: could not run\n  ${detail}`);
        results = [{ name: `${stage}: run`, status: 'failed', detail }];
      }
      reports.push({ stage, seconds: (Date.now() - stageStarted) / 1000, results });
    }
  } finally {
    if (process.env.DOCKGUARD_EDITOR_KEEP === '1') log(`scratch kept: ${scratch}`);
    else rmSync(scratch, { recursive: true, force: true });
  }

  const count = (results: CheckResult[], status: CheckResult['status']): number => results.filter((r) => r.status === status).length;
  const all = reports.flatMap((r) => r.results);
  log('');
  log('editor tests:');
  for (const report of reports) {
    log(`  ${report.stage.padEnd(8)} ${String(count(report.results, 'passed')).padStart(3)} ok, ${count(report.results, 'failed')} failing, ${count(report.results, 'skipped')} skipped  (${report.seconds.toFixed(1)} s)`);
    for (const failure of report.results.filter((r) => r.status === 'failed')) {
      log(`           ✘ ${failure.name}${failure.detail ? `: ${failure.detail.split('\n')[0]}` : ''}`);
    }
  }
  const seconds = (Date.now() - started) / 1000;
  mkdirSync(buildOutputDir, { recursive: true });
  writeFileSync(join(buildOutputDir, 'editor-results.json'), JSON.stringify({ seconds, reports }, null, 2) + '\n');
  const skipped = count(all, 'skipped');
  log(`editor: ${count(all, 'passed')} passed, ${count(all, 'failed')} failed${skipped ? `, ${skipped} skipped` : ''}`);
  return count(all, 'failed') === 0 && all.length > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
