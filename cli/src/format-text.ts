import type { Finding, Severity } from '../../shared/src/index';
import type { FileReport, RunSummary } from './report';

const STYLE = {
  error: '\x1b[31m',
  warning: '\x1b[33m',
  info: '\x1b[36m',
  dim: '\x1b[2m',
  bold: '\x1b[1m',
  reset: '\x1b[0m',
};

type Paint = (style: keyof typeof STYLE, text: string) => string;

function painter(color: boolean): Paint {
  return (style, text) => (color ? `${STYLE[style]}${text}${STYLE.reset}` : text);
}

/**
 * One line per finding, `path:line:col` first so terminals and editors make it a link:
 *
 *   deploy/compose.yaml:4:5  error    Service 'app' runs privileged: ...  DG201 privileged
 *
 * Colour only when asked (the caller decides: a TTY and no NO_COLOR).
 */
export function textLines(report: FileReport, color: boolean): string {
  const paint = painter(color);
  let lines = '';
  for (const finding of report.findings) lines += `${textLine(report.filePath, finding, paint)}\n`;
  return lines;
}

function textLine(filePath: string, finding: Finding, paint: Paint): string {
  const location = `${filePath}:${finding.range.start.line + 1}:${finding.range.start.character + 1}`;
  const message = finding.message.replace(/\s*\n\s*/g, ' ');
  return `${paint('bold', location)}  ${paint(finding.severity, finding.severity.padEnd(7))}  ${message}  ${paint('dim', `${finding.ruleId} ${finding.ruleName}`)}`;
}

/** The closing lines: what --fix did, then counts by severity and how many --fix could fix. */
export function textSummary(summary: RunSummary, counts: Record<Severity, number>, filesWithFindings: number, fixable: number, color: boolean): string {
  const paint = painter(color);
  const lines: string[] = [];
  if (summary.fixesApplied > 0) lines.push(`Fixed ${plural(summary.fixesApplied, 'problem')} in ${plural(summary.filesFixed, 'file')}.`);
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
