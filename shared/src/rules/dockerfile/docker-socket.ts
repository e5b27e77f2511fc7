import { defineDockerfileRule } from '../rule';
import type { Instruction, Word } from '../../dockerfile/model';
import { substitute } from '../../dockerfile/variables';
import { mountFields } from '../../dockerfile/mount-options';

/** The API sockets of Docker (rootful, rootless), Podman and containerd, wherever they live. */
const DAEMON_SOCKET = /(?:^|\/)(docker|podman|containerd)\.sock$/i;

const PRODUCT: Record<string, string> = { docker: 'Docker', podman: 'Podman', containerd: 'containerd' };

/** `Docker` for `/var/run/docker.sock`, undefined for other paths. */
function socketOf(path: string): string | undefined {
  const name = DAEMON_SOCKET.exec(path.trim().replace(/\/+$/, ''))?.[1]?.toLowerCase();
  return name && PRODUCT[name];
}

const PATH_FIELDS = new Set(['source', 'src', 'target', 'dst', 'destination']);

export default defineDockerfileRule({
  id: 'DG104',
  name: 'docker-socket',
  defaultSeverity: 'error',
  cheatSheet: '1',
  fixable: false,
  summary: 'VOLUME or RUN --mount names a container daemon socket.',
  check({ model, report }) {
    for (const instruction of model.instructions) {
      if (instruction.keyword === 'VOLUME') {
        for (const word of volumePaths(instruction)) {
          const path = word.value.includes('$') ? substitute(word.value, instruction.stage?.scope ?? model.globalArgs, model.escapeChar) ?? word.value : word.value;
          const socket = socketOf(path);
          if (!socket) continue;
          report({
            start: word.start,
            end: word.end,
            message:
              `VOLUME declares the ${socket} API socket '${path}' as a mount point: the container is meant to get the daemon's API, ` +
              `and whoever controls that API controls the host as root. Do not mount daemon sockets into containers.`,
          });
        }
      } else if (instruction.keyword === 'RUN') {
        for (const flag of instruction.flags) {
          if (flag.name !== 'mount') continue;
          const fields = mountFields(model.text, flag);
          const type = fields.find((field) => field.key === 'type')?.value.toLowerCase() ?? 'bind';
          // Only a bind mount can bring a socket in; cache and tmpfs mounts create empty storage.
          if (type !== 'bind') continue;
          for (const field of fields) {
            if (!PATH_FIELDS.has(field.key)) continue;
            const socket = socketOf(field.value);
            if (!socket) continue;
            report({
              start: field.valueStart,
              end: field.valueEnd,
              message:
                `RUN --mount binds the ${socket} API socket '${field.value}' into a build step: that step can drive the daemon, ` +
                `which controls the host as root. Build without the daemon socket.`,
            });
            break;
          }
        }
      }
    }
  },
});

/** The paths of `VOLUME /a /b` or `VOLUME ["/a", "/b"]`, each with its offsets. */
function volumePaths(instruction: Instruction): Word[] {
  if (instruction.execForm && instruction.jsonStrings) return instruction.jsonStrings;
  return instruction.args;
}
