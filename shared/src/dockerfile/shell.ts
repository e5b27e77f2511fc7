/**
 * A POSIX-shell reader for the scripts of RUN, shell-form CMD/ENTRYPOINT and HEALTHCHECK. It
 * does not run or expand anything; it finds the simple commands a script would run, with every
 * word's position in the Dockerfile, so rules can say "`sudo` runs here" and not "the text
 * `sudo` appears here".
 *
 * It reads the Dockerfile text in place: Dockerfile line continuations (the escape character
 * before a line break) and the comment lines Docker strips from continued instructions are
 * skipped while reading, so positions stay those of the file.
 */

export interface ShellWord {
  /** The word after quote removal. Expansions (`$X`, `$(...)`) are kept as written. */
  value: string;
  /** Offsets of the word as written, quotes included. */
  start: number;
  end: number;
  /** Some part of the word was quoted. */
  quoted: boolean;
  /** The word contains a parameter expansion or a command substitution. */
  expands: boolean;
}

export interface HeredocBody {
  delimiter: string;
  /** A quoted delimiter (`<<'EOF'`) means the body is taken literally. */
  quoted: boolean;
  /** Offsets of the body's text, from the line after the operator to the delimiter line. */
  start: number;
  end: number;
}

export interface Redirect {
  operator: string;
  start: number;
  end: number;
  target?: ShellWord;
  heredoc?: HeredocBody;
}

export type ShellSeparator = '&&' | '||' | ';' | '|' | '&' | '\n' | '(' | ')' | ';;' | undefined;

export interface SimpleCommand {
  /** Command name and arguments; leading assignments and redirections are not in here. */
  words: ShellWord[];
  /** Leading `NAME=value` words. */
  assignments: ShellWord[];
  redirects: Redirect[];
  /** Commands joined by `|` share a pipeline id; `pipeIndex` is the place in that pipeline. */
  pipeline: number;
  pipeIndex: number;
  /** The command comes from inside `$(...)` or backquotes. */
  substituted: boolean;
  /** Nesting of scripts: 0 for the instruction's own script, 1 inside `sh -c '...'`, ... */
  depth: number;
  start: number;
  end: number;
}

export interface ShellOptions {
  /** The Dockerfile escape character; a line break after it continues the instruction. */
  escapeChar?: string;
  /** Whether Dockerfile line continuations apply (not inside a nested `sh -c` string). */
  dockerfileContinuations?: boolean;
  depth?: number;
}

const RESERVED_PREFIX = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', 'time']);
const RESERVED_CLOSE = new Set(['fi', 'done', 'esac', '}']);

/** A lexical token: a word, an operator, or a line break. */
interface Token {
  type: 'word' | 'op' | 'newline' | 'eof';
  text: string;
  start: number;
  end: number;
  word?: ShellWord;
}

/**
 * Splits the script at `text[start, end)` into simple commands (see the module comment).
 * Never throws on malformed input: unterminated quotes or substitutions end at `end`.
 */
export function parseShell(text: string, start: number, end: number, options: ShellOptions = {}): SimpleCommand[] {
  const reader = new ShellReader(text, start, end, options, { nextPipeline: 1 });
  return reader.readScript();
}

/** State shared by a reader and the readers of its substitutions. */
interface Counter {
  nextPipeline: number;
}

class ShellReader {
  private pos: number;
  private readonly escapeChar: string;
  private readonly continuations: boolean;
  private readonly depth: number;
  private readonly commands: SimpleCommand[] = [];
  private pendingHeredocs: Redirect[] = [];

  constructor(
    private readonly text: string,
    start: number,
    private readonly end: number,
    options: ShellOptions,
    private readonly counter: Counter,
  ) {
    this.pos = start;
    this.escapeChar = options.escapeChar ?? '\\';
    this.continuations = options.dockerfileContinuations ?? false;
    this.depth = options.depth ?? 0;
  }

  readScript(substituted = false, closer?: string): SimpleCommand[] {
    let pipeline = this.counter.nextPipeline++;
    let pipeIndex = 0;
    let current = this.newCommand(pipeline, pipeIndex, substituted);
    let expectCommand = true;
    // `for x in a b c; do` and `case $x in ... esac` read words that are not commands.
    let skipUntilSeparator = false;
    // Inside `case`: its header words, then patterns (`a|b)`), then a body up to `;;`.
    let caseState: 'none' | 'header' | 'pattern' | 'body' = 'none';

    const finish = (separator: ShellSeparator): void => {
      if (current.words.length > 0 || current.assignments.length > 0 || current.redirects.length > 0) {
        this.commands.push(current);
      }
      if (separator === '|') {
        pipeIndex++;
      } else {
        pipeline = this.counter.nextPipeline++;
        pipeIndex = 0;
      }
      current = this.newCommand(pipeline, pipeIndex, substituted);
      expectCommand = true;
      skipUntilSeparator = false;
    };

    for (;;) {
      const token = this.nextToken(closer);
      if (token.type === 'eof') break;
      if (token.type === 'newline') {
        this.readPendingHeredocs();
        finish('\n');
        continue;
      }
      if (token.type === 'op') {
        if (token.text === ')' && closer === ')') break;
        if (caseState === 'pattern') {
          // `|` between alternatives, `)` at the end of the pattern: then a command follows.
          if (token.text === ')') caseState = 'body';
          if (token.text === '(' || token.text === ')' || token.text === '|') continue;
        }
        if (token.text === ';;' || token.text === ';&' || token.text === ';;&') {
          finish(';;');
          if (caseState !== 'none') caseState = 'pattern';
          continue;
        }
        if (token.text === '(' || token.text === ')') {
          finish(token.text);
          continue;
        }
        if (isRedirectOperator(token.text)) {
          this.readRedirect(token, current);
          continue;
        }
        finish(token.text as ShellSeparator);
        continue;
      }
      // A word.
      const word = token.word!;
      if (caseState === 'header') {
        if (word.value === 'in' && !word.quoted) caseState = 'pattern';
        continue;
      }
      if (caseState === 'pattern') {
        if (word.value === 'esac' && !word.quoted) caseState = 'none';
        continue;
      }
      if (skipUntilSeparator) continue;
      if (expectCommand && current.words.length === 0 && !word.quoted) {
        if (RESERVED_PREFIX.has(word.value)) continue;
        if (RESERVED_CLOSE.has(word.value)) {
          if (word.value === 'esac') caseState = 'none';
          continue;
        }
        if (word.value === 'for' || word.value === 'select') {
          skipUntilSeparator = true;
          continue;
        }
        if (word.value === 'case') {
          caseState = 'header';
          continue;
        }
      }
      if (current.words.length === 0 && ASSIGNMENT.test(this.text.slice(word.start, Math.min(word.end, word.start + 256)))) {
        current.assignments.push(word);
        if (current.start < 0) current.start = word.start;
        current.end = word.end;
        continue;
      }
      if (current.start < 0) current.start = word.start;
      current.end = word.end;
      current.words.push(word);
      expectCommand = false;
    }
    this.readPendingHeredocs();
    finish(undefined);
    return this.commands;
  }

  private newCommand(pipeline: number, pipeIndex: number, substituted: boolean): SimpleCommand {
    return {
      words: [],
      assignments: [],
      redirects: [],
      pipeline,
      pipeIndex,
      substituted,
      depth: this.depth,
      start: -1,
      end: -1,
    };
  }

  private readRedirect(token: Token, command: SimpleCommand): void {
    const redirect: Redirect = { operator: token.text, start: token.start, end: token.end };
    const target = this.nextToken();
    if (target.type === 'word' && target.word) {
      redirect.target = target.word;
      redirect.end = target.end;
      if (token.text === '<<' || token.text === '<<-') {
        redirect.heredoc = {
          delimiter: target.word.value,
          quoted: target.word.quoted,
          start: -1,
          end: -1,
        };
        this.pendingHeredocs.push(redirect);
      }
    } else if (target.type !== 'eof') {
      // Not a word (e.g. `> ;`): give the token back by rewinding.
      this.pos = target.start;
    }
    if (command.start < 0) command.start = token.start;
    command.end = redirect.end;
    command.redirects.push(redirect);
  }

  /** After a line break, the bodies of the here-documents opened on that line follow. */
  private readPendingHeredocs(): void {
    const pending = this.pendingHeredocs;
    this.pendingHeredocs = [];
    for (const redirect of pending) {
      const heredoc = redirect.heredoc!;
      const stripTabs = redirect.operator === '<<-';
      heredoc.start = this.pos;
      heredoc.end = this.pos;
      while (this.pos < this.end) {
        const lineStart = this.pos;
        let lineEnd = this.text.indexOf('\n', lineStart);
        if (lineEnd < 0 || lineEnd > this.end) lineEnd = this.end;
        let line = this.text.slice(lineStart, lineEnd);
        if (line.endsWith('\r')) line = line.slice(0, -1);
        if (stripTabs) line = line.replace(/^\t+/, '');
        this.pos = Math.min(lineEnd + 1, this.end);
        if (line === heredoc.delimiter) break;
        heredoc.end = lineEnd;
      }
    }
  }

  private peek(offset = 0): string {
    const index = this.pos + offset;
    return index < this.end ? this.text[index] : '';
  }

  /**
   * Skips a Dockerfile line continuation at the cursor, and the blank and comment lines Docker
   * drops after one. Returns whether anything was skipped.
   */
  private skipContinuation(): boolean {
    if (!this.continuations || this.peek() !== this.escapeChar) return false;
    let i = this.pos + 1;
    while (i < this.end && (this.text[i] === ' ' || this.text[i] === '\t')) i++;
    if (i < this.end && this.text[i] === '\r') i++;
    if (i >= this.end) {
      if (i === this.end && i > this.pos + 1) {
        this.pos = i;
        return true;
      }
      return false;
    }
    if (this.text[i] !== '\n') return false;
    this.pos = i + 1;
    this.skipDroppedLines();
    return true;
  }

  private skipDroppedLines(): void {
    for (;;) {
      let i = this.pos;
      while (i < this.end && (this.text[i] === ' ' || this.text[i] === '\t')) i++;
      if (i < this.end && this.text[i] === '#') {
        const lineEnd = this.text.indexOf('\n', i);
        this.pos = lineEnd < 0 || lineEnd >= this.end ? this.end : lineEnd + 1;
        continue;
      }
      if (i < this.end && (this.text[i] === '\n' || this.text[i] === '\r')) {
        const lineEnd = this.text.indexOf('\n', i);
        this.pos = lineEnd < 0 || lineEnd >= this.end ? this.end : lineEnd + 1;
        continue;
      }
      return;
    }
  }

  private skipBlanks(): void {
    for (;;) {
      const c = this.peek();
      if (c === ' ' || c === '\t' || c === '\r') {
        this.pos++;
      } else if (c === this.escapeChar && this.skipContinuation()) {
        // skipped
      } else if (c === '\\' && this.peek(1) === '\n') {
        this.pos += 2;
      } else if (c === '\\' && this.peek(1) === '\r' && this.peek(2) === '\n') {
        this.pos += 3;
      } else {
        return;
      }
    }
  }

  private nextToken(closer?: string): Token {
    this.skipBlanks();
    if (this.pos >= this.end) return { type: 'eof', text: '', start: this.end, end: this.end };
    const start = this.pos;
    const c = this.peek();
    if (c === '#') {
      // A comment runs to the end of the (joined) line.
      while (this.pos < this.end && this.peek() !== '\n') {
        if (!this.skipContinuation()) this.pos++;
      }
      return this.nextToken(closer);
    }
    if (c === '\n') {
      this.pos++;
      return { type: 'newline', text: '\n', start, end: this.pos };
    }
    if (closer === ')' && c === ')') {
      this.pos++;
      return { type: 'op', text: ')', start, end: this.pos };
    }
    const op = this.readOperator();
    if (op) return { type: 'op', text: op, start, end: this.pos };
    const word = this.readWord();
    return { type: 'word', text: word.value, start: word.start, end: word.end, word };
  }

  private readOperator(): string | undefined {
    // Every operator starts with one of ;&|<>() or with the digits of a file descriptor (`2>&1`):
    // most tokens are words, and this check spares them the slicing below.
    const first = this.text.charCodeAt(this.pos);
    if (!(first >= 48 && first <= 57) && !OPERATOR_START.has(first)) return undefined;
    const rest = this.text.slice(this.pos, Math.min(this.pos + 4, this.end));
    // An optional file descriptor number before a redirection (`2>&1`).
    const fd = first >= 48 && first <= 57 ? /^\d*/.exec(rest)![0] : '';
    const after = rest.slice(fd.length);
    // `<(…)` and `>(…)` are process substitutions: words, read by readWord.
    if (fd.length === 0 && (after.startsWith('<(') || after.startsWith('>('))) return undefined;
    for (const op of REDIRECT_OPERATORS) {
      if (after.startsWith(op)) {
        this.pos += fd.length + op.length;
        return op;
      }
    }
    if (fd.length > 0) return undefined;
    for (const op of CONTROL_OPERATORS) {
      if (rest.startsWith(op)) {
        this.pos += op.length;
        return op;
      }
    }
    return undefined;
  }

  private readWord(): ShellWord {
    const start = this.pos;
    let value = '';
    let quoted = false;
    let expands = false;
    while (this.pos < this.end) {
      const c = this.peek();
      if (c === this.escapeChar && this.skipContinuation()) continue;
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') break;
      if ((c === '<' || c === '>') && this.peek(1) === '(') {
        expands = true;
        value += this.readProcessSubstitution();
        continue;
      }
      if (c === ';' || c === '&' || c === '|' || c === '<' || c === '>' || c === '(' || c === ')') {
        if (c === '(' && value.endsWith('=')) {
          // A bash array assignment `a=(x y)`: keep it in the word.
          value += this.readBalanced('(', ')');
          continue;
        }
        break;
      }
      if (c === '\\') {
        const next = this.peek(1);
        if (next === '\n') {
          this.pos += 2;
          continue;
        }
        this.pos += 2;
        value += next;
        quoted = true;
        continue;
      }
      if (c === "'") {
        quoted = true;
        this.pos++;
        const close = this.text.indexOf("'", this.pos);
        const stop = close < 0 || close >= this.end ? this.end : close;
        value += this.text.slice(this.pos, stop);
        this.pos = Math.min(stop + 1, this.end);
        continue;
      }
      if (c === '"') {
        quoted = true;
        this.pos++;
        const inner = this.readDoubleQuoted();
        value += inner.value;
        expands ||= inner.expands;
        continue;
      }
      if (c === '$' || c === '`') {
        expands = true;
        value += this.readExpansion();
        continue;
      }
      value += c;
      this.pos++;
    }
    return { value, start, end: this.pos, quoted, expands };
  }

  /** Reads `<(…)` or `>(…)`, whose commands are commands too; returns it as written. */
  private readProcessSubstitution(): string {
    const start = this.pos;
    this.pos += 2;
    this.readNested(')');
    return this.text.slice(start, this.pos);
  }

  private readDoubleQuoted(): { value: string; expands: boolean } {
    let value = '';
    let expands = false;
    while (this.pos < this.end) {
      const c = this.peek();
      if (c === '"') {
        this.pos++;
        break;
      }
      if (c === this.escapeChar && this.skipContinuation()) continue;
      if (c === '\\') {
        const next = this.peek(1);
        if (next === '\n') {
          this.pos += 2;
          continue;
        }
        value += next === '"' || next === '\\' || next === '$' || next === '`' ? next : c + next;
        this.pos += 2;
        continue;
      }
      if (c === '$' || c === '`') {
        expands = true;
        value += this.readExpansion();
        continue;
      }
      value += c;
      this.pos++;
    }
    return { value, expands };
  }

  /** Reads `$X`, `${...}`, `$(...)`, `$((...))` or a backquoted command; returns it as written. */
  private readExpansion(): string {
    const start = this.pos;
    const c = this.peek();
    if (c === '`') {
      this.pos++;
      const innerStart = this.pos;
      while (this.pos < this.end && this.peek() !== '`') {
        if (this.peek() === '\\') this.pos++;
        this.pos++;
      }
      const innerEnd = Math.min(this.pos, this.end);
      const after = Math.min(this.pos + 1, this.end);
      this.pos = innerStart;
      this.readNested(undefined, innerEnd);
      this.pos = after;
      return this.text.slice(start, this.pos);
    }
    // c === '$'
    const next = this.peek(1);
    if (next === '(' && this.peek(2) === '(') {
      this.pos++;
      this.readBalanced('(', ')');
      return this.text.slice(start, this.pos);
    }
    if (next === '(') {
      this.pos += 2;
      this.readNested(')');
      return this.text.slice(start, this.pos);
    }
    if (next === '{') {
      this.pos++;
      this.readBalanced('{', '}');
      return this.text.slice(start, this.pos);
    }
    this.pos++;
    const name = /^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])/.exec(this.text.slice(this.pos, Math.min(this.pos + 256, this.end)));
    if (name) this.pos += name[0].length;
    return this.text.slice(start, this.pos);
  }

  /**
   * Reads the commands of a substitution (`$(…)`, `<(…)`, backquotes) with a nested reader:
   * from the cursor to the matching `)` when `closer` is given (the cursor ends after it), or
   * up to `end`.
   */
  private readNested(closer?: ')', end = this.end): void {
    const nested = new ShellReader(
      this.text,
      this.pos,
      end,
      { escapeChar: this.escapeChar, dockerfileContinuations: this.continuations, depth: this.depth },
      this.counter,
    );
    nested.readScript(true, closer);
    this.commands.push(...nested.commands);
    if (closer) this.pos = nested.pos;
  }

  /** Reads from an opening bracket at the cursor to its match, quotes respected. */
  private readBalanced(open: string, close: string): string {
    const start = this.pos;
    let level = 0;
    while (this.pos < this.end) {
      const c = this.peek();
      if (c === this.escapeChar && this.skipContinuation()) continue;
      if (c === '\\') {
        this.pos += 2;
        continue;
      }
      if (c === "'") {
        const close2 = this.text.indexOf("'", this.pos + 1);
        this.pos = close2 < 0 || close2 >= this.end ? this.end : close2 + 1;
        continue;
      }
      if (c === '"') {
        this.pos++;
        this.readDoubleQuoted();
        continue;
      }
      this.pos++;
      if (c === open) level++;
      else if (c === close) {
        level--;
        if (level <= 0) break;
      }
    }
    return this.text.slice(start, this.pos);
  }
}

const REDIRECT_OPERATORS = ['<<<', '<<-', '&>>', '<<', '>>', '>&', '<&', '>|', '<>', '&>', '>', '<'];
const CONTROL_OPERATORS = [';;&', '&&', '||', ';;', ';&', '|&', ';', '|', '&', '(', ')'];
/** The character codes the operators above start with. */
const OPERATOR_START = new Set([...REDIRECT_OPERATORS, ...CONTROL_OPERATORS].map((op) => op.charCodeAt(0)));

function isRedirectOperator(op: string): boolean {
  return REDIRECT_OPERATORS.includes(op);
}

/** `NAME=value` as written (the name unquoted), before the command name. */
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/;

/** The name a command is invoked by: the last path segment of its first word. */
export function commandName(command: SimpleCommand): string | undefined {
  return baseNameOf(command.words[0]);
}

function baseNameOf(word: ShellWord | undefined): string | undefined {
  if (!word) return undefined;
  const slash = word.value.lastIndexOf('/');
  return slash >= 0 ? word.value.slice(slash + 1) : word.value;
}
