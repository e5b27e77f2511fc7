import type { DockerfileModel, Instruction, Word } from './model';

/** The sources and destination of a COPY or ADD, each with its offsets in the file. */
export interface CopyOperands {
  /** Files, directories, globs and URLs, as written; here-document sources (`<<EOF`) are left out. */
  sources: Word[];
  destination: Word | undefined;
}

/**
 * Reads `COPY [flags] <src>... <dest>` in both forms. The JSON form (`["a b", "/c/"]`) gives
 * the strings' values; the shell form splits on blanks. A here-document's body lines are not
 * operands: only the words on the lines up to the one that opens it count.
 */
export function copyOperandsOf(model: DockerfileModel, instruction: Instruction): CopyOperands {
  let words: Word[];
  if (instruction.execForm && instruction.jsonStrings) {
    words = instruction.jsonStrings.map(({ value: parsed, start, end }) => {
      // The offsets leave the quotes out; JSON-decode the string with them (the library's value drops blanks).
      const quoted = model.text[start - 1] === '"' && model.text[end] === '"';
      const value = (quoted ? jsonValue(model.text.slice(start - 1, end + 1)) : undefined) ?? parsed;
      return { value, start, end };
    });
  } else {
    words = instruction.args;
    const opener = words.findIndex((word) => /^<<-?["']?[A-Za-z0-9_]/.test(word.value));
    if (opener >= 0) {
      const line = model.index.lineOf(words[opener].start);
      words = words.filter((word) => model.index.lineOf(word.start) <= line);
    }
  }
  if (words.length === 0) return { sources: [], destination: undefined };
  const destination = words[words.length - 1];
  const sources = words.slice(0, -1).filter((word) => !word.value.startsWith('<<'));
  return { sources, destination };
}

function jsonValue(raw: string): string | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
