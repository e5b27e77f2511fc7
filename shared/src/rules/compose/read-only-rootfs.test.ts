import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { assertFires, assertQuiet, applyFixChecked, findingsOf } from '../../test-support/rule-test';
import { assertComposeFix, COMPOSE } from '../../test-support/compose-fix';

const ID = 'DG214';
const WITH_TMP = /and 'tmpfs: \[\/tmp\]'/;

test('fires at the service key when read_only is unset, on the value when it is false', () => {
  assertFires(ID, 'services:\n  «web»:\n    image: x\n  db:\n    image: y\n    read_only: «false»\n  c:\n    «read_only»:\n', COMPOSE);
  assertFires(ID, 'services:\n  web:\n    read_only: "«no»"\n  api:\n    read_only: «${RO:-false}»\n', COMPOSE);
  assertFires(ID, 'x-b: &b\n  read_only: «off»\nservices:\n  web:\n    <<: *b\n', COMPOSE);
});

test('does not fire on true in any form, unknown values, merged hardening, x- fields, non-compose YAML', () => {
  assertQuiet(ID, 'services:\n  a:\n    read_only: true\n  b:\n    read_only: "yes"\n  c:\n    read_only: On\n  d:\n    read_only: ${RO}\n  e:\n    read_only: ${RO:-true}\n', COMPOSE);
  assertQuiet(ID, 'x-h: &h\n  read_only: true\nservices:\n  web:\n    <<: *h\n    image: x\n  api: *h\n', COMPOSE);
  assertQuiet(ID, 'x-web:\n  image: x\nservices:\n  x-old:\n    image: y\n', COMPOSE);
  assertQuiet(ID, 'name: not compose\nitems: [1, 2]\n', COMPOSE);
});

test('the fix adds read_only: true after image:', () => {
  assertComposeFix(
    ID,
    'services:\n  «web»:\n    image: x # pinned\n    command: ["serve"]\n',
    'services:\n  web:\n    image: x # pinned\n    read_only: true\n    command: ["serve"]\n',
    (data) => (data.services.web.read_only = true),
  );
  assertComposeFix(
    ID,
    'services:\r\n   «web»:\r\n      image: x\r\n',
    'services:\r\n   web:\r\n      image: x\r\n      read_only: true\r\n',
    (data) => (data.services.web.read_only = true),
  );
  assertComposeFix(
    ID,
    'services:\n  web:\n    image: x\n    read_only: «false» # for now\n',
    'services:\n  web:\n    image: x\n    read_only: true # for now\n',
    (data) => (data.services.web.read_only = true),
  );
  // A variable keeps its name, only its default changes; quotes stay.
  assertComposeFix(
    ID,
    'services:\n  web:\n    read_only: «${RO:-false}»\n  api:\n    read_only: \'«no»\'\n',
    'services:\n  web:\n    read_only: ${RO:-true}\n  api:\n    read_only: \'no\'\n',
    (data) => (data.services.web.read_only = '${RO:-true}'),
  );
  assert.equal(
    applyFixChecked(ID, "services:\n  api:\n    read_only: 'no'\n", COMPOSE),
    "services:\n  api:\n    read_only: 'true'\n",
  );
});

test('the tmpfs variant adds tmpfs: [/tmp], merging with an existing tmpfs instead of a second key', () => {
  assertComposeFix(
    ID,
    'services:\n  «web»:\n    image: x\n    user: app\n',
    'services:\n  web:\n    image: x\n    read_only: true\n    tmpfs: [/tmp]\n    user: app\n',
    (data) => Object.assign(data.services.web, { read_only: true, tmpfs: ['/tmp'] }),
    COMPOSE,
    WITH_TMP,
  );
  assertComposeFix(
    ID,
    'services:\n  «web»:\n    image: x\n    tmpfs:\n      - /run # pid files\n',
    'services:\n  web:\n    image: x\n    read_only: true\n    tmpfs:\n      - /run # pid files\n      - /tmp\n',
    (data) => Object.assign(data.services.web, { read_only: true, tmpfs: ['/run', '/tmp'] }),
    COMPOSE,
    WITH_TMP,
  );
  assertComposeFix(
    ID,
    'services:\n  «web»:\n    tmpfs: /run\n    image: x\n',
    'services:\n  web:\n    tmpfs: [/run, /tmp]\n    image: x\n    read_only: true\n',
    (data) => Object.assign(data.services.web, { read_only: true, tmpfs: ['/run', '/tmp'] }),
    COMPOSE,
    WITH_TMP,
  );
  assertComposeFix(
    ID,
    'services:\n  web:\n    image: x\n    read_only: «false»\n    tmpfs: [/run]\n',
    'services:\n  web:\n    image: x\n    read_only: true\n    tmpfs: [/run, /tmp]\n',
    (data) => Object.assign(data.services.web, { read_only: true, tmpfs: ['/run', '/tmp'] }),
    COMPOSE,
    WITH_TMP,
  );
  // /tmp is already a tmpfs (with options, or as a tmpfs volume): only read_only is added.
  for (const tmp of ['    tmpfs:\n      - /tmp:size=64m\n', '    volumes:\n      - type: tmpfs\n        target: /tmp\n']) {
    const text = `services:\n  web:\n    image: x\n${tmp}`;
    assert.equal(applyFixChecked(ID, text, COMPOSE, WITH_TMP), `services:\n  web:\n    image: x\n    read_only: true\n${tmp}`);
  }
});

test('a merged false is overridden in the service; the anchor edit is a titled variant', () => {
  const text = 'x-b: &b\n  read_only: false\n  tmpfs: [/run]\nservices:\n  web:\n    <<: *b\n    image: x\n';
  assertComposeFix(
    ID,
    text,
    'x-b: &b\n  read_only: false\n  tmpfs: [/run]\nservices:\n  web:\n    <<: *b\n    image: x\n    read_only: true\n',
    (data) => (data.services.web = { ...data.services.web, read_only: true }),
  );
  assertComposeFix(
    ID,
    text,
    'x-b: &b\n  read_only: false\n  tmpfs: [/run]\nservices:\n  web:\n    <<: *b\n    image: x\n    read_only: true\n    tmpfs: [/run, /tmp]\n',
    (data) => (data.services.web = { ...data.services.web, read_only: true, tmpfs: ['/run', '/tmp'] }),
    COMPOSE,
    WITH_TMP,
  );
  assert.equal(applyFixChecked(ID, text, COMPOSE, /in anchor &b \(used by web\)/), text.replace('read_only: false', 'read_only: true'));
  assert.deepEqual(findingsOf(ID, text, COMPOSE)[0].fixes.map((fix) => fix.preferred), [true, false, false]);
});

test('extends: a base in the same file counts, a base in another file is unknown', () => {
  assertQuiet(ID, 'services:\n  base:\n    read_only: true\n  web:\n    extends: base\n  ext:\n    extends: {file: other.yaml, service: x}\n  gone:\n    extends: missing\n', COMPOSE);
  assertFires(ID, 'services:\n  base:\n    read_only: true\n  web:\n    extends: base\n    read_only: «false»\n', COMPOSE);
});
