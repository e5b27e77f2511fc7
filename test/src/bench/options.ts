import { resolve } from 'node:path';

/** The repository root (this file is test/src/bench/options.ts). */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');

export type Section = 'engine' | 'cli' | 'server';
export const SECTIONS: readonly Section[] = ['engine', 'cli', 'server'];

export interface BenchOptions {
  corpus: string;
  sections: Section[];
  /** Fresh CLI processes and fresh servers; the engine's figures come from `passes`. */
  runs: number;
  quick: boolean;
  /** Engine: passes over the corpus thrown away before measuring (JIT warm-up). */
  warmup: number;
  /** Engine: measured passes; every per-file figure is the median over them. */
  passes: number;
  /** Only every n-th file of each kind (1 = all). `--quick` sets it to 5. */
  sample: number;
  /** Server: closed-loop one-character edits per file and position. */
  edits: number;
  /** Server: keystrokes typed at `typeIntervalMs` for the settle figure. */
  keys: number;
  typeIntervalMs: number;
  /** Server: files opened one at a time for open→diagnostics, per kind (0 = all). */
  seqLimit: number;
  /** Server: files of the large workspace scanned while typing (copies of the corpus; 0 = skip). */
  largeWorkspace: number;
  /** How the benchmark client takes diagnostics: pull (as VS Code) or push (as Neovim 0.7). */
  mode: 'pull' | 'push';
  /** Engine section: the bundle to measure (default the built dist/engine.browser.js). */
  engineBundle: string;
  serverPath: string;
  cliPath: string;
  out: string;
  /** Write CPU profiles of the CLI and server child processes here. */
  profileDir: string | undefined;
  timeoutMs: number;
  verbose: boolean;
}

export const USAGE = `Usage: npm run bench -- [options] [corpus folder]

Measures the engine in process, the built CLI (dist/cli.js) and the built language server
(dist/server.js over --stdio) on a corpus of Dockerfiles and compose files, prints every figure
against its target and writes the raw figures as JSON.

  corpus folder          default: ../shared/corpus (relative to the repository)
  --only LIST            engine, cli, server (comma-separated; default all three)
  --runs N               fresh CLI processes / fresh servers (default 5; --quick: 1)
  --quick                a fast check: every 5th file, fewer passes, edits and keystrokes
  --warmup N             engine passes before measuring (default 3; --quick: 1)
  --passes N             engine passes measured (default 7; --quick: 3)
  --sample N             only every N-th file of each kind (default 1)
  --edits N              closed-loop edits per file and position (default 100; --quick: 25)
  --keys N               keystrokes at 10 keys/s for the settle figure (default 20; --quick: 10)
  --seq-limit N          files per kind opened one by one (default all; --quick: 150)
  --large-workspace N    files of the workspace scanned while typing (default 10000; --quick: 0, skip)
  --mode pull|push       how the client takes diagnostics (default pull, as VS Code)
  --engine FILE          the engine bundle to measure (default dist/engine.browser.js)
  --server FILE          default dist/server.js
  --cli FILE             default dist/cli.js
  --out FILE             default build-output/bench.json
  --profile DIR          write V8 CPU profiles of the CLI and server processes into DIR
  --timeout-ms N         give up waiting for one answer after N ms (default 30000)
  --verbose              progress on stderr
  -h, --help
`;

export function parseOptions(argv: readonly string[]): BenchOptions | 'help' {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const positional: string[] = [];
  const valued = new Set([
    'only', 'engine', 'runs', 'warmup', 'passes', 'sample', 'edits', 'keys', 'seq-limit', 'large-workspace', 'mode', 'server', 'cli', 'out', 'profile', 'timeout-ms',
    'type-interval-ms',
  ]);
  const boolean = new Set(['quick', 'verbose', 'help']);
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    if (argument === '-h') return 'help';
    if (!argument.startsWith('--')) {
      positional.push(argument);
      continue;
    }
    const [name, inline] = argument.slice(2).split(/=(.*)/s, 2);
    if (boolean.has(name)) {
      if (inline !== undefined) throw new Error(`--${name} takes no value`);
      flags.add(name);
    } else if (valued.has(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new Error(`--${name} needs a value`);
      values.set(name, value);
    } else {
      throw new Error(`unknown option --${name}`);
    }
  }
  if (flags.has('help')) return 'help';
  if (positional.length > 1) throw new Error(`one corpus folder, not ${positional.length}`);

  const quick = flags.has('quick');
  const count = (name: string, fallback: number, min = 0): number => {
    const raw = values.get(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) throw new Error(`--${name} wants a whole number ≥ ${min}, not '${raw}'`);
    return value;
  };
  const sections = (values.get('only') ?? SECTIONS.join(','))
    .split(',')
    .map((section) => section.trim())
    .filter((section) => section !== '');
  for (const section of sections) if (!SECTIONS.includes(section as Section)) throw new Error(`--only: unknown section '${section}' (engine, cli, server)`);
  const mode = values.get('mode') ?? 'pull';
  if (mode !== 'pull' && mode !== 'push') throw new Error(`--mode is pull or push, not '${mode}'`);

  return {
    corpus: resolve(positional[0] ?? resolve(REPO_ROOT, '..', 'shared', 'corpus')),
    sections: SECTIONS.filter((section) => sections.includes(section)),
    runs: count('runs', quick ? 1 : 5, 1),
    quick,
    warmup: count('warmup', quick ? 1 : 3),
    passes: count('passes', quick ? 3 : 7, 1),
    sample: count('sample', quick ? 5 : 1, 1),
    edits: count('edits', quick ? 25 : 100, 1),
    keys: count('keys', quick ? 10 : 20, 1),
    typeIntervalMs: count('type-interval-ms', 100, 1),
    seqLimit: count('seq-limit', quick ? 150 : 0),
    largeWorkspace: count('large-workspace', quick ? 0 : 10_000),
    mode,
    engineBundle: resolve(values.get('engine') ?? resolve(REPO_ROOT, 'dist', 'engine.browser.js')),
    serverPath: resolve(values.get('server') ?? resolve(REPO_ROOT, 'dist', 'server.js')),
    cliPath: resolve(values.get('cli') ?? resolve(REPO_ROOT, 'dist', 'cli.js')),
    out: resolve(values.get('out') ?? resolve(REPO_ROOT, 'build-output', 'bench.json')),
    profileDir: values.has('profile') ? resolve(values.get('profile')!) : undefined,
    timeoutMs: count('timeout-ms', 30_000, 1),
    verbose: flags.has('verbose'),
  };
}
