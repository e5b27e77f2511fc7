import picomatch from 'picomatch/posix';

/** Tests a path relative to the folder the globs are written for (`/` separators, no `./`). */
export type PathMatcher = (relativePath: string) => boolean;

export interface GlobOptions {
  caseInsensitive?: boolean;
}

/**
 * Compiles globs written relative to a folder (`ignore-paths`, `files.exclude`,
 * `dockguard.composeFiles`). They follow what users know from `.gitignore` and VS Code:
 * - `**` spans any number of folders, `*` stays within one name, `{a,b}` and `[ab]` work, dot
 *   files match like any other;
 * - a pattern without `/` matches a name at any depth (`*.generated.yaml`, `testdata`);
 * - a leading `/` anchors it to the folder (`/Dockerfile` is only the top-level one), a leading
 *   `./` is dropped, and a trailing `/` is dropped (a matching folder is skipped whole anyway);
 * - `!` negations are not supported in these lists and are left out: in a list of alternatives
 *   `!x` would match nearly everything.
 */
export function compileGlobs(patterns: readonly string[], options: GlobOptions = {}): PathMatcher {
  const anywhere: string[] = [];
  const anchored: string[] = [];
  for (const raw of patterns) {
    let pattern = raw.trim().replace(/\\/g, '/');
    if (pattern === '' || pattern.startsWith('!')) continue;
    let anchor = false;
    if (pattern.startsWith('./')) {
      pattern = pattern.slice(2);
      anchor = true;
    } else if (pattern.startsWith('/')) {
      pattern = pattern.replace(/^\/+/, '');
      anchor = true;
    }
    pattern = pattern.replace(/\/+$/, '');
    if (pattern === '') continue;
    (anchor || pattern.includes('/') ? anchored : anywhere).push(pattern);
  }
  const base = { dot: true, nocase: options.caseInsensitive ?? false };
  const matchers: PathMatcher[] = [];
  if (anywhere.length > 0) matchers.push(picomatch(anywhere, { ...base, basename: true }));
  if (anchored.length > 0) matchers.push(picomatch(anchored, base));
  if (matchers.length === 0) return () => false;
  if (matchers.length === 1) return matchers[0];
  return (path) => matchers[0](path) || matchers[1](path);
}

