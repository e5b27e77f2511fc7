/**
 * Dockerfile variable substitution (`$X`, `${X}`, `${X:-default}`, `${X:+alt}`, and the
 * colon-less forms), as BuildKit applies it to FROM and USER. A value that depends on a
 * variable with no known value is `undefined`: unknown, never guessed.
 */

/** Variables with a known value; a variable that is declared without one is simply absent. */
export type Scope = ReadonlyMap<string, string>;

export function substitute(value: string, scope: Scope, escapeChar = '\\'): string | undefined {
  let result = '';
  let i = 0;
  while (i < value.length) {
    const c = value[i];
    if (c === escapeChar && value[i + 1] === '$') {
      result += '$';
      i += 2;
      continue;
    }
    if (c !== '$') {
      result += c;
      i++;
      continue;
    }
    if (value[i + 1] === '{') {
      const close = findClosingBrace(value, i + 2);
      if (close < 0) return undefined;
      const expression = value.slice(i + 2, close);
      const expanded = expandBraced(expression, scope, escapeChar);
      if (expanded === undefined) return undefined;
      result += expanded;
      i = close + 1;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(value.slice(i + 1));
    if (!name) {
      result += c;
      i++;
      continue;
    }
    const resolved = scope.get(name[0]);
    if (resolved === undefined) return undefined;
    result += resolved;
    i += 1 + name[0].length;
  }
  return result;
}

function findClosingBrace(value: string, from: number): number {
  let depth = 1;
  for (let i = from; i < value.length; i++) {
    if (value[i] === '{') depth++;
    else if (value[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function expandBraced(expression: string, scope: Scope, escapeChar: string): string | undefined {
  const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-+])(.*))?$/s.exec(expression);
  if (!match) return undefined;
  const [, name, colon, operator, word] = match;
  const current = scope.get(name);
  if (!operator) return current;
  // A variable with no known value (an ARG without a default, set by --build-arg if at all) is
  // taken as unset, so `${X:-d}` is d, the value a plain `docker build` uses.
  const set = current !== undefined && (colon === '' || current !== '');
  if (operator === '-') return set ? current : substitute(word, scope, escapeChar);
  return set ? substitute(word, scope, escapeChar) : '';
}
