import { DockerfileParser } from 'dockerfile-ast';
import type {
  Instruction as AstInstruction,
  Flag as AstFlag,
  JSONInstruction,
  Property,
} from 'dockerfile-ast';
import { LineIndex } from '../text/line-index';
import type { CommentLine } from '../suppressions';
import { parseShell, type SimpleCommand, type ShellWord } from './shell';
import { shellReadsStdin, shellScriptWord } from './commands';
import { substitute, type Scope } from './variables';
import { parseImageReference, type ImageReference } from './image';

/**
 * What the Dockerfile rules read: instructions with offsets, stages with their parents and
 * effective USER, variables resolved the way BuildKit resolves them, and the shell commands
 * each RUN would execute. Built once per lint over `dockerfile-ast`.
 *
 * The model keeps no dockerfile-ast object: everything it needs is read while it is built.
 * Every node of that syntax tree points to the whole tree, so holding one kept all of it (and
 * its thousands of Range objects) alive while the rules ran, which made each garbage
 * collection during a lint copy and promote it; the collector then cost about half as much as
 * the parse itself.
 */
export interface DockerfileModel {
  text: string;
  index: LineIndex;
  escapeChar: string;
  instructions: Instruction[];
  /** ARGs before the first FROM: the only variables FROM can use. */
  globalArgs: Scope;
  stages: Stage[];
  /** The stage `docker build` produces without `--target`. */
  finalStage: Stage | undefined;
  comments: CommentLine[];
  /** The line after the parser directives (`# syntax=`, `# escape=`): where file-level comments go. */
  firstLineAfterDirectives: number;
}

export interface Word {
  value: string;
  start: number;
  end: number;
}

export interface Flag {
  /** Lower-case, without `--`. */
  name: string;
  value: string | undefined;
  start: number;
  end: number;
  /** `--mount=type=secret,id=x` → `[['type','secret'],['id','x']]`. */
  options: [string, string | undefined][];
}

export interface Instruction {
  /** Upper-case keyword (`RUN`). */
  keyword: string;
  start: number;
  end: number;
  keywordStart: number;
  keywordEnd: number;
  /** First line of the instruction. */
  line: number;
  flags: Flag[];
  /** Arguments after the flags, split on whitespace as Docker does (not shell parsing). */
  args: Word[];
  /** Undefined for the ARGs before the first FROM. */
  stage: Stage | undefined;
  /** JSON (exec) form: `CMD ["a", "b"]`. */
  execForm: boolean;
  /**
   * In the exec form, the JSON strings: their decoded value (as dockerfile-ast decodes it) and
   * their offsets inside the quotes. Undefined in the shell form.
   */
  jsonStrings: Word[] | undefined;
  /**
   * The simple commands this instruction runs through a shell: RUN in shell form, RUN heredoc
   * scripts, shell-form CMD/ENTRYPOINT/HEALTHCHECK, and scripts given to `sh -c` anywhere in
   * those (also in exec form). Parsed on first use.
   */
  readonly commands: SimpleCommand[];
  /** `ARG`/`ENV`/`LABEL` name=value pairs. */
  readonly properties: PropertyWord[];
}

export interface PropertyWord {
  name: string;
  nameStart: number;
  nameEnd: number;
  /** Unquoted value, or undefined for `ARG NAME` without a default. */
  value: string | undefined;
  valueStart: number;
  valueEnd: number;
}

export interface Stage {
  index: number;
  from: Instruction;
  /** `AS name`, lower-cased as Docker compares it. */
  alias: string | undefined;
  /** The image as written and its span (the image token of the FROM line). */
  imageText: string;
  imageStart: number;
  imageEnd: number;
  /** The reference after global ARG substitution; undefined if a variable has no known value. */
  image: ImageReference | undefined;
  /** The earlier stage this one is built `FROM`, if any. */
  parent: Stage | undefined;
  instructions: Instruction[];
  /** The USER in effect at the end of the stage (its own last USER, or its parent's). */
  user: StageUser | undefined;
  /** Variables at the end of the stage: its ARGs and ENVs and the ENVs it inherits. */
  scope: Scope;
  /** The ENV part of `scope`, which a `FROM <this stage>` child inherits. */
  env: Scope;
  isFinal: boolean;
}

export interface StageUser {
  /** The USER instruction that set it; it may be in a parent stage. */
  instruction: Instruction;
  /** The argument as written. */
  raw: string;
  /** After variable substitution; undefined when it depends on an unknown variable. */
  value: string | undefined;
}

/** root, or uid 0 however it is written (`0`, `00`, `0:0`, `root:staff`). */
export function isRootUser(user: string): boolean {
  return /^(root|0+)(:.*)?$/.test(user.trim());
}

/** The external image a stage is ultimately built on, following `FROM <stage>` parents. */
export function baseImageOf(stage: Stage): Stage {
  let current = stage;
  const seen = new Set<Stage>();
  while (current.parent && !seen.has(current)) {
    seen.add(current);
    current = current.parent;
  }
  return current;
}

const SHELL_FORM = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK']);

export function buildDockerfileModel(text: string): DockerfileModel {
  const index = new LineIndex(text);
  const ast = DockerfileParser.parse(text);
  const escapeChar = ast.getEscapeCharacter();
  const offsetOf = (position: { line: number; character: number }) => index.offsetAt(position);

  const nodes = ast.getInstructions();
  const instructions: Instruction[] = nodes.map((node) => createInstruction(node, text, index, escapeChar));
  const directives = ast.getDirectives();
  const firstLineAfterDirectives = directives.length > 0 ? directives[directives.length - 1].getRange().end.line + 1 : 0;

  // Global ARGs: before the first FROM.
  const globalArgs = new Map<string, string>();
  let i = 0;
  for (; i < instructions.length && instructions[i].keyword !== 'FROM'; i++) {
    if (instructions[i].keyword !== 'ARG') continue;
    for (const property of instructions[i].properties) {
      if (property.value !== undefined) {
        const resolved = substitute(property.value, globalArgs, escapeChar);
        if (resolved !== undefined) globalArgs.set(property.name, resolved);
        else globalArgs.delete(property.name);
      } else {
        globalArgs.delete(property.name);
      }
    }
  }

  const stages: Stage[] = [];
  for (; i < instructions.length; i++) {
    const instruction = instructions[i];
    if (instruction.keyword === 'FROM') {
      stages.push(createStage(instruction, text, stages, globalArgs, escapeChar));
    }
    const stage = stages[stages.length - 1];
    instruction.stage = stage;
    stage.instructions.push(instruction);
  }
  for (const stage of stages) resolveStage(stage, globalArgs, escapeChar);
  const finalStage = stages[stages.length - 1];
  if (finalStage) finalStage.isFinal = true;

  const comments: CommentLine[] = ast.getComments().map((comment) => {
    const range = comment.getRange();
    const start = offsetOf(range.start);
    const end = offsetOf(range.end);
    return { line: range.start.line, start, end, text: text.slice(start, end) };
  });

  return { text, index, escapeChar, instructions, globalArgs, stages, finalStage, comments, firstLineAfterDirectives };
}

function createInstruction(node: AstInstruction, text: string, index: LineIndex, escapeChar: string): Instruction {
  const range = node.getRange();
  const keywordRange = node.getInstructionRange();
  const keyword = node.getKeyword();
  const start = index.offsetAt(range.start);
  const end = index.offsetAt(range.end);
  const keywordStart = index.offsetAt(keywordRange.start);
  const keywordEnd = index.offsetAt(keywordRange.end);
  const withFlags = node as AstInstruction & { getFlags?: () => AstFlag[] };
  const plain = plainArguments(text, keywordEnd, end, escapeChar);
  // A flag is a word starting with `--`: with no `--` in any plain word there is none, and
  // dockerfile-ast is not asked (for FROM and HEALTHCHECK that would split the instruction again).
  const mayHaveFlags = typeof withFlags.getFlags === 'function' && (!plain || plain.some((word) => word.value.includes('--')));
  const flags: Flag[] = mayHaveFlags ? withFlags.getFlags!().map((flag) => toFlag(flag, index)) : [];
  // Instructions with flags list their arguments after the flags (dockerfile-ast drops as many
  // leading words as it found flags).
  const args: Word[] = plain
    ? plain.slice(withFlags.getFlags ? flags.length : 0)
    : node.getArguments().map((argument) => {
        const argumentRange = argument.getRange();
        return { value: argument.getValue(), start: index.offsetAt(argumentRange.start), end: index.offsetAt(argumentRange.end) };
      });
  const json = node as Partial<JSONInstruction>;
  const execForm =
    typeof json.getOpeningBracket === 'function' && json.getOpeningBracket() !== null && json.getClosingBracket?.() !== null;
  const jsonStrings: Word[] | undefined =
    execForm && typeof json.getJSONStrings === 'function'
      ? json.getJSONStrings().map((string) => {
          const range = string.getJSONRange();
          return { value: string.getJSONValue(), start: index.offsetAt(range.start), end: index.offsetAt(range.end) };
        })
      : undefined;
  let properties = propertiesOf(node, text, index, escapeChar);
  if (keyword === 'ARG') properties = argDeclarations(properties, text, escapeChar);

  return new ModelInstruction(keyword, start, end, keywordStart, keywordEnd, range.start.line, flags, args, execForm, jsonStrings, properties, text, escapeChar);
}

/**
 * An instruction with its shell commands parsed on first use. A class rather than an object
 * literal with a getter: the literal made a fresh accessor and closure for every instruction.
 */
class ModelInstruction implements Instruction {
  stage: Stage | undefined = undefined;
  private parsedCommands: SimpleCommand[] | undefined = undefined;

  constructor(
    readonly keyword: string,
    readonly start: number,
    readonly end: number,
    readonly keywordStart: number,
    readonly keywordEnd: number,
    readonly line: number,
    readonly flags: Flag[],
    readonly args: Word[],
    readonly execForm: boolean,
    readonly jsonStrings: Word[] | undefined,
    readonly properties: PropertyWord[],
    private readonly text: string,
    private readonly escapeChar: string,
  ) {}

  get commands(): SimpleCommand[] {
    this.parsedCommands ??= SHELL_FORM.has(this.keyword) ? shellCommandsOf(this, this.text, this.escapeChar) : [];
    return this.parsedCommands;
  }
}

/**
 * The words of `text[from, to)` when the instruction is written plainly: the escape character
 * appears only as a line continuation (directly before a line break, with no word running into
 * it), and comment lines inside the continued instruction have no escape character except one
 * ending the line. For such text, dockerfile-ast's arguments are exactly the runs of non-blank
 * characters outside those comment lines, so they are read here without asking it to split the
 * instruction once more (which cost about a fifth of the whole parse, mostly in Range objects).
 * Anything else (escaped characters, words joined across a continuation, blanks after the
 * escape character) returns undefined and is left to dockerfile-ast.
 */
function plainArguments(text: string, from: number, to: number, escapeChar: string): Word[] | undefined {
  const escape = escapeChar.charCodeAt(0);
  const words: Word[] = [];
  let wordStart = -1;
  // After a continuation, blank lines and `#` comment lines belong to the instruction and are skipped.
  let continued = false;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (isBlankOrBreak(code)) {
      if (wordStart >= 0) {
        words.push({ value: text.slice(wordStart, i), start: wordStart, end: i });
        wordStart = -1;
      }
    } else if (code === escape) {
      if (wordStart >= 0) return undefined;
      let next = i + 1;
      if (text.charCodeAt(next) === 13) next++;
      if (next >= to || text.charCodeAt(next) !== 10) return undefined;
      i = next;
      continued = true;
    } else if (continued && code === 35 /* # */) {
      let lineEnd = i;
      while (lineEnd < to && text.charCodeAt(lineEnd) !== 10 && text.charCodeAt(lineEnd) !== 13) lineEnd++;
      const escapeAt = text.indexOf(escapeChar, i);
      if (escapeAt >= 0 && escapeAt < lineEnd) {
        // Only as a continuation ending the comment line, before \n or \r\n (dockerfile-ast
        // takes a lone \r after it for \r\n and swallows the next character).
        if (escapeAt < lineEnd - 1) return undefined;
        const breakLength = text.charCodeAt(lineEnd) === 10 ? 1 : text.charCodeAt(lineEnd) === 13 && text.charCodeAt(lineEnd + 1) === 10 ? 2 : 0;
        if (lineEnd < to && (breakLength === 0 || lineEnd + breakLength > to)) return undefined;
      }
      i = lineEnd - 1;
    } else {
      continued = false;
      if (wordStart < 0) wordStart = i;
    }
  }
  if (wordStart >= 0) words.push({ value: text.slice(wordStart, to), start: wordStart, end: to });
  return words;
}

function isBlankOrBreak(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

function toFlag(flag: AstFlag, index: LineIndex): Flag {
  const range = flag.getRange();
  return {
    name: flag.getName().toLowerCase(),
    value: flag.getValue() ?? undefined,
    start: index.offsetAt(range.start),
    end: index.offsetAt(range.end),
    options: flag.getOptions().map((option) => [option.getName().toLowerCase(), option.getValue() ?? undefined]),
  };
}

function propertiesOf(node: AstInstruction, text: string, index: LineIndex, escapeChar: string): PropertyWord[] {
  const withProperties = node as AstInstruction & { getProperties?: () => Property[] };
  if (typeof withProperties.getProperties !== 'function') return [];
  return withProperties.getProperties().map((property) => {
    const nameRange = property.getNameRange();
    const valueRange = property.getValueRange();
    const nameStart = index.offsetAt(nameRange.start);
    const nameEnd = index.offsetAt(nameRange.end);
    const valueStart = valueRange ? index.offsetAt(valueRange.start) : nameEnd;
    const valueEnd = valueRange ? index.offsetAt(valueRange.end) : nameEnd;
    const value = valueRange ? unquote(text.slice(valueStart, valueEnd), escapeChar) : undefined;
    return { name: property.getName(), nameStart, nameEnd, value, valueStart, valueEnd };
  });
}

/**
 * The names an `ARG` declares, each with its default. `ARG A B=1 C` declares three variables, but
 * `dockerfile-ast` reads an ARG whose first name has no `=` like the legacy `ENV NAME value`
 * form (one name `A` with the value `B=1 C`); ARG has no such form, so the rest is read again as
 * declarations.
 */
function argDeclarations(properties: PropertyWord[], text: string, escapeChar: string): PropertyWord[] {
  const declarations: PropertyWord[] = [];
  for (const property of properties) {
    if (property.value === undefined || text[property.nameEnd] === '=') {
      declarations.push(property);
      continue;
    }
    declarations.push({ ...property, value: undefined, valueStart: property.nameEnd, valueEnd: property.nameEnd });
    for (const [start, end] of wordsIn(text, property.valueStart, property.valueEnd, escapeChar)) {
      const equals = text.indexOf('=', start);
      const nameEnd = equals < 0 || equals >= end ? end : equals;
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(text.slice(start, nameEnd))) continue;
      declarations.push({
        name: text.slice(start, nameEnd),
        nameStart: start,
        nameEnd,
        value: nameEnd === end ? undefined : unquote(text.slice(nameEnd + 1, end), escapeChar),
        valueStart: nameEnd === end ? nameEnd : nameEnd + 1,
        valueEnd: nameEnd === end ? nameEnd : end,
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

/**
 * The value Docker assigns for `ENV A="x y"`, `ARG B='z'`, `ENV C=a\ b`: quotes removed,
 * escapes applied, line continuations joined.
 */
export function unquote(raw: string, escapeChar = '\\'): string {
  let value = '';
  let quote: string | undefined;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === escapeChar && quote !== "'") {
      const next = raw[i + 1];
      if (next === '\n' || (next === '\r' && raw[i + 2] === '\n')) {
        i += next === '\r' ? 2 : 1;
        while (raw[i + 1] === ' ' || raw[i + 1] === '\t') i++;
        continue;
      }
      if (next !== undefined) {
        value += next;
        i++;
        continue;
      }
    }
    if ((c === '"' || c === "'") && (quote === undefined || quote === c)) {
      quote = quote === undefined ? c : undefined;
      continue;
    }
    value += c;
  }
  return value;
}

/** The script text an instruction hands to the shell, and the commands in it. */
function shellCommandsOf(instruction: Instruction, text: string, escapeChar: string): SimpleCommand[] {
  let args = instruction.args;
  if (instruction.keyword === 'HEALTHCHECK') {
    // HEALTHCHECK [flags] CMD <command>; `HEALTHCHECK NONE` runs nothing.
    const cmd = args.findIndex((arg) => arg.value.toUpperCase() === 'CMD');
    if (cmd < 0) return [];
    args = args.slice(cmd + 1);
  }
  if (args.length === 0) return [];
  if (instruction.execForm && instruction.keyword !== 'HEALTHCHECK' && instruction.jsonStrings) {
    // Exec form runs no shell, unless the program is itself a shell given a script.
    const words: ShellWord[] = instruction.jsonStrings.map(({ value, start, end }) => ({ value, start, end, quoted: true, expands: false }));
    const command: SimpleCommand = {
      words,
      assignments: [],
      redirects: [],
      pipeline: 0,
      pipeIndex: 0,
      substituted: false,
      depth: 0,
      start: words[0]?.start ?? instruction.start,
      end: words[words.length - 1]?.end ?? instruction.end,
    };
    return [command, ...nestedScripts([command], text, escapeChar)].filter(
      (candidate) => candidate.words.length > 0 || candidate.assignments.length > 0,
    );
  }
  const commands = parseShell(text, args[0].start, instruction.end, { escapeChar, dockerfileContinuations: true });
  // A command of nothing but a here-document (`RUN <<EOF`) was only there to carry its script.
  return [...commands, ...nestedScripts(commands, text, escapeChar)].filter(
    (command) => command.words.length > 0 || command.assignments.length > 0,
  );
}

/**
 * Scripts inside scripts: `sh -c '...'`, and here-documents that a shell reads
 * (`RUN <<EOF` in a Dockerfile, or `bash <<EOF`). Here-documents fed to other programs are data.
 */
function nestedScripts(commands: SimpleCommand[], text: string, escapeChar: string, depth = 1): SimpleCommand[] {
  if (depth > 8) return [];
  const found: SimpleCommand[] = [];
  for (const command of commands) {
    const script = shellScriptWord(command);
    if (script) {
      const raw = text.slice(script.start, script.end);
      const quote = raw[0];
      const quotedWhole = raw.length >= 2 && (quote === "'" || quote === '"') && raw[raw.length - 1] === quote;
      const start = quotedWhole ? script.start + 1 : script.start;
      const end = quotedWhole ? script.end - 1 : script.end;
      const inner = parseShell(text, start, end, { escapeChar, dockerfileContinuations: true, depth });
      found.push(...inner, ...nestedScripts(inner, text, escapeChar, depth + 1));
    }
    const runsHeredoc = command.words.length === 0 || shellReadsStdin(command);
    if (!runsHeredoc) continue;
    for (const redirect of command.redirects) {
      const heredoc = redirect.heredoc;
      if (!heredoc || heredoc.start < 0 || heredoc.end <= heredoc.start) continue;
      const inner = parseShell(text, heredoc.start, heredoc.end, { escapeChar, depth });
      found.push(...inner, ...nestedScripts(inner, text, escapeChar, depth + 1));
    }
  }
  return found;
}

/**
 * `FROM [flags] image [AS name]`, read from the instruction's words, which are dockerfile-ast's
 * arguments after the flags: asking its From node instead (getImage, getImageRange,
 * getBuildStage) split the instruction once per question.
 */
function createStage(from: Instruction, text: string, earlier: Stage[], globalArgs: Scope, escapeChar: string): Stage {
  const [imageWord, asWord, nameWord] = from.args;
  const imageText = imageWord?.value ?? '';
  const imageStart = imageWord ? imageWord.start : from.keywordEnd;
  const imageEnd = imageWord ? imageWord.end : from.keywordEnd;
  const resolved = substitute(imageText, globalArgs, escapeChar);
  const image = resolved !== undefined && resolved !== '' ? parseImageReference(resolved) : undefined;
  const alias = nameWord && asWord.value.toUpperCase() === 'AS' ? text.slice(nameWord.start, nameWord.end).toLowerCase() : undefined;
  let parent: Stage | undefined;
  if (image && image.tag === undefined && image.digest === undefined) {
    const name = image.name.toLowerCase();
    parent = [...earlier].reverse().find((stage) => stage.alias === name);
  }
  return {
    index: earlier.length,
    from,
    alias,
    imageText,
    imageStart,
    imageEnd,
    image,
    parent,
    instructions: [],
    user: undefined,
    scope: new Map(),
    env: new Map(),
    isFinal: false,
  };
}

/** Walks a stage's instructions in order to find its variables and effective USER. */
function resolveStage(stage: Stage, globalArgs: Scope, escapeChar: string): void {
  // ENV is inherited from a parent stage; ARG is not (it must be redeclared), and an ARG
  // never overrides an ENV of the same name.
  const scope = new Map<string, string>(stage.parent ? stage.parent.env : []);
  const env = new Map<string, string>(scope);
  const fromEnv = new Set<string>(scope.keys());
  let user = stage.parent?.user;
  for (const instruction of stage.instructions) {
    switch (instruction.keyword) {
      case 'ARG':
        for (const property of instruction.properties) {
          if (fromEnv.has(property.name)) continue;
          const value =
            property.value !== undefined ? substitute(property.value, scope, escapeChar) : globalArgs.get(property.name);
          if (value !== undefined) scope.set(property.name, value);
          else scope.delete(property.name);
        }
        break;
      case 'ENV':
        for (const property of instruction.properties) {
          const value = property.value !== undefined ? substitute(property.value, scope, escapeChar) : undefined;
          fromEnv.add(property.name);
          if (value !== undefined) {
            scope.set(property.name, value);
            env.set(property.name, value);
          } else {
            scope.delete(property.name);
            env.delete(property.name);
          }
        }
        break;
      case 'USER': {
        const raw = instruction.args.map((arg) => arg.value).join(' ');
        user = { instruction, raw, value: substitute(raw, scope, escapeChar) };
        break;
      }
    }
  }
  stage.scope = scope;
  stage.env = env;
  stage.user = user;
}
