import { defineComposeRule } from '../rule';
import type { ComposeModel } from '../../compose/model';
import { interpolate, volumes, type Mount } from '../../compose/values';
import { valueProblem } from './service-findings';
import { valueRange } from '../../compose/edits';

/** Host paths that are, with everything inside them, the host's own system. `/` alone is exact. */
const SENSITIVE = ['/etc', '/proc', '/sys', '/dev', '/boot', '/root', '/run', '/var/run', '/var/lib/docker', '/lib/modules', '/usr', '/bin', '/sbin'];

/** Credential folders of a user's home. */
const HOME_CREDENTIALS = new Set(['.ssh', '.aws', '.kube', '.docker', '.gnupg']);

/** Read-only mounts that only share the host's time zone: common, and harmless read-only. */
const TIME_ZONE = ['/etc/localtime', '/etc/timezone', '/usr/share/zoneinfo'];

/** Pseudo-devices with nothing of the host behind them (`/dev/null` is also used to mask files). */
const HARMLESS_DEVICES = new Set(['/dev/null', '/dev/zero', '/dev/random', '/dev/urandom']);

/** What DG202 docker-socket reports; one finding per mount is enough while DG202 is on. */
const DAEMON_SOCKET = /(?:^|\/)(?:docker|podman|containerd)\.sock$/;

export default defineComposeRule({
  id: 'DG216',
  name: 'sensitive-host-mount',
  defaultSeverity: 'warning',
  cheatSheet: '1,8',
  fixable: false,
  summary: 'A sensitive host path (/, /etc, /proc, /var/run, ~/.ssh, ...) is mounted into a container.',
  check(context) {
    const { model, config } = context;
    const socketRuleOn = config.severities.get('DG202') !== 'off';
    for (const service of model.services) {
      const field = service.field('volumes');
      for (const mount of volumes(field)) {
        const host = hostPathOf(model, mount);
        if (host === undefined) continue;
        const path = normalise(host);
        if (path === undefined) continue;
        const what = sensitivity(path);
        if (!what) continue;
        if (mount.readOnly === true && TIME_ZONE.some((zone) => isWithin(path, zone))) continue;
        if (HARMLESS_DEVICES.has(path)) continue;
        if (socketRuleOn && (DAEMON_SOCKET.test(path) || path === '/run' || path === '/var/run')) continue;
        const range = sourceRange(model, mount);
        if (!range) continue;
        const writable = mount.readOnly === false;
        context.report(
          
// The severity says whether it is writable; the message stays the same either way, so a fix
              // that adds :ro changes this finding's severity rather than making a different finding.
valueProblem(service, field, range, `mounts ${what}: writable, it lets a compromised container change the host; even read-only, it shows credentials and the host's layout. Mount only what the service needs, read-only.`, { severity: writable ? 'error' : undefined, item: mount.item }),
        );
      }
    }
  },
});

/** The host path as written: the bind source, or the device of a bind-backed named volume (reported at the volume's name). */
function hostPathOf(model: ComposeModel, mount: Mount): string | undefined {
  if (mount.type === 'volume') return mount.hostPath;
  if (mount.type !== 'bind') return undefined;
  if (mount.source !== undefined) return mount.source;
  // `$HOME/.ssh`, `${HOME}/.aws`: whatever HOME is set to, it is the user's home.
  const written = mount.sourceStart !== undefined && mount.sourceEnd !== undefined ? model.text.slice(mount.sourceStart, mount.sourceEnd) : undefined;
  const home = written !== undefined ? /^(?:\$HOME|\$\{HOME\})(?=[\\/]|$)/.exec(written.replace(/^["']/, '')) : null;
  if (!home) return undefined;
  const rest = interpolate(written!.replace(/^["']/, '').slice(home[0].length).replace(/["']$/, ''));
  return rest === undefined ? undefined : `~${rest}`;
}

function sourceRange(model: ComposeModel, mount: Mount): [number, number] | undefined {
  if (mount.short) {
    if (mount.sourceStart !== undefined && mount.sourceEnd !== undefined) return [mount.sourceStart, mount.sourceEnd];
    return valueRange(model, mount.node);
  }
  return valueRange(model, mount.sourceNode);
}

/**
 * A comparable form of a host path: `/` separators, no `//`, `.`, `..` or trailing slash; a home
 * as `~`; Windows drive paths lower-cased (`c:/users/me`). Undefined for relative paths, which are
 * the project's own folders.
 */
export function normalise(path: string): string | undefined {
  let text = path.trim().replace(/\\/g, '/');
  let prefix: string;
  if (text === '~' || text.startsWith('~/')) {
    prefix = '~';
    text = text.slice(1);
  } else if (/^[A-Za-z]:\//.test(text)) {
    prefix = text.slice(0, 2).toLowerCase();
    text = text.slice(2);
  } else if (text.startsWith('/')) {
    prefix = '';
  } else {
    return undefined;
  }
  const segments: string[] = [];
  for (const segment of text.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return `${prefix}/${segments.join('/')}`.replace(/^~\/$/, '~');
}

function isWithin(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder + '/');
}

/** What makes the path sensitive, for the message; undefined when it is not. */
function sensitivity(path: string): string | undefined {
  if (path === '/') return "the host's root file system '/'";
  const system = SENSITIVE.find((folder) => isWithin(path, folder));
  if (system) return path === system ? `the host's ${system}` : `'${path}', inside the host's ${system}`;
  // A home's credential folder: ~/.ssh, /home/me/.aws, /Users/me/.kube, c:/users/me/.docker.
  const home = /^(?:~|\/home\/[^/]+|\/Users\/[^/]+|[a-z]:\/users\/[^/]+)\/([^/]+)/i.exec(path);
  if (home && HOME_CREDENTIALS.has(home[1].toLowerCase())) return `'${path}', a home directory's ${home[1]} credentials folder`;
  return undefined;
}
