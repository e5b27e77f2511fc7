import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { assertFires, assertQuiet, applyFixChecked, findingsOf } from '../../test-support/rule-test';
import { assertComposeFix, COMPOSE } from '../../test-support/compose-fix';

const ID = 'DG207';

test('fires on root, 0, root:* and 0:*, quoted or not, on the value', () => {
  assertFires(ID, 'services:\n  a:\n    user: «root»\n  b:\n    user: «0»\n  c:\n    user: "«root:root»"\n  d:\n    user: \'«0:1000»\'\n  e:\n    user: «${UID:-0}»\n', COMPOSE);
  const [merged] = assertFires(ID, 'x-b: &b\n  user: «root»\nservices:\n  web:\n    <<: *b\n', COMPOSE);
  assert.match(merged.message, /^Service 'web' \(through anchor &b\) runs as root/);
});

test('does not fire on non-root users, unknown variables, overrides, x- fields, non-compose YAML', () => {
  assertQuiet(ID, 'services:\n  a:\n    user: app\n  b:\n    user: "1000:1000"\n  c:\n    user: rooty\n  d:\n    user: ${UID}\n  e:\n    user: "${UID}:${GID}"\n  f:\n    user: "10:0"\n  g:\n    user: ""\n', COMPOSE);
  assertQuiet(ID, 'x-b: &b\n  user: root\nservices:\n  web:\n    <<: *b\n    user: app\n', COMPOSE);
  assertQuiet(ID, 'x-admin:\n  user: root\nservices:\n  web:\n    image: x\n', COMPOSE);
  assertQuiet(ID, 'users:\n  - user: root\n', COMPOSE);
});

test('the fix writes "10001:10001", quoted because YAML 1.1 reads 10001:10001 as a number', () => {
  assertComposeFix(ID, 'services:\n  web:\n    user: «root» # for now\n', 'services:\n  web:\n    user: "10001:10001" # for now\n', (data) => (data.services.web.user = '10001:10001'));
  assertComposeFix(ID, 'services:\r\n  web:\r\n    user: «0»\r\n', 'services:\r\n  web:\r\n    user: "10001:10001"\r\n', (data) => (data.services.web.user = '10001:10001'));
  assertComposeFix(ID, "services:\n  web:\n    user: '«root:root»'\n", "services:\n  web:\n    user: '10001:10001'\n", (data) => (data.services.web.user = '10001:10001'));
  assertComposeFix(ID, 'services:\n  web: {image: x, user: «root»}\n', 'services:\n  web: {image: x, user: "10001:10001"}\n', (data) => (data.services.web.user = '10001:10001'));
  // Only the default of a variable changes.
  assertComposeFix(ID, 'services:\n  web:\n    user: «${RUN_AS:-root}»\n', 'services:\n  web:\n    user: ${RUN_AS:-10001:10001}\n', (data) => (data.services.web.user = '${RUN_AS:-10001:10001}'));
});

test('a merged root is overridden in the service; the anchor edit is a titled variant; an alias value is replaced in the service', () => {
  const text = 'x-b: &b\n  user: root\n  image: x\nservices:\n  web:\n    <<: *b\n    ports: ["80"]\n';
  assertComposeFix(ID, text, 'x-b: &b\n  user: root\n  image: x\nservices:\n  web:\n    <<: *b\n    ports: ["80"]\n    user: "10001:10001"\n', (data) => (data.services.web = { ...data.services.web, user: '10001:10001' }));
  assert.equal(applyFixChecked(ID, text, COMPOSE, /in anchor &b \(used by web\)/), text.replace('user: root', 'user: "10001:10001"'));
  const alias = 'x-root: &root root\nservices:\n  web:\n    user: *root\n';
  assert.equal(applyFixChecked(ID, alias, COMPOSE), 'x-root: &root root\nservices:\n  web:\n    user: "10001:10001"\n');
  assert.equal(findingsOf(ID, alias, COMPOSE)[0].fixes.length, 1);
});
