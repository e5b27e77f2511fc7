import { unquote, type DockerfileModel, type Instruction, type PropertyWord } from './model';

/**
 * The names an `ARG` declares, each with its default. `ARG A B=1 C` declares three variables,
 * but `dockerfile-ast` reads an ARG whose first name has no `=` like the legacy `ENV NAME value`
 * form (one name `A` with the value `B=1 C`); this reads the rest again as declarations.
 */
export function argDeclarations(model: DockerfileModel, instruction: Instruction): PropertyWord[] {
  const { text, escapeChar } = model;
  const declarations: PropertyWord[] = [];
  for (const property of instruction.properties) {
    if (property.value === undefined || text[property.nameEnd] === '=') {
      declarations.push(property);
      continue;
    }
    declarations.push({ ...property, value: undefined, valueStart: property.nameEnd, valueEnd: property.nameEnd });
    for (const [start, end] of wordsIn(text, property.valueStart, property.valueEnd, escapeChar)) {
      const word = text.slice(start, end);
      const equals = word.indexOf('=');
      const nameEnd = equals < 0 ? end : start + equals;
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(text.slice(start, nameEnd))) continue;
      declarations.push({
        name: text.slice(start, nameEnd),
        nameStart: start,
        nameEnd,
        value: equals < 0 ? undefined : unquote(text.slice(nameEnd + 1, end), escapeChar),
        valueStart: equals < 0 ? nameEnd : nameEnd + 1,
        valueEnd: equals < 0 ? nameEnd : end,
      });
    }
  }
  return declarations;
}

/** Whitespace-separated words of `text[start, end)`; quotes and escapes keep a word together. */
function wordsIn(text: string, start: number, end: number, escapeChar: string): [number, number][] {
  const words: [number, number][] = [];
  let i = start;
  while (i < end) {
    while (i < end && /\s/.test(text[i])) i++;
    if (i >= end) break;
    const wordStart = i;
    let quote: string | undefined;
    while (i < end) {
      const c = text[i];
      if (c === escapeChar && quote !== "'") {
        i += 2;
        continue;
      }
      if (quote) {
        if (c === quote) quote = undefined;
      } else if (c === '"' || c === "'") {
        quote = c;
      } else if (/\s/.test(c)) {
        break;
      }
      i++;
    }
    words.push([wordStart, Math.min(i, end)]);
  }
  return words;
}
