import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { assertFires, assertQuiet } from '../../test-support/rule-test';
import { COMPOSE } from '../../test-support/compose-fix';

const ID = 'DG216';

function service(...volumes: string[]): string {
  return ['services:', '  agent:', '    image: agent:1.0', '    volumes:', ...volumes.map((volume) => `      ${volume}`), ''].join('\n');
}

test('fires on the host path of sensitive mounts: error when writable, warning when read-only', () => {
  const found = assertFires(
    ID,
    service(
      '- «/»:/host',
      '- «/etc»:/host-etc:ro',
      '- «/proc»:/host/proc:ro',
      '- «/sys/fs/cgroup»:/sys/fs/cgroup:rw',
      '- «/var/lib/docker»:/var/lib/docker',
      '- «/lib/modules»:/lib/modules:ro',
      '- «/etc/»:/x:ro,z',
      '- «/run/dbus»:/run/dbus',
      '- «/dev»:/dev',
      '- «/root»:/root',
      '- «/usr/bin»:/host-bin:ro',
    ),
    COMPOSE,
  );
  assert.deepEqual(
    found.map((finding) => finding.severity),
    ['error', 'warning', 'warning', 'error', 'error', 'warning', 'warning', 'error', 'error', 'error', 'warning'],
  );
  assert.match(found[1].message, /\/etc/);
});

test('fires on credential folders in a home directory, in every way a home is written', () => {
  assertFires(
    ID,
    service(
      '- «~/.ssh»:/root/.ssh:ro',
      '- «~/.aws/credentials»:/root/.aws/credentials:ro',
      '- «$HOME/.kube»:/root/.kube',
      '- «${HOME}/.docker/config.json»:/root/.docker/config.json:ro',
      '- «/home/me/.gnupg»:/root/.gnupg',
      '- «/Users/me/.ssh»:/root/.ssh:ro',
      "- '«C:\\Users\\me\\.ssh»:/root/.ssh:ro'",
    ),
    COMPOSE,
  );
});

test('long syntax: source is the host path, read_only decides the severity', () => {
  const found = assertFires(
    ID,
    service(
      '- type: bind',
      '  source: «/etc»',
      '  target: /host/etc',
      '  read_only: true',
      '- type: bind',
      '  source: "«/proc»"',
      '  target: /host/proc',
    ),
    COMPOSE,
  );
  assert.deepEqual(found.map((finding) => finding.severity), ['warning', 'error']);
});

test('interpolation: a default is used, an unknown variable is not guessed', () => {
  assertFires(ID, service('- «${ROOTFS:-/}»:/rootfs:ro', '- ${HOST_ETC}:/host/etc', '- «${SYS-/sys}»:/host/sys:ro'), COMPOSE);
});

test('is quiet on ordinary host paths, look-alike names, relative paths and named volumes', () => {
  assertQuiet(
    ID,
    service(
      '- /var/lib/app:/data',
      '- /var/log/app:/logs',
      '- /etcetera:/x',
      '- /usr2/x:/x',
      '- /srv/www:/www',
      '- /opt/app:/opt/app',
      '- /home/me/src:/src',
      '- ./etc:/etc',
      '- ./.docker/nginx:/etc/nginx:ro',
      '- etc:/etc',
      '- /proc',
      '- type: volume',
      '  source: root',
      '  target: /root',
      '- type: tmpfs',
      '  target: /run',
    ),
    COMPOSE,
  );
});

test('a read-only time zone file is not a finding, a writable one is', () => {
  assertQuiet(ID, service('- /etc/localtime:/etc/localtime:ro', '- /etc/timezone:/etc/timezone:ro', '- /usr/share/zoneinfo:/usr/share/zoneinfo:ro'), COMPOSE);
  assertFires(ID, service('- «/etc/localtime»:/etc/localtime'), COMPOSE);
});

test('pseudo-devices such as /dev/null (used to mask files) are not sensitive', () => {
  assertQuiet(ID, service('- /dev/null:/app/.env', '- ${SOURCE:-/dev/null}:/tmp/foo:ro', '- /dev/urandom:/dev/random:ro'), COMPOSE);
});

test('daemon sockets and the run directories are left to DG202 unless DG202 is off', () => {
  const text = service('- /var/run/docker.sock:/var/run/docker.sock', '- //var/run/docker.sock:/var/run/docker.sock', '- /run:/run:ro', '- /var/run:/var/run');
  assertQuiet(ID, text, COMPOSE);
  assertFires(
    ID,
    service('- «/var/run/docker.sock»:/var/run/docker.sock', '- «//var/run/docker.sock»:/var/run/docker.sock', '- «/run»:/run:ro', '- «/var/run»:/var/run'),
    { ...COMPOSE, config: { rules: { DG202: 'off' } } },
  );
});

test('a sensitive mount from a merge key points at the anchor once per service', () => {
  assertFires(
    ID,
    [
      'x-host: &host',
      '  volumes:',
      '    - ««/proc»»:/host/proc:ro',
      'services:',
      '  a:',
      '    <<: *host',
      '    image: a:1',
      '  b:',
      '    <<: *host',
      '    image: b:1',
      '',
    ].join('\n'),
    COMPOSE,
  );
});

test('a named volume that is a local bind of a sensitive path is reported at the volume in the service', () => {
  assertFires(
    ID,
    [
      'services:',
      '  agent:',
      '    image: agent:1.0',
      '    volumes:',
      '      - «hostetc»:/host/etc',
      '      - data:/data',
      'volumes:',
      '  hostetc:',
      '    driver: local',
      '    driver_opts: { type: none, o: bind, device: /etc }',
      '  data:',
      '    driver_opts: { type: none, o: bind, device: /srv/data }',
      '',
    ].join('\n'),
    COMPOSE,
  );
});
