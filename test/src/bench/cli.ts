import { existsSync } from 'node:fs';
import type { Corpus } from './corpus';
import { runMeasured } from './proc';
import { measured, type Measured } from './stats';

/**
 * The built CLI over the whole corpus as a user runs it in CI: one fresh `node dist/cli.js`
 * process per run, JSON output, timed from outside (wall time, CPU, peak RSS).
 */

export interface CliResult {
  command: string;
  runs: number;
  wallMs: Measured;
  cpuMs: Measured;
  peakMb: Measured;
  /** Files in the JSON output, per kind, and findings: a check that the run covered the corpus. */
  files: Record<string, number>;
  findings: number;
  exitCode: number | null;
}

export async function runCliBench(
  corpus: Corpus,
  options: { cliPath: string; runs: number; profileDir: string | undefined; log: (line: string) => void },
): Promise<CliResult> {
  if (!existsSync(options.cliPath)) throw new Error(`no CLI at ${options.cliPath}: run npm run build`);
  // The folder is walked by the CLI itself; compose files whose names the walk does not know are
  // named explicitly, as a user would for `stack.yml`.
  const args = [...(options.profileDir ? ['--cpu-prof', '--cpu-prof-dir', options.profileDir] : []), options.cliPath, '-f', 'json', corpus.root, ...corpus.unnamedCompose.map((file) => file.path)];
  const command = `node ${options.cliPath} -f json ${corpus.root} <${corpus.unnamedCompose.length} compose files by name>`;
  options.log(`cli: 1 warm-up + ${options.runs} runs of ${command}`);
  const walls: number[] = [];
  const cpus: number[] = [];
  const peaks: number[] = [];
  let files: Record<string, number> = {};
  let findings = 0;
  let exitCode: number | null = null;
  for (let run = 0; run <= options.runs; run++) {
    const result = await runMeasured(process.execPath, args);
    if (result.exitCode !== 0 && result.exitCode !== 1) {
      throw new Error(`the CLI exited with ${result.exitCode}: ${result.stderr.slice(0, 2000)}`);
    }
    options.log(`  run ${run}${run === 0 ? ' (warm-up)' : ''}: ${result.wallMs.toFixed(0)} ms wall, ${result.cpuMs.toFixed(0)} ms CPU, ${result.peakMb.toFixed(0)} MB peak`);
    if (run === 0) {
      const report = JSON.parse(result.stdout) as { kind: string; messages: unknown[] }[];
      files = {};
      findings = 0;
      for (const entry of report) {
        files[entry.kind] = (files[entry.kind] ?? 0) + 1;
        findings += entry.messages.length;
      }
      exitCode = result.exitCode;
      continue;
    }
    walls.push(result.wallMs);
    cpus.push(result.cpuMs);
    peaks.push(result.peakMb);
  }
  return { command, runs: options.runs, wallMs: measured(walls), cpuMs: measured(cpus), peakMb: measured(peaks), files, findings, exitCode };
}
