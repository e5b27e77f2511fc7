import ignore, { type Ignore } from 'ignore';
import type { FileKind } from '../types';
import { kindFromName } from '../file-kind';
import { compileGlobs, type PathMatcher } from './globs';
import type { ConfigSource } from './config-finder';
import { joinPath, normalizePath, parentPath, relativePath, type Cancellation, type DirectoryEntry, type FileSystemHost } from './host';

/** Folders never entered: version-control data and installed packages. */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['.git', '.hg', '.svn', 'node_modules']);

export interface ScanOptions {
  host: FileSystemHost;
  /** The folders to walk (workspace folders, or the directories named on the command line). */
  roots: readonly string[];
  /** Globs relative to each root of paths never reported (`files.exclude`, `dockguard.exclude`). */
  exclude?: readonly string[];
  /** Globs relative to each root of more files to lint as compose files (`dockguard.composeFiles`). */
  composeFiles?: readonly string[];
  /** Where `ignore-paths` come from; usually a `ConfigFinder`. Without it none apply. */
  configs?: ConfigSource;
  /** Honour `.gitignore` files and `.git/info/exclude`; default true. */
  gitignore?: boolean;
  /** Match globs and ignore files case-insensitively (as git does on case-insensitive disks). */
  caseInsensitive?: boolean;
}

/** A file the scan reports. `kind: 'config'` is a `.dockguard.yaml`: lint it to show its mistakes, and watch it. */
export interface FoundFile {
  type: 'file';
  path: string;
  kind: FileKind;
  /** The root it was found under. */
  root: string;
}

/** A folder or root that could not be read; the scan goes on without it. */
export interface ScanProblem {
  type: 'problem';
  path: string;
  message: string;
}

export type ScanEvent = FoundFile | ScanProblem;

interface IgnoreFile {
  /** Patterns in it are relative to this folder. */
  base: string;
  matcher: Ignore;
}

/** The filters that apply inside one root. */
interface RootContext {
  root: string;
  /** Ignore files from the repository above the root, outermost first. */
  outerIgnores: IgnoreFile[];
}

/**
 * Finds the Dockerfiles, compose files and `.dockguard.yaml` files under some folders, the way
 * the CLI and the language server both need: by name (see `kindFromName`) plus the user's extra
 * compose globs; skipping `.git` and `node_modules`, `.gitignore`d paths (nested ones too, and the
 * repository's ignore files above the root), the nearest config's `ignore-paths` and the host's
 * excludes; following symlinks but entering each real folder once, so loops end and nothing is
 * reported twice.
 *
 * `scan()` yields files one by one in a deterministic order (roots in the order given, then
 * depth-first with names sorted by code unit; see `comparePaths`). Every folder read is an
 * `await`, so a consumer can stop (break, or the cancellation) or pause between files. A
 * language server should still yield to its event loop every few hundred files, because reads
 * that hit a cache resolve without giving other work a turn.
 */
export class WorkspaceScanner {
  private readonly host: FileSystemHost;
  private readonly roots: string[];
  private readonly exclude: PathMatcher;
  private readonly composeFiles: PathMatcher;
  private readonly useGitignore: boolean;
  private readonly caseInsensitive: boolean;
  /** Folder → its `.gitignore`, or null when it has none. */
  private readonly gitignores = new Map<string, Promise<Ignore | null>>();
  private readonly ignorePathMatchers = new WeakMap<object, PathMatcher>();
  private readonly contexts = new Map<string, Promise<RootContext>>();

  constructor(private readonly options: ScanOptions) {
    this.host = options.host;
    this.roots = options.roots.map(normalizePath);
    this.caseInsensitive = options.caseInsensitive ?? false;
    this.exclude = compileGlobs(options.exclude ?? [], { caseInsensitive: this.caseInsensitive });
    this.composeFiles = compileGlobs(options.composeFiles ?? [], { caseInsensitive: this.caseInsensitive });
    this.useGitignore = options.gitignore ?? true;
  }

  async *scan(cancellation?: Cancellation): AsyncGenerator<ScanEvent, void, undefined> {
    const seenFolders = new Set<string>();
    const seenFiles = new Set<string>();
    for (const root of this.roots) {
      if (cancellation?.isCancellationRequested) return;
      let realRoot: string;
      try {
        const stat = await this.host.stat(root);
        if (!stat) throw new Error('no such folder');
        if (stat.kind !== 'directory') throw new Error('not a folder');
        realRoot = normalizePath(await this.host.realPath(root));
      } catch (error) {
        yield { type: 'problem', path: root, message: `cannot read ${root}: ${messageOf(error)}` };
        continue;
      }
      if (seenFolders.has(realRoot)) continue;
      seenFolders.add(realRoot);
      const context = await this.rootContext(root);
      yield* this.walk(context, root, realRoot, [...context.outerIgnores], seenFolders, seenFiles, cancellation);
    }
  }

  /**
   * What `scan()` would report `path` as, or undefined when it would not report it (outside the
   * roots, excluded, ignored, or not a file dockguard lints). For file-watcher events. It does
   * not look at symlinks or at whether the file exists.
   */
  async classify(path: string): Promise<FileKind | undefined> {
    const normal = normalizePath(path);
    const root = this.rootOf(normal);
    if (root === undefined) return undefined;
    const relative = relativePath(root, normal)!;
    if (relative === '') return undefined;
    const kind = this.kindOf(normal, relative);
    if (kind === undefined) return undefined;
    const context = await this.rootContext(root);
    const stack = [...context.outerIgnores];
    const segments = relative.split('/');
    let folder = root;
    for (let i = 0; i < segments.length; i++) {
      const isLast = i === segments.length - 1;
      const here = joinPath(folder, segments[i]);
      if (this.useGitignore) {
        const own = await this.gitignoreOf(folder, undefined);
        if (own) stack.push({ base: folder, matcher: own });
      }
      if (await this.isSkipped(here, segments.slice(0, i + 1).join('/'), segments[i], !isLast, stack)) return undefined;
      folder = here;
    }
    return kind;
  }

  /**
   * Forgets a cached `.gitignore` (pass the changed `.gitignore` or a folder); no argument forgets
   * all. Config changes go to the `ConfigFinder`. A new `scan()` re-reads every `.gitignore` it
   * meets anyway; this is for `classify`.
   */
  invalidate(path?: string): void {
    if (path === undefined) {
      this.gitignores.clear();
      this.contexts.clear();
      return;
    }
    const normal = normalizePath(path);
    const folder = normal.endsWith('/.gitignore') ? parentPath(normal)! : normal;
    for (const key of [...this.gitignores.keys()]) {
      if (relativePath(folder, key) !== undefined) this.gitignores.delete(key);
    }
    // Ignore files above a root are part of its context.
    for (const root of [...this.contexts.keys()]) {
      if (relativePath(root, folder) === undefined) this.contexts.delete(root);
    }
  }

  private async *walk(
    context: RootContext,
    folder: string,
    realFolder: string,
    stack: IgnoreFile[],
    seenFolders: Set<string>,
    seenFiles: Set<string>,
    cancellation: Cancellation | undefined,
  ): AsyncGenerator<ScanEvent, void, undefined> {
    if (cancellation?.isCancellationRequested) return;
    let entries: DirectoryEntry[];
    try {
      entries = await this.host.readDirectory(folder);
    } catch (error) {
      yield { type: 'problem', path: folder, message: `cannot read folder ${folder}: ${messageOf(error)}` };
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    if (this.useGitignore) {
      const listed = entries.some((entry) => entry.name === '.gitignore' && entry.kind !== 'directory');
      // A new scan reads the file again: it may have changed since the last one.
      this.gitignores.delete(folder);
      const own = await this.gitignoreOf(folder, listed);
      if (own) stack = [...stack, { base: folder, matcher: own }];
    }
    for (const entry of entries) {
      if (cancellation?.isCancellationRequested) return;
      const path = joinPath(folder, entry.name);
      let kind = entry.kind;
      if (kind === 'symlink') {
        const target = await this.host.stat(path).catch(() => undefined);
        if (!target) continue; // dangling
        kind = target.kind;
      }
      if (kind !== 'file' && kind !== 'directory') continue;
      const relative = relativePath(context.root, path)!;
      if (await this.isSkipped(path, relative, entry.name, kind === 'directory', stack)) continue;
      if (kind === 'directory') {
        let realPath: string;
        try {
          realPath = entry.kind === 'symlink' ? normalizePath(await this.host.realPath(path)) : joinPath(realFolder, entry.name);
        } catch (error) {
          yield { type: 'problem', path, message: `cannot resolve ${path}: ${messageOf(error)}` };
          continue;
        }
        if (seenFolders.has(realPath)) continue;
        seenFolders.add(realPath);
        yield* this.walk(context, path, realPath, stack, seenFolders, seenFiles, cancellation);
        continue;
      }
      const fileKind = this.kindOf(path, relative);
      if (fileKind === undefined) continue;
      let realPath: string;
      try {
        realPath = entry.kind === 'symlink' ? normalizePath(await this.host.realPath(path)) : joinPath(realFolder, entry.name);
      } catch {
        continue;
      }
      if (seenFiles.has(realPath)) continue;
      seenFiles.add(realPath);
      yield { type: 'file', path, kind: fileKind, root: context.root };
    }
  }

  private kindOf(path: string, relative: string): FileKind | undefined {
    return kindFromName(path) ?? (this.composeFiles(relative) ? 'compose' : undefined);
  }

  /** Whether an entry is left out: by name, the host's excludes, ignore files or `ignore-paths`. */
  private async isSkipped(path: string, relative: string, name: string, isFolder: boolean, stack: readonly IgnoreFile[]): Promise<boolean> {
    if (isFolder && SKIPPED_FOLDERS.has(name)) return true;
    if (this.exclude(relative)) return true;
    if (this.useGitignore && isIgnored(stack, path, isFolder)) return true;
    if (this.options.configs) {
      // The config of the folder an entry sits in decides; a folder's own config is about what
      // is inside it and cannot ignore the folder itself.
      const config = await this.options.configs.configFor(parentPath(path)!);
      if (config?.config.ignorePaths && config.config.ignorePaths.length > 0) {
        const fromConfig = relativePath(config.directory, path);
        if (fromConfig && this.ignorePathsMatcher(config)(fromConfig)) return true;
      }
    }
    return false;
  }

  private ignorePathsMatcher(config: { config: { ignorePaths?: readonly string[] } }): PathMatcher {
    let matcher = this.ignorePathMatchers.get(config);
    if (!matcher) {
      matcher = compileGlobs(config.config.ignorePaths ?? [], { caseInsensitive: this.caseInsensitive });
      this.ignorePathMatchers.set(config, matcher);
    }
    return matcher;
  }

  private rootOf(path: string): string | undefined {
    let best: string | undefined;
    for (const root of this.roots) {
      if (relativePath(root, path) !== undefined && (best === undefined || root.length > best.length)) best = root;
    }
    return best;
  }

  private rootContext(root: string): Promise<RootContext> {
    let context = this.contexts.get(root);
    if (!context) {
      context = this.buildRootContext(root);
      this.contexts.set(root, context);
    }
    return context;
  }

  /**
   * When the root is inside a git repository, the repository's `.git/info/exclude` and the
   * `.gitignore` files between its top and the root apply too, as they do for `git status` run
   * in the root. If they ignore the root itself, the user named it on purpose: they are dropped.
   */
  private async buildRootContext(root: string): Promise<RootContext> {
    const context: RootContext = { root, outerIgnores: [] };
    if (!this.useGitignore) return context;
    let top: string | undefined;
    for (let folder: string | undefined = root; folder !== undefined; folder = parentPath(folder)) {
      const git = await this.host.stat(joinPath(folder, '.git')).catch(() => undefined);
      if (git) {
        top = folder;
        if (git.kind === 'directory') {
          const exclude = await this.readIgnoreFile(joinPath(folder, '.git/info/exclude'));
          if (exclude) context.outerIgnores.push({ base: folder, matcher: exclude });
        }
        break;
      }
    }
    if (top === undefined || top === root) return context;
    const between: string[] = [];
    for (let folder = parentPath(root); folder !== undefined; folder = parentPath(folder)) {
      between.unshift(folder);
      if (folder === top) break;
    }
    for (const folder of between) {
      const own = await this.gitignoreOf(folder, undefined);
      if (own) context.outerIgnores.push({ base: folder, matcher: own });
    }
    if (isIgnored(context.outerIgnores, root, true)) context.outerIgnores = [];
    return context;
  }

  /** `listed`: whether the folder listing showed a `.gitignore` (undefined when not known: read and see). */
  private gitignoreOf(folder: string, listed: boolean | undefined): Promise<Ignore | null> {
    let answer = this.gitignores.get(folder);
    if (!answer) {
      answer = listed === false ? Promise.resolve(null) : this.readIgnoreFile(joinPath(folder, '.gitignore'));
      this.gitignores.set(folder, answer);
    }
    return answer;
  }

  private async readIgnoreFile(path: string): Promise<Ignore | null> {
    const text = await this.host.readFile(path).catch(() => undefined);
    if (text === undefined) return null;
    return ignore({ ignorecase: this.caseInsensitive }).add(text);
  }
}

/**
 * Git's precedence: the ignore file nearest to the path decides when one of its patterns
 * matches (ignoring or, with `!`, re-including); otherwise the next one up. Folders are tested
 * with a trailing `/` so that `build/` patterns match them.
 */
function isIgnored(stack: readonly IgnoreFile[], path: string, isFolder: boolean): boolean {
  for (let i = stack.length - 1; i >= 0; i--) {
    const { base, matcher } = stack[i];
    const relative = relativePath(base, path);
    if (!relative) continue;
    let result;
    try {
      result = matcher.test(isFolder ? `${relative}/` : relative);
    } catch {
      continue; // a name the matcher cannot take (e.g. with a backslash) is not ignored
    }
    if (result.ignored) return true;
    if (result.unignored) return false;
  }
  return false;
}

function messageOf(error: unknown): string {
  if (error && typeof error === 'object') {
    const code = (error as { code?: unknown }).code;
    const message = (error as { message?: unknown }).message;
    if (typeof code === 'string' && typeof message === 'string' && !message.includes(code)) return `${code}: ${message}`;
    if (typeof message === 'string') return message;
  }
  return String(error);
}

/** The files under `options.roots`; see `WorkspaceScanner`. */
export function scanWorkspace(options: ScanOptions, cancellation?: Cancellation): AsyncGenerator<ScanEvent, void, undefined> {
  return new WorkspaceScanner(options).scan(cancellation);
}

