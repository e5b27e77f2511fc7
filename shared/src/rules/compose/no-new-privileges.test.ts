import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { assertFires, assertQuiet, applyFixChecked, findingsOf } from '../../test-support/rule-test';
import { assertComposeFix, COMPOSE } from '../../test-support/compose-fix';

const ID = 'DG206';

test('fires (info) at the service key without security_opt, at security_opt without no-new-privileges', () => {
  const [missing] = assertFires(ID, 'services:\n  «web»:\n    image: x\n', COMPOSE);
  assert.equal(missing.severity, 'info');
  assertFires(ID, 'services:\n  web:\n    image: x\n    «security_opt»:\n      - seccomp=profile.json\n', COMPOSE);
  assertFires(ID, 'x-b: &b\n  «security_opt»: [apparmor=docker-default]\nservices:\n  web:\n    <<: *b\n', COMPOSE);
});

test('an explicit false fires at warning on the entry, whatever the separator and quoting', () => {
  const [colon] = assertFires(ID, 'services:\n  web:\n    security_opt:\n      - «no-new-privileges:false»\n', COMPOSE);
  assert.equal(colon.severity, 'warning');
  assertFires(ID, 'services:\n  web:\n    security_opt: ["«no-new-privileges=false»"]\n', COMPOSE);
  assertFires(ID, 'services:\n  web:\n    security_opt: [no-new-privileges, "«no-new-privileges=0»"]\n', COMPOSE);
});

test('does not fire on any true form, unknown options, merged hardening, x- fields, non-compose YAML', () => {
  for (const form of ['no-new-privileges', 'no-new-privileges=true', 'no-new-privileges:true', '"no-new-privileges:1"', 'no-new-privileges=True', '"${NNP:-no-new-privileges}"']) {
    assertQuiet(ID, `services:\n  web:\n    image: x\n    security_opt:\n      - ${form}\n`, COMPOSE);
  }
  assertQuiet(ID, 'services:\n  web:\n    security_opt: ["no-new-privileges=false", "no-new-privileges=true"]\n', COMPOSE);
  assertQuiet(ID, 'services:\n  web:\n    security_opt: ["${SECURITY_OPT}"]\n  db:\n    security_opt: ["no-new-privileges=${NNP}"]\n', COMPOSE);
  assertQuiet(ID, 'x-hardening: &h\n  security_opt: [no-new-privileges]\nservices:\n  web:\n    <<: *h\n  api: *h\n', COMPOSE);
  assertQuiet(ID, 'x-thing:\n  image: x\nservices: {}\n', COMPOSE);
  assertQuiet(ID, '- services\n- web\n', COMPOSE);
});

test('the fix adds security_opt: ["no-new-privileges:true"], the spec text', () => {
  assertComposeFix(
    ID,
    'services:\n  «web»:\n    image: nginx\n    ports: ["80:80"] # public\n',
    'services:\n  web:\n    image: nginx\n    security_opt: ["no-new-privileges:true"]\n    ports: ["80:80"] # public\n',
    (data) => (data.services.web.security_opt = ['no-new-privileges:true']),
  );
  assertComposeFix(
    ID,
    'services:\r\n    «web»:\r\n        image: nginx\r\n',
    'services:\r\n    web:\r\n        image: nginx\r\n        security_opt: ["no-new-privileges:true"]\r\n',
    (data) => (data.services.web.security_opt = ['no-new-privileges:true']),
  );
});

test('the fix appends to an existing list in its style', () => {
  assertComposeFix(
    ID,
    'services:\n  web:\n    «security_opt»:\n      - seccomp=./profile.json # custom\n    image: x\n',
    'services:\n  web:\n    security_opt:\n      - seccomp=./profile.json # custom\n      - no-new-privileges:true\n    image: x\n',
    (data) => data.services.web.security_opt.push('no-new-privileges:true'),
  );
  assertComposeFix(
    ID,
    'services:\n  web:\n    «security_opt»: ["label=type:svirt_apache_t"]\n',
    'services:\n  web:\n    security_opt: ["label=type:svirt_apache_t", "no-new-privileges:true"]\n',
    (data) => data.services.web.security_opt.push('no-new-privileges:true'),
  );
  assertComposeFix(
    ID,
    "services:\n  web:\n    «security_opt»:\n    - 'apparmor=custom'\n",
    "services:\n  web:\n    security_opt:\n    - 'apparmor=custom'\n    - 'no-new-privileges:true'\n",
    (data) => data.services.web.security_opt.push('no-new-privileges:true'),
  );
});

test('an explicit false is set to true in place, keeping the separator', () => {
  assertComposeFix(
    ID,
    'services:\n  web:\n    security_opt:\n      - «no-new-privileges=false» # why?\n',
    'services:\n  web:\n    security_opt:\n      - no-new-privileges=true # why?\n',
    (data) => (data.services.web.security_opt = ['no-new-privileges=true']),
  );
  assertComposeFix(
    ID,
    'services:\n  web:\n    security_opt: [seccomp=x.json, "«no-new-privileges:false»"]\n',
    'services:\n  web:\n    security_opt: [seccomp=x.json, "no-new-privileges:true"]\n',
    (data) => (data.services.web.security_opt[1] = 'no-new-privileges:true'),
  );
});

test('a merged list is overridden in the service keeping its options; the anchor edit is a variant', () => {
  const text = 'x-b: &b\n  security_opt:\n    - seccomp=./p.json\nservices:\n  web:\n    <<: *b\n    image: x\n';
  assertComposeFix(
    ID,
    text,
    'x-b: &b\n  security_opt:\n    - seccomp=./p.json\nservices:\n  web:\n    <<: *b\n    image: x\n    security_opt: [seccomp=./p.json, "no-new-privileges:true"]\n',
    (data) => (data.services.web = { ...data.services.web, security_opt: ['seccomp=./p.json', 'no-new-privileges:true'] }),
  );
  assert.equal(
    applyFixChecked(ID, text, COMPOSE, /in anchor &b/),
    'x-b: &b\n  security_opt:\n    - seccomp=./p.json\n    - no-new-privileges:true\nservices:\n  web:\n    <<: *b\n    image: x\n',
  );
  const falseMerged = 'x-b: &b\n  security_opt: ["no-new-privileges=false"]\nservices:\n  web:\n    <<: *b\n';
  assert.equal(applyFixChecked(ID, falseMerged, COMPOSE), 'x-b: &b\n  security_opt: ["no-new-privileges=false"]\nservices:\n  web:\n    <<: *b\n    security_opt: ["no-new-privileges=true"]\n');
  assert.equal(applyFixChecked(ID, falseMerged, COMPOSE, /in anchor/), 'x-b: &b\n  security_opt: ["no-new-privileges=true"]\nservices:\n  web:\n    <<: *b\n');
  assert.equal(findingsOf(ID, falseMerged, COMPOSE)[0].fixes.length, 2);
});

test('extends: a base in the same file counts, a base in another file is unknown', () => {
  assertQuiet(ID, 'services:\n  base:\n    security_opt: [no-new-privileges]\n  web:\n    extends: base\n    security_opt: [seccomp=p.json]\n  ext:\n    extends: {file: other.yaml, service: x}\n', COMPOSE);
  assertFires(ID, 'services:\n  «base»:\n    image: x\n  «web»:\n    extends: {service: base}\n', COMPOSE);
});
