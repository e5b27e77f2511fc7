import type { LineIndex } from './text/line-index';
import type { OffsetEdit } from './text/edits';

/**
 * Inline suppressions, the same in Dockerfiles and YAML:
 *   # dockguard-ignore DG201,cap-drop-all -- reason     (the next line)
 *   # dockguard-ignore-file DG214                       (the whole file)
 * A directive without ids covers every rule. "The next line" is the next line that is neither
 * blank nor a comment; for a Dockerfile it is the whole instruction starting there.
 */

export interface CommentLine {
  line: number;
  /** Offsets of the comment from its `#`. */
  start: number;
  end: number;
  text: string;
}

export interface SuppressionToken {
  text: string;
  start: number;
  end: number;
}

export interface SuppressionDirective {
  scope: 'line' | 'file';
  line: number;
  tokens: SuppressionToken[];
  /** Where another id is appended (just after the last token, or after the directive word). */
  appendAt: number;
  /** The line the directive covers (line scope only). */
  target: number;
}

const DIRECTIVE = /^#\s*dockguard-ignore(-file)?(?=\s|$)/;

export function parseSuppressions(comments: readonly CommentLine[], index: LineIndex): SuppressionDirective[] {
  const commentLines = new Set(comments.map((comment) => comment.line));
  const directives: SuppressionDirective[] = [];
  for (const comment of comments) {
    const match = DIRECTIVE.exec(comment.text);
    if (!match) continue;
    let body = comment.text.slice(match[0].length);
    const reason = body.search(/\s--(\s|$)/);
    if (reason >= 0) body = body.slice(0, reason);
    const bodyStart = comment.start + match[0].length;
    const tokens: SuppressionToken[] = [];
    const tokenPattern = /[^\s,]+/g;
    for (let token = tokenPattern.exec(body); token; token = tokenPattern.exec(body)) {
      tokens.push({ text: token[0], start: bodyStart + token.index, end: bodyStart + token.index + token[0].length });
    }
    const appendAt = tokens.length > 0 ? tokens[tokens.length - 1].end : bodyStart;
    let target = comment.line + 1;
    while (target < index.lineCount && (commentLines.has(target) || index.lineText(target).trim() === '')) target++;
    directives.push({ scope: match[1] ? 'file' : 'line', line: comment.line, tokens, appendAt, target });
  }
  return directives;
}

/**
 * The edits behind "Ignore <id> for this line" and "Ignore <id> in this file". An id is
 * appended to a directive that is already there rather than writing a second comment.
 */
export function suppressionEdits(
  ruleId: string,
  anchorLine: number,
  fileInsertLine: number,
  directives: readonly SuppressionDirective[],
  index: LineIndex,
): { line: OffsetEdit; file: OffsetEdit } {
  const eol = index.eol;
  const existingLine = directives.find((directive) => directive.scope === 'line' && directive.target === anchorLine);
  let line: OffsetEdit;
  if (existingLine && existingLine.tokens.length > 0) {
    line = { start: existingLine.appendAt, end: existingLine.appendAt, newText: `,${ruleId}` };
  } else {
    const lineStart = index.lineStart(anchorLine);
    const indent = /^[ \t]*/.exec(index.lineText(anchorLine))![0];
    line = { start: lineStart, end: lineStart, newText: `${indent}# dockguard-ignore ${ruleId}${eol}` };
  }
  const existingFile = directives.find((directive) => directive.scope === 'file' && directive.tokens.length > 0);
  let file: OffsetEdit;
  if (existingFile) {
    file = { start: existingFile.appendAt, end: existingFile.appendAt, newText: `,${ruleId}` };
  } else {
    const at = index.lineStart(fileInsertLine);
    const last = index.text.charCodeAt(index.text.length - 1);
    const needsBreak = fileInsertLine >= index.lineCount && index.text.length > 0 && last !== 10 && last !== 13;
    file = { start: at, end: at, newText: `${needsBreak ? eol : ''}# dockguard-ignore-file ${ruleId}${eol}` };
  }
  return { line, file };
}
