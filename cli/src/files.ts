import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DirectoryEntry, FileStat, FileSystemHost } from '../../shared/src/workspace/host';

/** A file's text as the editor would show it: UTF-8, without the byte-order mark (kept aside to write back). */
export interface SourceText {
  text: string;
  bom: boolean;
}

/** Why a file was not linted; becomes a DG003 file-skipped finding. */
export interface Unlintable {
  skipped: string;
}

const decoder = new TextDecoder('utf-8', { fatal: true });
let temporaryCount = 0;

/**
 * Reads a file for linting. The size is checked before reading, so a huge file costs one
 * `fstat` and no memory. Binary files (NUL bytes) and text that is not UTF-8 are not linted.
 * Throws only when the file cannot be opened or read (the caller reports that per file).
 */
export function readSource(file: string, maxFileSize: number): SourceText | Unlintable {
  // Non-blocking, so that a FIFO with a Dockerfile's name cannot hang the run (fstat then says it is no file).
  const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { skipped: 'File not linted: it is not a regular file.' };
    if (stat.size > maxFileSize) return tooLarge(stat.size, maxFileSize);
    // Read up to one byte past the limit: a file that grew since the fstat is still caught.
    const buffer = Buffer.allocUnsafe(Math.min(stat.size, maxFileSize) + 1);
    let length = 0;
    for (;;) {
      const read = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length === buffer.length) break;
    }
    if (length > maxFileSize) return tooLarge(length, maxFileSize);
    return decodeSource(buffer.subarray(0, length));
  } finally {
    fs.closeSync(fd);
  }
}

export function decodeSource(bytes: Uint8Array): SourceText | Unlintable {
  const nul = bytes.indexOf(0);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { skipped: 'File not linted: it is UTF-16 text; dockguard reads UTF-8.' };
  }
  if (nul >= 0) return { skipped: `File not linted: it looks binary (NUL byte at offset ${nul}).` };
  let text: string;
  try {
    // The decoder drops a leading byte-order mark.
    text = decoder.decode(bytes);
  } catch {
    return { skipped: `File not linted: it is not valid UTF-8 text (invalid byte sequence at offset ${invalidUtf8Offset(bytes)}).` };
  }
  return { text, bom: bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf };
}

export function tooLarge(size: number, limit: number): Unlintable {
  return { skipped: `File not linted: it is larger than the size limit (${size} > ${limit} bytes; configurable with max-file-size in .dockguard.yaml or --max-file-size).` };
}

/** The offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function invalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i];
    const length = byte < 0x80 ? 1 : byte >= 0xc2 && byte < 0xe0 ? 2 : byte >= 0xe0 && byte < 0xf0 ? 3 : byte >= 0xf0 && byte < 0xf5 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    try {
      decoder.decode(bytes.subarray(i, i + length));
    } catch {
      return i;
    }
    i += length;
  }
  return i;
}

/**
 * Replaces a file's content so that readers see the old or the new text, never half of either:
 * the new text goes to a temporary file in the same folder (same file system), is flushed, gets
 * the old file's mode (and owner, where allowed) and is renamed over it. A symlink is followed,
 * so the link stays a link.
 */
export function writeAtomically(file: string, source: SourceText): void {
  const target = fs.realpathSync(file);
  const stat = fs.statSync(target);
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.dockguard-${process.pid}-${(temporaryCount++).toString(36)}.tmp`);
  const data = source.bom ? `\uFEFF${source.text}` : source.text;
  const mode = stat.mode & 0o7777;
  try {
    const fd = fs.openSync(temporary, 'wx', mode);
    try {
      fs.writeFileSync(fd, data, 'utf8');
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.chmodSync(temporary, mode); // the umask narrowed the mode given to open
    try {
      fs.chownSync(temporary, stat.uid, stat.gid);
    } catch {
      // Only root may give a file away; others keep owning what they write, as any editor does.
    }
    fs.renameSync(temporary, target);
  } catch (error) {
    try {
      fs.unlinkSync(temporary);
    } catch {
      // Already gone or never made.
    }
    throw error;
  }
}

/** A synchronous reader for the rules that look at another file (DG208 reads the Dockerfile a service builds). */
export function siblingReader(maxFileSize: number): (file: string) => string | undefined {
  return (file) => {
    try {
      const source = readSource(file, maxFileSize);
      return 'text' in source ? source.text : undefined;
    } catch {
      return undefined;
    }
  };
}

/** The workspace pieces' view of the disk. Synchronous calls: for a one-shot CLI they are the fastest. */
export const nodeFileSystem: FileSystemHost = {
  async readDirectory(folder: string): Promise<DirectoryEntry[]> {
    return fs.readdirSync(toNative(folder), { withFileTypes: true }).map((entry) => ({
      name: entry.name,
      kind: entry.isSymbolicLink() ? 'symlink' : entry.isDirectory() ? 'directory' : entry.isFile() ? 'file' : 'other',
    }));
  },
  async realPath(file: string): Promise<string> {
    return toPosix(fs.realpathSync(toNative(file)));
  },
  async readFile(file: string): Promise<string | undefined> {
    try {
      const source = readSource(toNative(file), 1024 * 1024);
      return 'text' in source ? source.text : undefined;
    } catch {
      return undefined;
    }
  },
  async stat(file: string): Promise<FileStat | undefined> {
    try {
      const stat = fs.statSync(toNative(file));
      return { kind: stat.isFile() ? 'file' : stat.isDirectory() ? 'directory' : 'other', size: stat.size };
    } catch {
      return undefined;
    }
  },
};

/** Node path → the workspace pieces' form (`/` separators). */
export function toPosix(file: string): string {
  return path.sep === '\\' ? file.replace(/\\/g, '/') : file;
}

export function toNative(file: string): string {
  return path.sep === '\\' ? file.replace(/\//g, '\\') : file;
}
