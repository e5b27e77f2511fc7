import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { assertFires, assertQuiet } from '../../test-support/rule-test';
import { COMPOSE } from '../../test-support/compose-fix';

const ID = 'DG203';

test('DOCKER_HOST=tcp://… without DOCKER_TLS_VERIFY, in list and map form', () => {
  assertFires(ID, 'services:\n  ci:\n    environment:\n      - DOCKER_HOST=«tcp://docker:2375»\n', COMPOSE);
  assertFires(ID, 'services:\n  ci:\n    environment:\n      DOCKER_HOST: «tcp://docker:2375»\n      OTHER: x\n', COMPOSE);
  assertFires(ID, 'services:\n  ci:\n    environment:\n      DOCKER_HOST: "«${DH:-tcp://dind:2375}»"\n  b:\n    environment:\n      DOCKER_HOST: «tcp://${DIND_HOST}:2375»\n', COMPOSE);
  assertFires(ID, 'services:\n  ci:\n    environment:\n      DOCKER_HOST: «tcp://docker:2376»\n      DOCKER_TLS_VERIFY: ""\n', COMPOSE);
});

test('DOCKER_HOST merged into the environment map from an anchor', () => {
  assertFires(ID, 'x-env: &env\n  DOCKER_HOST: «tcp://dind:2375»\nservices:\n  ci:\n    environment:\n      <<: *env\n      CI: "1"\n', COMPOSE);
});

test('DOCKER_HOST is fine with TLS verification on, over SSH or a socket, or when unknown', () => {
  assertQuiet(ID, 'services:\n  ci:\n    environment:\n      DOCKER_HOST: tcp://docker:2376\n      DOCKER_TLS_VERIFY: "1"\n      DOCKER_CERT_PATH: /certs/client\n', COMPOSE);
  assertQuiet(ID, 'services:\n  ci:\n    environment:\n      - DOCKER_HOST=tcp://docker:2376\n      - DOCKER_TLS_VERIFY\n', COMPOSE);
  assertQuiet(ID, 'services:\n  a:\n    environment:\n      DOCKER_HOST: ssh://me@host\n  b:\n    environment:\n      DOCKER_HOST: unix:///var/run/docker.sock\n  c:\n    environment:\n      DOCKER_HOST: ${DOCKER_HOST}\n  d:\n    environment:\n      - DOCKER_HOST\n', COMPOSE);
});

test('a published container port 2375, short or long syntax, on any host IP', () => {
  assertFires(ID, 'services:\n  dind:\n    ports:\n      - "«2375:2375»"\n      - «127.0.0.1:12375:2375»\n      - «2370-2380:2370-2380»\n      - target: «2375»\n        published: 2375\n', COMPOSE);
});

test('ports that are not the daemon: host 2375 mapped to another container port, 2376, udp', () => {
  assertQuiet(ID, 'services:\n  web:\n    ports:\n      - "2375:80"\n      - "2376:2376"\n      - "2375:2375/udp"\n      - "${PORT}:${PORT}"\n    expose: ["2375"]\n', COMPOSE);
});

test('dockerd -H tcp://… without --tlsverify in command or entrypoint, string or list form', () => {
  assertFires(ID, 'services:\n  dind:\n    command: dockerd -H unix:///var/run/docker.sock -H «tcp://0.0.0.0:2375»\n', COMPOSE);
  assertFires(ID, 'services:\n  dind:\n    command: ["dockerd", "--host=«tcp://0.0.0.0:2375»"]\n', COMPOSE);
  assertFires(ID, 'services:\n  dind:\n    entrypoint: ["/usr/local/bin/dockerd", "-H", "«tcp://0.0.0.0:2375»"]\n', COMPOSE);
  assertFires(ID, 'services:\n  dind:\n    command: ["sh", "-c", "apk add x && dockerd -H «tcp://0.0.0.0:2375»"]\n', COMPOSE);
  assertFires(ID, 'services:\n  dind:\n    command: sh -c "DOCKERD=1 exec dockerd --host «tcp://0.0.0.0:2375»"\n', COMPOSE);
  const [finding] = assertFires(ID, 'x-d: &d\n  command: dockerd -H=«tcp://0.0.0.0:2375»\nservices:\n  dind:\n    <<: *d\n', COMPOSE);
  assert.match(finding.message, /^Service 'dind' \(through anchor &d\)/);
});

test('dockerd with --tlsverify, on a socket, or other programs with -H are fine', () => {
  assertQuiet(ID, 'services:\n  dind:\n    command: dockerd --tlsverify --tlscacert=ca.pem -H tcp://0.0.0.0:2376\n  b:\n    command: dockerd -H unix:///var/run/docker.sock\n  c:\n    command: ["curl", "-H", "tcp://x"]\n  d:\n    command: ["dockerd", "-H", "${HOST}"]\n  e:\n    command: echo dockerd -H tcp://x && dockerd --tlsverify -H tcp://0.0.0.0:2376\n', COMPOSE);
});
