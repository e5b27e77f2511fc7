import type { Redirect, ShellWord, SimpleCommand } from './shell';

/**
 * What the security rules need to know about the programs a RUN script calls: which program
 * really runs behind `sudo`/`env`/`nice`, how its options parse (combined short flags,
 * `--opt=value`, values in the next word), whether it downloads to stdout, whether it runs
 * code from stdin, and what text it writes into files. Pure reading, nothing is executed.
 */

/** The last path segment: `/usr/bin/curl` → `curl`. */
export function baseName(path: string): string {
  // Called for every word that might name a program: most have no trailing slash to trim.
  const trimmed = path.charCodeAt(path.length - 1) === 47 /* / */ ? path.replace(/\/+$/, '') : path;
  const slash = trimmed.lastIndexOf('/');
  return slash >= 0 ? trimmed.slice(slash + 1) : trimmed;
}

/**
 * The index lives on the script array itself: a WeakMap keyed by every RUN's short-lived
 * command list made each garbage collection during a lint several times dearer.
 */
const PIPELINES = Symbol('pipelines');
type IndexedScript = readonly SimpleCommand[] & { [PIPELINES]?: Map<string, SimpleCommand[]> };

/**
 * The commands of `command`'s pipeline, in pipe order (`curl … | tee f | sh` gives all three).
 * Indexed once per script, so rules stay linear on scripts of thousands of commands.
 */
export function pipelineOf(command: SimpleCommand, script: readonly SimpleCommand[]): readonly SimpleCommand[] {
  let index = (script as IndexedScript)[PIPELINES];
  if (!index) {
    index = new Map();
    for (const member of script) {
      const key = `${member.depth}:${member.pipeline}`;
      const list = index.get(key);
      if (list) list.push(member);
      else index.set(key, [member]);
    }
    for (const list of index.values()) list.sort((a, b) => a.pipeIndex - b.pipeIndex);
    (script as IndexedScript)[PIPELINES] = index;
  }
  return index.get(`${command.depth}:${command.pipeline}`) ?? [command];
}

/** A program call seen through its wrappers. */
export interface Invocation {
  command: SimpleCommand;
  /** The word naming the program, and its base name. */
  word: ShellWord;
  name: string;
  /** The words after the program's name. */
  args: ShellWord[];
  /** `NAME=value` words in effect for this program: the command's own and those given to `env`/`sudo`. */
  assignments: ShellWord[];
  /** Wrappers it runs under, outermost first: `['sudo', 'env']`. */
  wrappers: string[];
  /** The program gets more operands at run time than the script shows (`xargs`, `find -exec`). */
  via?: 'xargs' | 'find';
  /** For `find … -type d -exec`: every operand the program gets is a directory. */
  directoriesOnly?: boolean;
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** Wrappers that run their operand as a command, and the short/long options of theirs that take a value. */
const WRAPPERS: Record<string, OptionSpec & { operandsBeforeCommand?: number; assignments?: boolean }> = {
  sudo: { shortWithValue: 'ugCDhprtUTR', longWithValue: ['user', 'group', 'close-from', 'chdir', 'host', 'prompt', 'role', 'type', 'other-user', 'command-timeout', 'chroot'], assignments: true },
  doas: { shortWithValue: 'uC' },
  env: { shortWithValue: 'uCS', longWithValue: ['unset', 'chdir', 'split-string', 'default-signal', 'ignore-signal', 'block-signal'], assignments: true },
  nice: { shortWithValue: 'n', longWithValue: ['adjustment'] },
  ionice: { shortWithValue: 'cnpPu', longWithValue: ['class', 'classdata', 'pid', 'pgid', 'uid'] },
  nohup: {},
  setsid: {},
  eatmydata: {},
  time: { shortWithValue: 'fo', longWithValue: ['format', 'output'] },
  exec: { shortWithValue: 'a' },
  command: {},
  builtin: {},
  stdbuf: { shortWithValue: 'ioe', longWithValue: ['input', 'output', 'error'] },
  timeout: { shortWithValue: 'ks', longWithValue: ['kill-after', 'signal'], operandsBeforeCommand: 1 },
  gosu: { operandsBeforeCommand: 1 },
  'su-exec': { operandsBeforeCommand: 1 },
  chroot: { longWithValue: ['userspec', 'groups'], operandsBeforeCommand: 1 },
};

/** The program a simple command runs, looking through `sudo`, `env`, `nice`, `busybox` and the like. */
export function invocationOf(command: SimpleCommand): Invocation | undefined {
  // The model asks for every command while it looks for nested scripts, and then most rules ask
  // again: each command is unwrapped once. Invocations are never modified by their readers.
  const memoized = (command as Memoized)[INVOCATION];
  // A copy of a command (`{ ...command, words }`) carries the memo of the original: not its own.
  if (memoized !== undefined && memoized.command === command) return memoized.invocation;
  const invocation = unwrap(command, 0, [...command.assignments], []);
  (command as Memoized)[INVOCATION] = { command, invocation };
  return invocation;
}

/**
 * The memo lives on the command itself: a WeakMap holding an entry for every command of every
 * RUN cost more than the unwrapping it saved, in lookups and in work for the garbage collector.
 */
const INVOCATION = Symbol('invocation');
type Memoized = SimpleCommand & { [INVOCATION]?: { command: SimpleCommand; invocation: Invocation | undefined } };

function unwrap(command: SimpleCommand, from: number, assignments: ShellWord[], wrappers: string[]): Invocation | undefined {
  const words = command.words;
  let index = from;
  for (let guard = 0; guard < 16 && index < words.length; guard++) {
    const word = words[index];
    const name = baseName(word.value);
    if (name === 'busybox' && index + 1 < words.length && !words[index + 1].value.startsWith('-')) {
      wrappers = [...wrappers, 'busybox'];
      index++;
      continue;
    }
    const wrapper = WRAPPERS[name];
    if (!wrapper || word.expands) {
      return { command, word, name, args: words.slice(index + 1), assignments, wrappers };
    }
    // `command -v x` and `command -V x` only look a program up.
    if (name === 'command' && words[index + 1] && /^-[a-zA-Z]*[vV]/.test(words[index + 1].value)) return undefined;
    const parsed = parseOptions(words.slice(index + 1), { ...wrapper, stopAtOperand: true });
    let next = index + 1 + parsed.consumed;
    if (wrapper.assignments) {
      while (next < words.length && ASSIGNMENT.test(words[next].value) && !words[next].expands) {
        assignments = [...assignments, words[next]];
        next++;
      }
    }
    next += wrapper.operandsBeforeCommand ?? 0;
    if (next >= words.length) return undefined;
    wrappers = [...wrappers, name];
    index = next;
  }
  return undefined;
}

/**
 * Every program a command runs: the one it names, and the one run by `xargs <program>` or
 * `find … -exec <program> … {} +`, whose operands come at run time.
 */
export function invocationsOf(command: SimpleCommand): Invocation[] {
  const main = invocationOf(command);
  if (!main) return [];
  const found = [main];
  if (main.name === 'xargs') {
    const parsed = parseOptions(main.args, {
      shortWithValue: 'EeIiLlnPsd',
      longWithValue: ['eof', 'replace', 'max-lines', 'max-args', 'max-procs', 'max-chars', 'delimiter', 'arg-file', 'process-slot-var'],
      stopAtOperand: true,
    });
    const start = main.args.length > 0 ? command.words.indexOf(main.args[0]) + parsed.consumed : -1;
    if (start >= 0 && start < command.words.length) {
      const inner = unwrap(command, start, main.assignments, [...main.wrappers, 'xargs']);
      if (inner) found.push({ ...inner, via: 'xargs' });
    }
  }
  if (main.name === 'find') {
    const directoriesOnly = main.args.some((word, i) => word.value === '-type' && main.args[i + 1]?.value === 'd');
    for (let i = 0; i < main.args.length; i++) {
      const value = main.args[i].value;
      if (value !== '-exec' && value !== '-execdir' && value !== '-ok' && value !== '-okdir') continue;
      const start = command.words.indexOf(main.args[i]) + 1;
      let end = start;
      while (end < command.words.length && command.words[end].value !== ';' && command.words[end].value !== '+') end++;
      const slice: SimpleCommand = { ...command, words: command.words.slice(start, end) };
      const inner = unwrap(slice, 0, main.assignments, [...main.wrappers, 'find']);
      if (inner) {
        const args = inner.args.filter((word) => word.value !== '{}');
        found.push({ ...inner, args, via: 'find', directoriesOnly });
      }
      i = end - start + i;
    }
  }
  return found;
}

/**
 * For an invocation run by `xargs` in a pipeline, whether the pipeline feeds it only
 * directories (`find /opt -type d | xargs chmod g+s`).
 */
export function pipelineFeedsDirectories(invocation: Invocation, script: readonly SimpleCommand[]): boolean {
  if (invocation.via !== 'xargs') return invocation.directoriesOnly === true;
  const command = invocation.command;
  if (command.pipeIndex === 0) return false;
  const feeder = pipelineOf(command, script).find((other) => other.pipeIndex === command.pipeIndex - 1);
  if (!feeder) return false;
  const find = invocationOf(feeder);
  if (!find || find.name !== 'find') return false;
  const hasExec = find.args.some((word) => /^-(exec|execdir|ok|okdir|print0?|printf|fprint)$/.test(word.value) && !/^-print/.test(word.value));
  return !hasExec && find.args.some((word, i) => word.value === '-type' && find.args[i + 1]?.value === 'd');
}

// ---------------------------------------------------------------------------------------------
// Options

export interface OptionSpec {
  /** Short option letters that take a value, attached (`-ofile`) or in the next word (`-o file`). */
  shortWithValue?: string;
  /** Short option letters whose value can only be attached (`perl -Mstrict`, `-l`): the rest of the word. */
  shortWithAttachedValue?: string;
  /** Long options (without `--`) that take a value when it is not written with `=`. */
  longWithValue?: readonly string[];
  /** POSIX parsing: options end at the first operand. GNU tools (the default) accept options after operands. */
  stopAtOperand?: boolean;
}

export interface ParsedOption {
  /** `k` for `-k` (also inside `-fsSLk`), `insecure` for `--insecure`. */
  name: string;
  long: boolean;
  /** The value, for options that take one: attached, after `=`, or the next word. */
  value: string | undefined;
  /** The word the option is written in. */
  word: ShellWord;
  /** The next word, when it holds the value. */
  valueWord?: ShellWord;
  /** For a short option: the index of its letter in `word.value` (1 for `-k`, 5 in `-fsSLk`). */
  letterIndex?: number;
}

export interface ParsedArguments {
  options: ParsedOption[];
  operands: ShellWord[];
  /** With `stopAtOperand`: how many words the options took. */
  consumed: number;
}

/**
 * Parses a program's arguments the way getopt does: `-abc` is three short options, a short
 * option that takes a value takes the rest of the word or the next word, `--name=value`, `--`
 * ends the options, a lone `-` is an operand. Words that expand (`$FLAGS`) are operands, since
 * their options are unknown.
 */
export function parseOptions(args: readonly ShellWord[], spec: OptionSpec = {}): ParsedArguments {
  const options: ParsedOption[] = [];
  const operands: ShellWord[] = [];
  const withValue = spec.shortWithValue ?? '';
  const attached = spec.shortWithAttachedValue ?? '';
  const longWithValue = new Set(spec.longWithValue ?? []);
  let i = 0;
  for (; i < args.length; i++) {
    const word = args[i];
    const value = word.value;
    if (value === '--') {
      operands.push(...args.slice(i + 1));
      i = args.length;
      break;
    }
    if (value.startsWith('--') && value.length > 2) {
      const eq = value.indexOf('=');
      const name = (eq >= 0 ? value.slice(2, eq) : value.slice(2)).toLowerCase();
      if (eq >= 0) {
        options.push({ name, long: true, value: value.slice(eq + 1), word });
      } else if (longWithValue.has(name) && i + 1 < args.length) {
        options.push({ name, long: true, value: args[i + 1].value, word, valueWord: args[i + 1] });
        i++;
      } else {
        options.push({ name, long: true, value: undefined, word });
      }
      continue;
    }
    if (value.startsWith('-') && value.length > 1 && !(word.expands && value.startsWith('-$'))) {
      for (let at = 1; at < value.length; at++) {
        const letter = value[at];
        if (withValue.includes(letter) || attached.includes(letter)) {
          const rest = value.slice(at + 1);
          if (rest.length > 0 || attached.includes(letter)) {
            options.push({ name: letter, long: false, value: rest.length > 0 ? rest : undefined, word, letterIndex: at });
          } else if (i + 1 < args.length) {
            options.push({ name: letter, long: false, value: args[i + 1].value, word, valueWord: args[i + 1], letterIndex: at });
            i++;
          } else {
            options.push({ name: letter, long: false, value: undefined, word, letterIndex: at });
          }
          break;
        }
        options.push({ name: letter, long: false, value: undefined, word, letterIndex: at });
      }
      continue;
    }
    if (spec.stopAtOperand) break;
    operands.push(word);
  }
  if (spec.stopAtOperand) return { options, operands: [...operands, ...args.slice(i)], consumed: i - operands.length };
  return { options, operands, consumed: i };
}

/** Whether a long option is written, allowing getopt's unambiguous abbreviations down to `minimum` characters. */
export function isLongOption(option: ParsedOption, name: string, minimum = name.length): boolean {
  return option.long && option.name.length >= minimum && name.startsWith(option.name);
}

// ---------------------------------------------------------------------------------------------
// Downloads and interpreters

export interface Download {
  invocation: Invocation;
  /** The URL operand (or the first operand when none looks like a URL). */
  url: ShellWord | undefined;
  /** The body goes to standard output (so a pipe carries it). */
  toStdout: boolean;
}

export const CURL_SHORT_WITH_VALUE = 'AbcCdDeEFHKmoPQrtTuUwxXyYz';
export const CURL_LONG_WITH_VALUE = [
  'output', 'output-dir', 'header', 'proxy-header', 'user-agent', 'data', 'data-raw', 'data-binary', 'data-ascii',
  'data-urlencode', 'json', 'form', 'form-string', 'request', 'user', 'proxy', 'proxy-user', 'retry', 'retry-delay',
  'retry-max-time', 'max-time', 'connect-timeout', 'cacert', 'capath', 'cert', 'cert-type', 'key', 'key-type', 'pass',
  'config', 'cookie', 'cookie-jar', 'referer', 'url', 'write-out', 'range', 'proto', 'proto-redir', 'proto-default',
  'limit-rate', 'resolve', 'connect-to', 'interface', 'dns-servers', 'max-redirs', 'ciphers', 'pinnedpubkey',
  'netrc-file', 'upload-file', 'time-cond', 'continue-at', 'keepalive-time', 'expect100-timeout', 'speed-limit',
  'speed-time', 'create-file-mode', 'hsts', 'alt-svc', 'oauth2-bearer', 'max-filesize', 'local-port', 'trace',
  'trace-ascii', 'stderr', 'variable', 'url-query', 'aws-sigv4', 'preproxy', 'socks5', 'socks5-hostname', 'socks4',
  'socks4a', 'noproxy', 'dump-header', 'ftp-port', 'quote', 'telnet-option', 'mail-from', 'mail-rcpt', 'tls-max',
  'unix-socket', 'abstract-unix-socket', 'doh-url', 'crlfile', 'egd-file', 'random-file', 'krb', 'delegation',
];
export const WGET_SHORT_WITH_VALUE = 'oaeiBtOTwQPlARDIXUn';
export const WGET_LONG_WITH_VALUE = [
  'output-file', 'append-output', 'execute', 'input-file', 'base', 'tries', 'output-document', 'timeout', 'wait',
  'quota', 'directory-prefix', 'level', 'accept', 'reject', 'domains', 'include-directories', 'exclude-directories',
  'user-agent', 'header', 'user', 'password', 'http-user', 'http-password', 'post-data', 'post-file', 'method',
  'body-data', 'body-file', 'ca-certificate', 'ca-directory', 'certificate', 'private-key', 'load-cookies',
  'save-cookies', 'referer', 'limit-rate', 'dns-timeout', 'connect-timeout', 'read-timeout', 'waitretry',
  'bind-address', 'local-encoding', 'remote-encoding', 'restrict-file-names', 'secure-protocol', 'ciphers',
  'config', 'rejected-log', 'progress', 'report-speed', 'use-askpass', 'hsts-file',
];
const FETCH_SHORT_WITH_VALUE = 'BNoSTiw';

export function looksLikeUrl(value: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(value);
}

function urlOperand(operands: readonly ShellWord[], explicit?: ShellWord): ShellWord | undefined {
  return explicit ?? operands.find((word) => looksLikeUrl(word.value) || /^["']?\$\{?[A-Za-z_]/.test(word.value)) ?? operands[0];
}

/** The fd a redirection applies to: the digits written before its operator, else the default. */
export function redirectFd(text: string, redirect: Redirect): number {
  const digits = /^\d+/.exec(text.slice(redirect.start, redirect.start + 4));
  if (digits) return Number(digits[0]);
  return redirect.operator.startsWith('<') ? 0 : 1;
}

/** Whether a command's standard output is redirected away from the pipe (`> file`, `&> file`). */
export function stdoutRedirected(text: string, command: SimpleCommand): boolean {
  return command.redirects.some((redirect) => {
    if (redirect.operator === '&>' || redirect.operator === '&>>') return true;
    if (!/^>/.test(redirect.operator)) return false;
    if (redirectFd(text, redirect) !== 1) return false;
    // `>&2` moves stdout to stderr; `>&1` keeps it.
    if (redirect.operator === '>&') return redirect.target?.value !== '1';
    return true;
  });
}

/** `curl`, `wget` and `fetch` calls, with their URL and whether the body goes to stdout. */
export function downloadOf(invocation: Invocation): Download | undefined {
  const { name, args } = invocation;
  if (name === 'curl') {
    const parsed = parseOptions(args, { shortWithValue: CURL_SHORT_WITH_VALUE, longWithValue: CURL_LONG_WITH_VALUE });
    let toStdout = true;
    let explicitUrl: ShellWord | undefined;
    for (const option of parsed.options) {
      if ((option.name === 'o' && !option.long) || (option.long && option.name === 'output')) {
        toStdout = option.value === '-' || option.value === '/dev/stdout';
      }
      if ((option.name === 'O' && !option.long) || (option.long && (option.name === 'remote-name' || option.name === 'remote-name-all'))) {
        toStdout = false;
      }
      if (option.long && option.name === 'url') explicitUrl = option.valueWord ?? option.word;
    }
    return { invocation, url: urlOperand(parsed.operands, explicitUrl), toStdout };
  }
  if (name === 'wget') {
    const parsed = parseOptions(args, { shortWithValue: WGET_SHORT_WITH_VALUE, longWithValue: WGET_LONG_WITH_VALUE });
    let toStdout = false;
    for (const option of parsed.options) {
      if ((option.name === 'O' && !option.long) || (option.long && option.name === 'output-document')) {
        toStdout = option.value === '-' || option.value === '/dev/stdout';
      }
    }
    return { invocation, url: urlOperand(parsed.operands), toStdout };
  }
  if (name === 'fetch') {
    const parsed = parseOptions(args, { shortWithValue: FETCH_SHORT_WITH_VALUE, longWithValue: ['output'] });
    let toStdout = false;
    for (const option of parsed.options) {
      if ((option.name === 'o' && !option.long) || (option.long && option.name === 'output')) {
        toStdout = option.value === '-' || option.value === '/dev/stdout';
      }
    }
    return { invocation, url: urlOperand(parsed.operands), toStdout };
  }
  return undefined;
}

export const SHELL_NAMES = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'yash', 'fish', 'rbash']);

/** How an interpreter gets its program: inline code in an argument, from stdin, or from a file. */
export interface ProgramSource {
  kind: 'inline' | 'stdin' | 'file' | 'module';
  /** The code word (`-c '…'`) or the script operand. */
  word?: ShellWord;
  /** The interpreter family, for messages: `sh`, `python`, `perl`, … */
  interpreter: string;
}

interface InterpreterSyntax {
  family: string;
  spec: OptionSpec;
  /** Options whose value is program text. */
  inline: readonly string[];
  /** Options whose value names a module or file to run instead of stdin. */
  module?: readonly string[];
  /** `-s`: read the script from stdin even when operands follow. */
  stdinFlag?: string;
}

function interpreterSyntax(name: string): InterpreterSyntax | undefined {
  if (SHELL_NAMES.has(name)) {
    return {
      family: name,
      spec: { shortWithValue: 'oO', longWithValue: ['rcfile', 'init-file'], stopAtOperand: true },
      inline: ['c', 'command'],
      stdinFlag: 's',
    };
  }
  if (/^(python|pypy)(\d+(\.\d+)?)?$/.test(name)) {
    return { family: 'python', spec: { shortWithValue: 'cmWXQ', stopAtOperand: true }, inline: ['c'], module: ['m'] };
  }
  if (/^perl(\d+(\.\d+)*)?$/.test(name)) {
    return { family: 'perl', spec: { shortWithValue: 'eE', shortWithAttachedValue: 'MmIil0xdDCV', stopAtOperand: true }, inline: ['e', 'E'] };
  }
  if (/^ruby(\d+(\.\d+)*)?$/.test(name)) {
    return { family: 'ruby', spec: { shortWithValue: 'erICE', longWithValue: ['encoding'], stopAtOperand: true }, inline: ['e'] };
  }
  if (name === 'node' || name === 'nodejs') {
    return {
      family: 'node',
      spec: { shortWithValue: 'eprC', longWithValue: ['eval', 'print', 'require', 'import', 'input-type', 'loader', 'conditions', 'title'], stopAtOperand: true },
      inline: ['e', 'p', 'eval', 'print'],
    };
  }
  if (/^php(\d+(\.\d+)*)?$/.test(name)) {
    return { family: 'php', spec: { shortWithValue: 'rfdcBRFEtz', stopAtOperand: true }, inline: ['r', 'B', 'R', 'E'], module: ['f', 'F'] };
  }
  return undefined;
}

/**
 * The script of a shell given one on its command line (`sh -c '…'`, `sudo bash -ec "…"`,
 * `busybox sh -c …`): the word holding it, or undefined.
 */
export function shellScriptWord(command: SimpleCommand): ShellWord | undefined {
  const invocation = invocationOf(command);
  if (!invocation || !SHELL_NAMES.has(invocation.name)) return undefined;
  const source = programSourceOf(invocation);
  return source?.kind === 'inline' ? source.word : undefined;
}

/** Whether the command is a shell reading its script from stdin (`sh`, `bash -e`, `sh -s`), so a here-document fed to it is a script. */
export function shellReadsStdin(command: SimpleCommand): boolean {
  const invocation = invocationOf(command);
  return invocation !== undefined && SHELL_NAMES.has(invocation.name) && programSourceOf(invocation)?.kind === 'stdin';
}

/** Files that are the process's own standard input. */
const STDIN_PATHS = new Set(['-', '/dev/stdin', '/dev/fd/0', '/proc/self/fd/0']);

/**
 * Where a shell or interpreter takes its program from, or undefined for other programs.
 * `sh`, `bash -s -- -x`, `python -`, `bash /dev/stdin` read stdin; `sh -c '…'`, `python -c`,
 * `perl -e`, `node -e`, `php -r` take inline code; `python -m x` and `sh script.sh` do not read
 * code from stdin.
 */
export function programSourceOf(invocation: Invocation): ProgramSource | undefined {
  const syntax = interpreterSyntax(invocation.name);
  if (!syntax) return undefined;
  const parsed = parseOptions(invocation.args, syntax.spec);
  const interpreter = syntax.family;
  for (const option of parsed.options) {
    if (syntax.inline.includes(option.name)) {
      // A shell's `-c` takes the first operand as its script, not an option value.
      if (SHELL_NAMES.has(invocation.name)) return { kind: 'inline', word: parsed.operands[0], interpreter };
      return { kind: 'inline', word: option.valueWord ?? option.word, interpreter };
    }
    if (syntax.module?.includes(option.name)) return { kind: 'module', word: option.valueWord ?? option.word, interpreter };
  }
  if (syntax.stdinFlag && parsed.options.some((option) => !option.long && option.name === syntax.stdinFlag)) {
    return { kind: 'stdin', interpreter };
  }
  const first = parsed.operands[0];
  if (!first) return { kind: 'stdin', interpreter };
  // `php -- args`: what follows `--` are the arguments of the script read from stdin.
  const dashDash = invocation.args.findIndex((word) => word.value === '--');
  if (interpreter === 'php' && dashDash >= 0 && dashDash === invocation.args.indexOf(first) - 1) {
    return { kind: 'stdin', interpreter };
  }
  if (STDIN_PATHS.has(first.value)) return { kind: 'stdin', word: first, interpreter };
  return { kind: 'file', word: first, interpreter };
}

// ---------------------------------------------------------------------------------------------
// Text written into files

export interface WrittenText {
  /** The program that writes (`echo`, `printf`, `cat`, `tee`, `sed`). */
  invocation: Invocation;
  /** Where the text is, as written in the Dockerfile: quoted words or a here-document body. */
  start: number;
  end: number;
  /** The destination file, when it is known. */
  target: string | undefined;
}

/**
 * Text a command writes into a file: `echo …`/`printf …` redirected to a file or piped into
 * `tee file`, a here-document given to `cat > file`/`tee file`, and the replacement text of
 * `sed -i 's/…/…/'`. Offsets are those of the words or body as written, so a match inside can
 * be reported exactly.
 */
export function writtenTextOf(command: SimpleCommand, script: readonly SimpleCommand[], text: string): readonly WrittenText[] {
  const invocation = invocationOf(command);
  // Several rules ask about every command of every RUN; only these programs write text.
  if (!invocation || !WRITERS.has(invocation.name)) return NOTHING_WRITTEN;
  const found: WrittenText[] = [];
  const fileTarget = (): string | undefined => stdoutFile(command, script, text);
  const { name, args } = invocation;
  if (name === 'echo' || name === 'printf') {
    const target = fileTarget();
    if (target === undefined) return [];
    let first = 0;
    while (name === 'echo' && first < args.length && /^-[neE]+$/.test(args[first].value)) first++;
    const operands = args.slice(first);
    if (operands.length === 0) return [];
    found.push({ invocation, start: operands[0].start, end: operands[operands.length - 1].end, target });
  }
  if (name === 'cat' || name === 'tee') {
    const target = name === 'tee' ? parseOptions(args).operands[0]?.value : fileTarget();
    for (const redirect of command.redirects) {
      if (redirect.heredoc && redirect.heredoc.start >= 0 && redirect.heredoc.end > redirect.heredoc.start) {
        found.push({ invocation, start: redirect.heredoc.start, end: redirect.heredoc.end, target });
      }
    }
  }
  if (name === 'sed') {
    const parsed = parseOptions(args, { shortWithValue: 'efl', longWithValue: ['expression', 'file', 'line-length'] });
    const inPlace = parsed.options.some((option) => option.name === 'i' || option.name === 'in-place');
    if (!inPlace) return found;
    const expressions: ShellWord[] = [];
    for (const option of parsed.options) {
      if ((option.name === 'e' || option.name === 'expression') && option.valueWord) expressions.push(option.valueWord);
    }
    // Without -e, the first operand is the script and the files follow it.
    const scriptOperand = expressions.length === 0 ? parsed.operands[0] : undefined;
    if (scriptOperand) expressions.push(scriptOperand);
    const target = parsed.operands[scriptOperand ? 1 : 0]?.value;
    for (const expression of expressions) {
      const replacement = sedReplacement(text, expression);
      if (replacement) found.push({ invocation, start: replacement.start, end: replacement.end, target });
    }
  }
  return found;
}

const WRITERS = new Set(['echo', 'printf', 'cat', 'tee', 'sed']);
const NOTHING_WRITTEN: readonly WrittenText[] = Object.freeze([]);

/** The file a command's standard output goes to: a `>` redirection, or `| tee FILE`. */
function stdoutFile(command: SimpleCommand, script: readonly SimpleCommand[], text: string): string | undefined {
  const redirect = command.redirects.find((candidate) => /^>/.test(candidate.operator) && candidate.operator !== '>&' && redirectFd(text, candidate) === 1);
  if (redirect?.target) return redirect.target.value;
  const reader = pipelineOf(command, script).find((other) => other.pipeIndex === command.pipeIndex + 1);
  const tee = reader ? invocationOf(reader) : undefined;
  if (tee?.name === 'tee') return parseOptions(tee.args).operands[0]?.value;
  return undefined;
}

/** The replacement part of `s/pattern/replacement/flags`, or the text of `a`/`i`/`c` commands, in file offsets. */
function sedReplacement(text: string, word: ShellWord): { start: number; end: number } | undefined {
  const raw = text.slice(word.start, word.end);
  const quote = raw[0] === "'" || raw[0] === '"' ? 1 : 0;
  const body = raw.slice(quote, raw.length - (quote && raw.endsWith(raw[0]) ? 1 : 0));
  const substitute = /^((?:\d+|\$|\/[^/]*\/)?\s*)s(.)/.exec(body);
  if (substitute) {
    const delimiter = substitute[2];
    let i = substitute[0].length;
    let parts = 0;
    let replacementStart = -1;
    for (; i < body.length; i++) {
      if (body[i] === '\\') {
        i++;
        continue;
      }
      if (body[i] === delimiter) {
        parts++;
        if (parts === 1) replacementStart = i + 1;
        if (parts === 2) return { start: word.start + quote + replacementStart, end: word.start + quote + i };
      }
    }
    return undefined;
  }
  const append = /^((?:\d+|\$|\/[^/]*\/)?\s*)[aic]\\?\s*/.exec(body);
  if (append && append[0].length < body.length) {
    return { start: word.start + quote + append[0].length, end: word.start + quote + body.length };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Verification

const CHECKSUM_TOOLS = /^(sha(1|224|256|384|512)sum|shasum|md5sum|b2sum|sha256|sha512|cksum)$/;

/**
 * The words that a verification step in `script` before `before` looks at: `gpg --verify x.sig x`,
 * `gpgv`, `sha256sum -c`, `echo "<hash>  x" | sha256sum -c -`, `cosign verify-blob`, `minisign -V`.
 * A file whose name appears in one of them counts as verified.
 */
export function verifiedWords(script: readonly SimpleCommand[], before: number): string[] {
  return verificationsOf(script)
    .filter((verification) => verification.start < before)
    .flatMap((verification) => verification.words);
}

/** Kept on the script array, like the pipeline index (see `PIPELINES`). */
const VERIFICATIONS = Symbol('verifications');
type VerifiedScript = readonly SimpleCommand[] & { [VERIFICATIONS]?: { start: number; words: string[] }[] };

/** The verification steps of a script and the words they look at, found once per script. */
function verificationsOf(script: readonly SimpleCommand[]): { start: number; words: string[] }[] {
  const cached = (script as VerifiedScript)[VERIFICATIONS];
  if (cached) return cached;
  const found: { start: number; words: string[] }[] = [];
  for (const command of script) {
    const invocation = invocationOf(command);
    if (!invocation) continue;
    const { name, args } = invocation;
    const values = args.map((word) => word.value);
    const verifies =
      ((name === 'gpg' || name === 'gpg2') && values.some((value) => value === '--verify' || value === '--verify-files')) ||
      name === 'gpgv' ||
      (CHECKSUM_TOOLS.test(name) && values.some((value) => /^-[a-zA-Z]*c[a-zA-Z]*$/.test(value) || value === '--check')) ||
      (name === 'cosign' && values.some((value) => value.startsWith('verify'))) ||
      (name === 'minisign' && values.some((value) => /^-[a-zA-Z]*V/.test(value))) ||
      (name === 'rpm' && values.some((value) => value === '-K' || value === '--checksig'));
    if (!verifies) continue;
    const words = [...values];
    // `echo "<hash>  file" | sha256sum -c -`: the file is named by the commands feeding the check.
    for (const feeder of pipelineOf(command, script)) {
      if (feeder.pipeIndex < command.pipeIndex) words.push(...feeder.words.map((word) => word.value));
    }
    found.push({ start: command.start, words });
  }
  (script as VerifiedScript)[VERIFICATIONS] = found;
  return found;
}

/** Whether `file` (a path as written) appears in the words of a verification step. */
export function isVerified(file: string, verified: readonly string[]): boolean {
  const name = baseName(file);
  if (name.length === 0 || /[*?$]/.test(name)) return false;
  return verified.some((word) => word.includes(name));
}

/**
 * The arguments pip gets, for `pip`, `pip3`, `pip3.12` and `python -m pip …`; undefined for
 * anything else.
 */
export function pipArgumentsOf(invocation: Invocation): ShellWord[] | undefined {
  if (/^pip(\d+(\.\d+)?)?$/.test(invocation.name)) return invocation.args;
  if (!/^(python|pypy)(\d+(\.\d+)?)?$/.test(invocation.name)) return undefined;
  const parsed = parseOptions(invocation.args, { shortWithValue: 'cmWXQ', stopAtOperand: true });
  const module = parsed.options.find((option) => option.name === 'm');
  if (!module || module.value !== 'pip') return undefined;
  const at = module.valueWord ? invocation.args.indexOf(module.valueWord) : invocation.args.indexOf(module.word);
  return invocation.args.slice(at + 1);
}

/** Values that configuration parsers (git, yum, npm, conda) read as false. */
export function isFalseValue(value: string): boolean {
  return /^(false|no|off|0)$/i.test(value.trim());
}

/** Values read as true. */
export function isTrueValue(value: string): boolean {
  return /^(true|yes|on|1)$/i.test(value.trim());
}
