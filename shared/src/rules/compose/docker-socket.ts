import { defineComposeRule } from '../rule';
import { UNKNOWN, volumes, type Mount } from '../../compose/values';
import { valueProblem } from './service-findings';
import { valueRange } from '../../compose/edits';

const SOCKETS = ['docker.sock', 'podman.sock', 'containerd.sock'];

/**
 * What the host path gives access to: a daemon socket (also behind an unknown directory, as in
 * `$XDG_RUNTIME_DIR/docker.sock`), the directory that holds the system sockets, or the Windows
 * daemon's named pipe. Undefined when it is none of these or unknown.
 */
export function daemonSocketOf(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  const normalised = path.replace(/[\\/]+$/, '');
  if (SOCKETS.some((socket) => normalised.endsWith(socket)) && !normalised.slice(normalised.lastIndexOf('/') + 1).includes(UNKNOWN)) {
    return `the daemon socket ${display(normalised)}`;
  }
  if (normalised.includes(UNKNOWN)) return undefined;
  if (/^\/{1,2}(var\/)?run$/.test(normalised)) return `${normalised.replace(/^\/\//, '/')}, the directory that holds the daemon socket`;
  if (/^\\\\[.?]\\pipe\\docker_engine$/i.test(normalised) || /^\/\/[.?]\/pipe\/docker_engine$/i.test(normalised)) return `the Docker daemon's named pipe ${normalised}`;
  return undefined;
}

function display(path: string): string {
  return path.split(UNKNOWN).join('${…}');
}

export default defineComposeRule({
  id: 'DG202',
  name: 'docker-socket',
  defaultSeverity: 'error',
  cheatSheet: '1',
  fixable: false,
  summary: 'A service mounts a container daemon socket, which gives it control of the host.',
  check({ model, report }) {
    for (const service of model.services) {
      const field = service.field('volumes');
      for (const mount of volumes(field)) {
        const hostPath = hostPathOf(mount);
        const what = daemonSocketOf(hostPath);
        if (!what) continue;
        const range: [number, number] | undefined = mount.sourceStart !== undefined ? [mount.sourceStart, mount.sourceEnd!] : valueRange(model, mount.node);
        if (!range) continue;
        const viaVolume = mount.type === 'volume' && mount.hostPathField;
        const readOnly = mount.readOnly === true ? ' Mounting it read-only does not help: connecting to a socket is not a write to the mount.' : '';
        const binding = viaVolume ? mount.hostPathField?.value?.range : undefined;
        report(
          valueProblem(
            service,
            field,
            range,
            `mounts ${what}${viaVolume ? ` (through the named volume '${mount.source}')` : ''}: ` +
              `whoever controls the container can start a privileged container with the host's disk mounted, i.e. take over the host.${readOnly}`,
            { related: binding ? [{ start: binding[0], end: binding[1], message: `The volume '${mount.source}' binds this host path.` }] : undefined },
          ),
        );
      }
    }
  },
});

/** The host path, with `UNKNOWN` for unresolvable parts: a bind's source, or a bind-backed volume's device. */
function hostPathOf(mount: Mount): string | undefined {
  if (mount.type === 'bind' || mount.type === 'npipe') return mount.sourcePattern;
  if (mount.type === 'volume') return mount.hostPath;
  return undefined;
}
