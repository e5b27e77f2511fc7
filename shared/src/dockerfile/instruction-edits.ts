import type { OffsetEdit } from '../text/edits';
import type { DockerfileModel, Instruction, PropertyWord } from './model';
import type { ParsedOption } from './commands';
import { removeWord } from './edits';

/**
 * Removals that keep a Dockerfile valid: a whole instruction with its line break, one
 * `NAME=value` of an ENV/ARG, one option of a command (with its value word, or one letter of a
 * combined `-fsSLk`). Each returns undefined when the removal cannot be done cleanly.
 */

/**
 * Removes the text at `[start, end)` (a word, or an option and its value) with the blanks that
 * separated it, like `removeWord`, and also keeps continued instructions tidy: a word alone on a
 * continued line takes its line along, and a word alone on the last line takes the previous
 * line's continuation with it, so no line of only `\\` or only blanks is left behind.
 */
export function removeArgument(text: string, start: number, end: number, escapeChar = '\\'): OffsetEdit {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = text.indexOf('\n', end);
  if (lineEnd < 0) lineEnd = text.length;
  const alone = /^[ \t]*$/.test(text.slice(lineStart, start));
  const rest = text.slice(end, lineEnd).replace(/\r$/, '');
  if (alone && lineStart > 0) {
    const escape = escapeChar.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
    if (new RegExp(`^[ \\t]*${escape}[ \\t]*$`).test(rest)) {
      return { start: lineStart, end: Math.min(lineEnd + 1, text.length), newText: '' };
    }
    if (/^[ \t]*$/.test(rest)) {
      // The previous line ends with the continuation that led here: remove it too.
      const previousEnd = lineStart - 1 - (text[lineStart - 2] === '\r' ? 1 : 0);
      const previous = text.slice(text.lastIndexOf('\n', previousEnd - 1) + 1, previousEnd);
      const continuation = new RegExp(`[ \\t]*${escape}[ \\t]*$`).exec(previous);
      if (continuation) {
        const from = previousEnd - continuation[0].length;
        return { start: from, end: end + (rest.length - rest.trimStart().length), newText: '' };
      }
    }
  }
  return removeWord(text, start, end);
}

/** Removes an instruction's lines, including the final line break, so no blank line is left. */
export function removeInstructionLines(model: DockerfileModel, instruction: Instruction): OffsetEdit {
  const { index } = model;
  const start = index.lineStart(instruction.line);
  const lastLine = index.lineOf(Math.max(instruction.start, instruction.end - 1));
  const end = lastLine + 1 < index.lineCount ? index.lineStart(lastLine + 1) : model.text.length;
  return { start, end, newText: '' };
}

/**
 * Removes one property of an ENV/ARG/LABEL: the `NAME=value` word when others remain, or the
 * whole instruction when it is the only one (an `ENV` with nothing after it does not parse).
 */
export function removeProperty(model: DockerfileModel, instruction: Instruction, property: PropertyWord): OffsetEdit | undefined {
  if (instruction.properties.length === 1) return removeInstructionLines(model, instruction);
  if (model.text[property.nameEnd] !== '=') return undefined;
  return removeArgument(model.text, property.nameStart, property.valueEnd, model.escapeChar);
}

/**
 * Removes a parsed command-line option: its word (and the next word when that holds its value),
 * or only its letter when it is one of several combined short options (`-fsSLk` → `-fsSL`).
 */
export function removeOption(text: string, option: ParsedOption, escapeChar = '\\'): OffsetEdit | undefined {
  const { word } = option;
  const ownsWord =
    option.long || (option.letterIndex === 1 && (word.value.length === 2 || (option.value !== undefined && !option.valueWord)));
  if (ownsWord) {
    // `--insecure`, `--trusted-host host`, `-k`, `-o X`, `-oX`: the word (and value word) go.
    return removeArgument(text, word.start, option.valueWord ? option.valueWord.end : word.end, escapeChar);
  }
  // A later letter of a combined group (`-fsSLk`): only that letter goes, when the word is
  // written plainly and the letter takes no value (a value would be the rest of the word).
  if (option.letterIndex === undefined || option.value !== undefined || option.valueWord) return undefined;
  if (text.slice(word.start, word.end) !== word.value) return undefined;
  const at = word.start + option.letterIndex;
  return { start: at, end: at + 1, newText: '' };
}
