import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { assertFires, assertQuiet, applyFixChecked, findingsOf } from '../../test-support/rule-test';
import { assertComposeFix, COMPOSE } from '../../test-support/compose-fix';
import { applyEdits } from '../../text/edits';

const ID = 'DG204';

test('fires at the service key when cap_drop is missing, at cap_drop when ALL is not in it', () => {
  assertFires(ID, 'services:\n  «web»:\n    image: nginx\n  «db»:\n    image: postgres\n', COMPOSE);
  assertFires(ID, 'services:\n  web:\n    image: nginx\n    «cap_drop»:\n      - NET_RAW\n', COMPOSE);
  assertFires(ID, 'services:\n  web:\n    image: nginx\n    «cap_drop»: []\n', COMPOSE);
  assertFires(ID, 'x-base: &base\n  «cap_drop»: [NET_RAW]\nservices:\n  web:\n    <<: *base\n', COMPOSE);
});

test('does not fire on ALL in any case or with CAP_, unknown variables, a merged ALL, x- fields, non-compose YAML', () => {
  assertQuiet(ID, 'services:\n  web:\n    cap_drop: [ALL]\n  a:\n    cap_drop: [all]\n  b:\n    cap_drop:\n      - "All"\n  c:\n    cap_drop: [CAP_ALL]\n  d:\n    cap_drop: ["${DROP}"]\n', COMPOSE);
  assertQuiet(ID, 'x-hardening: &hardening\n  cap_drop: [ALL]\nservices:\n  web:\n    <<: *hardening\n    image: x\n  api: *hardening\n', COMPOSE);
  assertQuiet(ID, 'x-svc:\n  image: x\nservices:\n  x-disabled:\n    image: y\n', COMPOSE);
  assertQuiet(ID, 'services:\n  - name: web\n', COMPOSE);
  assertQuiet(ID, 'apiVersion: v1\nkind: Pod\nspec:\n  containers: []\n', COMPOSE);
});

test('the fix adds cap_drop: [ALL] after image:, in the file indentation and line ending', () => {
  assertComposeFix(
    ID,
    'services:\n  «web»:\n    image: nginx # web\n    ports:\n      - "80:80"\n',
    'services:\n  web:\n    image: nginx # web\n    cap_drop: [ALL]\n    ports:\n      - "80:80"\n',
    (data) => (data.services.web.cap_drop = ['ALL']),
  );
  assertComposeFix(
    ID,
    'services:\r\n    «web»:\r\n        build:\r\n            context: .\r\n            dockerfile: Dockerfile\r\n        ports: ["80"]\r\n',
    'services:\r\n    web:\r\n        build:\r\n            context: .\r\n            dockerfile: Dockerfile\r\n        cap_drop: [ALL]\r\n        ports: ["80"]\r\n',
    (data) => (data.services.web.cap_drop = ['ALL']),
  );
  assertComposeFix(
    ID,
    '# My stack\n# (comments first)\nservices:\n   # the app\n   «web»:\n      command: ["run"]\n      restart: always',
    '# My stack\n# (comments first)\nservices:\n   # the app\n   web:\n      command: ["run"]\n      restart: always\n      cap_drop: [ALL]',
    (data) => (data.services.web.cap_drop = ['ALL']),
  );
});

test('the fix appends ALL to an existing list in its own style', () => {
  assertComposeFix(
    ID,
    'services:\n  web:\n    image: x\n    «cap_drop»:\n      - NET_RAW # raw sockets\n    user: app\n',
    'services:\n  web:\n    image: x\n    cap_drop:\n      - NET_RAW # raw sockets\n      - ALL\n    user: app\n',
    (data) => data.services.web.cap_drop.push('ALL'),
  );
  assertComposeFix(
    ID,
    'services:\n  web:\n    image: x\n    «cap_drop»: [NET_RAW, MKNOD]  # two\n',
    'services:\n  web:\n    image: x\n    cap_drop: [NET_RAW, MKNOD, ALL]  # two\n',
    (data) => data.services.web.cap_drop.push('ALL'),
  );
  assertComposeFix(
    ID,
    'services:\n  web:\n    image: x\n    «cap_drop»:\n    - "NET_RAW"\n',
    'services:\n  web:\n    image: x\n    cap_drop:\n    - "NET_RAW"\n    - "ALL"\n',
    (data) => data.services.web.cap_drop.push('ALL'),
  );
  assertComposeFix(
    ID,
    'services:\n  web:\n    «cap_drop»:\n    image: x\n',
    'services:\n  web:\n    cap_drop: [ALL]\n    image: x\n',
    (data) => (data.services.web.cap_drop = ['ALL']),
  );
});

test('a merged list is overridden in the service; appending to the anchor is a titled variant', () => {
  const text = 'x-base: &base\n  cap_drop: [NET_RAW]\nservices:\n  web:\n    <<: *base\n    image: x\n';
  assertComposeFix(
    ID,
    text,
    'x-base: &base\n  cap_drop: [NET_RAW]\nservices:\n  web:\n    <<: *base\n    image: x\n    cap_drop: [ALL]\n',
    (data) => (data.services.web = { ...data.services.web, cap_drop: ['ALL'] }),
  );
  const anchored = applyFixChecked(ID, text, COMPOSE, /in anchor &base \(used by web\)/);
  assert.equal(anchored, 'x-base: &base\n  cap_drop: [NET_RAW, ALL]\nservices:\n  web:\n    <<: *base\n    image: x\n');
  const shared = 'x-base: &base\n  cap_drop:\n    - NET_RAW\nservices:\n  web:\n    <<: *base\n  api:\n    <<: *base\n';
  const [finding] = findingsOf(ID, shared, COMPOSE);
  assert.deepEqual(finding.fixes.map((fix) => [fix.title, fix.preferred]), [
    ["Add 'cap_drop: [ALL]' to service 'api' (overrides the inherited list)", true],
    ['Add ALL to cap_drop in anchor &base (used by web, api)', false],
  ]);
  assert.equal(applyEdits(shared, finding.fixes[1].edits), 'x-base: &base\n  cap_drop:\n    - NET_RAW\n    - ALL\nservices:\n  web:\n    <<: *base\n  api:\n    <<: *base\n');
});

test('fixing every service of a file one by one leaves no finding', () => {
  let text = 'services:\n  a:\n    image: x\n  b: {image: y}\n  c:\n    image: z\n    cap_drop: [NET_RAW]\n  d:\n';
  for (let round = 0; round < 4 && findingsOf(ID, text, COMPOSE).length > 0; round++) text = applyFixChecked(ID, text, COMPOSE);
  assert.deepEqual(findingsOf(ID, text, COMPOSE).map((finding) => finding.message), []);
});

test('extends: a base in the same file counts, a base in another file is unknown', () => {
  assertQuiet(ID, 'services:\n  base:\n    image: x\n    cap_drop: [ALL]\n  web:\n    extends: base\n  api:\n    extends:\n      service: web\n  ext:\n    extends:\n      file: common.yaml\n      service: hardened\n', COMPOSE);
  assertFires(ID, 'services:\n  «base»:\n    image: x\n  «web»:\n    extends: base\n  «loop»:\n    extends: loop\n'.replace('«loop»', 'loop'), COMPOSE);
});
