/**
 * The file names dockguard lints, as globs for VS Code: `workspaceContains` activation events and
 * the document selector. (File watchers are the server's: it registers them itself.) They must pick exactly the names the engine's
 * `kindFromName` picks (shared/src/file-kind.ts); `file-patterns.test.ts` checks that against
 * the engine. The engine matches most names case-insensitively, VS Code globs are case-sensitive
 * on Linux, so every letter of those becomes a `[xX]` class.
 *
 * No braces are nested and no glob holds a comma inside a class, because VS Code's glob does not
 * support nested groups; `anyOf` puts simple names into one top-level `{…}` group.
 */

/** `dockerfile` → `[dD][oO][cC][kK][eE][rR][fF][iI][lL][eE]`; glob characters pass through. */
export function caseInsensitive(name: string): string {
  return name.replace(/[a-z]/gi, (letter) => `[${letter.toLowerCase()}${letter.toUpperCase()}]`);
}

const YAML_EXTENSIONS = ['yml', 'yaml'];

/** Name globs, as the engine's regexes spell them, before case folding. */
const DOCKERFILE_NAMES = [
  'dockerfile', // dockerfile
  'containerfile', // containerfile
  '?*.dockerfile', // .+\.dockerfile
];

/** Names the engine matches with the capital letter only (`dockerfile.js` is no Dockerfile). */
const DOCKERFILE_VARIANT_NAMES = [
  'Dockerfile.?*', // Dockerfile\..+
  'Containerfile?*', // Containerfile.+
];

const COMPOSE_NAMES = YAML_EXTENSIONS.flatMap((extension) => [
  `compose.${extension}`, // compose\.ya?ml
  `compose.?*.${extension}`, // compose\..+\.ya?ml
  `docker-compose*.${extension}`, // docker-compose.*\.ya?ml
  `?*.compose.${extension}`, // .+\.compose\.ya?ml
]);

const CONFIG_NAMES = YAML_EXTENSIONS.map((extension) => `.dockguard.${extension}`);

export const DOCKERFILE_NAME_GLOBS: readonly string[] = [...DOCKERFILE_NAMES.map(caseInsensitive), ...DOCKERFILE_VARIANT_NAMES];
export const COMPOSE_NAME_GLOBS: readonly string[] = COMPOSE_NAMES.map(caseInsensitive);
export const CONFIG_NAME_GLOBS: readonly string[] = CONFIG_NAMES.map(caseInsensitive);

/** `**\/{a,b}` for name globs at any depth. */
export function anyOf(nameGlobs: readonly string[]): string {
  return nameGlobs.length === 1 ? `**/${nameGlobs[0]}` : `**/{${nameGlobs.join(',')}}`;
}

/** The files dockguard lints, at any depth (the config files are also in the document selector). */
export const FILE_GLOBS = {
  dockerfiles: anyOf(DOCKERFILE_NAME_GLOBS),
  compose: anyOf(COMPOSE_NAME_GLOBS),
  config: anyOf(CONFIG_NAME_GLOBS),
};

/**
 * `workspaceContains:` activation events: the extension starts in a workspace that has any file
 * dockguard lints, so the Problems panel fills before a file is opened. One event per name, as
 * VS Code's own manifests do, rather than one large group.
 */
export function workspaceContainsEvents(): string[] {
  return [...DOCKERFILE_NAME_GLOBS, ...COMPOSE_NAME_GLOBS, ...CONFIG_NAME_GLOBS].map((name) => `workspaceContains:**/${name}`);
}

/**
 * A `dockguard.composeFiles` entry as a glob relative to a workspace folder, with the meaning the
 * server gives it (shared/src/workspace/globs.ts `compileGlobs`): a pattern without `/` matches a
 * name at any depth, a leading `/` or `./` anchors it to the folder, a trailing `/` and
 * backslashes are normalized, `!` negations are not supported and give `undefined`.
 */
export function composeFileGlob(pattern: string): string | undefined {
  let glob = pattern.trim().replace(/\\/g, '/');
  if (glob === '' || glob.startsWith('!')) return undefined;
  let anchored = false;
  if (glob.startsWith('./')) {
    glob = glob.slice(2);
    anchored = true;
  } else if (glob.startsWith('/')) {
    glob = glob.replace(/^\/+/, '');
    anchored = true;
  }
  glob = glob.replace(/\/+$/, '');
  if (glob === '') return undefined;
  return anchored || glob.includes('/') ? glob : `**/${glob}`;
}

/** The protocol's `TextDocumentFilter` (a subset), so this module needs neither `vscode` nor the client library. */
export interface DocumentFilter {
  language: string;
  scheme: string;
  pattern?: string | { baseUri: string; pattern: string };
}

export interface FolderComposeFiles {
  /** The workspace folder's URI, as a string. */
  folderUri: string;
  /** Its `dockguard.composeFiles` setting. */
  composeFiles: readonly string[];
}

/**
 * The documents the client hands to the server: Dockerfiles, compose files (VS Code's
 * `dockercompose` language), `.dockguard.yaml` (so its mistakes show on it), and YAML files the
 * user declared compose files, per workspace folder. Only for the given schemes: `file` and
 * `untitled`, plus the workspace's own scheme in a virtual workspace. Other schemes are views of
 * a file (a Git diff's old side, a peek at history), where squiggles would only be noise.
 */
export function documentFilters(schemes: readonly string[], folders: readonly FolderComposeFiles[]): DocumentFilter[] {
  const filters: DocumentFilter[] = [];
  for (const scheme of schemes) {
    filters.push({ scheme, language: 'dockerfile' }, { scheme, language: 'dockercompose' });
    filters.push({ scheme, language: 'yaml', pattern: FILE_GLOBS.config });
  }
  for (const folder of folders) {
    const scheme = schemeOf(folder.folderUri);
    if (!schemes.includes(scheme)) continue;
    for (const pattern of folder.composeFiles) {
      const glob = composeFileGlob(pattern);
      if (glob) filters.push({ scheme, language: 'yaml', pattern: { baseUri: folder.folderUri, pattern: glob } });
    }
  }
  return filters;
}

/** `file` and `untitled`, and the schemes of the workspace folders (`vscode-vfs` in a virtual workspace). */
export function documentSchemes(folderUris: readonly string[]): string[] {
  const schemes = ['file', 'untitled'];
  for (const uri of folderUris) {
    const scheme = schemeOf(uri);
    if (!schemes.includes(scheme)) schemes.push(scheme);
  }
  return schemes;
}

function schemeOf(uri: string): string {
  const colon = uri.indexOf(':');
  return colon > 0 ? uri.slice(0, colon).toLowerCase() : 'file';
}
