/** Image references as written in `FROM` and compose `image:`. */

export interface ImageReference {
  /** Everything before the tag and digest, registry included (`ghcr.io/org/app`). */
  name: string;
  tag?: string;
  digest?: string;
}

/** Splits `[registry[:port]/]path[:tag][@digest]`; the tag is after the last `:` of the last path segment. */
export function parseImageReference(reference: string): ImageReference {
  let rest = reference.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  let tag: string | undefined;
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  return { name: rest, tag, digest };
}

/** The repository path without registry host, e.g. `library/node` → `node`, `ghcr.io/a/b` → `a/b`. */
export function repositoryPath(name: string): string {
  const slash = name.indexOf('/');
  if (slash < 0) return name;
  const first = name.slice(0, slash);
  const isRegistry = first.includes('.') || first.includes(':') || first === 'localhost';
  const path = isRegistry ? name.slice(slash + 1) : name;
  return path.startsWith('library/') ? path.slice('library/'.length) : path;
}

/**
 * Whether an image reference matches a pattern where `*` matches any run of characters
 * (`/` and `:` included): `gcr.io/distroless/*:nonroot`, `bitnami/*`.
 */
export function matchesImagePattern(reference: string, pattern: string): boolean {
  let compiled = compiledPatterns.get(pattern);
  if (!compiled) {
    const parts = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
    compiled = new RegExp(`^${parts.join('.*')}$`, 'i');
    // Patterns come from configurations, so there are few; the cap only bounds a pathological host.
    if (compiledPatterns.size >= 512) compiledPatterns.clear();
    compiledPatterns.set(pattern, compiled);
  }
  return compiled.test(reference);
}

/**
 * Compiling the pattern cost more than the rest of DG101 put together (every lint checks the
 * final image against every non-root pattern); a regular expression without the `g` flag keeps
 * no state between `test` calls, so sharing one is safe.
 */
const compiledPatterns = new Map<string, RegExp>();
