import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { lint, type RuleError } from '../../shared/src/lint';
import { detectKind, kindFromName } from '../../shared/src/file-kind';
import { resolveConfig, type EffectiveConfig } from '../../shared/src/config/config';
import type { FileKind, Finding } from '../../shared/src/types';
import type { Rule } from '../../shared/src/rules/rule';
import { isConfigFileName, type LoadedConfig } from '../../shared/src/workspace/config-finder';
import { compileGlobs, type PathMatcher } from '../../shared/src/workspace/globs';
import { relativePath } from '../../shared/src/workspace/host';
import type { DockguardSettings } from '../../shared/src/protocol';
import { canonicalPath, uriBaseName } from './uris';

export interface LintRequest {
  uri: string;
  /** The file's path when it is on the local disk. */
  path: string | undefined;
  text: string;
  /** The editor's language id, which wins over the file name (a user may set it by hand). */
  languageId?: string;
  /** The kind the workspace scan found the file as. */
  kind?: FileKind;
  settings: DockguardSettings;
  /** The nearest `.dockguard.yaml`, if any. */
  config: LoadedConfig | undefined;
  /** The workspace folder holding the file: `dockguard.composeFiles` globs are relative to it. */
  folderPath: string | undefined;
  /** Reads another file for cross-file rules; without it, such rules stay quiet. */
  readFile?: (path: string) => string | undefined;
  /**
   * What findings must carry: `all` (the default: fixes and "ignore" edits, for open documents,
   * whose diagnostics carry them in `data`), `preferred` (only the fixes fix-all applies), or
   * `none` (diagnostics of files that are not open carry no data). Fixes are the costliest part
   * of many findings: not building them makes the workspace scan cheaper.
   */
  fixes?: 'all' | 'preferred' | 'none';
}

export interface LintOutcome {
  /** Undefined when the file is not one dockguard lints. */
  kind: FileKind | undefined;
  findings: Finding[];
  ruleErrors: RuleError[];
  durationMs: number;
  lintedAt: number;
  /** The other files the lint read (canonical paths): when one changes, this result is stale. */
  dependencies: string[];
}

const NO_CONFIG = {};

/** Runs the engine for one text: the only place the server calls `lint`. */
export class Linter {
  private readonly effective = new WeakMap<object, WeakMap<DockguardSettings, EffectiveConfig>>();
  private readonly composeMatchers = new WeakMap<DockguardSettings, PathMatcher>();

  /** `rules`: the engine's rules replaced, for tests (e.g. one that throws). */
  constructor(private readonly rules?: readonly Rule[]) {}

  run(request: LintRequest): LintOutcome {
    const started = performance.now();
    const kind = this.kindOf(request);
    if (kind === undefined) return { kind, findings: [], ruleErrors: [], durationMs: 0, lintedAt: Date.now(), dependencies: [] };
    let findings: Finding[] = [];
    let ruleErrors: RuleError[];
    const dependencies: string[] = [];
    const read = request.readFile;
    try {
      const output = lint(request.text, {
        fileName: request.path ?? uriBaseName(request.uri),
        kind,
        config: this.effectiveConfig(request.config, request.settings),
        rules: this.rules,
        fixes: request.fixes ?? 'all',
        suppressEdits: (request.fixes ?? 'all') === 'all',
        // Only files on disk have neighbours to read.
        readFile:
          read && request.path !== undefined
            ? (path) => {
                const canonical = canonicalPath(resolve(path));
                dependencies.push(canonical);
                return read(canonical);
              }
            : undefined,
      });
      findings = output.findings;
      ruleErrors = output.ruleErrors;
    } catch (error) {
      // The engine promises not to throw; if it ever does, the editor keeps working and the
      // output channel says why this file shows nothing.
      ruleErrors = [{ ruleId: 'engine', message: error instanceof Error ? error.message : String(error), stack: error instanceof Error ? error.stack : undefined }];
    }
    return { kind, findings, ruleErrors, durationMs: performance.now() - started, lintedAt: Date.now(), dependencies };
  }

  /**
   * Config files by name; then the editor's language; then Dockerfile and compose names; then the
   * user's compose globs; then a YAML file with a top-level `services:` key.
   */
  kindOf(request: Pick<LintRequest, 'uri' | 'path' | 'text' | 'languageId' | 'kind' | 'settings' | 'folderPath'>): FileKind | undefined {
    const name = request.path ?? uriBaseName(request.uri);
    if (isConfigFileName(name)) return 'config';
    if (request.kind) return request.kind;
    if (request.languageId === 'dockerfile') return 'dockerfile';
    if (request.languageId === 'dockercompose') return 'compose';
    const byName = kindFromName(name);
    if (byName) return byName;
    if (request.path !== undefined && request.folderPath !== undefined && request.settings.composeFiles.length > 0) {
      const relative = relativePath(request.folderPath, request.path);
      if (relative && this.composeMatcher(request.settings)(relative)) return 'compose';
    }
    return detectKind(name, request.text);
  }

  private effectiveConfig(config: LoadedConfig | undefined, settings: DockguardSettings): EffectiveConfig {
    const key = config ?? NO_CONFIG;
    let bySettings = this.effective.get(key);
    if (!bySettings) {
      bySettings = new WeakMap();
      this.effective.set(key, bySettings);
    }
    let effective = bySettings.get(settings);
    if (!effective) {
      // Editor settings over the file: the user at the keyboard has the last word.
      effective = resolveConfig(config?.config, { rules: settings.rules });
      bySettings.set(settings, effective);
    }
    return effective;
  }

  private composeMatcher(settings: DockguardSettings): PathMatcher {
    let matcher = this.composeMatchers.get(settings);
    if (!matcher) {
      matcher = compileGlobs(settings.composeFiles);
      this.composeMatchers.set(settings, matcher);
    }
    return matcher;
  }
}
