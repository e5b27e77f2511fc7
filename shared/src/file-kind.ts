import type { FileKind } from './types';

/**
 * Which files dockguard lints, decided from the name and, for YAML files with other names, from
 * the content. The CLI's directory walk, the server's workspace scan and `lint` all use this.
 */

// `Dockerfile.*` and `Containerfile*` only with the capital letter Docker's own naming uses:
// lower-case `dockerfile.js` or `dockerfile.d.ts` is the source of a Dockerfile tool, not a Dockerfile.
const DOCKERFILE_NAME = /^(?:dockerfile|containerfile|.+\.dockerfile)$/i;
const DOCKERFILE_VARIANT_NAME = /^(?:Dockerfile\..+|Containerfile.+)$/;
const COMPOSE_NAME = /^(?:compose(?:\..+)?|docker-compose.*|.+\.compose)\.ya?ml$/i;
const YAML_NAME = /\.ya?ml$/i;
const CONFIG_NAME = /^\.dockguard\.ya?ml$/i;

export function baseName(path: string): string {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return slash >= 0 ? path.slice(slash + 1) : path;
}

/** Kind by name alone: what a directory walk picks up. */
export function kindFromName(path: string): FileKind | undefined {
  const name = baseName(path);
  if (CONFIG_NAME.test(name)) return 'config';
  if (DOCKERFILE_NAME.test(name) || DOCKERFILE_VARIANT_NAME.test(name)) return 'dockerfile';
  if (COMPOSE_NAME.test(name)) return 'compose';
  return undefined;
}

export function isYamlName(path: string): boolean {
  return YAML_NAME.test(baseName(path));
}

/**
 * A top-level `services:` key holding a mapping, looked for cheaply before any parsing: a flow
 * mapping, or an indented key on the next content line. A `services:` list, as in
 * `.gitlab-ci.yml`, is not a compose file.
 */
const TOP_LEVEL_SERVICES = /^services[ \t]*:[ \t]*(?:\{|(?:#.*)?\r?\n(?:[ \t]*(?:#.*)?\r?\n)*[ \t]+[^-\s#])/m;

/**
 * Kind by name, then by content for other YAML files: a YAML file is a compose file when it has
 * a top-level `services:` key (the model then checks it is a mapping).
 */
export function detectKind(path: string, text?: string): FileKind | undefined {
  const byName = kindFromName(path);
  if (byName) return byName;
  if (text !== undefined && isYamlName(path) && TOP_LEVEL_SERVICES.test(text)) return 'compose';
  return undefined;
}
