import { detectKind, docsUrl, fixAll, isYamlName, kindFromName, lint, ruleById, type EffectiveConfig, type FileKind, type Finding, type LintOutput } from '../../shared/src/index';
import { readSource, siblingReader, toNative, writeAtomically, type SourceText, type Unlintable } from './files';
import { fingerprints } from './format-sarif';
import type { FileReport } from './report';
import { renderFile, type RenderOptions, type RenderedFile } from './render';

const CONFIG_SIZE_LIMIT = 1024 * 1024;

/** One file to lint; plain data, so it can go to a worker thread. */
export interface FileTask {
  /** Absolute, `/` separators. */
  path: string;
  /** How reports and messages name it. */
  display: string;
  /** Known for files found by name; undefined for files named on the command line (decided by content). */
  kind: FileKind | undefined;
  /** Index into the run's table of effective configs. */
  configId: number;
}

export interface TaskSettings {
  fix: boolean;
  render: RenderOptions;
}

export interface FileOutcome {
  /** Undefined when the file is not linted (not a Dockerfile or compose file), or a config file without findings. */
  report?: RenderedFile;
  /** For standard error, prefixed with `dockguard: ` by the caller. */
  notes: string[];
  fixesApplied: number;
  fixed: boolean;
}

/** Reads, lints and (with --fix) fixes and saves one file. Never throws. */
export function processFile(task: FileTask, config: EffectiveConfig, settings: TaskSettings): FileOutcome {
  // max-file-size is about the files being checked; a config file is read whatever it says.
  if ((task.kind ?? kindFromName(task.path)) === 'config') config = { ...config, maxFileSize: Math.max(config.maxFileSize, CONFIG_SIZE_LIMIT) };
  let source: SourceText | Unlintable;
  try {
    source = readSource(toNative(task.path), config.maxFileSize);
  } catch (error) {
    source = { skipped: `File not linted: it cannot be read (${errorMessage(error)}).` };
  }
  const kind = task.kind ?? detectKind(task.path, 'text' in source ? source.text : undefined) ?? (isYamlName(task.path) && 'skipped' in source ? 'compose' : undefined);
  if (kind === undefined) {
    return { notes: [`${task.display} is not a Dockerfile or compose file (no top-level services:); not linted`], fixesApplied: 0, fixed: false };
  }
  return lintSource(task.display, task.path, kind, source, config, settings, (fixed) => {
    writeAtomically(toNative(task.path), fixed);
  });
}

/**
 * Lints (and with --fix, fixes) one text. `save` gets the fixed text when fixes changed it (and
 * always when `saveUnchanged`); when it throws, the original's findings are reported.
 */
export function lintSource(
  display: string,
  absolute: string,
  kind: FileKind,
  source: SourceText | Unlintable,
  config: EffectiveConfig,
  settings: TaskSettings,
  save: (fixed: SourceText) => void,
  saveUnchanged = false,
): FileOutcome {
  const outcome: FileOutcome = { notes: [], fixesApplied: 0, fixed: false };
  if ('skipped' in source) {
    const finding = skippedFinding(source.skipped, config);
    const findings = finding ? [finding] : [];
    outcome.report = renderFile({ filePath: display, absolutePath: absolute, kind, findings, fingerprints: fingerprints(findings, '') }, settings.render);
    return outcome;
  }
  const fileName = toNative(absolute);
  const readFile = siblingReader(config.maxFileSize);
  // Text output shows no fixes, only how many --fix could apply, and --fix applies preferred fixes
  // only: the others are not built. The "ignore" comment edits are editor actions, never shown.
  const fixes = settings.render.format === 'text' ? 'preferred' : 'all';
  const lintText = (text: string): LintOutput => lint(text, { fileName, kind, config, readFile, fixes, suppressEdits: false });
  let result: LintOutput;
  let text = source.text;
  try {
    if (settings.fix && kind !== 'config') {
      const fixed = fixAll(source.text, lintText);
      result = fixed.result;
      if (fixed.refused) outcome.notes.push(`${display}: not fixed: ${fixed.refused}`);
      const changed = fixed.text !== source.text;
      if (changed || saveUnchanged) {
        try {
          save({ text: fixed.text, bom: source.bom });
          if (changed) {
            text = fixed.text;
            outcome.fixesApplied = fixed.applied;
            outcome.fixed = true;
          }
        } catch (error) {
          outcome.notes.push(`cannot write the fixes to ${display}: ${errorMessage(error)}`);
          result = lintText(source.text);
        }
      }
    } else {
      result = lintText(source.text);
    }
  } catch (error) {
    // The engine promises not to throw; if it does, this file is lost but the run goes on.
    outcome.notes.push(`internal error while linting ${display}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}. Please report this.`);
    return outcome;
  }
  for (const error of result.ruleErrors) {
    outcome.notes.push(`internal error: rule ${error.ruleId} failed on ${display} (${error.message}); its findings for this file are missing. Please report this.`);
  }
  const findings = result.findings;
  const report: FileReport = { filePath: display, absolutePath: absolute, kind, findings };
  if (settings.render.format === 'sarif') report.fingerprints = fingerprints(findings, text);
  outcome.report = renderFile(report, settings.render);
  return outcome;
}

export function withoutSuppress(finding: Finding): Finding {
  const { suppress: _suppress, ...rest } = finding;
  return rest;
}

/** DG003 for a file the CLI could not read as text: the engine's finding, made where the engine never sees the file. */
export function skippedFinding(message: string, config: EffectiveConfig): Finding | undefined {
  const rule = ruleById('DG003')!;
  const severity = config.severities.get(rule.id) ?? rule.defaultSeverity;
  if (severity === 'off') return undefined;
  const start = { line: 0, character: 0 };
  return { ruleId: rule.id, ruleName: rule.name, severity, message, range: { start, end: start }, docsUrl: docsUrl(rule), fixes: [] };
}

export function errorMessage(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof (error as { code: unknown }).code === 'string') {
    const code = (error as { code: string }).code;
    const known: Record<string, string> = {
      ENOENT: 'no such file or folder',
      EACCES: 'permission denied',
      EPERM: 'operation not permitted',
      EISDIR: 'is a folder',
      ENOTDIR: 'not a folder',
      ELOOP: 'too many levels of symbolic links',
      EROFS: 'read-only file system',
      ENOSPC: 'no space left on device',
    };
    if (known[code]) return `${known[code]} (${code})`;
  }
  return error instanceof Error ? error.message : String(error);
}
