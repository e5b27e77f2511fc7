import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { assertFires, assertQuiet } from '../../test-support/rule-test';

const ID = 'DG104';

test('fires on VOLUME naming a daemon socket, in plain and JSON form, at the path', () => {
  assertFires(ID, 'FROM alpine\nVOLUME «/var/run/docker.sock»\n');
  assertFires(ID, 'FROM alpine\nVOLUME /data «/run/docker.sock»\n');
  assertFires(ID, 'FROM alpine\nVOLUME ["«/var/run/docker.sock»", "/data"]\n');
  assertFires(ID, 'FROM alpine\nvolume ["«/run/podman/podman.sock»"]\n');
  assertFires(ID, 'FROM alpine\nVOLUME «/run/containerd/containerd.sock»\n');
  // Rootless Docker keeps its socket under the user's runtime directory.
  assertFires(ID, 'FROM alpine\nVOLUME «/run/user/1000/docker.sock»\n');
});

test('a VOLUME path held in a variable is resolved', () => {
  const [finding] = assertFires(ID, 'FROM alpine\nENV SOCK=/var/run/docker.sock\nVOLUME «$SOCK»\n');
  assert.match(finding.message, /'\/var\/run\/docker\.sock'/);
});

test('fires on RUN --mount binding a daemon socket, at the socket path', () => {
  assertFires(ID, 'FROM docker:cli\nRUN --mount=type=bind,source=«/var/run/docker.sock»,target=/var/run/docker.sock docker ps\n');
  // Bind is the default mount type; src/dst are aliases.
  assertFires(ID, 'FROM docker:cli\nRUN --mount=target=«/var/run/docker.sock» docker ps\n');
  assertFires(ID, 'FROM docker:cli\nRUN --mount=src=«/run/docker.sock»,dst=/run/docker.sock docker ps\n');
  assertFires(ID, 'FROM docker:cli\nRUN --mount=type=bind,"source=«/var/run/docker.sock»",target=/x docker ps\n');
  assertFires(ID, 'FROM docker:cli\nRUN --mount=type=cache,target=/root/.cache --mount=type=bind,target=«/var/run/docker.sock» make\n');
});

test('does not fire on other paths, other mount types, or text that merely mentions the socket', () => {
  assertQuiet(ID, 'FROM alpine\nVOLUME /var/run /data /var/lib/docker\n');
  assertQuiet(ID, 'FROM alpine\nVOLUME ["/srv/docker.socket.d"]\n');
  assertQuiet(ID, 'FROM alpine\nRUN --mount=type=cache,target=/var/run/docker.sock true\n');
  assertQuiet(ID, 'FROM alpine\nRUN --mount=type=secret,id=docker,target=/root/.docker/config.json docker login\n');
  assertQuiet(ID, 'FROM alpine\nRUN echo "/var/run/docker.sock" > /etc/motd\n');
  assertQuiet(ID, 'FROM alpine\nENV DOCKER_HOST=unix:///var/run/docker.sock\n');
  assertQuiet(ID, 'FROM alpine\n# VOLUME /var/run/docker.sock\nLABEL sock="/var/run/docker.sock"\n');
  assertQuiet(ID, 'FROM alpine\nVOLUME $UNKNOWN\n');
});

test('offers no fix: removing the mount point does not remove the need the author had', () => {
  const [finding] = assertFires(ID, 'FROM alpine\nVOLUME «/var/run/docker.sock»\n');
  assert.deepEqual(finding.fixes, []);
  assert.equal(finding.severity, 'error');
});
