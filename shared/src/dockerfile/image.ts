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
  const parts = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}$`, 'i').test(reference);
}
