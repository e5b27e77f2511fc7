import { fileURLToPath } from 'node:url';
import { normalizePath } from '../../shared/src/workspace/host';

/**
 * Documents arrive as URIs; the engine, the config lookup and the workspace walk speak in paths
 * with `/` separators (`/home/me/app`, `c:/work/app`). Only `file:` URIs have a path: other
 * schemes (untitled buffers, remote file systems) are linted from the buffer with default
 * configuration.
 */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return canonicalPath(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

/** One spelling per file: `/` separators and a lower-case drive letter, as VS Code writes them. */
export function canonicalPath(path: string): string {
  const normal = normalizePath(path);
  return /^[A-Z]:/.test(normal) ? normal[0].toLowerCase() + normal.slice(1) : normal;
}

/**
 * The URI of a file below a folder, spelled like the folder's URI (which came from the client),
 * so that the client recognises it as the same resource as an open document.
 */
export function childUri(folderUri: string, relativePath: string): string {
  const base = folderUri.endsWith('/') ? folderUri.slice(0, -1) : folderUri;
  return relativePath === '' ? base : `${base}/${relativePath.split('/').map(encodeSegment).join('/')}`;
}

function encodeSegment(segment: string): string {
  // Any valid encoding names the same resource for the client; this one is what VS Code writes
  // for ordinary names.
  return encodeURIComponent(segment);
}

/** The last path segment of a URI, decoded: the file name the engine detects the kind from. */
export function uriBaseName(uri: string): string {
  const withoutQuery = uri.replace(/[?#].*$/, '');
  const slash = withoutQuery.lastIndexOf('/');
  const last = slash >= 0 ? withoutQuery.slice(slash + 1) : withoutQuery;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
