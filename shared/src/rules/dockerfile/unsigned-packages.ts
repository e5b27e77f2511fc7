import { defineDockerfileRule } from '../rule';
import type { OffsetEdit } from '../../text/edits';
import type { ShellWord, SimpleCommand } from '../../dockerfile/shell';
import {
  invocationOf,
  isTrueValue,
  isVerified,
  parseOptions,
  verifiedWords,
  writtenTextOf,
  type Invocation,
  type ParsedOption,
} from '../../dockerfile/commands';
import { removeOption } from '../../dockerfile/instruction-edits';
import { isUnder, pathsFromOtherStages } from '../../dockerfile/stage-facts';

const CONSEQUENCE = 'a tampered or substituted package would be installed without complaint.';

/** apt subcommands that download and install; `remove`/`purge` check no signatures. */
const APT_FETCHING = new Set([
  'install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'update', 'build-dep', 'source', 'download', 'reinstall',
  'satisfy', 'safe-upgrade', 'dselect-upgrade',
]);
const APT_OPTIONS = /^(APT::Get::AllowUnauthenticated|Acquire::AllowInsecureRepositories|Acquire::AllowDowngradeToInsecureRepositories|Acquire::AllowWeakRepositories)=(.*)$/i;

/** yum/dnf subcommands that install nothing. */
const RPM_FAMILY_QUIET = new Set(['remove', 'erase', 'autoremove', 'clean', 'history', 'list', 'info', 'search', 'repolist', 'check-update', 'repoquery', 'provides']);

/** Text written into package-manager configuration that turns signature checks off. */
const CONFIG_PATTERNS: { pattern: RegExp; what: string }[] = [
  { pattern: /(?<=^|[^\w.-]|\\n)(?:pkg_)?gpgcheck\s*=\s*["']?(?:0|false|no|off)\b/gi, what: 'gpgcheck off makes yum/dnf/zypper install packages without checking their signatures' },
  { pattern: /APT::Get::AllowUnauthenticated\s+"?(?:true|1|yes)"?/gi, what: 'APT::Get::AllowUnauthenticated makes apt install unsigned packages' },
  { pattern: /Acquire::Allow(?:Insecure|DowngradeToInsecure|Weak)Repositories\s+"?(?:true|1|yes)"?/gi, what: 'Acquire::AllowInsecureRepositories makes apt accept unsigned repositories' },
  { pattern: /(?<=^|[^\w.-]|\\n)SigLevel\s*=\s*(?:Never|Optional\s+TrustAll)\b/gi, what: 'SigLevel = Never makes pacman install packages without checking their signatures' },
  { pattern: /(?<=^|\n|\\n)\s*Trusted:\s*yes\b/gi, what: "'Trusted: yes' makes apt accept this repository unsigned" },
];

export default defineDockerfileRule({
  id: 'DG110',
  name: 'unsigned-packages',
  defaultSeverity: 'warning',
  cheatSheet: '13',
  fixable: true,
  summary: 'A package manager is told to install packages without checking signatures.',
  check({ model, report }) {
    const { text } = model;
    const seen = new Set<string>();
    const emit = (start: number, end: number, what: string, edit?: OffsetEdit, title?: string): void => {
      const key = `${start}:${end}`;
      if (seen.has(key)) return;
      seen.add(key);
      report({ start, end, message: `${what}: ${CONSEQUENCE}`, fixes: edit && title ? [{ title, edits: [edit] }] : [] });
    };
    const emitOption = (option: ParsedOption, what: string): void => {
      const shown = option.valueWord ? `${option.word.value} ${option.valueWord.value}` : option.word.value;
      const end = option.valueWord ? option.valueWord.end : option.word.end;
      emit(option.word.start, end, what, removeOption(text, option, model.escapeChar), `Remove '${shown}'`);
    };

    for (const instruction of model.instructions) {
      if (instruction.keyword !== 'RUN') continue;
      const script = instruction.commands;
      const builtHere = pathsFromOtherStages(model, instruction);
      const trusted: Trusted = (packages, before, extension) =>
        packages.length > 0 &&
        (packages.every((word) => builtHere.some((directory) => isUnder(word.value, directory))) ||
          allLocalAndVerified(packages, script, before, extension));
      for (const command of script) {
        const invocation = invocationOf(command);
        if (!invocation) continue;
        checkTool(invocation, trusted, emitOption);
        for (const written of writtenTextOf(command, script, text)) {
          const body = text.slice(written.start, written.end);
          for (const { pattern, what } of CONFIG_PATTERNS) {
            pattern.lastIndex = 0;
            for (let match = pattern.exec(body); match; match = pattern.exec(body)) {
              const lead = /^\s*/.exec(match[0])![0].length;
              emit(written.start + match.index + lead, written.start + match.index + match[0].length, what);
            }
          }
          for (const option of insecureSourceOptions(body)) {
            emit(written.start + option.start, written.start + option.end, `'${option.text}' makes apt accept the repository '${option.uri}' without a valid signature`);
          }
        }
      }
    }
  },
});

type EmitOption = (option: ParsedOption, what: string) => void;
/** Whether every package operand is a file built by this build or checked before `before`. */
type Trusted = (packages: readonly ShellWord[], before: number, extension: RegExp) => boolean;

/** Package operands that are all local files checked by an earlier `gpg --verify`/`sha256sum -c`. */
function allLocalAndVerified(packages: readonly ShellWord[], script: readonly SimpleCommand[], before: number, extension: RegExp): boolean {
  if (packages.length === 0) return false;
  if (!packages.every((word) => extension.test(word.value))) return false;
  const verified = verifiedWords(script, before);
  return packages.every((word) => isVerified(word.value, verified));
}

function checkTool(invocation: Invocation, trusted: Trusted, emitOption: EmitOption): void {
  const { name, args, command } = invocation;
  if (name === 'apt-get' || name === 'apt' || name === 'aptitude') {
    const parsed = parseOptions(args, { shortWithValue: 'octa', longWithValue: ['option', 'config-file', 'target-release', 'host-architecture'] });
    const subcommand = parsed.operands[0]?.value;
    if (!subcommand || !APT_FETCHING.has(subcommand)) return;
    if (trusted(parsed.operands.slice(1), command.start, /\.deb$/)) return;
    for (const option of parsed.options) {
      if (option.long && ['allow-unauthenticated', 'allow-insecure-repositories', 'force-yes', 'allow-untrusted'].includes(option.name)) {
        const effect = option.name === 'allow-insecure-repositories' ? 'accepts repositories without a valid signature' : 'installs packages whose signatures are not checked';
        emitOption(option, `'${name} --${option.name}' ${effect}`);
      }
      const isO = (!option.long && option.name === 'o') || (option.long && option.name === 'option');
      const setting = isO ? APT_OPTIONS.exec(option.value ?? '') : null;
      if (setting && isTrueValue(setting[2])) emitOption(option, `'${name} -o ${option.value}' turns apt's signature checks off`);
    }
    return;
  }
  if (name === 'apk') {
    const parsed = parseOptions(args, { shortWithValue: 'XpU', longWithValue: ['repository', 'root', 'keys-dir', 'repositories-file', 'arch', 'cache-dir', 'virtual', 'timeout', 'output'] });
    const subcommand = parsed.operands[0]?.value;
    // `apk index --allow-untrusted` indexes packages built right here; it installs nothing.
    if (subcommand === 'index' || subcommand === 'verify') return;
    const allowUntrusted = parsed.options.find((option) => option.long && option.name === 'allow-untrusted');
    if (!allowUntrusted) return;
    if (subcommand === 'add' && trusted(parsed.operands.slice(1), command.start, /\.apk$/)) return;
    emitOption(allowUntrusted, `'apk --allow-untrusted' installs packages whose signatures are not checked`);
    return;
  }
  if (name === 'rpm') {
    const parsed = parseOptions(args, { shortWithValue: 'DE', longWithValue: ['define', 'eval', 'root', 'dbpath', 'macros', 'rcfile', 'pipe', 'predefine'] });
    const querying = parsed.options.some((option) => (!option.long && 'qVKe'.includes(option.name)) || (option.long && ['query', 'verify', 'checksig', 'erase', 'import', 'delete', 'querytags', 'showrc'].includes(option.name)));
    if (querying) return;
    if (trusted(parsed.operands, command.start, /\.rpm$/)) return;
    for (const option of parsed.options) {
      if (option.long && ['nosignature', 'nodigest', 'nofiledigest', 'noverify'].includes(option.name)) {
        emitOption(option, `'rpm --${option.name}' installs the package without checking its ${option.name === 'nosignature' ? 'signature' : 'digests'}`);
      }
    }
    return;
  }
  if (/^(yum|dnf|dnf5|microdnf|tdnf|yum-config-manager)$/.test(name)) {
    const parsed = parseOptions(args, { shortWithValue: 'cdex', longWithValue: ['setopt', 'config', 'installroot', 'releasever', 'repo', 'repoid', 'enablerepo', 'disablerepo', 'exclude', 'downloaddir', 'destdir'] });
    const subcommand = parsed.operands[0]?.value;
    if (subcommand && RPM_FAMILY_QUIET.has(subcommand)) return;
    if (trusted(parsed.operands.slice(1), command.start, /\.rpm$/)) return;
    for (const option of parsed.options) {
      if (option.long && (option.name === 'nogpgcheck' || option.name === 'no-gpgchecks')) {
        emitOption(option, `'${name} --${option.name}' installs packages without checking their signatures`);
      }
      if (option.long && option.name === 'setopt' && /^(?:[^=]*\.)?(?:localpkg_)?gpgcheck=(?:0|false|no|off)$/i.test(option.value ?? '')) {
        emitOption(option, `'${name} --setopt=${option.value}' installs packages without checking their signatures`);
      }
    }
    return;
  }
  if (name === 'zypper') {
    const parsed = parseOptions(args, { shortWithValue: 'cnptR', longWithValue: ['config', 'root', 'name', 'priority', 'type', 'repo', 'from'] });
    const subcommand = parsed.operands[0]?.value ?? '';
    const addsRepo = ['ar', 'addrepo', 'mr', 'modifyrepo'].includes(subcommand);
    if (['in', 'install'].includes(subcommand) && trusted(parsed.operands.slice(1), command.start, /\.rpm$/)) return;
    for (const option of parsed.options) {
      if (option.long && ['no-gpg-checks', 'allow-unsigned-rpm'].includes(option.name)) {
        emitOption(option, `'zypper --${option.name}' installs packages without checking their signatures`);
      } else if (addsRepo && ((option.long && option.name === 'no-gpgcheck') || (!option.long && option.name === 'G'))) {
        emitOption(option, `'zypper ${subcommand} ${option.long ? '--no-gpgcheck' : '-G'}' adds a repository whose packages are not signature-checked`);
      }
    }
  }
}

interface SourceOption {
  text: string;
  uri: string;
  start: number;
  end: number;
}

/**
 * `deb [trusted=yes] http://…` lines: the options that make apt skip the repository's
 * signature. A `file:`/`copy:`/`cdrom:` repository is local (typically packages just built in
 * this RUN), so it is left alone.
 */
function insecureSourceOptions(body: string): SourceOption[] {
  const found: SourceOption[] = [];
  const line = /deb(?:-src)?\s+\[([^\]\n]*)\]\s*(\S+)/g;
  for (let match = line.exec(body); match; match = line.exec(body)) {
    const uri = match[2].replace(/["';\\]+$/, '');
    if (/^["']?(file|copy|cdrom):/i.test(uri)) continue;
    const optionsStart = match.index + match[0].indexOf('[') + 1;
    const option = /\b(trusted|allow-insecure|allow-weak)=yes\b/g;
    for (let inner = option.exec(match[1]); inner; inner = option.exec(match[1])) {
      found.push({ text: inner[0], uri, start: optionsStart + inner.index, end: optionsStart + inner.index + inner[0].length });
    }
  }
  return found;
}
