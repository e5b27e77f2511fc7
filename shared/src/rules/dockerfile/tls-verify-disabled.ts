import { defineDockerfileRule } from '../rule';
import type { OffsetEdit } from '../../text/edits';
import type { ShellWord } from '../../dockerfile/shell';
import {
  CURL_LONG_WITH_VALUE,
  CURL_SHORT_WITH_VALUE,
  WGET_LONG_WITH_VALUE,
  WGET_SHORT_WITH_VALUE,
  invocationOf,
  isFalseValue,
  isLongOption,
  parseOptions,
  pipArgumentsOf,
  writtenTextOf,
  type Invocation,
  type ParsedOption,
} from '../../dockerfile/commands';
import { removeArgument, removeOption, removeProperty } from '../../dockerfile/instruction-edits';
import { scopeBefore } from '../../dockerfile/stage-facts';
import { substitute } from '../../dockerfile/variables';

const CONSEQUENCE = 'anyone between the build and the server can serve their own files in place of the real ones.';

/** Environment variables that turn verification off, and the values that do it. */
function insecureVariable(name: string, value: string): string | undefined {
  switch (name) {
    case 'PIP_TRUSTED_HOST':
      return value.trim() !== '' ? `PIP_TRUSTED_HOST makes pip skip certificate checks for ${quoted(value)}` : undefined;
    case 'GOINSECURE':
      return value.trim() !== '' ? `GOINSECURE makes the go command fetch ${quoted(value)} without checking certificates` : undefined;
    case 'UV_INSECURE_HOST':
      return value.trim() !== '' ? `UV_INSECURE_HOST makes uv skip certificate checks for ${quoted(value)}` : undefined;
    case 'PYTHONHTTPSVERIFY':
      return value.trim() === '0' ? 'PYTHONHTTPSVERIFY=0 turns off certificate verification for Python\'s HTTPS clients' : undefined;
    case 'NODE_TLS_REJECT_UNAUTHORIZED':
      return value.trim() === '0' ? 'NODE_TLS_REJECT_UNAUTHORIZED=0 makes Node.js accept any TLS certificate' : undefined;
    case 'GIT_SSL_NO_VERIFY':
      // git checks only whether the variable is set: even `false` or an empty value turns verification off.
      return `GIT_SSL_NO_VERIFY turns off git's certificate verification whatever its value (here ${quoted(value)})`;
  }
  if (/^npm_config_strict_ssl$/i.test(name) && isFalseValue(value)) return `${name}=${value} makes npm accept any TLS certificate`;
  return undefined;
}

function quoted(value: string): string {
  return `'${value.length > 60 ? `${value.slice(0, 57)}...` : value}'`;
}

/** Patterns in text written to configuration files, with what they turn off. */
const CONFIG_PATTERNS: { pattern: RegExp; what: string; target?: RegExp }[] = [
  { pattern: /(?<=^|[^\w.-]|\\n)sslverify\s*=\s*["']?(?:0|false|no|off)\b/gi, what: 'sslverify off (yum/dnf/git) turns off certificate verification' },
  { pattern: /(?<=^|[^\w.-]|\\n)strict-ssl\s*=\s*["']?false\b/gi, what: 'strict-ssl=false makes npm accept any TLS certificate' },
  { pattern: /(?<=^|[^\w.-]|\\n)check_certificate\s*=\s*(?:off|no|false|0)\b/gi, what: 'check_certificate = off turns off wget\'s certificate verification' },
  { pattern: /(?<=^|[^\w.-]|\\n)ssl_verify\s*:\s*(?:false|no|0)\b/gi, what: 'ssl_verify: false turns off conda\'s certificate verification' },
  { pattern: /Verify-(?:Peer|Host)\s+"?(?:false|no|0)"?/gi, what: 'Acquire::https::Verify-Peer false makes apt accept any TLS certificate' },
  { pattern: /(?<=^|[^\w.-]|\\n)trusted-host\s*=/gi, what: 'trusted-host makes pip skip certificate checks for that host', target: /pip\.(conf|ini)$/ },
  { pattern: /(?:^|\\n|\n|["'\s])(?:-k|--insecure|insecure)(?=\s*(?:$|\\n|\n|["']))/g, what: 'insecure in .curlrc makes every curl call skip certificate checks', target: /curlrc$/ },
];

export default defineDockerfileRule({
  id: 'DG109',
  name: 'tls-verify-disabled',
  defaultSeverity: 'warning',
  cheatSheet: '13',
  fixable: true,
  summary: 'A download or package tool has TLS certificate verification turned off.',
  check({ model, report }) {
    const { text } = model;
    const seen = new Set<string>();
    const emit = (start: number, end: number, what: string, removal?: { title: string; edit: OffsetEdit | undefined }): void => {
      const key = `${start}:${end}`;
      if (seen.has(key)) return;
      seen.add(key);
      report({
        start,
        end,
        message: `${what}: ${CONSEQUENCE}`,
        fixes: removal?.edit ? [{ title: removal.title, edits: [removal.edit] }] : [],
      });
    };
    const emitOption = (option: ParsedOption, shown: string, what: string): void => {
      const end = option.valueWord ? option.valueWord.end : option.word.end;
      emit(option.word.start, end, what, { title: `Remove '${shown}'`, edit: removeOption(text, option, model.escapeChar) });
    };
    const checkAssignment = (word: ShellWord, removable: boolean): void => {
      const eq = word.value.indexOf('=');
      const name = word.value.slice(0, eq);
      const what = insecureVariable(name, word.value.slice(eq + 1));
      if (!what) return;
      emit(word.start, word.end, what, {
        title: `Remove '${text.slice(word.start, word.end)}'`,
        edit: removable ? removeArgument(text, word.start, word.end, model.escapeChar) : undefined,
      });
    };

    for (const instruction of model.instructions) {
      if (instruction.keyword === 'ENV' || instruction.keyword === 'ARG') {
        for (const property of instruction.properties) {
          if (property.value === undefined) continue;
          let value: string | undefined = property.value;
          if (value.includes('$')) value = substitute(value, scopeBefore(model, instruction), model.escapeChar);
          if (value === undefined) continue;
          const what = insecureVariable(property.name, value);
          if (!what) continue;
          emit(property.nameStart, property.valueEnd, `${instruction.keyword} ${what}`, {
            title: `Remove '${property.name}'`,
            edit: removeProperty(model, instruction, property),
          });
        }
        continue;
      }
      if (instruction.keyword !== 'RUN') continue;
      const script = instruction.commands;
      for (const command of script) {
        // `NAME=value cmd` applies to cmd; `NAME=value` alone sets an unexported shell variable.
        if (command.words.length > 0) for (const word of command.assignments) checkAssignment(word, true);
        const invocation = invocationOf(command);
        if (!invocation) continue;
        for (const word of invocation.assignments) {
          if (!command.assignments.includes(word)) checkAssignment(word, true);
        }
        if (invocation.name === 'export' || (invocation.name === 'declare' && invocation.args.some((word) => /^-\w*x/.test(word.value)))) {
          const assigned = invocation.args.filter((word) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(word.value));
          for (const word of assigned) checkAssignment(word, invocation.args.length > 1);
        }
        checkTool(invocation, emitOption, emit);
        for (const written of writtenTextOf(command, script, text)) {
          const body = text.slice(written.start, written.end);
          for (const { pattern, what, target } of CONFIG_PATTERNS) {
            if (target && !(written.target && target.test(written.target))) continue;
            pattern.lastIndex = 0;
            for (let match = pattern.exec(body); match; match = pattern.exec(body)) {
              const lead = /^(?:\\n|\n|["'\s])/.exec(match[0])?.[0].length ?? 0;
              emit(written.start + match.index + lead, written.start + match.index + match[0].length, what);
            }
          }
        }
      }
    }
  },
});

type EmitOption = (option: ParsedOption, shown: string, what: string) => void;
type Emit = (start: number, end: number, what: string) => void;

function checkTool(invocation: Invocation, emitOption: EmitOption, emit: Emit): void {
  const { name, args } = invocation;
  if (name === 'curl') {
    const parsed = parseOptions(args, { shortWithValue: CURL_SHORT_WITH_VALUE, longWithValue: CURL_LONG_WITH_VALUE });
    for (const option of parsed.options) {
      if (!option.long && option.name === 'k') emitOption(option, '-k', `'curl ${option.word.value}' (-k, --insecure) accepts any TLS certificate`);
      else if (option.long && (option.name === 'insecure' || option.name === 'proxy-insecure' || option.name === 'doh-insecure')) {
        emitOption(option, `--${option.name}`, `'curl --${option.name}' accepts any TLS certificate`);
      }
    }
    return;
  }
  if (name === 'wget') {
    const parsed = parseOptions(args, { shortWithValue: WGET_SHORT_WITH_VALUE, longWithValue: WGET_LONG_WITH_VALUE });
    for (const option of parsed.options) {
      if (isLongOption(option, 'no-check-certificate', 'no-check'.length)) {
        emitOption(option, option.word.value, `'wget ${option.word.value}' turns off certificate verification`);
      } else if (option.long && option.name === 'check-certificate' && isFalseValue(option.value ?? 'on')) {
        emitOption(option, option.word.value, `'wget ${option.word.value}' turns off certificate verification`);
      } else if ((option.name === 'e' && !option.long) || (option.long && option.name === 'execute')) {
        if (/^check[_-]?certificate\s*=\s*(off|no|false|0)$/i.test(option.value ?? '')) {
          emitOption(option, `${option.word.value}${option.valueWord ? ` ${option.valueWord.value}` : ''}`, `'wget -e ${option.value}' turns off certificate verification`);
        }
      }
    }
    return;
  }
  const pip = pipArgumentsOf(invocation);
  if (pip) {
    const parsed = parseOptions(pip, { longWithValue: ['trusted-host', 'index-url', 'extra-index-url', 'requirement', 'constraint', 'target', 'prefix', 'root', 'find-links', 'cert', 'client-cert', 'proxy', 'timeout', 'retries', 'src', 'python-version', 'platform', 'abi', 'implementation', 'upgrade-strategy', 'log', 'cache-dir', 'exists-action', 'only-binary', 'no-binary', 'progress-bar', 'editable', 'global-option', 'config-settings', 'report', 'python', 'keyring-provider', 'use-feature', 'use-deprecated'], shortWithValue: 'ircteb' });
    for (const option of parsed.options) {
      if (option.long && option.name === 'trusted-host') {
        emitOption(option, option.valueWord ? `--trusted-host ${option.value}` : option.word.value, `'pip --trusted-host ${option.value ?? ''}' skips certificate checks for that host`);
      }
    }
    // `pip config set global.trusted-host host`
    const operands = parsed.operands.map((word) => word.value);
    if (operands[0] === 'config' && operands[1] === 'set' && /(^|\.)trusted-host$/.test(operands[2] ?? '')) {
      const key = parsed.operands[2];
      const value = parsed.operands[3] ?? key;
      emit(key.start, value.end, `'pip config set ${operands[2]}' makes pip skip certificate checks for that host`);
    }
    return;
  }
  if (name === 'uv') {
    const parsed = parseOptions(args, { longWithValue: ['allow-insecure-host', 'trusted-host', 'index-url', 'extra-index-url', 'index', 'default-index', 'python', 'requirement', 'constraint', 'target', 'prefix', 'find-links', 'cache-dir', 'directory', 'project'], shortWithValue: 'rcipf' });
    for (const option of parsed.options) {
      if (option.long && (option.name === 'allow-insecure-host' || option.name === 'trusted-host')) {
        emitOption(option, option.valueWord ? `--${option.name} ${option.value}` : option.word.value, `'uv --${option.name} ${option.value ?? ''}' skips certificate checks for that host`);
      }
    }
    return;
  }
  if (name === 'git') {
    checkGit(args, emitOption, emit);
    return;
  }
  if (name === 'npm' || name === 'pnpm' || name === 'yarn' || name === 'npx') {
    for (let i = 0; i < args.length; i++) {
      const value = args[i].value;
      const next = args[i + 1];
      if (/^--strict-ssl=/i.test(value) && isFalseValue(value.slice('--strict-ssl='.length))) {
        emitOption({ name: 'strict-ssl', long: true, value: 'false', word: args[i] }, value, `'${name} ${value}' accepts any TLS certificate`);
      } else if (value === '--no-strict-ssl') {
        emitOption({ name: 'no-strict-ssl', long: true, value: undefined, word: args[i] }, value, `'${name} ${value}' accepts any TLS certificate`);
      } else if (value === '--strict-ssl' && next && isFalseValue(next.value)) {
        emitOption({ name: 'strict-ssl', long: true, value: next.value, word: args[i], valueWord: next }, `${value} ${next.value}`, `'${name} --strict-ssl ${next.value}' accepts any TLS certificate`);
      }
    }
    // `npm config set strict-ssl false`, `npm set strict-ssl=false`, `yarn config set enableStrictSsl false`.
    const operands = args.filter((word) => !word.value.startsWith('-'));
    const values = operands.map((word) => word.value);
    const config = values.findIndex((value, i) => (value === 'config' || value === 'c') && values[i + 1] === 'set');
    const at = values[0] === 'set' ? 1 : config >= 0 ? config + 2 : -1;
    const key = at > 0 ? operands[at] : undefined;
    if (key) {
      const [keyName, inline] = key.value.split('=');
      const valueWord = inline === undefined ? operands[at + 1] : undefined;
      const value = inline ?? valueWord?.value;
      if (/^(strict-ssl|enableStrictSsl)$/i.test(keyName) && value !== undefined && isFalseValue(value)) {
        emit(key.start, (valueWord ?? key).end, `'${name} config set ${keyName} ${value}' makes ${name} accept any TLS certificate`);
      }
    }
    return;
  }
  if (/^(yum|dnf|dnf5|microdnf|tdnf|yum-config-manager)$/.test(name)) {
    const parsed = parseOptions(args, { longWithValue: ['setopt'] });
    for (const option of parsed.options) {
      if (option.long && option.name === 'setopt' && /^(?:[^=]*\.)?sslverify=(?:0|false|no|off)$/i.test(option.value ?? '')) {
        emitOption(option, option.valueWord ? `--setopt ${option.value}` : option.word.value, `'${name} --setopt=${option.value}' turns off certificate verification for the repositories`);
      }
    }
    return;
  }
  if (name === 'apt-get' || name === 'apt' || name === 'aptitude') {
    const parsed = parseOptions(args, { shortWithValue: 'octa', longWithValue: ['option', 'config-file', 'target-release'] });
    for (const option of parsed.options) {
      const isO = (!option.long && option.name === 'o') || (option.long && option.name === 'option');
      if (isO && /^Acquire::https::(?:.*::)?Verify-(?:Peer|Host)=(?:false|no|0)$/i.test(option.value ?? '')) {
        emitOption(option, option.valueWord ? `${option.word.value} ${option.value}` : option.word.value, `'${name} -o ${option.value}' makes apt accept any TLS certificate`);
      }
    }
    return;
  }
  if (name === 'conda' || name === 'mamba' || name === 'micromamba') {
    for (let i = 0; i + 2 < args.length; i++) {
      if (args[i].value === '--set' && /^ssl_verify$/i.test(args[i + 1].value) && isFalseValue(args[i + 2].value)) {
        emit(args[i].start, args[i + 2].end, `'${name} config --set ssl_verify ${args[i + 2].value}' turns off certificate verification`);
      }
    }
    return;
  }
  if (name === 'composer') {
    const operands = args.filter((word) => !word.value.startsWith('-'));
    const config = operands.findIndex((word) => word.value === 'config');
    const key = operands[config + 1];
    const value = operands[config + 2];
    if (config >= 0 && key?.value === 'disable-tls' && value && /^(true|1)$/i.test(value.value)) {
      emit(key.start, value.end, `'composer config disable-tls true' turns TLS off for composer downloads`);
    }
  }
}

function checkGit(args: readonly ShellWord[], emitOption: EmitOption, emit: Emit): void {
  // Global options come before the subcommand: `git -c http.sslVerify=false clone …`.
  let i = 0;
  for (; i < args.length && args[i].value.startsWith('-'); i++) {
    const value = args[i].value;
    if (value === '-c' && args[i + 1]) {
      const setting = args[i + 1].value;
      const [key, ...rest] = setting.split('=');
      const assigned = rest.length > 0 ? rest.join('=') : 'true';
      if (/^http\.(.+\.)?sslverify$/i.test(key) && isFalseValue(assigned)) {
        emitOption({ name: 'c', long: false, value: setting, word: args[i], valueWord: args[i + 1], letterIndex: 1 }, `-c ${setting}`, `'git -c ${setting}' turns off certificate verification`);
      }
      i++;
      continue;
    }
    if (['-C', '--git-dir', '--work-tree', '--namespace', '--exec-path', '--config-env'].includes(value)) i++;
  }
  if (args[i]?.value !== 'config') return;
  const rest = args.slice(i + 1);
  const operands: ShellWord[] = [];
  for (let j = 0; j < rest.length; j++) {
    const value = rest[j].value;
    if (value === '-f' || value === '--file' || value === '--blob' || value === '--type' || value === '--default' || value === '--comment' || value === '--value') {
      j++;
      continue;
    }
    if (value.startsWith('-')) continue;
    operands.push(rest[j]);
  }
  // `git config set <key> <value>` (git 2.46) and `git config <key> <value>`.
  if (operands[0]?.value === 'set') operands.shift();
  const [key, value] = operands;
  if (key && value && /^http\.(.+\.)?sslverify$/i.test(key.value) && isFalseValue(value.value)) {
    emit(key.start, value.end, `'git config ${key.value} ${value.value}' turns off git's certificate verification`);
  }
}
