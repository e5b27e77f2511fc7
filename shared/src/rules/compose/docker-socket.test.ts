import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { assertFires, assertQuiet } from '../../test-support/rule-test';
import { COMPOSE } from '../../test-support/compose-fix';

const ID = 'DG202';

test('fires on the socket source in short syntax, read-only or not, and in long syntax', () => {
  const [rw, ro] = assertFires(ID, 'services:\n  web:\n    volumes:\n      - «/var/run/docker.sock»:/var/run/docker.sock\n      - "«/var/run/docker.sock»:/tmp/docker.sock:ro"\n', COMPOSE);
  assert.doesNotMatch(rw.message, /read-only/);
  assert.match(ro.message, /read-only does not help/);
  assertFires(ID, 'services:\n  web:\n    volumes:\n      - type: bind\n        source: «/run/podman/podman.sock»\n        target: /var/run/docker.sock\n        read_only: true\n', COMPOSE);
  assertFires(ID, 'services:\n  web:\n    volumes:\n      - «/run/containerd/containerd.sock»:/run/containerd/containerd.sock\n      - «/var/run»:/host/run\n      - «/run/»:/host/run2\n', COMPOSE);
});

test('rootless and desktop sockets, variables with a known socket name, defaults, Windows pipes', () => {
  assertFires(ID, 'services:\n  web:\n    volumes:\n      - «${XDG_RUNTIME_DIR}/docker.sock»:/var/run/docker.sock\n      - «/run/user/1000/docker.sock»:/var/run/docker.sock\n      - «~/.docker/run/docker.sock»:/var/run/docker.sock\n', COMPOSE);
  assertFires(ID, 'services:\n  web:\n    volumes:\n      - «${DOCKER_SOCK:-/var/run/docker.sock}»:/var/run/docker.sock\n', COMPOSE);
  assertFires(ID, 'services:\n  web:\n    volumes:\n      - type: npipe\n        source: «\\\\.\\pipe\\docker_engine»\n        target: \\\\.\\pipe\\docker_engine\n', COMPOSE);
});

test('a named volume that binds the socket is reported at the volume, pointing at the device', () => {
  const [finding] = assertFires(ID, 'services:\n  web:\n    volumes:\n      - «sock»:/var/run/docker.sock\nvolumes:\n  sock:\n    driver: local\n    driver_opts:\n      type: none\n      o: bind\n      device: /var/run/docker.sock\n', COMPOSE);
  assert.match(finding.message, /through the named volume 'sock'/);
  assert.deepEqual(finding.related?.map((related) => related.range.start.line), [10]);
});

test('a socket mounted through a merge key is reported in the anchor for each service', () => {
  const [api, web] = assertFires(ID, 'x-sock: &sock\n  volumes:\n    - ««/var/run/docker.sock»»:/var/run/docker.sock\nservices:\n  web:\n    <<: *sock\n  api:\n    <<: *sock\n', COMPOSE);
  assert.match(api.message, /^Service 'api' \(through anchor &sock\)/);
  assert.match(web.message, /^Service 'web'/);
});

test('does not fire on other paths, container-side socket paths, unknown sources, tmpfs, x- fields', () => {
  assertQuiet(ID, 'services:\n  web:\n    volumes:\n      - /var/lib/docker-data:/data\n      - ./docker.socket.d:/etc/x\n      - /var/run/app:/run/app\n      - /run/user/1000:/run/user\n      - ${SOCKET}:/var/run/docker.sock\n      - docker.sock:/x\n      - /var/run/docker.sock\n      - type: tmpfs\n        target: /var/run\n', COMPOSE);
  assertQuiet(ID, 'x-unused:\n  volumes: [/var/run/docker.sock:/var/run/docker.sock]\nservices:\n  web:\n    image: x\n', COMPOSE);
  assertQuiet(ID, 'volumes:\n  - /var/run/docker.sock:/var/run/docker.sock\n', COMPOSE);
});

test('there is no quick fix: the service has to stop needing the socket', () => {
  const [finding] = assertFires(ID, 'services:\n  web:\n    volumes: ["«/var/run/docker.sock»:/var/run/docker.sock"]\n', COMPOSE);
  assert.deepEqual(finding.fixes, []);
});
