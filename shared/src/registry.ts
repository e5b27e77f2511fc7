import type { ComposeRule, DockerfileRule, RuleMeta } from './rules/rule';
import type { FileKind } from './types';
import userMissing from './rules/dockerfile/user-missing';
import userRoot from './rules/dockerfile/user-root';
import sudo from './rules/dockerfile/sudo';
import dockerSocket from './rules/dockerfile/docker-socket';
import daemonTcp from './rules/dockerfile/daemon-tcp';
import secretInBuild from './rules/dockerfile/secret-in-build';
import addRemote from './rules/dockerfile/add-remote';
import curlPipeShell from './rules/dockerfile/curl-pipe-shell';
import tlsVerifyDisabled from './rules/dockerfile/tls-verify-disabled';
import unsignedPackages from './rules/dockerfile/unsigned-packages';
import imageUnpinned from './rules/dockerfile/image-unpinned';
import imageDigest from './rules/dockerfile/image-digest';
import exposeSsh from './rules/dockerfile/expose-ssh';
import passwordInRun from './rules/dockerfile/password-in-run';
import chmodUnsafe from './rules/dockerfile/chmod-unsafe';
import copySecretFile from './rules/dockerfile/copy-secret-file';
import runInsecure from './rules/dockerfile/run-insecure';
import healthcheckMissing from './rules/dockerfile/healthcheck-missing';
import privileged from './rules/compose/privileged';
import dockerSocketCompose from './rules/compose/docker-socket';
import daemonTcpCompose from './rules/compose/daemon-tcp';
import capDropAll from './rules/compose/cap-drop-all';
import capAddDangerous from './rules/compose/cap-add-dangerous';
import noNewPrivileges from './rules/compose/no-new-privileges';
import userRootCompose from './rules/compose/user-root';
import userUnset from './rules/compose/user-unset';
import hostNamespace from './rules/compose/host-namespace';
import seccompUnconfined from './rules/compose/seccomp-unconfined';
import apparmorUnconfined from './rules/compose/apparmor-unconfined';
import selinuxDisabled from './rules/compose/selinux-disabled';
import systempathsUnconfined from './rules/compose/systempaths-unconfined';
import readOnlyRootfs from './rules/compose/read-only-rootfs';
import writableBindMount from './rules/compose/writable-bind-mount';
import sensitiveHostMount from './rules/compose/sensitive-host-mount';
import memoryLimit from './rules/compose/memory-limit';
import cpuLimit from './rules/compose/cpu-limit';
import pidsLimit from './rules/compose/pids-limit';
import restartUnbounded from './rules/compose/restart-unbounded';
import ulimits from './rules/compose/ulimits';
import devices from './rules/compose/devices';
import secretInEnvironment from './rules/compose/secret-in-environment';
import imageUnpinnedCompose from './rules/compose/image-unpinned';
import portAllInterfaces from './rules/compose/port-all-interfaces';
import icc from './rules/compose/icc';
import mountPropagation from './rules/compose/mount-propagation';

/**
 * Every rule dockguard has, with the metadata the CLI, the server, the docs and the settings
 * schema read. Ids are a public contract: never renumber or reuse one.
 */

export const DOCKERFILE_RULES: readonly DockerfileRule[] = [
  userMissing,
  userRoot,
  sudo,
  dockerSocket,
  daemonTcp,
  secretInBuild,
  addRemote,
  curlPipeShell,
  tlsVerifyDisabled,
  unsignedPackages,
  imageUnpinned,
  imageDigest,
  exposeSsh,
  passwordInRun,
  chmodUnsafe,
  copySecretFile,
  runInsecure,
  healthcheckMissing,
];

export const COMPOSE_RULES: readonly ComposeRule[] = [
  privileged,
  dockerSocketCompose,
  daemonTcpCompose,
  capDropAll,
  capAddDangerous,
  noNewPrivileges,
  userRootCompose,
  userUnset,
  hostNamespace,
  seccompUnconfined,
  apparmorUnconfined,
  selinuxDisabled,
  systempathsUnconfined,
  readOnlyRootfs,
  writableBindMount,
  sensitiveHostMount,
  memoryLimit,
  cpuLimit,
  pidsLimit,
  restartUnbounded,
  ulimits,
  devices,
  secretInEnvironment,
  imageUnpinnedCompose,
  portAllInterfaces,
  icc,
  mountPropagation,
];

/** Findings the engine itself reports, about the file rather than its content. */
export const META_RULES: readonly RuleMeta[] = [
  {
    id: 'DG000',
    name: 'parse-error',
    kind: 'any',
    defaultSeverity: 'error',
    cheatSheet: '–',
    fixable: false,
    summary: 'The file cannot be parsed; rules ran on whatever could be recovered.',
  },
  {
    id: 'DG001',
    name: 'unknown-rule',
    kind: 'any',
    defaultSeverity: 'info',
    cheatSheet: '–',
    fixable: false,
    summary: 'A dockguard-ignore comment names a rule that does not exist.',
  },
  {
    id: 'DG002',
    name: 'invalid-config',
    kind: 'config',
    defaultSeverity: 'warning',
    cheatSheet: '–',
    fixable: false,
    summary: 'A .dockguard.yaml setting is invalid and was ignored; the defaults apply in its place.',
  },
  {
    id: 'DG003',
    name: 'file-skipped',
    kind: 'any',
    defaultSeverity: 'info',
    cheatSheet: '–',
    fixable: false,
    summary: 'The file was not linted: it is larger than the size limit, or it is not text.',
  },
];

export const ALL_RULES: readonly RuleMeta[] = [...META_RULES, ...DOCKERFILE_RULES, ...COMPOSE_RULES];

const byId = new Map(ALL_RULES.map((rule) => [rule.id, rule]));

export function ruleById(id: string): RuleMeta | undefined {
  return byId.get(id.toUpperCase());
}

/**
 * The rules an id or name stands for. Names are shared across file kinds where the concern is
 * the same (`user-root` is DG102 in a Dockerfile and DG207 in a compose file), so a name may
 * stand for two rules; `kind` narrows it to the rule of one file kind.
 */
export function rulesNamed(idOrName: string, kind?: FileKind): RuleMeta[] {
  const rule = byId.get(idOrName.toUpperCase());
  if (rule) return [rule];
  const name = idOrName.toLowerCase();
  return ALL_RULES.filter((candidate) => candidate.name === name && (!kind || candidate.kind === kind || candidate.kind === 'any'));
}

export const DOCS_BASE_URL = 'https://github.com/dockguard/dockguard/blob/main/shared/src/rules/';

/** The rule's documentation page, relative to `shared/src/rules/` (and to `DOCS_BASE_URL`). */
export function docsPath(rule: RuleMeta): string {
  const folder = rule.kind === 'dockerfile' || rule.kind === 'compose' ? rule.kind : 'meta';
  return `${folder}/${rule.name}.md`;
}

export function docsUrl(rule: RuleMeta): string {
  return DOCS_BASE_URL + docsPath(rule);
}
