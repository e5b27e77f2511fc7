import type { Finding } from '../../shared/src/index';
import { oneBased, orderedFixes, type FileReport } from './report';

/**
 * One entry of the JSON format of the contract (an array with one entry per linted file, in
 * path order): ESLint's shape with 1-based lines and columns and exclusive end columns. `fixes`
 * lists the preferred fix (the one --fix applies) first; the "ignore" comment actions are editor
 * actions and never appear.
 */
export function jsonEntry(report: FileReport): string {
  return JSON.stringify({ filePath: report.filePath, kind: report.kind, messages: report.findings.map(message) });
}

function message(finding: Finding) {
  return {
    ruleId: finding.ruleId,
    ruleName: finding.ruleName,
    severity: finding.severity,
    message: finding.message,
    ...oneBased(finding.range),
    docsUrl: finding.docsUrl,
    fixes: orderedFixes(finding).map((fix) => ({
      title: fix.title,
      edits: fix.edits.map((edit) => ({ ...oneBased(edit.range), newText: edit.newText })),
    })),
  };
}
