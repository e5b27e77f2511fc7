/**
 * The file access the workspace pieces need, injected by the host (the CLI on Node's `fs`, the
 * language server on `fs` or the editor's file system, tests on memory). Paths are absolute and
 * use `/` as separator (`/home/me/app`, or `c:/work/app` on Windows); the host converts.
 */

export type EntryKind = 'file' | 'directory' | 'symlink' | 'other';

export interface DirectoryEntry {
  name: string;
  /** `symlink` without following it: the walk decides whether and where to follow. */
  kind: EntryKind;
}

export interface FileStat {
  kind: 'file' | 'directory' | 'other';
  /** In bytes. */
  size: number;
}

export interface FileSystemHost {
  /** The entries of a directory, in any order. Throws when the directory cannot be read. */
  readDirectory(path: string): Promise<DirectoryEntry[]>;
  /** The path with every symlink resolved. Throws when it does not exist (or loops). */
  realPath(path: string): Promise<string>;
  /** The file's text (UTF-8), or undefined when it does not exist or cannot be read. */
  readFile(path: string): Promise<string | undefined>;
  /** Follows symlinks; undefined when nothing is there (including a dangling symlink). */
  stat(path: string): Promise<FileStat | undefined>;
}

/** What `CancellationToken` (LSP) offers; an `AbortSignal` adapts with `{ get isCancellationRequested() { return signal.aborted } }`. */
export interface Cancellation {
  readonly isCancellationRequested: boolean;
}

/** `a` + `b`, with exactly one `/` between them. */
export function joinPath(directory: string, name: string): string {
  return directory.endsWith('/') ? directory + name : `${directory}/${name}`;
}

/** A path without a trailing slash, except for a root (`/`, `c:/`). Backslashes become slashes. */
export function normalizePath(path: string): string {
  let normal = path.replace(/\\/g, '/').replace(/\/{2,}/g, '/');
  while (normal.length > 1 && normal.endsWith('/') && !isRoot(normal)) normal = normal.slice(0, -1);
  return normal;
}

function isRoot(path: string): boolean {
  return path === '/' || /^[A-Za-z]:\/$/.test(path);
}

/** The folder that holds `path`; undefined for a root. */
export function parentPath(path: string): string | undefined {
  const normal = normalizePath(path);
  if (isRoot(normal)) return undefined;
  const slash = normal.lastIndexOf('/');
  if (slash < 0) return undefined;
  const parent = normal.slice(0, slash);
  if (parent === '') return '/';
  if (/^[A-Za-z]:$/.test(parent)) return `${parent}/`;
  return parent;
}

/**
 * `path` relative to `base` with `/` separators: `''` for `base` itself, undefined when `path`
 * is not inside `base`.
 */
export function relativePath(base: string, path: string): string | undefined {
  if (path === base) return '';
  const prefix = base.endsWith('/') ? base : `${base}/`;
  return path.startsWith(prefix) ? path.slice(prefix.length) : undefined;
}

/**
 * Orders paths segment by segment, each segment by UTF-16 code units (not by locale, so the order
 * is the same on every machine). This is the order of a depth-first walk over sorted folder
 * entries: everything in folder `a` stays together, between `Dockerfile` and `b`.
 */
export function comparePaths(a: string, b: string): number {
  const left = a.split('/');
  const right = b.split('/');
  const length = Math.min(left.length, right.length);
  for (let i = 0; i < length; i++) {
    if (left[i] !== right[i]) return left[i] < right[i] ? -1 : 1;
  }
  return left.length - right.length;
}
