import type { DirectoryEntry, FileStat, FileSystemHost } from './host';
import { joinPath, normalizePath, parentPath } from './host';

type MemoryNode = { type: 'file'; text: string } | { type: 'directory' } | { type: 'symlink'; target: string };

/**
 * A file system in memory, for tests of the workspace pieces and of hosts built on them.
 * Symlinks resolve like POSIX ones (relative targets from the link's folder, at most 40 hops).
 * `deny(path)` makes reads of a path fail as a permission error would. `reads` counts calls.
 */
export class MemoryFileSystem implements FileSystemHost {
  private readonly nodes = new Map<string, MemoryNode>([['/', { type: 'directory' }]]);
  private readonly denied = new Set<string>();
  readonly reads = { readDirectory: 0, readFile: 0, realPath: 0, stat: 0 };

  /** Creates or replaces a file, and the folders above it. */
  file(path: string, text: string): this {
    const normal = normalizePath(path);
    this.makeParents(normal);
    this.nodes.set(normal, { type: 'file', text });
    return this;
  }

  directory(path: string): this {
    const normal = normalizePath(path);
    this.makeParents(normal);
    this.nodes.set(normal, { type: 'directory' });
    return this;
  }

  symlink(path: string, target: string): this {
    const normal = normalizePath(path);
    this.makeParents(normal);
    this.nodes.set(normal, { type: 'symlink', target });
    return this;
  }

  /** Removes a path and everything below it. */
  remove(path: string): this {
    const normal = normalizePath(path);
    for (const key of [...this.nodes.keys()]) {
      if (key === normal || key.startsWith(`${normal}/`)) this.nodes.delete(key);
    }
    return this;
  }

  deny(path: string): this {
    this.denied.add(normalizePath(path));
    return this;
  }

  async readDirectory(path: string): Promise<DirectoryEntry[]> {
    this.reads.readDirectory++;
    const real = this.resolve(path);
    if (this.denied.has(real)) throw failure('EACCES', `permission denied, scandir '${path}'`);
    const node = this.nodes.get(real);
    if (!node) throw failure('ENOENT', `no such file or directory, scandir '${path}'`);
    if (node.type !== 'directory') throw failure('ENOTDIR', `not a directory, scandir '${path}'`);
    const entries: DirectoryEntry[] = [];
    for (const [key, child] of this.nodes) {
      if (key !== real && parentPath(key) === real) {
        entries.push({ name: key.slice(key.lastIndexOf('/') + 1), kind: child.type === 'symlink' ? 'symlink' : child.type });
      }
    }
    // Unordered on purpose: the scanner must not rely on the host's order.
    return entries.reverse();
  }

  async realPath(path: string): Promise<string> {
    this.reads.realPath++;
    const real = this.resolve(path);
    if (!this.nodes.has(real)) throw failure('ENOENT', `no such file or directory, realpath '${path}'`);
    return real;
  }

  async readFile(path: string): Promise<string | undefined> {
    this.reads.readFile++;
    let real: string;
    try {
      real = this.resolve(path);
    } catch {
      return undefined;
    }
    const node = this.nodes.get(real);
    if (!node || node.type !== 'file' || this.denied.has(real)) return undefined;
    return node.text;
  }

  async stat(path: string): Promise<FileStat | undefined> {
    this.reads.stat++;
    let real: string;
    try {
      real = this.resolve(path);
    } catch {
      return undefined;
    }
    const node = this.nodes.get(real);
    if (!node) return undefined;
    return node.type === 'file' ? { kind: 'file', size: node.text.length } : { kind: 'directory', size: 0 };
  }

  /** The path with every symlink on it resolved; throws on a loop. */
  private resolve(path: string): string {
    let hops = 0;
    let pending = normalizePath(path).split('/').filter(Boolean);
    let current = '/';
    while (pending.length > 0) {
      const [name, ...rest] = pending;
      pending = rest;
      if (name === '.') continue;
      if (name === '..') {
        current = parentPath(current) ?? '/';
        continue;
      }
      const next = joinPath(current, name);
      const node = this.nodes.get(next);
      if (node?.type === 'symlink') {
        if (++hops > 40) throw failure('ELOOP', `too many symbolic links encountered, '${path}'`);
        const target = node.target.startsWith('/') ? node.target : joinPath(current, node.target);
        pending = [...target.split('/').filter(Boolean), ...pending];
        current = '/';
        continue;
      }
      current = next;
    }
    return current;
  }

  private makeParents(path: string): void {
    for (let folder = parentPath(path); folder !== undefined && !this.nodes.has(folder); folder = parentPath(folder)) {
      this.nodes.set(folder, { type: 'directory' });
    }
  }
}

function failure(code: string, message: string): Error {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}
