import type { FileKind, Finding, Fix, Range, Severity } from '../../shared/src/index';

/** One linted file as the formatters see it. */
export interface FileReport {
  /** Relative to the current folder when below it, else absolute; `/` separators on every system. */
  filePath: string;
  absolutePath: string;
  kind: FileKind;
  findings: Finding[];
  /** Per finding, a fingerprint that survives lines moving (SARIF `partialFingerprints`); only for SARIF. */
  fingerprints?: string[];
}

export interface RunSummary {
  /** Dockerfiles and compose files linted (config files are not counted). */
  filesLinted: number;
  /** Fixes applied by --fix, and in how many files. */
  fixesApplied: number;
  filesFixed: number;
}

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/** 1-based, end exclusive (the column just after the last character), as ESLint and SARIF count. */
export function oneBased(range: Range): { line: number; column: number; endLine: number; endColumn: number } {
  return {
    line: range.start.line + 1,
    column: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

/** A finding's fixes with the preferred one (the one --fix applies) first; suppressions are never fixes. */
export function orderedFixes(finding: Finding): Fix[] {
  const preferred = finding.fixes.filter((fix) => fix.preferred);
  return [...preferred, ...finding.fixes.filter((fix) => !fix.preferred)];
}

export function isFixable(finding: Finding): boolean {
  return finding.fixes.some((fix) => fix.preferred && fix.edits.length > 0);
}
