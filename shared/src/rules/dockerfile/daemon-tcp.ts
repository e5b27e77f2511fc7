import { defineDockerfileRule } from '../rule';
import type { DockerfileModel, Stage } from '../../dockerfile/model';
import type { ShellWord, SimpleCommand } from '../../dockerfile/shell';
import { substitute } from '../../dockerfile/variables';
import { stageChain } from '../../dockerfile/stages';

const DOCKER_PLAIN_PORT = 2375;

/** Docker itself turns TLS verification on for any non-empty value; a `0`/`false` still shows intent to turn it off. */
function enablesTlsVerify(value: string): boolean {
  return value.trim() !== '' && !/^(0|false|no|off)$/i.test(value.trim());
}

type TlsState = 'on' | 'off' | 'unknown';

/** DOCKER_TLS_VERIFY as the stage's ENV leaves it (inherited from parent stages too). */
function tlsVerifyState(stage: Stage): TlsState {
  const value = stage.env.get('DOCKER_TLS_VERIFY');
  if (value !== undefined) return enablesTlsVerify(value) ? 'on' : 'off';
  const declared = stageChain(stage).some((current) =>
    current.instructions.some((instruction) => instruction.keyword === 'ENV' && instruction.properties.some((property) => property.name === 'DOCKER_TLS_VERIFY')),
  );
  // Declared with a value that depends on an unknown variable.
  return declared ? 'unknown' : 'off';
}

/** Programs that run the command after them; how many of their own words to skip is below. */
const WRAPPERS = new Set(['exec', 'nohup', 'setsid', 'sudo', 'env', 'tini', 'dumb-init', 'gosu', 'su-exec', 'timeout', 'nice', 'ionice', 'time']);
const DOCKER_PROGRAMS = new Set(['dockerd', 'docker', 'dockerd-entrypoint.sh']);

/**
 * The words of the docker program a command runs, unwrapping `exec`, `sudo -E`, `env A=b`,
 * `tini --`, `gosu user` and the like; also the NAME=value pairs given through `env`.
 */
function dockerInvocation(command: SimpleCommand): { program: string; words: ShellWord[]; assignments: ShellWord[] } | undefined {
  let words = command.words;
  const assignments = [...command.assignments];
  for (let depth = 0; depth < 4 && words.length > 0; depth++) {
    const name = baseName(words[0].value);
    if (DOCKER_PROGRAMS.has(name)) return { program: name, words, assignments };
    if (!WRAPPERS.has(name)) return undefined;
    let i = 1;
    const takesUser = name === 'gosu' || name === 'su-exec';
    while (i < words.length) {
      const value = words[i].value;
      if (value === '--') {
        i++;
        break;
      }
      if (value.startsWith('-')) {
        // `sudo -u user`, `timeout -s KILL`, `nice -n 5`: options with a separate value.
        if (/^-[usngkc]$/.test(value)) i++;
        i++;
        continue;
      }
      if (name === 'env' && /^[A-Za-z_][A-Za-z0-9_]*=/.test(value)) {
        assignments.push(words[i]);
        i++;
        continue;
      }
      if (name === 'timeout' && /^\d/.test(value)) {
        i++;
        continue;
      }
      break;
    }
    if (takesUser) i++;
    words = words.slice(i);
  }
  return undefined;
}

function baseName(value: string): string {
  const slash = value.lastIndexOf('/');
  return slash >= 0 ? value.slice(slash + 1) : value;
}

/** The `-H`/`--host` words that name a `tcp://` address, and whether `--tlsverify` is on. */
function tcpHosts(words: ShellWord[]): { hosts: ShellWord[]; tlsVerify: boolean | undefined } {
  const hosts: ShellWord[] = [];
  let tlsVerify: boolean | undefined;
  for (let i = 1; i < words.length; i++) {
    const value = words[i].value;
    let address: string | undefined;
    let word = words[i];
    if (value === '-H' || value === '--host') {
      if (i + 1 < words.length) {
        word = words[i + 1];
        address = word.value;
        i++;
      }
    } else if (value.startsWith('--host=')) address = value.slice('--host='.length);
    else if (value.startsWith('-H=')) address = value.slice(3);
    else if (value.startsWith('-H') && !value.startsWith('-H-')) address = value.slice(2);
    else if (value === '--tlsverify') tlsVerify = true;
    else if (value.startsWith('--tlsverify=')) tlsVerify = enablesTlsVerify(value.slice('--tlsverify='.length).replace(/^true$/i, '1'));
    if (address !== undefined && /^tcp:\/\//i.test(address.trim())) hosts.push(word);
  }
  return { hosts, tlsVerify };
}

export default defineDockerfileRule({
  id: 'DG105',
  name: 'daemon-tcp',
  defaultSeverity: 'error',
  cheatSheet: '1',
  fixable: false,
  summary: 'The Docker daemon is reached or exposed over unencrypted TCP.',
  check({ model, report }) {
    for (const instruction of model.instructions) {
      const stage = instruction.stage;
      if (!stage) continue;
      switch (instruction.keyword) {
        case 'ENV':
          for (const property of instruction.properties) {
            if (property.name !== 'DOCKER_HOST' || property.value === undefined) continue;
            const value = resolve(model, stage, property.value);
            if (!/^tcp:\/\//i.test(value.trim())) continue;
            if (tlsVerifyState(stage) !== 'off') continue;
            report({
              start: property.valueStart,
              end: property.valueEnd,
              message:
                `DOCKER_HOST points the Docker client at '${value}' over plain TCP, and no DOCKER_TLS_VERIFY=1 is set: ` +
                `the daemon's API, which is root on its host, is reached without encryption or authentication. ` +
                `Use the unix socket, or TLS on port 2376 with DOCKER_TLS_VERIFY=1.`,
            });
          }
          break;
        case 'EXPOSE':
          for (const arg of instruction.args) {
            const value = resolve(model, stage, arg.value);
            const port = /^(\d+)(?:-(\d+))?(?:\/(tcp|udp|sctp))?$/i.exec(value.trim());
            if (!port || (port[3] && port[3].toLowerCase() !== 'tcp')) continue;
            const low = Number(port[1]);
            const high = port[2] !== undefined ? Number(port[2]) : low;
            if (DOCKER_PLAIN_PORT < low || DOCKER_PLAIN_PORT > high) continue;
            report({
              start: arg.start,
              end: arg.end,
              message:
                `EXPOSE ${low === high ? value : `${value} includes ${DOCKER_PLAIN_PORT}`}: that is the Docker daemon's unencrypted, unauthenticated API port, and ` +
                `whoever reaches it controls the daemon and its host as root. Use TLS on 2376, or the unix socket.`,
            });
          }
          break;
        case 'RUN':
        case 'CMD':
        case 'ENTRYPOINT':
          for (const command of instruction.commands) {
            const invocation = dockerInvocation(command);
            if (!invocation) continue;
            const { hosts, tlsVerify } = tcpHosts(invocation.words);
            const assigned = (name: string): ShellWord | undefined =>
              [...invocation.assignments].reverse().find((assignment) => assignment.value.startsWith(`${name}=`));
            // `DOCKER_HOST=tcp://… docker ps` is the client pointed at TCP as surely as `-H` is.
            const hostVariable = assigned('DOCKER_HOST');
            if (hostVariable && /^DOCKER_HOST=tcp:\/\//i.test(hostVariable.value)) hosts.push(hostVariable);
            if (hosts.length === 0 || tlsVerify === true) continue;
            if (tlsVerify === undefined) {
              const verify = assigned('DOCKER_TLS_VERIFY');
              if (verify !== undefined ? enablesTlsVerify(verify.value.slice('DOCKER_TLS_VERIFY='.length)) : tlsVerifyState(stage) !== 'off') continue;
            }
            const daemon = invocation.program !== 'docker';
            for (const host of hosts) {
              const address = host.value.replace(/^(DOCKER_HOST|--host|-H)=?/, '');
              report({
                start: host.start,
                end: host.end,
                message: daemon
                  ? `dockerd listens on '${address}' without --tlsverify: anyone who can reach that address controls the daemon, and so the host, as root. ` +
                    `Add --tlsverify with certificates, or keep to the unix socket.`
                  : `docker talks to the daemon at '${address}' without --tlsverify: the connection is unencrypted and the daemon unauthenticated. ` +
                    `Add --tlsverify (or DOCKER_TLS_VERIFY=1) with certificates, or use the unix socket.`,
              });
            }
          }
          break;
      }
    }
  },
});

/** A value with its variables resolved from the stage where possible, else as written. */
function resolve(model: DockerfileModel, stage: Stage, value: string): string {
  if (!value.includes('$')) return value;
  return substitute(value, stage.scope, model.escapeChar) ?? value;
}
