import type { RuleMeta } from '../../shared/src/rules/rule';
import { SEVERITY_SETTINGS } from '../../shared/src/types';
import { DEFAULT_MAX_FILE_SIZE, DEFAULT_NON_ROOT_BASE_IMAGES } from '../../shared/src/config/config';
import { DEFAULT_SETTINGS, SETTINGS_SECTION } from '../../shared/src/protocol/settings';
import { COMMANDS } from './commands';
import { GRAMMAR_PATH, GRAMMAR_SCOPE, INJECT_TO } from './grammar';
import { workspaceContainsEvents } from './file-patterns';

/**
 * The extension's manifest fields that depend on the engine — activation events, settings,
 * commands, the `.dockguard.yaml` schema, the grammar — computed from the registry, the settings
 * defaults of the protocol and the file-name patterns. `client/scripts/generate.ts` writes them
 * into package.json and the schema file; `contributions.test.ts` fails when those are stale.
 * Edit here, then run the script; never edit the generated parts of package.json by hand.
 */

export const CONFIG_SCHEMA_PATH = 'client/schemas/dockguard-config.schema.json';
export const ICON_PATH = 'client/images/icon.png';

function kindLabel(rule: RuleMeta): string {
  switch (rule.kind) {
    case 'dockerfile':
      return 'Dockerfile';
    case 'compose':
      return 'Compose';
    case 'config':
      return '.dockguard.yaml';
    default:
      return 'any file';
  }
}

/**
 * One entry per rule id and one per rule name; a name shared by a Dockerfile and a compose rule
 * (`user-root` is DG102 and DG207) is one entry that describes both.
 */
function ruleKeys(rules: readonly RuleMeta[]): { key: string; rules: RuleMeta[] }[] {
  const keys: { key: string; rules: RuleMeta[] }[] = [];
  const byName = new Map<string, { key: string; rules: RuleMeta[] }>();
  for (const rule of rules) {
    keys.push({ key: rule.id, rules: [rule] });
    const shared = byName.get(rule.name);
    if (shared) {
      shared.rules.push(rule);
      continue;
    }
    const entry = { key: rule.name, rules: [rule] };
    byName.set(rule.name, entry);
    keys.push(entry);
  }
  return keys;
}

function ruleDescription(rules: readonly RuleMeta[], key: string): string {
  return rules
    .map((rule) => {
      const label = key === rule.id ? rule.name : rule.id;
      return `${label} (${kindLabel(rule)}): ${rule.summary} Default: ${rule.defaultSeverity}.`;
    })
    .join(' ');
}

// The severities are self-explanatory words; no per-value descriptions, which would repeat
// four lines for each of the ~70 keys.
function severityProperty(rules: readonly RuleMeta[], key: string): object {
  return { type: 'string', enum: [...SEVERITY_SETTINGS], description: ruleDescription(rules, key) };
}

function ruleProperties(rules: readonly RuleMeta[]): Record<string, object> {
  return Object.fromEntries(ruleKeys(rules).map(({ key, rules: named }) => [key, severityProperty(named, key)]));
}

/** Descriptions of the settings, keyed as in settings.json. Every setting of the protocol needs one. */
const SETTING_TEXT: Record<string, { markdownDescription: string; enumDescriptions?: string[] }> = {
  enable: {
    markdownDescription: 'Lint Dockerfiles and compose files. Turn it off for one folder of a multi-root workspace in that folder\'s settings.',
  },
  run: {
    markdownDescription: 'When open files are linted: as you type, or when you save.',
    enumDescriptions: ['Lint the editor\'s text as you type.', 'Lint when the file is saved (and when it is opened).'],
  },
  rules: {
    markdownDescription:
      'Severity per rule, by id (`DG201`) or name (`privileged`): `error`, `warning`, `info` or `off`. Applied over `.dockguard.yaml`; an id wins over a name. Example: `{ "DG218": "off", "user-root": "error" }`.',
  },
  workspaceDiagnostics: {
    markdownDescription:
      'Report every Dockerfile and compose file of the workspace in the Problems panel, also the ones that are not open. When off, only open files are linted.',
  },
  exclude: {
    markdownDescription:
      'Glob patterns, relative to the workspace folder, of files the workspace scan never reports, in addition to `files.exclude`, `.gitignore`, `node_modules` and the `ignore-paths` of `.dockguard.yaml`. A pattern without `/` matches a name at any depth (`testdata`), one with `/` a path from the folder (`vendor/**`).',
  },
  composeFiles: {
    markdownDescription:
      'Glob patterns, relative to the workspace folder, of further YAML files that are compose files (`compose.yaml`, `docker-compose*.yml` and `*.compose.yaml` are known already). Example: `["stack.yml", "deploy/*.yaml"]`. The extension restarts the server when this changes.',
  },
  'trace.server': {
    markdownDescription: 'Log the messages between VS Code and the dockguard language server in the `dockguard` output channel (for bug reports).',
  },
};

/** `{ enable, trace: { server } }` → `[['enable', true], ['trace.server', 'off']]`. */
function flatten(value: object, prefix = ''): [string, unknown][] {
  return Object.entries(value).flatMap(([key, child]): [string, unknown][] =>
    child !== null && typeof child === 'object' && !Array.isArray(child) && Object.keys(child).length > 0
      ? flatten(child, `${prefix}${key}.`)
      : [[`${prefix}${key}`, child]],
  );
}

const ENUMS: Record<string, readonly string[]> = {
  run: ['onType', 'onSave'],
  'trace.server': ['off', 'messages', 'verbose'],
};

export function configurationContribution(rules: readonly RuleMeta[]): object {
  const properties: Record<string, object> = {};
  let order = 0;
  for (const [key, defaultValue] of flatten(DEFAULT_SETTINGS)) {
    const text = SETTING_TEXT[key];
    if (!text) throw new Error(`The setting dockguard.${key} has no description in client/src/contributions.ts.`);
    const property: Record<string, unknown> = {};
    if (typeof defaultValue === 'boolean') property.type = 'boolean';
    else if (Array.isArray(defaultValue)) Object.assign(property, { type: 'array', items: { type: 'string' }, uniqueItems: true });
    else if (typeof defaultValue === 'string') {
      const values = ENUMS[key];
      if (!values?.includes(defaultValue)) throw new Error(`The setting dockguard.${key} needs its values in ENUMS.`);
      Object.assign(property, { type: 'string', enum: values, enumDescriptions: text.enumDescriptions });
    } else if (key === 'rules') {
      Object.assign(property, { type: 'object', properties: ruleProperties(rules), additionalProperties: false });
    } else throw new Error(`The setting dockguard.${key} has a type contributions.ts does not know.`);
    property.default = defaultValue;
    property.markdownDescription = text.markdownDescription;
    // The server asks for settings per file, so every setting may differ per folder; the
    // language client reads the trace for the whole window only.
    property.scope = key === 'trace.server' ? 'window' : 'resource';
    property.order = order++;
    if (property.enumDescriptions === undefined) delete property.enumDescriptions;
    properties[`${SETTINGS_SECTION}.${key}`] = property;
  }
  return { title: 'dockguard', properties };
}

export function commandsContribution(): object[] {
  const category = 'dockguard';
  return [
    { command: COMMANDS.restartServer, title: 'Restart Server', category },
    { command: COMMANDS.showOutput, title: 'Show Output', category },
    { command: COMMANDS.lintWorkspace, title: 'Lint Workspace Now', category },
    { command: COMMANDS.showRuleDocumentation, title: 'Show Rule Documentation', category },
  ];
}

/** `5MB`, `512 KB`, `1.5mib`: the sizes `parseSize` (shared/src/config/config.ts) reads, in any case. */
function sizePattern(): string {
  const anyCase = (word: string): string => word.replace(/[a-z]/g, (letter) => `[${letter}${letter.toUpperCase()}]`);
  const units = ['b', 'k', 'kb', 'kib', 'm', 'mb', 'mib', 'g', 'gb', 'gib'].map(anyCase).join('|');
  return `^\\s*\\d+(\\.\\d+)?\\s*(${units})?\\s*$`;
}

/** JSON schema (draft-07) of `.dockguard.yaml`, for the YAML extension's validation and completion. */
export function configSchema(rules: readonly RuleMeta[]): object {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $comment: 'Generated from the rule registry by client/scripts/generate.ts; do not edit.',
    title: 'dockguard configuration (.dockguard.yaml)',
    description:
      'The nearest .dockguard.yaml above a file configures dockguard for it: in the editor and in the CLI. Editor settings apply over it.',
    type: ['object', 'null'],
    additionalProperties: false,
    properties: {
      rules: {
        description: 'Severity per rule id (DG201) or name (privileged): error, warning, info or off. An id wins over a name.',
        type: ['object', 'null'],
        properties: ruleProperties(rules),
        additionalProperties: false,
      },
      'ignore-paths': {
        description:
          'Glob patterns, relative to the folder of this file, of files never linted. A pattern without / matches a name at any depth.',
        type: 'array',
        items: { type: 'string' },
        default: [],
      },
      'non-root-base-images': {
        description:
          'Image patterns (* is a wildcard) known to run as a non-root user, so a Dockerfile built on one needs no USER of its own. Added to the default list (distroless, Chainguard, Bitnami, ...).',
        type: 'array',
        items: { type: 'string' },
        default: [...DEFAULT_NON_ROOT_BASE_IMAGES],
      },
      'allow-inline-ignores': {
        description: 'Honour # dockguard-ignore comments. Set to false to enforce every rule regardless of comments in the files.',
        type: 'boolean',
        default: true,
      },
      'max-file-size': {
        description: 'Files larger than this are skipped (and reported as DG003): a number of bytes, or a size such as 5MB or 512KB.',
        anyOf: [
          { type: 'number', exclusiveMinimum: 0 },
          { type: 'string', pattern: sizePattern() },
        ],
        default: `${DEFAULT_MAX_FILE_SIZE / 1024 / 1024}MB`,
      },
    },
  };
}

/** The manifest fields this module owns, as they must appear in package.json. */
export function manifestFields(rules: readonly RuleMeta[]): Record<string, unknown> {
  return {
    icon: ICON_PATH,
    activationEvents: ['onLanguage:dockerfile', 'onLanguage:dockercompose', ...workspaceContainsEvents()],
    capabilities: {
      untrustedWorkspaces: { supported: true },
      virtualWorkspaces: {
        supported: 'limited',
        description:
          'In a virtual workspace dockguard lints the Dockerfiles and compose files you open, with your settings; the whole-workspace scan and .dockguard.yaml files need files on disk.',
      },
    },
    contributes: {
      configuration: configurationContribution(rules),
      commands: commandsContribution(),
      yamlValidation: [{ fileMatch: ['.dockguard.yaml', '.dockguard.yml'], url: `./${CONFIG_SCHEMA_PATH}` }],
      grammars: [{ scopeName: GRAMMAR_SCOPE, path: `./${GRAMMAR_PATH}`, injectTo: INJECT_TO }],
    },
  };
}
