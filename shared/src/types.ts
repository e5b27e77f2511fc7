/** The vocabulary every part of dockguard speaks: findings, fixes, positions, severities. */

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';
export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['error', 'warning', 'info', 'off'];

/** `config` is `.dockguard.yaml` itself: it is linted so its own mistakes show up on it. */
export type FileKind = 'dockerfile' | 'compose' | 'config';

/** 0-based line and UTF-16 character, as in LSP. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /**
   * At most one fix of a finding is preferred: the one `--fix` and fix-all apply unattended. Every
   * fixable finding has one, except those of rules whose fixes need a person's judgement
   * (`RuleMeta.autoFix: false`): their fixes are offered, never applied by fix-all.
   */
  preferred: boolean;
}

export interface RelatedLocation {
  range: Range;
  message: string;
}

/** The comment edits behind "Ignore DGxxx for this line" and "Ignore DGxxx in this file". */
export interface SuppressionEdits {
  line: TextEdit;
  file: TextEdit;
}

export interface Finding {
  ruleId: string;
  ruleName: string;
  severity: Severity;
  message: string;
  range: Range;
  docsUrl: string;
  fixes: Fix[];
  /** Absent for findings that cannot be suppressed inline (parse errors, config errors). */
  suppress?: SuppressionEdits;
  /** Other places the finding concerns, e.g. the services that use a YAML anchor. */
  related?: RelatedLocation[];
}

export interface LintResult {
  /** `undefined` when the file is not one dockguard lints (e.g. a YAML file without `services:`). */
  kind: FileKind | undefined;
  findings: Finding[];
}
