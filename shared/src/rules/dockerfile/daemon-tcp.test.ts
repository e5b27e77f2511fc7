import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { assertFires, assertQuiet } from '../../test-support/rule-test';

const ID = 'DG105';

test('ENV DOCKER_HOST=tcp://… fires at the value unless DOCKER_TLS_VERIFY is on', () => {
  assertFires(ID, 'FROM docker:cli\nENV DOCKER_HOST=«tcp://docker:2375»\n');
  assertFires(ID, 'FROM docker:cli\nENV DOCKER_HOST «tcp://docker:2375»\n');
  assertFires(ID, 'FROM docker:cli\nENV A=1 DOCKER_HOST=«"tcp://docker:2375"»\n');
  assertFires(ID, 'FROM docker:cli\nARG DIND=docker\nENV DOCKER_HOST=«tcp://${DIND}:2375»\n');
  // A `0` or `false` says the author wanted verification off.
  assertFires(ID, 'FROM docker:cli\nENV DOCKER_HOST=«tcp://docker:2376» DOCKER_TLS_VERIFY=0\n');
  assertQuiet(ID, 'FROM docker:cli\nENV DOCKER_HOST=tcp://docker:2376 DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH=/certs/client\n');
  assertQuiet(ID, 'FROM docker:cli\nENV DOCKER_HOST=tcp://docker:2376\nENV DOCKER_TLS_VERIFY=1\n');
  // Inherited from the parent stage.
  assertQuiet(ID, 'FROM docker:cli AS base\nENV DOCKER_TLS_VERIFY=1\nFROM base\nENV DOCKER_HOST=tcp://docker:2376\n');
  // Set from a variable with no known value: unknown.
  assertQuiet(ID, 'FROM docker:cli\nARG VERIFY\nENV DOCKER_TLS_VERIFY=$VERIFY DOCKER_HOST=tcp://docker:2376\n');
  assertQuiet(ID, 'FROM docker:cli\nENV DOCKER_HOST=unix:///var/run/docker.sock\n');
  assertQuiet(ID, 'FROM docker:cli\nENV DOCKER_HOST_ALIAS=tcp://docker:2375 MY_DOCKER_HOST=tcp://x:2375\n');
});

test('EXPOSE of 2375 fires, as a port, with /tcp, or inside a range', () => {
  assertFires(ID, 'FROM docker:dind\nEXPOSE «2375»\n');
  assertFires(ID, 'FROM docker:dind\nEXPOSE 2376 «2375/tcp»\n');
  assertFires(ID, 'FROM docker:dind\nexpose «2370-2380»\n');
  assertFires(ID, 'FROM docker:dind\nENV PORT=2375\nEXPOSE «$PORT»\n');
  assertQuiet(ID, 'FROM docker:dind\nEXPOSE 2376 2377 23750 2375/udp 80-2374\n');
  assertQuiet(ID, 'FROM docker:dind\nEXPOSE $UNKNOWN\n');
});

test('dockerd or docker with a tcp:// host and no --tlsverify fires at the address', () => {
  assertFires(ID, 'FROM docker:dind\nRUN dockerd -H «tcp://0.0.0.0:2375» &\n');
  assertFires(ID, 'FROM docker:dind\nRUN dockerd --host «tcp://0.0.0.0:2375»\n');
  assertFires(ID, 'FROM docker:dind\nRUN dockerd «--host=tcp://0.0.0.0:2375» -H unix:///var/run/docker.sock\n');
  assertFires(ID, 'FROM docker:dind\nRUN dockerd «-H=tcp://0.0.0.0:2375»\n');
  assertFires(ID, 'FROM docker:dind\nRUN /usr/local/bin/dockerd «-Htcp://0.0.0.0:2375»\n');
  assertFires(ID, 'FROM docker:cli\nRUN apk add curl && docker -H «tcp://build-host:2375» ps\n');
  assertFires(ID, 'FROM docker:cli\nRUN «DOCKER_HOST=tcp://build-host:2375» docker ps\n');
  assertFires(ID, 'FROM docker:dind\nRUN dockerd --tls -H «tcp://0.0.0.0:2376»\n');
  assertFires(ID, 'FROM docker:dind\nRUN dockerd --tlsverify=false -H «tcp://0.0.0.0:2376»\n');
});

test('also in CMD and ENTRYPOINT, exec form, behind wrappers and inside sh -c', () => {
  assertFires(ID, 'FROM docker:dind\nCMD ["dockerd", "«--host=tcp://0.0.0.0:2375»"]\n');
  assertFires(ID, 'FROM docker:dind\nENTRYPOINT ["dockerd", "-H", "«tcp://0.0.0.0:2375»"]\n');
  assertFires(ID, 'FROM docker:dind\nENTRYPOINT exec sudo -E dockerd -H «tcp://0.0.0.0:2375»\n');
  assertFires(ID, 'FROM docker:dind\nCMD ["tini", "--", "dockerd", "-H", "«tcp://0.0.0.0:2375»"]\n');
  assertFires(ID, 'FROM docker:dind\nCMD ["sh", "-c", "dockerd -H «tcp://0.0.0.0:2375» && sleep 1"]\n');
  assertFires(ID, 'FROM docker:dind\nCMD ["dockerd-entrypoint.sh", "-H", "«tcp://0.0.0.0:2375»"]\n');
});

test('TLS verification on, a unix socket, or words that are not the docker program: no finding', () => {
  assertQuiet(ID, 'FROM docker:dind\nRUN dockerd --tlsverify --tlscacert=ca.pem -H tcp://0.0.0.0:2376\n');
  assertQuiet(ID, 'FROM docker:dind\nCMD ["dockerd", "--tlsverify=true", "--host=tcp://0.0.0.0:2376"]\n');
  assertQuiet(ID, 'FROM docker:dind\nRUN DOCKER_TLS_VERIFY=1 docker -H tcp://host:2376 ps\n');
  assertQuiet(ID, 'FROM docker:dind\nENV DOCKER_TLS_VERIFY=1\nCMD ["dockerd", "-H", "tcp://0.0.0.0:2376"]\n');
  assertQuiet(ID, 'FROM docker:dind\nRUN dockerd -H unix:///var/run/docker.sock -H fd://\n');
  assertQuiet(ID, 'FROM docker:dind\nRUN echo "dockerd -H tcp://0.0.0.0:2375" > /README\n');
  assertQuiet(ID, 'FROM docker:dind\nRUN curl -H "tcp://x" https://example.com\n');
  assertQuiet(ID, 'FROM docker:dind\n# RUN dockerd -H tcp://0.0.0.0:2375\n');
  assertQuiet(ID, 'FROM docker:dind\nRUN docker run -h tcp-host alpine\n');
});

test('is an error with no fix', () => {
  const [finding] = assertFires(ID, 'FROM docker:dind\nEXPOSE «2375»\n');
  assert.equal(finding.severity, 'error');
  assert.deepEqual(finding.fixes, []);
});
