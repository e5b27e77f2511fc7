import { isMap, isSeq, isScalar, type Node, type Pair } from 'yaml';
import { parseYaml } from '../text/yaml';
import { SEVERITY_SETTINGS, type SeveritySetting } from '../types';
import { rulesNamed } from '../registry';

/**
 * `.dockguard.yaml` and the layers above it. Merging order: defaults < the nearest
 * `.dockguard.yaml` < editor settings or CLI flags. Hosts find and read the files; this module
 * only parses, validates and merges, so the CLI and the server agree to the letter.
 */

export interface DockguardConfig {
  /** Severity per rule id or name, as written. */
  rules: Record<string, SeveritySetting>;
  /** Globs, relative to the config file's folder, of files never linted. */
  ignorePaths: string[];
  /** Image patterns (`*` wildcard) known to run as a non-root user. */
  nonRootBaseImages: string[];
  allowInlineIgnores: boolean;
  /** Files larger than this many bytes are skipped with a finding. */
  maxFileSize: number;
}

export type ConfigLayer = Partial<DockguardConfig>;

/** What the rules and the engine read: severities already mapped to rule ids. */
export interface EffectiveConfig {
  severities: ReadonlyMap<string, SeveritySetting>;
  ignorePaths: readonly string[];
  nonRootBaseImages: readonly string[];
  allowInlineIgnores: boolean;
  maxFileSize: number;
}

/** Images whose own default user is not root (each checked against the image's documentation). */
export const DEFAULT_NON_ROOT_BASE_IMAGES: readonly string[] = [
  'gcr.io/distroless/*:nonroot',
  'gcr.io/distroless/*:*-nonroot',
  '*:*-nonroot',
  'cgr.dev/chainguard/*',
  'nginxinc/nginx-unprivileged*',
  'bitnami/*',
  'docker.elastic.co/*',
  'quay.io/jupyter/*',
  'jupyter/*',
  'grafana/grafana*',
  'grafana/k6*',
  'sonarqube*',
  'jenkins/jenkins*',
  'mcr.microsoft.com/dotnet/*:*-chiseled*',
  'mcr.microsoft.com/windows/nanoserver*',
];

export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

export const DEFAULT_CONFIG: DockguardConfig = {
  rules: {},
  ignorePaths: [],
  nonRootBaseImages: [...DEFAULT_NON_ROOT_BASE_IMAGES],
  allowInlineIgnores: true,
  maxFileSize: DEFAULT_MAX_FILE_SIZE,
};

/**
 * Later layers win. `rules` merge key by key; `ignore-paths` of a later layer replaces the
 * earlier one; `non-root-base-images` adds to the defaults (teams list their own base images;
 * nobody wants to repeat the defaults to keep them).
 */
export function resolveConfig(...layers: (ConfigLayer | undefined)[]): EffectiveConfig {
  const severities = new Map<string, SeveritySetting>();
  let merged: DockguardConfig = { ...DEFAULT_CONFIG, rules: {} };
  for (const layer of layers) {
    if (!layer) continue;
    merged = {
      rules: {},
      ignorePaths: layer.ignorePaths ?? merged.ignorePaths,
      nonRootBaseImages: layer.nonRootBaseImages ? [...new Set([...merged.nonRootBaseImages, ...layer.nonRootBaseImages])] : merged.nonRootBaseImages,
      allowInlineIgnores: layer.allowInlineIgnores ?? merged.allowInlineIgnores,
      maxFileSize: layer.maxFileSize ?? merged.maxFileSize,
    };
    // Within a layer, a name applies first and an id after it, so the more specific key wins.
    const entries = Object.entries(layer.rules ?? {}).sort(([a], [b]) => Number(isRuleId(a)) - Number(isRuleId(b)));
    for (const [key, severity] of entries) {
      if (!SEVERITY_SETTINGS.includes(severity)) continue;
      for (const rule of rulesNamed(key)) severities.set(rule.id, severity);
    }
  }
  return {
    severities,
    ignorePaths: merged.ignorePaths,
    nonRootBaseImages: merged.nonRootBaseImages,
    allowInlineIgnores: merged.allowInlineIgnores,
    maxFileSize: merged.maxFileSize,
  };
}

function isRuleId(key: string): boolean {
  return /^DG\d{3}$/i.test(key);
}

export interface ConfigProblem {
  message: string;
  start: number;
  end: number;
  /** YAML syntax errors are parse errors; the rest are mistakes in the configuration. */
  kind: 'syntax' | 'invalid';
}

export interface ParsedConfig {
  config: ConfigLayer;
  problems: ConfigProblem[];
}

const KNOWN_KEYS = ['rules', 'ignore-paths', 'non-root-base-images', 'allow-inline-ignores', 'max-file-size'];

/** Parses `.dockguard.yaml`. Whatever is valid is kept; every mistake is a problem with its position. */
export function parseConfig(text: string): ParsedConfig {
  const problems: ConfigProblem[] = [];
  const config: ConfigLayer = {};
  const { document, errors } = parseYaml(text, { uniqueKeys: false });
  for (const error of errors) problems.push({ ...error, kind: 'syntax' });
  // Validating what a broken file parsed to would report knock-on mistakes; fix the syntax first.
  if (problems.length > 0) return { config, problems };
  const root = document.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return { config, problems };
  if (!isMap(root)) {
    problems.push({ message: 'The configuration must be a mapping of keys such as `rules:`.', ...span(root), kind: 'invalid' });
    return { config, problems };
  }
  const invalid = (node: Node | null | undefined, message: string, fallback?: Node | null): void => {
    problems.push({ message, ...span(node ?? fallback ?? root), kind: 'invalid' });
  };
  for (const pair of root.items as Pair<Node, Node | null>[]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    const value = pair.value;
    switch (key) {
      case 'rules': {
        if (value === null || (isScalar(value) && value.value === null)) break;
        if (!isMap(value)) {
          invalid(value, '`rules` must map rule ids or names to error, warning, info or off.', pair.key);
          break;
        }
        const rules: Record<string, SeveritySetting> = {};
        for (const rulePair of value.items as Pair<Node, Node | null>[]) {
          const rule = isScalar(rulePair.key) ? String(rulePair.key.value) : '';
          if (rulesNamed(rule).length === 0) {
            invalid(rulePair.key, `Unknown rule '${rule}': use an id such as DG201 or a name such as privileged.`);
            continue;
          }
          const severity = isScalar(rulePair.value) ? String(rulePair.value.value).toLowerCase() : undefined;
          if (!severity || !(SEVERITY_SETTINGS as readonly string[]).includes(severity)) {
            invalid(rulePair.value, `Invalid severity for '${rule}': use error, warning, info or off.`, rulePair.key);
            continue;
          }
          rules[rule] = severity as SeveritySetting;
        }
        config.rules = rules;
        break;
      }
      case 'ignore-paths':
      case 'non-root-base-images': {
        const list = stringList(value);
        if (!list) {
          invalid(value, `\`${key}\` must be a list of strings.`, pair.key);
          break;
        }
        if (key === 'ignore-paths') config.ignorePaths = list;
        else config.nonRootBaseImages = list;
        break;
      }
      case 'allow-inline-ignores': {
        if (!isScalar(value) || typeof value.value !== 'boolean') {
          invalid(value, '`allow-inline-ignores` must be true or false.', pair.key);
          break;
        }
        config.allowInlineIgnores = value.value;
        break;
      }
      case 'max-file-size': {
        const size = isScalar(value) ? parseSize(value.value) : undefined;
        if (size === undefined) {
          invalid(value, '`max-file-size` must be a number of bytes or a size such as 5MB or 512KB.', pair.key);
          break;
        }
        config.maxFileSize = size;
        break;
      }
      default:
        invalid(pair.key, `Unknown key '${key ?? ''}'. Known keys: ${KNOWN_KEYS.join(', ')}.`);
    }
  }
  return { config, problems };
}

function stringList(value: Node | null): string[] | undefined {
  if (!isSeq(value)) return undefined;
  const list: string[] = [];
  for (const item of value.items) {
    if (!isScalar(item) || typeof item.value !== 'string') return undefined;
    list.push(item.value);
  }
  return list;
}

/** `5242880`, `5MB`, `512 KB`, `1.5mb`, `2MiB` → bytes. */
export function parseSize(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && Math.floor(value) > 0 ? Math.floor(value) : undefined;
  if (typeof value !== 'string') return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?\s*$/i.exec(value);
  if (!match) return undefined;
  const unit = (match[2] ?? 'b').toLowerCase()[0];
  const factor = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  const bytes = Math.floor(Number(match[1]) * factor);
  return bytes > 0 ? bytes : undefined;
}

function span(node: Node | null | undefined): { start: number; end: number } {
  const range = node?.range;
  return range ? { start: range[0], end: range[1] } : { start: 0, end: 0 };
}
