import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { assertFires, assertQuiet, applyFixChecked, findingsOf } from '../../test-support/rule-test';
import { assertComposeFix, assertRemovalFix, COMPOSE } from '../../test-support/compose-fix';

const ID = 'DG210';

test('fires on seccomp=unconfined and the deprecated seccomp:unconfined, on the entry', () => {
  assertFires(ID, 'services:\n  web:\n    image: x\n    security_opt:\n      - «seccomp=unconfined»\n', COMPOSE);
  assertFires(ID, 'services:\n  web:\n    security_opt: ["«seccomp:unconfined»", no-new-privileges]\n', COMPOSE);
  assertFires(ID, "services:\n  a:\n    security_opt: ['«seccomp=unconfined»']\n  b:\n    security_opt: [\"«${OPT:-seccomp=unconfined}»\"]\n", COMPOSE);
  const [merged] = assertFires(ID, 'x-b: &b\n  security_opt: ["«seccomp:unconfined»"]\nservices:\n  web:\n    <<: *b\n', COMPOSE);
  assert.match(merged.message, /^Service 'web' \(through anchor &b\)/);
});

test('only the last seccomp entry counts, as in the daemon', () => {
  assertQuiet(ID, 'services:\n  web:\n    security_opt: [seccomp=unconfined, seccomp=./profile.json]\n', COMPOSE);
  assertFires(ID, 'services:\n  web:\n    security_opt: [seccomp=./profile.json, «seccomp=unconfined»]\n', COMPOSE);
});

test('does not fire on other values, unknown variables, overrides, x- fields, non-compose YAML', () => {
  assertQuiet(ID, 'services:\n  web:\n    security_opt:\n      - seccomp=unconfined-not\n      - no-new-privileges:true\n      - "${OPT}"\n      - seccomp=${VALUE}\n', COMPOSE);
  assertQuiet(ID, 'x-b: &b\n  security_opt: ["seccomp=unconfined"]\nservices:\n  web:\n    <<: *b\n    security_opt: [no-new-privileges]\n', COMPOSE);
  assertQuiet(ID, 'x-debug:\n  security_opt: ["seccomp=unconfined"]\nservices:\n  web:\n    image: x\n', COMPOSE);
  assertQuiet(ID, 'security_opt: ["seccomp=unconfined"]\n', COMPOSE);
});

test('the fix removes the entry: its line with the comment, or the entry and one comma', () => {
  assertRemovalFix(
    ID,
    'services:\n  web:\n    security_opt:\n      - no-new-privileges:true\n      - «seccomp=unconfined» # debugging\n    image: x\n',
    'services:\n  web:\n    security_opt:\n      - no-new-privileges:true\n    image: x\n',
    (data) => (data.services.web.security_opt = ['no-new-privileges:true']),
  );
  assertComposeFix(
    ID,
    'services:\r\n    web:\r\n        security_opt: ["«seccomp:unconfined»", "no-new-privileges:true"]\r\n',
    'services:\r\n    web:\r\n        security_opt: ["no-new-privileges:true"]\r\n',
    (data) => (data.services.web.security_opt = ['no-new-privileges:true']),
  );
  assertComposeFix(
    ID,
    'services:\n  web:\n    image: x\n    security_opt: [«seccomp=unconfined»]\n',
    'services:\n  web:\n    image: x\n',
    (data) => delete data.services.web.security_opt,
  );
});

test('a merged entry is removed by overriding the list in the service; the anchor edit is a variant', () => {
  const text = 'x-b: &b\n  security_opt:\n    - seccomp=unconfined\n    - no-new-privileges=true\nservices:\n  web:\n    <<: *b\n';
  assert.equal(applyFixChecked(ID, text, COMPOSE), text + '    security_opt: [no-new-privileges=true]\n');
  assert.equal(applyFixChecked(ID, text, COMPOSE, /in anchor &b \(used by web\)/), 'x-b: &b\n  security_opt:\n    - no-new-privileges=true\nservices:\n  web:\n    <<: *b\n');
  assert.equal(findingsOf(ID, text, COMPOSE)[0].fixes.length, 2);
});
