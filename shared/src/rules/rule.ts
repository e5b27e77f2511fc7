import type { FileKind, Severity, SeveritySetting } from '../types';
import type { OffsetEdit } from '../text/edits';
import type { EffectiveConfig } from '../config/config';
import type { DockerfileModel } from '../dockerfile/model';
import type { ComposeModel } from '../compose/model';

/** What the registry, the CLI, the docs and the settings schema know of a rule. */
export interface RuleMeta {
  /** Stable forever (`DG101`). */
  id: string;
  /** Kebab-case; suppressions and settings accept it in place of the id. */
  name: string;
  /** `any` for the findings the engine reports about any file (parse errors, skipped files). */
  kind: FileKind | 'any';
  defaultSeverity: SeveritySetting;
  /** One sentence: what the rule reports. */
  summary: string;
  /** OWASP Docker Security Cheat Sheet rule(s) it enforces, e.g. `3` or `3,5`; `–` for none. */
  cheatSheet: string;
  /** Whether its findings can carry fixes. */
  fixable: boolean;
  /**
   * False when fix-all and `--fix` must not apply the rule's fixes unattended, because every fix
   * chooses a value for the user (a memory limit) or can break a working service in a way the
   * file does not show (a data mount made read-only, no restart after a daemon restart). The
   * fixes are still offered as quick fixes. Default true.
   */
  autoFix?: boolean;
}

export interface ProblemFix {
  title: string;
  edits: OffsetEdit[];
  /** Defaults to the first fix of the problem. */
  preferred?: boolean;
}

/** What a rule reports, in offsets of the linted text; the engine turns it into a `Finding`. */
export interface Problem {
  start: number;
  end: number;
  message: string;
  /** Overrides the rule's default severity for this finding (e.g. DG216 on a writable mount). */
  severity?: Severity;
  /**
   * The fixes, or a function that builds them: the engine calls it only when the caller wants
   * fixes (`LintOptions.fixes`), while the model is still there. Give a function when building
   * the fixes costs more than finding the problem (a "missing key" on every service).
   */
  fixes?: ProblemFix[] | (() => ProblemFix[]);
  related?: { start: number; end: number; message: string }[];
}

export interface RuleContext<Model> {
  model: Model;
  config: EffectiveConfig;
  /** The linted file's path or name, as the host gave it. */
  fileName: string;
  /** Another workspace file's text (see `LintOptions.readFile`); undefined when unknown. */
  readFile(path: string): string | undefined;
  report(problem: Problem): void;
}

export interface DockerfileRule extends RuleMeta {
  kind: 'dockerfile';
  check(context: RuleContext<DockerfileModel>): void;
}

export interface ComposeRule extends RuleMeta {
  kind: 'compose';
  check(context: RuleContext<ComposeModel>): void;
}

export type Rule = DockerfileRule | ComposeRule;

export function defineDockerfileRule(rule: Omit<DockerfileRule, 'kind'>): DockerfileRule {
  return { ...rule, kind: 'dockerfile' };
}

export function defineComposeRule(rule: Omit<ComposeRule, 'kind'>): ComposeRule {
  return { ...rule, kind: 'compose' };
}
