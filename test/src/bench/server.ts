import { copyFileSync, existsSync, linkSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol/node';
import { BenchClient } from './lsp-client';
import { KINDS, editTargets, type BenchFile, type Corpus, type Kind } from './corpus';
import type { Memory } from './proc';
import { distribution, measured, type Distribution, type Measured } from './stats';

/**
 * The built language server through a real `--stdio` connection, one fresh server per run:
 * initialize; open → diagnostics for each file, one at a time; keystroke → diagnostics on typical
 * and the largest files (closed loop), at the end and in the middle; typing at 10 keys/s (open
 * loop) and the settle time after the last key; a scan of the corpus as a workspace folder; the
 * server's memory along the way. A second fresh server per run times the scan cold, as right
 * after start-up; a third scans a large workspace (copies of the corpus) while a file is typed
 * into at 10 keys/s, each keystroke timed to its diagnostics.
 */

export const LANGUAGE_IDS: Record<Kind, string> = { dockerfile: 'dockerfile', compose: 'dockercompose' };

export type EditPosition = 'end' | 'middle';

export interface EditFigure {
  kind: Kind;
  label: 'median' | 'p95' | 'largest';
  file: string;
  bytes: number;
  position: EditPosition;
  p50: Measured;
  p95: Measured;
  max: Measured;
}

export interface TypeFigure {
  kind: Kind;
  label: 'median' | 'p95' | 'largest';
  file: string;
  bytes: number;
  settleMs: Measured;
}

/** Files scanned, in how long, and the rate: per run, then over the runs. */
export interface Throughput {
  files: Measured;
  ms: Measured;
  filesPerSecond: Measured;
}

function throughput(runs: readonly { files: number; ms: number }[]): Throughput {
  return {
    files: measured(runs.map((run) => run.files)),
    ms: measured(runs.map((run) => run.ms)),
    filesPerSecond: measured(runs.map((run) => (run.files * 1000) / run.ms)),
  };
}

export interface ServerResult {
  runs: number;
  mode: 'pull' | 'push';
  initializeMs: Measured;
  rssAfterInitMb: Measured;
  open: Record<Kind, { files: number; p50: Measured; p95: Measured; max: Measured; firstMs: Measured } | undefined>;
  edits: EditFigure[];
  typing: TypeFigure[];
  /** Warm: after the phases above, in the same server. */
  scan: Throughput | undefined;
  /** Cold: the first thing a fresh server does. */
  coldScan: (Throughput & { hwmMb: Measured }) | undefined;
  /** The server's own rescan (`dockguard/lintWorkspace`), timed by the server. */
  rescan: Throughput | undefined;
  /** Typing in a file while a fresh server scans a large workspace. */
  typingDuringScan: (Throughput & { keystrokes: Measured; p50: Measured; p95: Measured; max: Measured }) | undefined;
  rssEndMb: Measured;
  peakRssMb: Measured;
  stderr: string[];
}

interface RunFigures {
  initializeMs: number;
  afterInit: Memory | undefined;
  open: Record<Kind, { latencies: number[]; first: number } | undefined>;
  edits: Map<string, { target: { kind: Kind; label: EditFigure['label']; file: BenchFile }; position: EditPosition; dist: Distribution }>;
  typing: Map<string, { target: { kind: Kind; label: TypeFigure['label']; file: BenchFile }; settleMs: number }>;
  scan: { files: number; ms: number } | undefined;
  /** `ms` as the server timed it. */
  rescan: { files: number; ms: number } | undefined;
  end: Memory | undefined;
}

export interface ServerOptions {
  serverPath: string;
  runs: number;
  mode: 'pull' | 'push';
  edits: number;
  keys: number;
  typeIntervalMs: number;
  seqLimit: number;
  /** Files of the large workspace scanned while typing (0: skip). */
  largeWorkspace: number;
  profileDir: string | undefined;
  timeoutMs: number;
  log: (line: string) => void;
}

export async function runServerBench(corpus: Corpus, options: ServerOptions): Promise<ServerResult> {
  if (!existsSync(options.serverPath)) throw new Error(`no server at ${options.serverPath}: run npm run build`);
  const settings = { composeFiles: composeGlobs(corpus) };
  const nodeArgs = options.profileDir ? ['--cpu-prof', '--cpu-prof-dir', options.profileDir] : [];
  const runs: RunFigures[] = [];
  const cold: { files: number; ms: number; hwm: number }[] = [];
  const duringScan: DuringScanFigures[] = [];
  const stderr: string[] = [];
  const large = options.mode === 'pull' && options.largeWorkspace > 0 ? largeWorkspace(corpus, options.largeWorkspace) : undefined;
  try {
    for (let run = 1; run <= options.runs; run++) {
      options.log(`server: run ${run} of ${options.runs} (${options.mode})`);
      const client = await BenchClient.start({ serverPath: options.serverPath, nodeArgs, mode: options.mode, folder: corpus.root, settings: pushSafe(settings, options.mode), timeoutMs: options.timeoutMs });
      try {
        runs.push(await oneRun(client, corpus, options));
      } finally {
        await client.stop();
        if (client.stderrText()) stderr.push(client.stderrText());
      }
      if (options.mode === 'pull') {
        const fresh = await BenchClient.start({ serverPath: options.serverPath, nodeArgs, mode: 'pull', folder: corpus.root, settings, timeoutMs: options.timeoutMs });
        try {
          const started = performance.now();
          const report = await fresh.workspaceDiagnostics();
          const ms = performance.now() - started;
          cold.push({ files: report.items.length, ms, hwm: fresh.memory()?.hwmMb ?? Number.NaN });
          options.log(`  cold scan: ${report.items.length} files in ${ms.toFixed(0)} ms`);
        } finally {
          await fresh.stop();
        }
      }
      if (large) {
        const scanning = await BenchClient.start({ serverPath: options.serverPath, nodeArgs, mode: 'pull', folder: large.root, settings: { composeFiles: large.composeFiles }, timeoutMs: options.timeoutMs });
        try {
          const figures = await typeDuringScan(scanning, corpus, options);
          duringScan.push(figures);
          const d = distribution(figures.latencies);
          options.log(`  typing during a scan of ${figures.files} files (${figures.ms.toFixed(0)} ms): ${figures.latencies.length} keystrokes, p50 ${d.p50.toFixed(2)} ms, p95 ${d.p95.toFixed(2)} ms, max ${d.max.toFixed(1)} ms`);
        } finally {
          await scanning.stop();
          if (scanning.stderrText()) stderr.push(scanning.stderrText());
        }
      }
    }
  } finally {
    large?.dispose();
  }
  return summarize(runs, cold, duringScan, options, stderr);
}

interface DuringScanFigures {
  files: number;
  ms: number;
  latencies: number[];
}

/**
 * A workspace of `count` files: the corpus copied as many times as it takes (hard links where the
 * file system allows), each copy in its own folder, outside any git checkout so that no
 * `.gitignore` above it applies.
 */
function largeWorkspace(corpus: Corpus, count: number): { root: string; composeFiles: string[]; dispose(): void } {
  const root = mkdtempSync(join(tmpdir(), 'dockguard-bench-large-'));
  const files = KINDS.flatMap((kind) => corpus.files[kind]);
  for (let i = 0; i < count && files.length > 0; i++) {
    const file = files[i % files.length];
    const target = join(root, `copy-${Math.floor(i / files.length)}`, file.relative);
    mkdirSync(dirname(target), { recursive: true });
    try {
      linkSync(file.path, target);
    } catch {
      copyFileSync(file.path, target);
    }
  }
  // The compose files whose names the scan does not know are found by their folders, in every copy.
  const composeFiles = composeGlobs(corpus).map((glob) => `copy-*/${glob}`);
  return { root, composeFiles, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

/**
 * Types into the median Dockerfile at 10 keys/s (each keystroke waits for its diagnostics, the
 * next one comes 100 ms after the previous one was typed) from the moment the workspace request
 * is sent until its answer arrives: how the editor feels while the scan runs.
 */
async function typeDuringScan(client: BenchClient, corpus: Corpus, options: ServerOptions): Promise<DuringScanFigures> {
  const file = editTargets(corpus.files.dockerfile).find((target) => target.label === 'median')?.file ?? corpus.files.compose[0];
  const uri = client.uriOf(join(tmpdir(), `typed-${basename(file.path)}`));
  await client.open(uri, LANGUAGE_IDS[file.kind], file.text);
  const spot = typingSpot(file, 'end');
  await client.edit(uri, spot.setup);
  let finished: { files: number; ms: number } | undefined;
  const started = performance.now();
  const scan = client.workspaceDiagnostics().then((report) => {
    finished = { files: report.items.length, ms: performance.now() - started };
  });
  const latencies: number[] = [];
  for (let i = 0; !finished; i++) {
    const typedAt = performance.now();
    const at = { line: spot.line, character: spot.character + i };
    latencies.push(await client.edit(uri, { range: { start: at, end: at }, text: KEYS[i % KEYS.length] }));
    const wait = typedAt + options.typeIntervalMs - performance.now();
    if (wait > 0 && !finished) await Promise.race([sleep(wait), scan]);
  }
  await scan;
  await client.close(uri);
  return { ...finished!, latencies };
}

/** Push clients get the workspace pushed from the start, which would overlap every other phase. */
function pushSafe(settings: Record<string, unknown>, mode: 'pull' | 'push'): Record<string, unknown> {
  return mode === 'push' ? { ...settings, workspaceDiagnostics: false } : settings;
}

/**
 * The shared corpus keeps compose files under names the server does not know as compose files
 * (`owner__repo__docker-compose.yml`); `dockguard.composeFiles` names their folders, as a user
 * would for `stack.yml`.
 */
export function composeGlobs(corpus: Corpus): string[] {
  const folders = new Set(corpus.unnamedCompose.map((file) => relative(corpus.root, dirname(file.path)).split('\\').join('/')));
  return [...folders].sort().flatMap((folder) => (folder === '' ? ['*.yml', '*.yaml'] : [`${folder}/*.yml`, `${folder}/*.yaml`]));
}

async function oneRun(client: BenchClient, corpus: Corpus, options: ServerOptions): Promise<RunFigures> {
  await sleep(100);
  const figures: RunFigures = {
    initializeMs: client.initializeMs,
    afterInit: client.memory(),
    open: { dockerfile: undefined, compose: undefined },
    edits: new Map(),
    typing: new Map(),
    scan: undefined,
    rescan: undefined,
    end: undefined,
  };
  options.log(`  initialize ${client.initializeMs.toFixed(0)} ms, RSS ${figures.afterInit?.rssMb.toFixed(0)} MB`);

  for (const kind of KINDS) {
    const files = spread(corpus.files[kind], options.seqLimit);
    if (files.length === 0) continue;
    const latencies: number[] = [];
    for (const file of files) {
      const uri = client.uriOf(file.path);
      const { ms } = await client.open(uri, LANGUAGE_IDS[kind], file.text);
      latencies.push(ms);
      await client.close(uri);
    }
    figures.open[kind] = { latencies, first: latencies[0] };
    const d = distribution(latencies);
    options.log(`  open ${kind}: ${files.length} files, p50 ${d.p50.toFixed(2)} ms, p95 ${d.p95.toFixed(2)} ms, max ${d.max.toFixed(1)} ms`);
  }

  for (const kind of KINDS) {
    for (const target of editTargets(corpus.files[kind])) {
      for (const position of ['end', 'middle'] as const) {
        const dist = await editLoop(client, target.file, position, options.edits);
        figures.edits.set(`${kind}/${target.label}/${position}`, { target: { kind, ...target }, position, dist });
        options.log(`  edit ${kind} ${target.label} (${(target.file.bytes / 1024).toFixed(1)} KB) at the ${position}: p50 ${dist.p50.toFixed(2)} ms, p95 ${dist.p95.toFixed(2)} ms`);
      }
      const settleMs = await typeLoop(client, target.file, options.keys, options.typeIntervalMs);
      figures.typing.set(`${kind}/${target.label}`, { target: { kind, ...target }, settleMs });
      options.log(`  type ${kind} ${target.label}: settle ${settleMs.toFixed(1)} ms`);
    }
  }

  if (client.pull) {
    const started = performance.now();
    const report = await client.workspaceDiagnostics();
    figures.scan = { files: report.items.length, ms: performance.now() - started };
    options.log(`  scan: ${report.items.length} files in ${figures.scan.ms.toFixed(0)} ms`);
    const rescan = await client.lintWorkspace();
    figures.rescan = { files: rescan.files, ms: rescan.durationMs };
    options.log(`  rescan (server-timed): ${rescan.files} files in ${rescan.durationMs.toFixed(0)} ms`);
  }
  figures.end = client.memory();
  options.log(`  RSS at the end ${figures.end?.rssMb.toFixed(0)} MB, peak ${figures.end?.hwmMb.toFixed(0)} MB`);
  return figures;
}

/** Up to `limit` files spread evenly over the list (all when limit is 0). */
function spread(files: BenchFile[], limit: number): BenchFile[] {
  if (limit === 0 || files.length <= limit) return files;
  const step = files.length / limit;
  return Array.from({ length: limit }, (_, i) => files[Math.floor(i * step)]);
}

/**
 * Where typing happens: a new comment line at the end of the file, or before its middle line
 * with that line's indentation (inside a YAML block scalar it is text, elsewhere a comment; in
 * a Dockerfile a comment line is allowed even inside a continued instruction).
 */
function typingSpot(file: BenchFile, position: EditPosition): { setup: TextDocumentContentChangeEvent; line: number; character: number } {
  const lines = file.text.split(/\r\n|\r|\n/);
  if (position === 'end') {
    const last = lines.length - 1;
    const lastText = lines[last];
    const prefix = lastText === '' ? '# ' : '\n# ';
    const line = lastText === '' ? last : last + 1;
    return { setup: { range: { start: { line: last, character: lastText.length }, end: { line: last, character: lastText.length } }, text: prefix }, line, character: 2 };
  }
  const middle = Math.floor(lines.length / 2);
  const indent = /^[ \t]*/.exec(lines[middle])![0];
  const eol = /\r\n/.test(file.text) ? '\r\n' : '\n';
  return { setup: { range: { start: { line: middle, character: 0 }, end: { line: middle, character: 0 } }, text: `${indent}# ${eol}` }, line: middle, character: indent.length + 2 };
}

const KEYS = 'dockguard benchmark typing ';

async function editLoop(client: BenchClient, file: BenchFile, position: EditPosition, count: number): Promise<Distribution> {
  const uri = client.uriOf(file.path);
  await client.open(uri, LANGUAGE_IDS[file.kind], file.text);
  const spot = typingSpot(file, position);
  await client.edit(uri, spot.setup);
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) {
    const at = { line: spot.line, character: spot.character + i };
    latencies.push(await client.edit(uri, { range: { start: at, end: at }, text: KEYS[i % KEYS.length] }));
  }
  await client.close(uri);
  return distribution(latencies);
}

async function typeLoop(client: BenchClient, file: BenchFile, keys: number, intervalMs: number): Promise<number> {
  const uri = client.uriOf(file.path);
  await client.open(uri, LANGUAGE_IDS[file.kind], file.text);
  const spot = typingSpot(file, 'end');
  await client.edit(uri, spot.setup);
  const changes: TextDocumentContentChangeEvent[] = [];
  for (let i = 0; i < keys; i++) {
    const at = { line: spot.line, character: spot.character + i };
    changes.push({ range: { start: at, end: at }, text: KEYS[i % KEYS.length] });
  }
  const { settleMs } = await client.type(uri, changes, intervalMs);
  await client.close(uri);
  return settleMs;
}

function summarize(runs: RunFigures[], cold: { files: number; ms: number; hwm: number }[], duringScan: DuringScanFigures[], options: ServerOptions, stderr: string[]): ServerResult {
  const over = (pick: (run: RunFigures) => number): Measured => measured(runs.map(pick));
  const open = { dockerfile: undefined, compose: undefined } as ServerResult['open'];
  for (const kind of KINDS) {
    if (!runs[0]?.open[kind]) continue;
    const per = runs.map((run) => distribution(run.open[kind]!.latencies));
    open[kind] = {
      files: per[0].count,
      p50: measured(per.map((d) => d.p50)),
      p95: measured(per.map((d) => d.p95)),
      max: measured(per.map((d) => d.max)),
      firstMs: measured(runs.map((run) => run.open[kind]!.first)),
    };
  }
  const edits: EditFigure[] = [...(runs[0]?.edits.keys() ?? [])].map((key) => {
    const { target, position } = runs[0].edits.get(key)!;
    const per = runs.map((run) => run.edits.get(key)!.dist);
    return {
      kind: target.kind,
      label: target.label,
      file: target.file.relative,
      bytes: target.file.bytes,
      position,
      p50: measured(per.map((d) => d.p50)),
      p95: measured(per.map((d) => d.p95)),
      max: measured(per.map((d) => d.max)),
    };
  });
  const typing: TypeFigure[] = [...(runs[0]?.typing.keys() ?? [])].map((key) => {
    const { target } = runs[0].typing.get(key)!;
    return { kind: target.kind, label: target.label, file: target.file.relative, bytes: target.file.bytes, settleMs: measured(runs.map((run) => run.typing.get(key)!.settleMs)) };
  });
  const scans = runs.filter((run) => run.scan);
  const rescans = runs.filter((run) => run.rescan);
  const duringScanLatencies = duringScan.map((figures) => distribution(figures.latencies));
  return {
    runs: runs.length,
    mode: options.mode,
    initializeMs: over((run) => run.initializeMs),
    rssAfterInitMb: over((run) => run.afterInit?.rssMb ?? Number.NaN),
    open,
    edits,
    typing,
    scan: scans.length > 0 ? throughput(scans.map((run) => run.scan!)) : undefined,
    coldScan: cold.length > 0 ? { ...throughput(cold), hwmMb: measured(cold.map((c) => c.hwm)) } : undefined,
    rescan: rescans.length > 0 ? throughput(rescans.map((run) => run.rescan!)) : undefined,
    typingDuringScan:
      duringScan.length > 0
        ? {
            ...throughput(duringScan),
            keystrokes: measured(duringScan.map((figures) => figures.latencies.length)),
            p50: measured(duringScanLatencies.map((d) => d.p50)),
            p95: measured(duringScanLatencies.map((d) => d.p95)),
            max: measured(duringScanLatencies.map((d) => d.max)),
          }
        : undefined,
    rssEndMb: over((run) => run.end?.rssMb ?? Number.NaN),
    peakRssMb: over((run) => run.end?.hwmMb ?? Number.NaN),
    stderr,
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

