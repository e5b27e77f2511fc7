import { promises as fs, readFileSync, statSync, type Dirent } from 'node:fs';
import { DEFAULT_MAX_FILE_SIZE } from '../../shared/src/config/config';
import type { DirectoryEntry, FileStat, FileSystemHost } from '../../shared/src/workspace/host';
import { canonicalPath } from './uris';

/**
 * The workspace modules' file access over Node's `fs`. Paths come and go with `/` separators;
 * Node accepts them on every platform. Files are stat'ed and read synchronously: the scan reads
 * thousands of small files, and `fs/promises` spent about a fifth of a corpus scan in its
 * open/fstat/read/close round trips; the scan yields to the editor between slices of a few
 * milliseconds anyway, and it reads no file over the size limit.
 */
export class NodeFileSystem implements FileSystemHost {
  async readDirectory(path: string): Promise<DirectoryEntry[]> {
    const entries = await fs.readdir(path, { withFileTypes: true });
    return entries.map((entry) => ({ name: entry.name, kind: entryKind(entry) }));
  }

  async realPath(path: string): Promise<string> {
    return canonicalPath(await fs.realpath(path));
  }

  async readFile(path: string): Promise<string | undefined> {
    try {
      // Only regular files: opening a FIFO (a `.gitignore` or `.dockguard.yaml` made one) would
      // block the whole server until something writes to it.
      if (!statSync(path).isFile()) return undefined;
      return stripBom(readFileSync(path, 'utf8'));
    } catch {
      return undefined;
    }
  }

  async stat(path: string): Promise<FileStat | undefined> {
    try {
      const stat = statSync(path);
      return { kind: stat.isFile() ? 'file' : stat.isDirectory() ? 'directory' : 'other', size: stat.size };
    } catch {
      return undefined;
    }
  }
}

function entryKind(entry: Dirent): DirectoryEntry['kind'] {
  if (entry.isSymbolicLink()) return 'symlink';
  if (entry.isFile()) return 'file';
  if (entry.isDirectory()) return 'directory';
  return 'other';
}

/**
 * Editors drop a UTF-8 byte order mark from the text they show, so positions in a file read from
 * disk must not count it either, or every finding on the first line would be one column off.
 */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * For the few rules that read another file while linting (DG208 reads the Dockerfile a compose
 * service builds): the engine is synchronous, and such a read is one small file. Nothing larger
 * than the default size limit is read.
 */
export function readTextFileSync(path: string): string | undefined {
  try {
    const stat = statSync(path);
    if (!stat.isFile() || stat.size > DEFAULT_MAX_FILE_SIZE) return undefined;
    return stripBom(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}
