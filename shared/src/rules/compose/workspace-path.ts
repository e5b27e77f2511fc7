/**
 * Path arithmetic on strings, for rules that find another workspace file from the linted file's
 * path (the engine has no file system). Paths keep the separator style they were given in, so a
 * host gets back paths in the form it handed in: `/work/app/api/Dockerfile` or
 * `C:\work\app\api\Dockerfile`.
 */

function separatorOf(path: string): '/' | '\\' {
  return path.includes('\\') && !path.includes('/') ? '\\' : /^[A-Za-z]:\\/.test(path) ? '\\' : '/';
}

/** `/`, `C:\`, `c:/`, `\\server\share\` prefixes: what `..` never climbs above. */
function rootOf(path: string): string {
  const drive = /^[A-Za-z]:[\\/]/.exec(path);
  if (drive) return drive[0];
  const unc = /^[\\/]{2}[^\\/]+[\\/][^\\/]+[\\/]?/.exec(path);
  if (unc) return unc[0];
  return path.startsWith('/') || path.startsWith('\\') ? path[0] : '';
}

export function isAbsolutePath(path: string): boolean {
  return rootOf(path) !== '';
}

/** The folder a file is in; `.` for a bare name. */
export function directoryOf(path: string): string {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  if (cut < 0) return '.';
  const root = rootOf(path);
  if (cut < root.length) return root;
  return path.slice(0, cut);
}

/**
 * `relative` resolved against the folder `base`: an absolute `relative` stands alone; `.` and `..`
 * segments are folded (never above the root); the result uses `base`'s separator.
 */
export function resolveFrom(base: string, relative: string): string {
  const start = isAbsolutePath(relative) ? relative : base;
  const separator = separatorOf(start);
  const root = rootOf(start);
  const segments: string[] = [];
  const parts = (isAbsolutePath(relative) ? [relative.slice(root.length)] : [base.slice(root.length), relative])
    .join('/')
    .split(/[\\/]+/);
  for (const part of parts) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (segments.length > 0 && segments[segments.length - 1] !== '..') segments.pop();
      else if (root === '') segments.push('..');
      continue;
    }
    segments.push(part);
  }
  const body = segments.join(separator);
  if (root !== '') return root.replace(/[\\/]/g, separator) + body;
  return body === '' ? '.' : body;
}
