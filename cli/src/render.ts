import type { FileKind, Severity } from '../../shared/src/index';
import type { OutputFormat } from './args';
import { jsonEntry } from './format-json';
import { sarifResults } from './format-sarif';
import { textLines } from './format-text';
import { isFixable, type FileReport } from './report';

export interface RenderOptions {
  format: OutputFormat;
  /** Text format only. */
  color: boolean;
  /** -q: error-level findings only. */
  quiet: boolean;
}

/**
 * A linted file as the run keeps it: its part of the output already written out in the chosen
 * format, plus the counts the summary and the exit code need. Rendering happens in the thread
 * that linted the file, so large runs share that work too and keep strings, not finding objects.
 */
export interface RenderedFile {
  filePath: string;
  absolutePath: string;
  kind: FileKind;
  counts: Record<Severity, number>;
  fixable: number;
  /** A JSON entry, the SARIF results separated by commas (empty when none), or text lines. */
  output: string;
}

/** Undefined for a config file with nothing to report: config files are not among the files checked. */
export function renderFile(report: FileReport, options: RenderOptions): RenderedFile | undefined {
  let shown = report;
  if (options.quiet) {
    const keep = report.findings.map((finding) => finding.severity === 'error');
    shown = {
      ...report,
      findings: report.findings.filter((_finding, i) => keep[i]),
      fingerprints: report.fingerprints?.filter((_fingerprint, i) => keep[i]),
    };
  }
  if (shown.kind === 'config' && shown.findings.length === 0) return undefined;
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  let fixable = 0;
  for (const finding of shown.findings) {
    counts[finding.severity]++;
    if (isFixable(finding)) fixable++;
  }
  const output = options.format === 'json' ? jsonEntry(shown) : options.format === 'sarif' ? sarifResults(shown) : textLines(shown, options.color);
  return { filePath: shown.filePath, absolutePath: shown.absolutePath, kind: shown.kind, counts, fixable, output };
}
