import type { OffsetEdit } from '../text/edits';
import type { DockerfileModel, Instruction } from './model';

/**
 * Text edits that keep a Dockerfile's own style: new instructions in the file's keyword case
 * and indentation, words removed with exactly one separating space.
 */

/** `USER` or `user`, following the case of the file's FROM instructions. */
export function keywordInFileCase(model: DockerfileModel, keyword: string): string {
  const from = model.finalStage?.from ?? model.instructions[0];
  if (!from) return keyword.toUpperCase();
  const written = model.text.slice(from.keywordStart, from.keywordEnd);
  return written === written.toLowerCase() ? keyword.toLowerCase() : keyword.toUpperCase();
}

/** The indentation of the line an instruction starts on. */
export function indentationOf(model: DockerfileModel, instruction: Instruction): string {
  return /^[ \t]*/.exec(model.index.lineText(instruction.line))![0];
}

/** Inserts whole lines (given without line breaks) just before an instruction's first line. */
export function insertLinesBefore(model: DockerfileModel, instruction: Instruction, lines: string[]): OffsetEdit {
  const at = model.index.lineStart(instruction.line);
  const indent = indentationOf(model, instruction);
  const eol = model.index.eol;
  return { start: at, end: at, newText: lines.map((line) => indent + line + eol).join('') };
}

/** Appends whole lines after the end of the file, adding the missing final line break first. */
export function appendLines(model: DockerfileModel, lines: string[]): OffsetEdit {
  const { text } = model;
  const eol = model.index.eol;
  const last = text[text.length - 1];
  const needsBreak = text.length > 0 && last !== '\n' && last !== '\r';
  return { start: text.length, end: text.length, newText: (needsBreak ? eol : '') + lines.map((line) => line + eol).join('') };
}

/**
 * Removes the word at `[start, end)` and one run of blanks next to it (the following run, or
 * the preceding one at the end of a line), so `a --flag b` becomes `a b`, never `a  b` or `ab`.
 */
export function removeWord(text: string, start: number, end: number): OffsetEdit {
  let after = end;
  while (after < text.length && (text[after] === ' ' || text[after] === '\t')) after++;
  const atLineEnd = after >= text.length || text[after] === '\n' || text[after] === '\r' || text[after] === '\\';
  if (after > end && !atLineEnd) return { start, end: after, newText: '' };
  let before = start;
  while (before > 0 && (text[before - 1] === ' ' || text[before - 1] === '\t')) before--;
  if (atLineEnd && before < start && text[before - 1] !== '\n') return { start: before, end, newText: '' };
  return { start, end: after, newText: '' };
}
