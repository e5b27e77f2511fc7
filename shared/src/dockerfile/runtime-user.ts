import type { OffsetEdit } from '../text/edits';
import type { ProblemFix } from '../rules/rule';
import { baseImageOf, isRootUser, type DockerfileModel, type Instruction, type Stage } from './model';
import { matchesImagePattern, type ImageReference } from './image';
import { commandName, type SimpleCommand } from './shell';
import { substitute } from './variables';
import { keywordInFileCase } from './edits';
import { dockerHubShortName, stageChain } from './stages';

export { dockerHubShortName, describeStage, imageLabel, stageChain } from './stages';

/**
 * What DG101 (user-missing) and DG102 (user-root) share: which external image a stage runs
 * on, whether that image is known to run non-root, which user it ships, and the quick fixes
 * that switch the final stage to a non-root user.
 */

/**
 * Whether an image matches one of the configured non-root patterns. The digest is ignored (it
 * pins content, not the user), Docker Hub names match in their short form, and a pattern
 * without a tag part matches every tag of that repository.
 */
export function matchesNonRootPattern(image: ImageReference, patterns: readonly string[]): boolean {
  const names = [...new Set([image.name, dockerHubShortName(image.name)])];
  const candidates = names.map((name) => (image.tag !== undefined ? `${name}:${image.tag}` : name));
  return patterns.some((pattern) => {
    if (candidates.some((candidate) => matchesImagePattern(candidate, pattern))) return true;
    const lastSlash = pattern.lastIndexOf('/');
    const hasTag = pattern.indexOf(':', lastSlash + 1) >= 0;
    return !hasTag && names.some((name) => matchesImagePattern(name, pattern));
  });
}

export type AccountCommands = 'alpine' | 'debian';

/** What the fixes need to know about the image a final stage runs on. */
export interface RuntimeBase {
  /** The stage that names the external image. */
  stage: Stage;
  image: ImageReference | undefined;
  scratch: boolean;
  windows: boolean;
  /** A non-root account the image itself ships (`node`, `nonroot`, …). */
  ownUser: string | undefined;
  /** How to create an account in it, or undefined when it has no shell or no such tools. */
  accountCommands: AccountCommands | undefined;
}

export function describeRuntimeBase(model: DockerfileModel, stage: Stage): RuntimeBase {
  const base = baseImageOf(stage);
  const image = base.image;
  const chain = stageChain(stage);
  const name = image ? dockerHubShortName(image.name).toLowerCase() : '';
  const tag = (image?.tag ?? '').toLowerCase();
  const scratch = name === 'scratch';
  const windows = image !== undefined && isWindowsImage(model, chain, name, tag);
  const ownUser = windows ? 'ContainerUser' : image ? imageOwnUser(name, tag) : undefined;
  return { stage: base, image, scratch, windows, ownUser, accountCommands: accountCommandsFor(name, tag, chain, scratch || windows) };
}

function isWindowsImage(model: DockerfileModel, chain: Stage[], name: string, tag: string): boolean {
  if (/^mcr\.microsoft\.com\/(windows|dotnet\/framework)(\/|$)/.test(name)) return true;
  if (/^microsoft\/(windowsservercore|nanoserver|dotnet-framework)/.test(name)) return true;
  if (/(nanoserver|windowsservercore|servercore|ltsc20\d\d)/.test(tag)) return true;
  // `cmd` or Windows PowerShell as the build shell, or the backquote escape, mean a Windows image
  // (`pwsh` alone does not: PowerShell also runs on Linux images).
  if (model.escapeChar === '`') return true;
  return chain.some((stage) =>
    stage.instructions.some(
      (instruction) =>
        instruction.keyword === 'SHELL' && /^\[?\s*"?(cmd|powershell)(\.exe)?"?\s*(,|$)/i.test(model.text.slice(instruction.args[0]?.start ?? 0, instruction.end)),
    ),
  );
}

/** A short list of images whose own non-root account is well known and stable across tags. */
function imageOwnUser(name: string, tag: string): string | undefined {
  if (name === 'node') return 'node';
  if (name.startsWith('gcr.io/distroless/') || name.startsWith('cgr.dev/chainguard/')) return 'nonroot';
  if (/^mcr\.microsoft\.com\/(vscode\/)?devcontainers\/universal$/.test(name)) return 'codespace';
  if (/^mcr\.microsoft\.com\/(vscode\/)?devcontainers\//.test(name)) return 'vscode';
  if (name.startsWith('quay.io/jupyter/') || name.startsWith('jupyter/')) return 'jovyan';
  if (/^mcr\.microsoft\.com\/dotnet\/(nightly\/)?(runtime-deps|runtime|aspnet|sdk)$/.test(name)) {
    // The `app` account exists from .NET 8 on.
    const major = /^(\d+)\./.exec(tag);
    if (tag === '' || tag === 'latest' || (major && Number(major[1]) >= 8)) return 'app';
  }
  return undefined;
}

function accountCommandsFor(name: string, tag: string, chain: Stage[], noShell: boolean): AccountCommands | undefined {
  if (noShell) return undefined;
  if (name.startsWith('gcr.io/distroless/') && !tag.includes('debug')) return undefined;
  if (name.startsWith('cgr.dev/chainguard/') || tag.includes('chiseled')) return undefined;
  // UBI minimal and micro ship without shadow-utils, so neither command set exists there.
  if (/ubi\d*-(minimal|micro)\b|\/ubi-(minimal|micro)\b/.test(name)) return undefined;
  if (/alpine/.test(name) || /alpine/.test(tag) || name === 'busybox' || name.endsWith('/busybox')) return 'alpine';
  // The programs the chain's RUN instructions call, collected once for the three questions below.
  const programs = new Set<string | undefined>();
  for (const stage of chain) {
    for (const instruction of stage.instructions) {
      if (instruction.keyword === 'RUN') for (const command of instruction.commands) programs.add(commandName(command));
    }
  }
  if (programs.has('apk') && !programs.has('apt-get') && !programs.has('apt')) return 'alpine';
  return 'debian';
}

const USERADD_VALUE_OPTIONS = new Set([
  '-b', '-c', '-d', '-e', '-f', '-g', '-G', '-k', '-K', '-p', '-s', '-u', '-Z', '-R', '-P',
  '--base-dir', '--comment', '--home-dir', '--home', '--expiredate', '--inactive', '--gid', '--groups',
  '--skel', '--key', '--password', '--shell', '--uid', '--selinux-user', '--root', '--prefix',
]);
const ADDUSER_VALUE_OPTIONS = new Set([
  '-h', '-g', '-s', '-G', '-u', '-k', '-c',
  '--home', '--shell', '--uid', '--gid', '--firstuid', '--lastuid', '--firstgid', '--lastgid',
  '--gecos', '--comment', '--ingroup', '--conf', '--extrausers-group',
]);

/** The account a `useradd`/`adduser` command creates, if it can be read without guessing. */
function createdAccount(command: SimpleCommand, stage: Stage): string | undefined {
  const program = commandName(command);
  if (program !== 'useradd' && program !== 'adduser') return undefined;
  const valueOptions = program === 'useradd' ? USERADD_VALUE_OPTIONS : ADDUSER_VALUE_OPTIONS;
  const positional: string[] = [];
  const words = command.words.slice(1);
  for (let i = 0; i < words.length; i++) {
    const value = words[i].value;
    if (value.startsWith('-')) {
      if (!value.includes('=') && valueOptions.has(value)) i++;
      continue;
    }
    positional.push(words[i].expands ? substitute(value, stage.scope) ?? '' : value);
  }
  // `useradd [options] LOGIN`; `adduser [options] USER [GROUP]` (with a group it adds USER to it).
  if (program === 'adduser' && positional.length !== 1) return undefined;
  const name = positional[positional.length - 1];
  if (!name || !/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name) || isRootUser(name)) return undefined;
  return name;
}

/** The last account a RUN of the final stage or its parents creates. */
export function accountCreatedIn(stage: Stage): string | undefined {
  let found: string | undefined;
  for (const current of stageChain(stage)) {
    for (const instruction of current.instructions) {
      if (instruction.keyword !== 'RUN') continue;
      for (const command of instruction.commands) found = createdAccount(command, current) ?? found;
    }
  }
  return found;
}

/**
 * Where new lines go in the final stage: before its first CMD/ENTRYPOINT that comes after the
 * stage's last RUN (build steps after the new USER would lose root) and after `after`, else at
 * the end of the stage. A comment block directly above that CMD stays with it.
 */
export function insertLinesInStage(model: DockerfileModel, stage: Stage, lines: string[], after?: Instruction): OffsetEdit | undefined {
  const { index, text } = model;
  const eol = index.eol;
  const instructions = stage.instructions;
  let from = 1;
  instructions.forEach((instruction, i) => {
    if (instruction.keyword === 'RUN' || instruction === after) from = Math.max(from, i + 1);
  });
  const target = instructions.findIndex((instruction, i) => i >= from && (instruction.keyword === 'CMD' || instruction.keyword === 'ENTRYPOINT'));
  if (target > 0) {
    const instruction = instructions[target];
    const previousEnd = index.lineOf(instructions[target - 1].end);
    let line = instruction.line;
    while (line - 1 > previousEnd && /^\s*#/.test(index.lineText(line - 1))) line--;
    const indent = /^[ \t]*/.exec(index.lineText(instruction.line))![0];
    return { start: index.lineStart(line), end: index.lineStart(line), newText: lines.map((added) => indent + added + eol).join('') };
  }
  const last = instructions[instructions.length - 1];
  const indent = /^[ \t]*/.exec(index.lineText(last.line))![0];
  const endLine = index.lineOf(last.end);
  const lineEnd = index.lineEnd(endLine);
  // A file that ends inside a line continuation would swallow the new line into that instruction.
  if (text.slice(last.start, last.end).trimEnd().endsWith(model.escapeChar)) return undefined;
  if (lineEnd >= text.length) {
    return { start: text.length, end: text.length, newText: lines.map((added) => eol + indent + added).join('') };
  }
  const at = index.lineStart(endLine + 1);
  return { start: at, end: at, newText: lines.map((added) => indent + added + eol).join('') };
}

export const NUMERIC_USER = '10001:10001';
export const NEW_ACCOUNT = 'app';

const CREATE_ACCOUNT: Record<AccountCommands, string> = {
  alpine: `addgroup -S ${NEW_ACCOUNT} && adduser -S -G ${NEW_ACCOUNT} ${NEW_ACCOUNT}`,
  debian: `groupadd -r ${NEW_ACCOUNT} && useradd -r -g ${NEW_ACCOUNT} ${NEW_ACCOUNT}`,
};

export interface RootUserToReplace {
  instruction: Instruction;
  /** The span of the USER value that makes the stage root. */
  start: number;
  end: number;
}

/**
 * The fixes that make the final stage run as a non-root user, best first: an account this
 * Dockerfile already creates, the image's own user, a numeric id, and creating an account.
 * With `root`, a root USER of the final stage itself with no RUN after it is rewritten in
 * place; otherwise a new USER line goes where `insertLinesInStage` says.
 */
export function nonRootUserFixes(
  model: DockerfileModel,
  stage: Stage,
  root?: RootUserToReplace,
  // A caller that has described the stage already passes it (no memo: a WeakMap keyed by
  // short-lived stages made every garbage collection during a lint several times dearer).
  base: RuntimeBase = describeRuntimeBase(model, stage),
): ProblemFix[] {
  const user = keywordInFileCase(model, 'USER');
  const run = keywordInFileCase(model, 'RUN');
  const inPlace =
    root !== undefined &&
    root.instruction.stage === stage &&
    !stage.instructions.some((instruction) => instruction.keyword === 'RUN' && instruction.start > root.instruction.start);
  const insert = (lines: string[]): OffsetEdit[] | undefined => {
    const edit = insertLinesInStage(model, stage, lines, root?.instruction);
    return edit && [edit];
  };
  const switchTo = (name: string): OffsetEdit[] | undefined =>
    inPlace ? [{ start: root!.start, end: root!.end, newText: name }] : insert([`${user} ${name}`]);

  const fixes: ProblemFix[] = [];
  const offer = (title: string, edits: OffsetEdit[] | undefined): void => {
    if (edits) fixes.push({ title, edits });
  };
  const existing = base.windows ? undefined : accountCreatedIn(stage);
  if (existing) offer(`Run as the account '${existing}' this Dockerfile creates`, switchTo(existing));
  if (base.ownUser && base.ownUser !== existing) offer(`Run as the image's own user '${base.ownUser}'`, switchTo(base.ownUser));
  if (!base.windows) offer(`Run as numeric user ${NUMERIC_USER}`, switchTo(NUMERIC_USER));
  if (base.accountCommands && !existing && base.ownUser !== NEW_ACCOUNT) {
    offer(`Create user '${NEW_ACCOUNT}' and run as it`, insert([`${run} ${CREATE_ACCOUNT[base.accountCommands]}`, `${user} ${NEW_ACCOUNT}`]));
  }
  return fixes;
}

