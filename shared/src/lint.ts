import type { FileKind, Finding, Fix, LintResult, Severity } from './types';
import type { Problem, ProblemFix, Rule, RuleContext, RuleMeta } from './rules/rule';
import { LineIndex } from './text/line-index';
import { toTextEdit } from './text/edits';
import { detectKind, kindFromName } from './file-kind';
import { resolveConfig, parseConfig, type EffectiveConfig } from './config/config';
import { COMPOSE_RULES, DOCKERFILE_RULES, docsUrl, ruleById, rulesNamed } from './registry';
import { parseSuppressions, suppressionEdits, type CommentLine, type SuppressionDirective } from './suppressions';
import { buildDockerfileModel } from './dockerfile/model';
import { buildComposeModel } from './compose/model';

export interface LintOptions {
  /** Path or name of the file; its name decides the kind unless `kind` is given. */
  fileName: string;
  /** Overrides detection, e.g. from the editor's language id. */
  kind?: FileKind;
  /** The merged configuration (see `resolveConfig`); defaults when absent. */
  config?: EffectiveConfig;
  /** The rules to run in place of the registry's; for tests. */
  rules?: readonly Rule[];
  /**
   * Reads another file of the workspace, for the few rules that look across files (DG208 reads
   * the Dockerfile a compose service builds). Paths are built from `fileName` by string joining,
   * in `fileName`'s own separator style. Returns undefined when the file does not exist or cannot
   * be read. Hosts without synchronous file access leave it out; those rules then treat the other
   * file as unknown and stay quiet.
   */
  readFile?: (path: string) => string | undefined;
  /**
   * Which quick fixes findings carry: `all` (the default); `preferred`, only each finding's
   * preferred fix, the one fix-all and `--fix` apply (so none for rules with `autoFix: false`),
   * enough to tell what `--fix` would do; or `none` (`fixes: []`). Fixes are the costliest part
   * of many findings and most consumers never show them (the CLI's text output, diagnostics of
   * files that are not open): rules that give their fixes as a function are then not asked.
   */
  fixes?: 'all' | 'preferred' | 'none';
  /** Whether findings carry the edits of the "ignore" comment actions (`Finding.suppress`); default true. */
  suppressEdits?: boolean;
}

/** A rule that threw: its findings are lost, the other rules' are not. */
export interface RuleError {
  ruleId: string;
  message: string;
  stack?: string;
}

export interface LintOutput extends LintResult {
  ruleErrors: RuleError[];
}

/** What the engine needs of any model to place suppressions. */
interface SuppressibleModel {
  index: LineIndex;
  comments: CommentLine[];
  suppressionLine(offset: number): number;
  fileSuppressionLine: number;
}

interface RawFinding {
  rule: RuleMeta;
  problem: Problem;
}

/**
 * Lints one file's text. Pure and deterministic: the same text and options give the same
 * findings, sorted by position, then rule id. Never throws for any input text.
 */
export function lint(text: string, options: LintOptions): LintOutput {
  const config = options.config ?? defaultConfig();
  const kind = options.kind ?? detectKind(options.fileName, text);
  if (kind === undefined) return { kind, findings: [], ruleErrors: [] };

  const skipped = skipReason(text, config);
  if (skipped) {
    return { kind, findings: [engineFinding('DG003', skipped, 0, 0, new LineIndex(text), config)].filter(isFinding), ruleErrors: [] };
  }
  switch (kind) {
    case 'config':
      return { kind, findings: lintConfig(text, new LineIndex(text), config), ruleErrors: [] };
    case 'dockerfile': {
      const model = buildDockerfileModel(text);
      const suppressible: SuppressibleModel = {
        index: model.index,
        comments: model.comments,
        suppressionLine: (offset) => instructionLineAt(model.instructions, offset, model.index),
        fileSuppressionLine: model.firstLineAfterDirectives,
      };
      const rules = options.rules?.filter((rule) => rule.kind === 'dockerfile') ?? DOCKERFILE_RULES;
      return runRules(kind, rules, model, suppressible, config, [], options);
    }
    case 'compose': {
      const model = buildComposeModel(text);
      // A YAML file picked up only for its top-level `services:` (a GitLab CI file's list, say)
      // that turns out not to be compose is simply not ours: no "not a compose file" error on it.
      if (model.notCompose && options.kind === undefined && kindFromName(options.fileName) !== 'compose') {
        return { kind: undefined, findings: [], ruleErrors: [] };
      }
      const base: RawFinding[] = model.parseErrors.map((error) => ({
        rule: ruleById('DG000')!,
        problem: { start: error.start, end: error.end, message: `YAML syntax error: ${error.message}` },
      }));
      if (model.notCompose && model.parseErrors.length === 0) {
        base.push({ rule: ruleById('DG000')!, problem: { start: 0, end: Math.min(text.length, model.index.lineEnd(0)), message: model.notCompose } });
      }
      const rules = options.rules?.filter((rule) => rule.kind === 'compose') ?? COMPOSE_RULES;
      // Merge keys resolve lazily while rules run, so what the model refused is known only after.
      const refused = (): RawFinding[] =>
        model.refused.map((refusal) => ({ rule: ruleById('DG000')!, problem: { start: refusal.start, end: refusal.end, message: refusal.message } }));
      return runRules(kind, model.notCompose ? [] : rules, model, model, config, base, options, refused);
    }
  }
}

let cachedDefaultConfig: EffectiveConfig | undefined;

/** The configuration without any `.dockguard.yaml`: resolved once, it never changes. */
function defaultConfig(): EffectiveConfig {
  cachedDefaultConfig ??= resolveConfig();
  return cachedDefaultConfig;
}

function runRules<Model>(
  kind: FileKind,
  rules: readonly Rule[],
  model: Model,
  suppressible: SuppressibleModel,
  config: EffectiveConfig,
  initial: RawFinding[],
  options: LintOptions,
  afterRules?: () => RawFinding[],
): LintOutput {
  const raw = initial;
  const ruleErrors: RuleError[] = [];
  const readFile = workspaceReader(options.readFile);
  // One context for all rules (checks are synchronous, so `report` always belongs to the rule
  // running): a context and a closure per rule and file added up over a workspace.
  let running: Rule | undefined;
  const context: RuleContext<Model> = {
    model,
    config,
    fileName: options.fileName,
    readFile,
    report: (problem) => raw.push({ rule: running!, problem }),
  };
  for (const rule of rules) {
    if (effectiveSeverity(rule, config) === 'off') continue;
    running = rule;
    try {
      (rule.check as (context: RuleContext<Model>) => void)(context);
    } catch (error) {
      ruleErrors.push(ruleError(rule, error));
    }
  }
  if (afterRules) raw.push(...afterRules());
  return { kind, findings: finish(raw, suppressible, config, kind, options, ruleErrors), ruleErrors };
}

/** A host's reader that never throws into a rule, and reads each file once per lint. */
function workspaceReader(read: LintOptions['readFile']): (path: string) => string | undefined {
  if (!read) return () => undefined;
  const cache = new Map<string, string | undefined>();
  return (path) => {
    if (!cache.has(path)) {
      let text: string | undefined;
      try {
        text = read(path);
      } catch {
        text = undefined;
      }
      cache.set(path, typeof text === 'string' ? text : undefined);
    }
    return cache.get(path);
  };
}

function effectiveSeverity(rule: RuleMeta, config: EffectiveConfig, reported?: Severity): Severity | 'off' {
  const configured = config.severities.get(rule.id);
  if (configured) return configured;
  if (rule.defaultSeverity === 'off') return 'off';
  return reported ?? rule.defaultSeverity;
}

/** Applies severities and suppressions, reports unknown ids in suppressions, converts and sorts. */
function finish(raw: RawFinding[], model: SuppressibleModel, config: EffectiveConfig, kind: FileKind, options: LintOptions, ruleErrors: RuleError[]): Finding[] {
  const { index } = model;
  const fixMode = options.fixes ?? 'all';
  const suppressEdits = options.suppressEdits !== false;
  const directives = parseSuppressions(model.comments, index);
  const findings: Finding[] = [];

  const unknownRule = ruleById('DG001')!;
  for (const directive of directives) {
    for (const token of directive.tokens) {
      if (rulesNamed(token.text, kind).length === 0) {
        raw.push({
          rule: unknownRule,
          problem: { start: token.start, end: token.end, message: `Unknown rule '${token.text}' in dockguard-ignore: no rule has this id or name.` },
        });
      }
    }
  }

  for (const { rule, problem } of raw) {
    const severity = effectiveSeverity(rule, config, problem.severity);
    if (severity === 'off') continue;
    const suppressible = rule.id !== 'DG000' && rule.id !== 'DG003';
    const anchorLine = model.suppressionLine(problem.start);
    if (suppressible && config.allowInlineIgnores && isSuppressed(rule, anchorLine, directives, kind)) continue;
    const fixes = fixMode === 'none' || (fixMode === 'preferred' && rule.autoFix === false) ? [] : findingFixes(rule, problem, index, fixMode, ruleErrors);
    const finding: Finding = {
      ruleId: rule.id,
      ruleName: rule.name,
      severity,
      message: problem.message,
      range: index.rangeOf(problem.start, problem.end),
      docsUrl: docsUrl(rule),
      fixes,
    };
    if (suppressible && suppressEdits) {
      const edits = suppressionEdits(rule.id, anchorLine, model.fileSuppressionLine, directives, index);
      finding.suppress = { line: toTextEdit(index, edits.line), file: toTextEdit(index, edits.file) };
    }
    if (problem.related && problem.related.length > 0) {
      finding.related = problem.related.map((related) => ({ range: index.rangeOf(related.start, related.end), message: related.message }));
    }
    findings.push(finding);
  }
  return findings.sort(compareFindings);
}

/**
 * A problem's fixes as LSP edits. The first fix is the preferred one unless one says otherwise;
 * rules with `autoFix: false` have none. Fixes given as a function are built here; if that
 * throws, the finding stays, without fixes, and the error is reported as the rule's.
 */
function findingFixes(rule: RuleMeta, problem: Problem, index: LineIndex, mode: 'all' | 'preferred', ruleErrors: RuleError[]): Fix[] {
  let given: ProblemFix[];
  try {
    given = typeof problem.fixes === 'function' ? problem.fixes() : (problem.fixes ?? []);
  } catch (error) {
    ruleErrors.push(ruleError(rule, error, 'while building its fixes: '));
    return [];
  }
  if (given.length === 0) return [];
  const preferred = rule.autoFix === false ? -1 : Math.max(0, given.findIndex((fix) => fix.preferred));
  const convert = (fix: ProblemFix, isPreferred: boolean): Fix => ({ title: fix.title, edits: fix.edits.map((edit) => toTextEdit(index, edit)), preferred: isPreferred });
  if (mode === 'preferred') return preferred < 0 ? [] : [convert(given[preferred], true)];
  return given.map((fix, i) => convert(fix, i === preferred));
}

function ruleError(rule: RuleMeta, error: unknown, context = ''): RuleError {
  return {
    ruleId: rule.id,
    message: context + (error instanceof Error ? error.message : String(error)),
    stack: error instanceof Error ? error.stack : undefined,
  };
}

function isSuppressed(rule: RuleMeta, anchorLine: number, directives: readonly SuppressionDirective[], kind: FileKind): boolean {
  return directives.some((directive) => {
    if (directive.scope === 'line' && directive.target !== anchorLine) return false;
    if (directive.tokens.length === 0) return true;
    return directive.tokens.some((token) => rulesNamed(token.text, kind).some((named) => named.id === rule.id));
  });
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.range.end.line - b.range.end.line ||
    a.range.end.character - b.range.end.character ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

/** In a Dockerfile, an ignore comment goes above the instruction the finding is in. */
function instructionLineAt(instructions: readonly { start: number; end: number; line: number }[], offset: number, index: LineIndex): number {
  let low = 0;
  let high = instructions.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const instruction = instructions[mid];
    if (offset < instruction.start) high = mid - 1;
    else if (offset > instruction.end) low = mid + 1;
    else return instruction.line;
  }
  return index.lineOf(offset);
}

function skipReason(text: string, config: EffectiveConfig): string | undefined {
  // The limit is in bytes of UTF-8, as on disk; a character is 1 to 3 bytes (4 for a surrogate pair).
  const limit = config.maxFileSize;
  const bytes = text.length > limit || text.length * 3 <= limit ? text.length : utf8Length(text);
  if (bytes > limit) {
    return `File not linted: it is larger than the size limit (${bytes} > ${limit} bytes; configurable with max-file-size).`;
  }
  const nul = text.indexOf('\0');
  if (nul >= 0) return `File not linted: it looks binary (NUL byte at offset ${nul}).`;
  return undefined;
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function lintConfig(text: string, index: LineIndex, config: EffectiveConfig): Finding[] {
  const { problems } = parseConfig(text);
  return problems
    .map((problem) =>
      engineFinding(problem.kind === 'syntax' ? 'DG000' : 'DG002', problem.kind === 'syntax' ? `YAML syntax error: ${problem.message}` : problem.message, problem.start, problem.end, index, config),
    )
    .filter(isFinding)
    .sort(compareFindings);
}

function engineFinding(id: string, message: string, start: number, end: number, index: LineIndex, config: EffectiveConfig): Finding | undefined {
  const rule = ruleById(id)!;
  const severity = effectiveSeverity(rule, config);
  if (severity === 'off') return undefined;
  return { ruleId: rule.id, ruleName: rule.name, severity, message, range: index.rangeOf(start, end), docsUrl: docsUrl(rule), fixes: [] };
}

function isFinding(finding: Finding | undefined): finding is Finding {
  return finding !== undefined;
}
