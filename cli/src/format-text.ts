import type { Severity } from '../../shared/src/index';
import { isFixable, type FileReport, type RunSummary } from './report';

export interface TextOptions {
  color: boolean;
}

const STYLE = {
  error: '\x1b[31m',
  warning: '\x1b[33m',
  info: '\x1b[36m',
  dim: '\x1b[2m',
  bold: '\x1b[1m',
  reset: '\x1b[0m',
};

/**
 * One line per finding, `path:line:col` first so terminals and editors make it a link:
 *
 *   deploy/compose.yaml:4:5  error    Service 'app' runs privileged: ...  DG201 privileged
 *
 * then a summary line. Colour only when asked (the caller decides: a TTY and no NO_COLOR).
 */
export function formatText(reports: readonly FileReport[], summary: RunSummary, options: TextOptions): string {
  const paint = (style: keyof typeof STYLE, text: string): string => (options.color ? `${STYLE[style]}${text}${STYLE.reset}` : text);
  const lines: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  let filesWithFindings = 0;
  let fixable = 0;
  for (const report of reports) {
    if (report.findings.length > 0) filesWithFindings++;
    for (const finding of report.findings) {
      counts[finding.severity]++;
      if (isFixable(finding)) fixable++;
      const location = `${report.filePath}:${finding.range.start.line + 1}:${finding.range.start.character + 1}`;
      const message = finding.message.replace(/\s*\n\s*/g, ' ');
      lines.push(`${paint('bold', location)}  ${paint(finding.severity, finding.severity.padEnd(7))}  ${message}  ${paint('dim', `${finding.ruleId} ${finding.ruleName}`)}`);
    }
  }
  if (lines.length > 0) lines.push('');
  if (summary.fixesApplied > 0) {
    lines.push(`Fixed ${plural(summary.fixesApplied, 'problem')} in ${plural(summary.filesFixed, 'file')}.`);
  }
  const total = counts.error + counts.warning + counts.info;
  if (total === 0) {
    lines.push(summary.filesLinted === 0 ? 'No Dockerfiles or compose files found.' : `No problems found in ${plural(summary.filesLinted, 'file')}.`);
  } else {
    const parts = [
      counts.error > 0 ? paint('error', plural(counts.error, 'error')) : undefined,
      counts.warning > 0 ? paint('warning', plural(counts.warning, 'warning')) : undefined,
      counts.info > 0 ? paint('info', `${counts.info} info`) : undefined,
    ].filter(Boolean);
    let line = `${paint('bold', plural(total, 'problem'))} (${parts.join(', ')}) in ${plural(filesWithFindings, 'file')} (${summary.filesLinted} checked).`;
    if (fixable > 0) line += ` ${fixable} can be fixed with --fix.`;
    lines.push(line);
  }
  return `${lines.join('\n')}\n`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
