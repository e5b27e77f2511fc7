import { SEVERITY_SETTINGS, type SeveritySetting } from '../types';

/**
 * The editor settings of the `dockguard` section, as the client answers `workspace/configuration`
 * for one resource. Both sides read them through `DockguardSettings.from`, which never trusts
 * the shape it is given: a wrong type falls back to the default and is reported as a problem.
 *
 * The section as written in settings.json:
 *   "dockguard.enable": true,
 *   "dockguard.run": "onType" | "onSave",
 *   "dockguard.rules": { "DG103": "off", "privileged": "warning" },
 *   "dockguard.workspaceDiagnostics": true,
 *   "dockguard.exclude": ["vendor/**"],
 *   "dockguard.composeFiles": ["deploy/*.yml"],
 *   "dockguard.trace.server": "off" | "messages" | "verbose"
 */

export const SETTINGS_SECTION = 'dockguard';

export type RunMode = 'onType' | 'onSave';
export type TraceSetting = 'off' | 'messages' | 'verbose';

export interface DockguardSettings {
  /** Lint at all (per resource: turn dockguard off for one folder of a multi-root workspace). */
  enable: boolean;
  /** Lint while typing, or only the saved state of a file. */
  run: RunMode;
  /** Rule id or name → severity; applied over `.dockguard.yaml` (the editor has the last word). */
  rules: Record<string, SeveritySetting>;
  /** Report every Dockerfile and compose file of the workspace, not only open ones. */
  workspaceDiagnostics: boolean;
  /** Globs, relative to the workspace folder, of files the workspace scan never reports. */
  exclude: string[];
  /** Extra globs, relative to the workspace folder, of YAML files that are compose files. */
  composeFiles: string[];
  trace: { server: TraceSetting };
}

/** Frozen all the way down: the defaults are shared, a sanitized copy is what gets changed. */
export const DEFAULT_SETTINGS: Readonly<DockguardSettings> = Object.freeze<DockguardSettings>({
  enable: true,
  run: 'onType',
  rules: Object.freeze({}),
  workspaceDiagnostics: true,
  exclude: Object.freeze([]) as unknown as string[],
  composeFiles: Object.freeze([]) as unknown as string[],
  trace: Object.freeze({ server: 'off' as const }),
});

export interface SanitizedSettings {
  settings: DockguardSettings;
  /** One sentence per value that was ignored, for the output channel. */
  problems: string[];
}

const RUN_MODES: readonly RunMode[] = ['onType', 'onSave'];
const TRACE_SETTINGS: readonly TraceSetting[] = ['off', 'messages', 'verbose'];

export namespace DockguardSettings {
  /** The settings with defaults for everything missing or invalid. */
  export function from(value: unknown, options?: SanitizeOptions): DockguardSettings {
    return sanitizeSettings(value, options).settings;
  }
}

export interface SanitizeOptions {
  /**
   * Whether a key of `dockguard.rules` names a rule (the server passes the registry's
   * `rulesNamed`). Left out, any non-empty key is kept: this module stays free of the rule
   * registry, so a client can use it without bundling the engine.
   */
  isRule?: (idOrName: string) => boolean;
}

export function sanitizeSettings(value: unknown, options: SanitizeOptions = {}): SanitizedSettings {
  const isRule = options.isRule ?? ((key: string) => key.trim() !== '');
  const problems: string[] = [];
  const input = isRecord(value) ? value : {};
  if (value !== undefined && value !== null && !isRecord(value)) problems.push('dockguard: the settings must be an object; using the defaults.');

  const bool = (key: 'enable' | 'workspaceDiagnostics'): boolean => {
    const raw = input[key];
    if (raw === undefined || raw === null) return DEFAULT_SETTINGS[key];
    if (typeof raw === 'boolean') return raw;
    problems.push(`dockguard.${key} must be true or false; using ${DEFAULT_SETTINGS[key]}.`);
    return DEFAULT_SETTINGS[key];
  };
  const oneOf = <T extends string>(raw: unknown, allowed: readonly T[], name: string, fallback: T): T => {
    if (raw === undefined || raw === null) return fallback;
    if (typeof raw === 'string' && (allowed as readonly string[]).includes(raw)) return raw as T;
    problems.push(`dockguard.${name} must be one of ${allowed.join(', ')}; using ${fallback}.`);
    return fallback;
  };
  const globs = (key: 'exclude' | 'composeFiles'): string[] => {
    const raw = input[key];
    if (raw === undefined || raw === null) return [];
    if (!Array.isArray(raw)) {
      problems.push(`dockguard.${key} must be a list of glob patterns; ignoring it.`);
      return [];
    }
    const list: string[] = [];
    for (const item of raw) {
      if (typeof item === 'string' && item.trim() !== '') list.push(item.trim());
      else problems.push(`dockguard.${key}: ignoring ${JSON.stringify(item)}, which is not a glob pattern.`);
    }
    return list;
  };

  const rules: Record<string, SeveritySetting> = {};
  const rawRules = input.rules;
  if (isRecord(rawRules)) {
    for (const [rule, severity] of Object.entries(rawRules)) {
      if (!isRule(rule)) {
        problems.push(`dockguard.rules: unknown rule '${rule}'; use an id such as DG103 or a name such as sudo.`);
        continue;
      }
      const normalized = typeof severity === 'string' ? severity.toLowerCase() : undefined;
      if (!normalized || !(SEVERITY_SETTINGS as readonly string[]).includes(normalized)) {
        problems.push(`dockguard.rules: invalid severity for '${rule}'; use error, warning, info or off.`);
        continue;
      }
      rules[rule] = normalized as SeveritySetting;
    }
  } else if (rawRules !== undefined && rawRules !== null) {
    problems.push('dockguard.rules must map rule ids or names to error, warning, info or off; ignoring it.');
  }

  const trace = isRecord(input.trace) ? input.trace : {};
  return {
    settings: {
      enable: bool('enable'),
      run: oneOf(input.run, RUN_MODES, 'run', DEFAULT_SETTINGS.run),
      rules,
      workspaceDiagnostics: bool('workspaceDiagnostics'),
      exclude: globs('exclude'),
      composeFiles: globs('composeFiles'),
      trace: { server: oneOf(trace.server, TRACE_SETTINGS, 'trace.server', DEFAULT_SETTINGS.trace.server) },
    },
    problems,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
