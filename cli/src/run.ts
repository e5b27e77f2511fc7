import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  ALL_RULES,
  compileGlobs,
  comparePaths,
  ConfigFinder,
  detectKind,
  docsUrl,
  isYamlName,
  LineIndex,
  lint,
  parseConfig,
  resolveConfig,
  WorkspaceScanner,
  type ConfigLayer,
  type ConfigSource,
  type EffectiveConfig,
  type FileKind,
  type LoadedConfig,
  type PathMatcher,
  type Severity,
} from '../../shared/src/index';
import { HELP, parseCommandLine, UsageError, type CliOptions } from './args';
import { decodeSource, nodeFileSystem, readSource, toNative, toPosix, tooLarge, type SourceText, type Unlintable } from './files';
import { fingerprints, sarifFrame } from './format-sarif';
import { textSummary } from './format-text';
import { renderFile, type RenderedFile } from './render';
import { errorMessage, lintSource, withoutSuppress, type FileOutcome, type FileTask, type TaskSettings } from './lint-file';
import { lintAll, workerCount } from './pool';
import { SEVERITY_RANK, type FileReport, type RunSummary } from './report';

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export interface Output {
  write(text: string | Uint8Array): unknown;
  isTTY?: boolean;
}

/** Everything the CLI touches besides the file system, so tests and `main` can differ. */
export interface CliEnvironment {
  cwd: string;
  stdout: Output;
  stderr: Output;
  env: Record<string, string | undefined>;
  readStdin(): Buffer;
  version: string;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/** Runs the command line; resolves to the exit code. Never throws for user errors. */
export async function run(argv: readonly string[], environment: CliEnvironment): Promise<number> {
  let options: CliOptions;
  try {
    options = parseCommandLine(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      environment.stderr.write(`dockguard: ${error.message}\nRun 'dockguard --help' for usage.\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
  if (options.help) {
    environment.stdout.write(HELP);
    return EXIT_OK;
  }
  if (options.version) {
    environment.stdout.write(`${environment.version}\n`);
    return EXIT_OK;
  }
  if (options.listRules) {
    environment.stdout.write(options.format === 'json' ? listRulesJson() : listRulesText());
    return EXIT_OK;
  }
  try {
    return await new Run(options, environment).execute();
  } catch (error) {
    if (error instanceof UsageError) {
      environment.stderr.write(`dockguard: ${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}

function listRulesText(): string {
  const nameWidth = Math.max(...ALL_RULES.map((rule) => rule.name.length));
  const lines = ALL_RULES.map((rule) => {
    const kind = rule.kind === 'any' ? 'any file' : rule.kind;
    return `${rule.id}  ${rule.name.padEnd(nameWidth)}  ${rule.defaultSeverity.padEnd(7)}  ${kind.padEnd(10)}  ${rule.fixable ? 'fix' : '   '}  ${rule.summary}`;
  });
  return `${lines.join('\n')}\n`;
}

function listRulesJson(): string {
  return `${JSON.stringify(
    ALL_RULES.map((rule) => ({
      id: rule.id,
      name: rule.name,
      kind: rule.kind,
      defaultSeverity: rule.defaultSeverity,
      fixable: rule.fixable,
      cheatSheet: rule.cheatSheet,
      summary: rule.summary,
      docsUrl: docsUrl(rule),
    })),
  )}\n`;
}

/** A `--config` file: it governs every file, wherever it is. */
class FixedConfig implements ConfigSource {
  constructor(readonly loaded: LoadedConfig) {}
  async configFor(): Promise<LoadedConfig> {
    return this.loaded;
  }
}

class Run {
  private readonly cwd: string;
  private readonly cliLayer: ConfigLayer;
  private readonly configs: ConfigFinder | FixedConfig;
  /** Effective configs by the config file they come from; tasks refer to them by index. */
  private readonly configTable: EffectiveConfig[] = [];
  private readonly configIds = new Map<LoadedConfig | undefined, number>();
  private readonly ignoreMatchers = new WeakMap<LoadedConfig, PathMatcher>();
  private readonly tasks: FileTask[] = [];
  private readonly queued = new Set<string>();
  private readonly files: RenderedFile[] = [];
  private readonly notes: string[] = [];
  private readonly summary: RunSummary = { filesLinted: 0, fixesApplied: 0, filesFixed: 0 };
  private readonly started = Date.now();
  private done = 0;
  private progressShown = false;
  private lastProgress = 0;

  constructor(
    private readonly options: CliOptions,
    private readonly environment: CliEnvironment,
  ) {
    this.cwd = toPosix(path.resolve(environment.cwd));
    this.cliLayer = {};
    if (Object.keys(options.rules).length > 0) this.cliLayer.rules = options.rules;
    if (options.maxFileSize !== undefined) this.cliLayer.maxFileSize = options.maxFileSize;
    this.configs = options.config ? new FixedConfig(this.loadNamedConfig(options.config)) : new ConfigFinder(nodeFileSystem);
  }

  private get settings(): TaskSettings {
    return { fix: this.options.fix, render: { format: this.options.format, color: useColor(this.output, this.environment.env), quiet: this.options.quiet } };
  }

  /** With --stdin --fix the fixed text owns standard output; the report goes to standard error. */
  private get output(): Output {
    return this.options.stdin && this.options.fix ? this.environment.stderr : this.environment.stdout;
  }

  async execute(): Promise<number> {
    if (this.options.stdin) {
      await this.lintStdin();
    } else {
      await this.collectFiles();
      const outcomes: (FileOutcome | undefined)[] = [];
      const workers = workerCount(this.tasks.length, this.environment.env);
      await lintAll(this.tasks, this.configTable, this.settings, workers, (index, outcome) => {
        outcomes[index] = outcome;
        this.done++;
        this.showProgress();
      });
      // Taken in task order, so that messages come out the same however the work was shared.
      for (const outcome of outcomes) if (outcome) this.take(outcome);
    }
    this.clearProgress();
    if (this.configs instanceof ConfigFinder) await this.reportBrokenConfigs(this.configs);
    for (const note of this.notes) this.environment.stderr.write(`dockguard: ${note}\n`);
    return this.finish();
  }

  /** `--config FILE`: unreadable or invalid is a usage error listing every mistake with its position. */
  private loadNamedConfig(file: string): LoadedConfig {
    const absolute = path.resolve(this.environment.cwd, file);
    let text: string;
    try {
      const source = readSource(absolute, 1024 * 1024);
      if ('skipped' in source) throw new Error(source.skipped.replace(/^File not linted: /, ''));
      text = source.text;
    } catch (error) {
      throw new UsageError(`cannot read config ${file}: ${errorMessage(error)}`);
    }
    const { config, problems } = parseConfig(text);
    if (problems.length > 0) {
      const index = new LineIndex(text);
      const lines = problems.map((problem) => {
        const position = index.positionAt(problem.start);
        return `${file}:${position.line + 1}:${position.character + 1}: ${problem.kind === 'syntax' ? 'YAML syntax error: ' : ''}${problem.message}`;
      });
      throw new UsageError(`invalid config ${file}:\n${lines.join('\n')}`);
    }
    const posix = toPosix(absolute);
    return { path: posix, directory: path.posix.dirname(posix), text, config, problems };
  }

  /** The files named on the command line, then those found in the folders named, as tasks. */
  private async collectFiles(): Promise<void> {
    const roots: string[] = [];
    const files: string[] = [];
    for (const given of this.options.paths.length > 0 ? this.options.paths : ['.']) {
      const absolute = path.resolve(this.environment.cwd, given);
      let stat: fs.Stats;
      try {
        stat = fs.statSync(absolute);
        fs.accessSync(absolute, stat.isDirectory() ? fs.constants.R_OK | fs.constants.X_OK : fs.constants.R_OK);
      } catch (error) {
        throw new UsageError(`cannot read ${given}: ${errorMessage(error)}`);
      }
      if (stat.isDirectory()) roots.push(toPosix(absolute));
      else if (stat.isFile()) files.push(toPosix(absolute));
      else throw new UsageError(`cannot lint ${given}: it is neither a file nor a folder (use --stdin for a pipe)`);
    }
    for (const file of files) {
      const loaded = await this.configs.configFor(path.posix.dirname(file));
      // pre-commit names each changed file: the config's ignore-paths still apply to them.
      if (this.isIgnoredByConfig(loaded, file)) {
        this.notes.push(`${this.displayPath(file)} is in the config's ignore-paths; not linted`);
        continue;
      }
      this.queue(file, undefined, loaded);
    }
    if (roots.length === 0) return;
    const scanner = new WorkspaceScanner({ host: nodeFileSystem, roots, configs: this.configs });
    for await (const event of scanner.scan()) {
      if (event.type === 'problem') {
        this.notes.push(`warning: ${event.message}; skipped`);
        continue;
      }
      // With --config, other config files do not apply, so their mistakes do not matter here.
      if (event.kind === 'config' && this.configs instanceof FixedConfig) continue;
      this.queue(event.path, event.kind, await this.configs.configFor(path.posix.dirname(event.path)));
    }
  }

  private queue(file: string, kind: FileKind | undefined, loaded: LoadedConfig | undefined): void {
    if (this.queued.has(file)) return;
    this.queued.add(file);
    this.tasks.push({ path: file, display: this.displayPath(file), kind, configId: this.configId(loaded) });
  }

  private take(outcome: FileOutcome): void {
    this.notes.push(...outcome.notes);
    this.summary.fixesApplied += outcome.fixesApplied;
    if (outcome.fixed) this.summary.filesFixed++;
    if (outcome.report) this.files.push(outcome.report);
  }

  private async lintStdin(): Promise<void> {
    const name = this.options.stdinFilename;
    const absolute = toPosix(path.resolve(this.environment.cwd, name ?? 'stdin'));
    const loaded = await this.configs.configFor(path.posix.dirname(absolute));
    const config = this.configTable[this.configId(loaded)];
    const bytes = this.environment.readStdin();
    // --stdin --fix always echoes the text, fixed or not, so that it can sit in a pipe.
    const echo = (): void => {
      if (this.options.fix) this.environment.stdout.write(bytes);
    };
    if (name !== undefined && this.isIgnoredByConfig(loaded, absolute)) {
      this.notes.push(`${name} is in the config's ignore-paths; not linted`);
      echo();
      return;
    }
    const source: SourceText | Unlintable = bytes.length > config.maxFileSize ? tooLarge(bytes.length, config.maxFileSize) : decodeSource(bytes);
    let kind: FileKind | undefined;
    if (name === undefined) kind = 'text' in source && /^services[ \t]*:/m.test(source.text) ? 'compose' : 'dockerfile';
    else kind = detectKind(absolute, 'text' in source ? source.text : undefined) ?? (isYamlName(absolute) && 'skipped' in source ? 'compose' : undefined);
    if (kind === undefined) {
      this.notes.push(`${name} is not a Dockerfile or compose file (no top-level services:); not linted`);
      echo();
      return;
    }
    const display = name === undefined ? '<stdin>' : this.displayPath(absolute);
    let written = false;
    const save = (fixed: SourceText): void => {
      this.environment.stdout.write(fixed.bom ? `\uFEFF${fixed.text}` : fixed.text);
      written = true;
    };
    this.take(lintSource(display, absolute, kind, source, config, this.settings, save, true));
    if (!written) echo();
  }

  /** Configs read along the way whose mistakes were not reported yet: reported on themselves, while the defaults applied. */
  private async reportBrokenConfigs(finder: ConfigFinder): Promise<void> {
    for (const loaded of await finder.loadedConfigs()) {
      if (loaded.problems.length === 0 || this.queued.has(loaded.path)) continue;
      this.queued.add(loaded.path);
      const config = this.configTable[this.configId(loaded)];
      const findings = lint(loaded.text, { fileName: toNative(loaded.path), kind: 'config', config }).findings.map(withoutSuppress);
      if (findings.length === 0) continue;
      const report: FileReport = { filePath: this.displayPath(loaded.path), absolutePath: loaded.path, kind: 'config', findings, fingerprints: fingerprints(findings, loaded.text) };
      const rendered = renderFile(report, this.settings.render);
      if (rendered) this.files.push(rendered);
    }
  }

  private finish(): number {
    const files = this.files.sort((a, b) => comparePaths(a.absolutePath, b.absolutePath));
    this.summary.filesLinted = files.length;
    const failAt = SEVERITY_RANK[this.options.failLevel];
    const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
    let fixable = 0;
    let filesWithFindings = 0;
    for (const file of files) {
      for (const severity of SEVERITIES) counts[severity] += file.counts[severity];
      fixable += file.fixable;
      if (file.counts.error + file.counts.warning + file.counts.info > 0) filesWithFindings++;
    }
    const failed = SEVERITIES.some((severity) => SEVERITY_RANK[severity] >= failAt && counts[severity] > 0);
    const out = this.output;
    switch (this.options.format) {
      case 'json':
        writeChunks(out, ['[', ...separated(files.map((file) => file.output), ','), ']\n']);
        break;
      case 'sarif': {
        const frame = sarifFrame(this.environment.version, this.cwd);
        const results = files.map((file) => file.output).filter((output) => output !== '');
        writeChunks(out, [frame.head, ...separated(results, ','), frame.tail]);
        break;
      }
      case 'text':
        if (!(this.options.quiet && filesWithFindings === 0)) {
          const lines = files.map((file) => file.output);
          writeChunks(out, [...lines, filesWithFindings > 0 ? '\n' : '', textSummary(this.summary, counts, filesWithFindings, fixable, this.settings.render.color)]);
        }
        break;
    }
    return failed ? EXIT_FINDINGS : EXIT_OK;
  }

  private configId(loaded: LoadedConfig | undefined): number {
    let id = this.configIds.get(loaded);
    if (id === undefined) {
      id = this.configTable.length;
      this.configTable.push(resolveConfig(loaded?.config, this.cliLayer));
      this.configIds.set(loaded, id);
    }
    return id;
  }

  private isIgnoredByConfig(loaded: LoadedConfig | undefined, file: string): boolean {
    const patterns = loaded?.config.ignorePaths;
    if (!loaded || !patterns || patterns.length === 0) return false;
    const relative = path.posix.relative(loaded.directory, file);
    if (relative === '' || relative.startsWith('..')) return false;
    let matcher = this.ignoreMatchers.get(loaded);
    if (!matcher) {
      matcher = compileGlobs(patterns);
      this.ignoreMatchers.set(loaded, matcher);
    }
    const segments = relative.split('/');
    for (let i = 1; i <= segments.length; i++) if (matcher(segments.slice(0, i).join('/'))) return true;
    return false;
  }

  private displayPath(file: string): string {
    const relative = path.posix.relative(this.cwd, file);
    return relative === '' || relative === '..' || relative.startsWith('../') || path.posix.isAbsolute(relative) ? file : relative;
  }

  /** A count on standard error, only for a terminal and only once a run has taken over a second. */
  private showProgress(): void {
    if (!this.environment.stderr.isTTY) return;
    const now = Date.now();
    if (now - this.started < 1000 || now - this.lastProgress < 100) return;
    this.lastProgress = now;
    this.progressShown = true;
    this.environment.stderr.write(`\r\x1b[Kdockguard: ${this.done} of ${this.tasks.length} files checked…`);
  }

  private clearProgress(): void {
    if (this.progressShown) this.environment.stderr.write('\r\x1b[K');
  }
}

/** Writes in blocks of about 64 KB: few system calls, and no string as large as the whole output. */
function writeChunks(out: Output, chunks: Iterable<string>): void {
  let buffer = '';
  for (const chunk of chunks) {
    buffer += chunk;
    if (buffer.length >= 65536) {
      out.write(buffer);
      buffer = '';
    }
  }
  if (buffer !== '') out.write(buffer);
}

function separated(parts: readonly string[], separator: string): string[] {
  return parts.map((part, i) => (i === 0 ? part : separator + part));
}

function useColor(out: Output, env: Record<string, string | undefined>): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return out.isTTY === true && env.TERM !== 'dumb';
}

