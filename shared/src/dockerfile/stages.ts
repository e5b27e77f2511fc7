import type { Stage } from './model';
import type { ImageReference } from './image';

/** Stage chains and image names as the Dockerfile rules show and compare them. */

/** The stages from the one built on an external image down to `stage` (base first). */
export function stageChain(stage: Stage): Stage[] {
  const chain: Stage[] = [];
  const seen = new Set<Stage>();
  for (let current: Stage | undefined = stage; current && !seen.has(current); current = current.parent) {
    seen.add(current);
    chain.unshift(current);
  }
  return chain;
}

const DOCKER_HUB_PREFIXES = ['docker.io/', 'index.docker.io/', 'registry-1.docker.io/', 'registry.hub.docker.com/'];

/** `docker.io/library/node` → `node`, `docker.io/bitnami/nginx` → `bitnami/nginx`; other registries unchanged. */
export function dockerHubShortName(name: string): string {
  let short = name;
  const lower = short.toLowerCase();
  const prefix = DOCKER_HUB_PREFIXES.find((candidate) => lower.startsWith(candidate));
  if (prefix) short = short.slice(prefix.length);
  const hostless = !short.includes('/') || !/[.:]|^localhost$/.test(short.slice(0, short.indexOf('/')));
  if (hostless && short.toLowerCase().startsWith('library/')) short = short.slice('library/'.length);
  return short;
}

/** `python:3.12`, `gcr.io/distroless/static@sha256:…` as a message shows an image. */
export function imageLabel(image: ImageReference): string {
  return image.name + (image.tag !== undefined ? `:${image.tag}` : '') + (image.digest !== undefined ? `@${image.digest}` : '');
}

/** How a message names a stage: `stage 'runtime'`, or `stage FROM python:3.12` when it has no alias. */
export function describeStage(stage: Stage): string {
  return stage.alias ? `stage '${stage.alias}'` : `stage FROM ${stage.imageText || '(no image)'}`;
}

/**
 * The external image a FROM pulls, or undefined when there is nothing to pin: a stage alias,
 * `scratch`, or a reference with a variable of no known value.
 */
export function pulledImage(stage: Stage): ImageReference | undefined {
  if (stage.parent || !stage.image) return undefined;
  if (stage.image.name.toLowerCase() === 'scratch' && stage.image.tag === undefined && stage.image.digest === undefined) return undefined;
  return stage.image;
}

/** `FROM ${BASE}` → `'${BASE}' (= 'node:20')`; as written when nothing was substituted. */
export function describeFromImage(stage: Stage): string {
  const resolved = stage.image ? imageLabel(stage.image) : stage.imageText;
  return resolved === stage.imageText ? `'${stage.imageText}'` : `'${stage.imageText}' (= '${resolved}')`;
}
