import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { assertFires, assertQuiet, applyFixChecked, findingsOf } from '../../test-support/rule-test';
import { assertComposeFix, assertRemovalFix, COMPOSE } from '../../test-support/compose-fix';

const ID = 'DG209';

test('fires on network_mode, pid, ipc, uts and userns_mode set to host, quoted or through a default', () => {
  assertFires(ID, 'services:\n  web:\n    network_mode: «host»\n    pid: "«host»"\n    ipc: \'«host»\'\n    uts: «host»\n    userns_mode: «host»\n', COMPOSE);
  assertFires(ID, 'services:\n  web:\n    network_mode: «${NET:-host}»\n', COMPOSE);
  const [merged] = assertFires(ID, 'x-b: &b\n  pid: «host»\nservices:\n  web:\n    <<: *b\n', COMPOSE);
  assert.match(merged.message, /^Service 'web' \(through anchor &b\) sets 'pid: host'/);
});

test('does not fire on other namespaces, service:/container: sharing, unknown variables, x- fields', () => {
  assertQuiet(ID, 'services:\n  a:\n    network_mode: bridge\n  b:\n    network_mode: "service:vpn"\n  c:\n    network_mode: container:abc\n  d:\n    pid: service:a\n  e:\n    ipc: shareable\n  f:\n    network_mode: ${NET}\n  g:\n    network_mode: none\n  h:\n    networks: [host]\n', COMPOSE);
  assertQuiet(ID, 'x-b: &b\n  network_mode: host\nservices:\n  web:\n    <<: *b\n    network_mode: bridge\n', COMPOSE);
  assertQuiet(ID, 'x-host:\n  network_mode: host\nservices:\n  web:\n    image: x\n', COMPOSE);
  assertQuiet(ID, 'network_mode: host\n', COMPOSE);
});

test('the fix removes the key line with its comment', () => {
  assertRemovalFix(
    ID,
    'services:\n  web:\n    image: x\n    network_mode: «host» # to reach the LAN\n    restart: always\n',
    'services:\n  web:\n    image: x\n    restart: always\n',
    (data) => delete data.services.web.network_mode,
  );
  assertComposeFix(ID, 'services:\r\n    web:\r\n        pid: "«host»"\r\n        image: x\r\n', 'services:\r\n    web:\r\n        image: x\r\n', (data) => delete data.services.web.pid);
  assertComposeFix(ID, 'services:\n  web: {image: x, uts: «host»}\n', 'services:\n  web: {image: x}\n', (data) => delete data.services.web.uts);
});

test('merged values: ipc is overridden in the service; other keys offer the anchor edit only when no other service uses it', () => {
  const ipc = 'x-b: &b\n  ipc: host\nservices:\n  web:\n    <<: *b\n  api:\n    <<: *b\n';
  assert.equal(applyFixChecked(ID, ipc, COMPOSE), ipc.replace('  api:\n    <<: *b\n', '  api:\n    <<: *b\n    ipc: private\n'));
  const shared = 'x-b: &b\n  network_mode: host\nservices:\n  web:\n    <<: *b\n  api:\n    <<: *b\n';
  assert.deepEqual(findingsOf(ID, shared, COMPOSE).map((finding) => finding.fixes.length), [0, 0]);
  const single = 'x-b: &b\n  image: x\n  network_mode: host\nservices:\n  web:\n    <<: *b\n';
  assert.equal(applyFixChecked(ID, single, COMPOSE, /in anchor &b \(used by web\)/), 'x-b: &b\n  image: x\nservices:\n  web:\n    <<: *b\n');
});
