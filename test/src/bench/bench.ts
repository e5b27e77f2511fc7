import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname } from 'node:path';
import { execFileSync } from 'node:child_process';
import { loadCorpus, sampleCorpus, KINDS } from './corpus';
import { parseOptions, REPO_ROOT, USAGE, type BenchOptions } from './options';
import { loadEngine, runEngineBench, underTransformingLoader, type EngineResult } from './engine';
import { runCliBench, type CliResult } from './cli';
import { runServerBench, type ServerResult } from './server';
import { buildRows, formatEngineDetail, formatTable } from './report';
import { sum } from './stats';

/**
 * `npm run bench`: the performance figures of issue 8 in one run. The README's Benchmark section
 * says what each figure means. The benchmark measures and reports; it never fails on a slow figure
 * (exit code 0 unless something could not be measured at all).
 */

async function main(): Promise<number> {
  let options: BenchOptions | 'help';
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`bench: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const opts = options;
  const log = (line: string): void => {
    if (opts.verbose) process.stderr.write(`${line}\n`);
  };
  const progress = (line: string): void => {
    process.stderr.write(`${line}\n`);
  };

  const code = await loadEngine(opts.engineBundle);
  const full = loadCorpus(opts.corpus, code);
  const corpus = sampleCorpus(full, opts.sample);
  const described = KINDS.map((kind) => `${corpus.files[kind].length} ${kind} files (${(sum(corpus.files[kind].map((file) => file.bytes)) / 1024 / 1024).toFixed(1)} MiB)`).join(', ');
  progress(`corpus ${opts.corpus}: ${described}${opts.sample > 1 ? `, every ${opts.sample}th file` : ''}`);
  const loadBefore = loadavg()[0];

  let engine: EngineResult | undefined;
  let cli: CliResult | undefined;
  let server: ServerResult | undefined;
  if (opts.sections.includes('engine')) {
    progress('engine …');
    if (underTransformingLoader()) {
      progress('warning: this process runs under tsx, which slows the engine down; run the compiled harness (npm run bench) for true figures');
    }
    engine = runEngineBench(corpus, { engine: code, warmup: opts.warmup, passes: opts.passes, log });
  }
  if (opts.sections.includes('cli')) {
    progress('cli …');
    // The CLI always gets the whole corpus: its figure is "the whole corpus".
    cli = await runCliBench(full, { cliPath: opts.cliPath, runs: opts.runs, profileDir: opts.profileDir, log });
  }
  if (opts.sections.includes('server')) {
    progress('server …');
    server = await runServerBench(corpus, {
      serverPath: opts.serverPath,
      runs: opts.runs,
      mode: opts.mode,
      edits: opts.edits,
      keys: opts.keys,
      typeIntervalMs: opts.typeIntervalMs,
      seqLimit: opts.seqLimit,
      largeWorkspace: opts.largeWorkspace,
      profileDir: opts.profileDir,
      timeoutMs: opts.timeoutMs,
      log,
    });
  }

  const rows = buildRows(engine, cli, server);
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    loadAverageBefore: loadBefore,
    loadAverageAfter: loadavg()[0],
  };
  const report = {
    date: new Date().toISOString(),
    commit: gitCommit(),
    machine,
    options: { ...opts, corpus: opts.corpus },
    corpus: Object.fromEntries(KINDS.map((kind) => [kind, { files: corpus.files[kind].length, bytes: sum(corpus.files[kind].map((file) => file.bytes)) }])),
    table: rows,
    engine,
    cli,
    server,
  };
  mkdirSync(dirname(opts.out), { recursive: true });
  writeFileSync(opts.out, `${JSON.stringify(report, null, 2)}\n`);

  const out: string[] = [];
  out.push(
    `dockguard benchmark, ${report.date}, commit ${report.commit}; ${machine.cpus} CPUs (${machine.cpuModel}), Node ${machine.node}; ` +
      `load average ${machine.loadAverageBefore.toFixed(1)} before, ${machine.loadAverageAfter.toFixed(1)} after`,
    `medians over ${engine ? `${opts.passes} engine passes (after ${opts.warmup} warm-up)` : ''}${engine && (cli || server) ? ', ' : ''}${cli || server ? `${opts.runs} fresh process run(s)` : ''}`,
    '',
    formatTable(rows),
  );
  if (engine) out.push('', '### where the engine time goes', '', formatEngineDetail(engine));
  if (server && server.stderr.length > 0) out.push('', `server stderr (first lines): ${server.stderr.join('').split('\n').slice(0, 5).join(' | ')}`);
  const misses = rows.filter((r) => r.verdict === 'miss').length;
  const passes = rows.filter((r) => r.verdict === 'pass').length;
  out.push('', `${passes} targets met, ${misses} missed. JSON: ${opts.out}`);
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

function gitCommit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim() !== '';
    return dirty ? `${head} (with uncommitted changes)` : head;
  } catch {
    return 'unknown';
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
