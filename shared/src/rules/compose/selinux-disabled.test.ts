import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { assertFires, assertQuiet, applyFixChecked, findingsOf } from '../../test-support/rule-test';
import { assertComposeFix, assertRemovalFix, COMPOSE } from '../../test-support/compose-fix';

const ID = 'DG212';

test('fires on label=disable and the deprecated label:disable, on the entry', () => {
  assertFires(ID, 'services:\n  web:\n    image: x\n    security_opt:\n      - «label=disable»\n', COMPOSE);
  assertFires(ID, 'services:\n  web:\n    security_opt: ["«label:disable»", no-new-privileges]\n', COMPOSE);
  assertFires(ID, "services:\n  a:\n    security_opt: ['«label=disable»']\n  b:\n    security_opt: [\"«${OPT:-label=disable}»\"]\n", COMPOSE);
  const [merged] = assertFires(ID, 'x-b: &b\n  security_opt: ["«label:disable»"]\nservices:\n  web:\n    <<: *b\n', COMPOSE);
  assert.match(merged.message, /^Service 'web' \(through anchor &b\)/);
});

test('a bare disable entry is label=disable to the daemon', () => {
  assertFires(ID, 'services:\n  web:\n    security_opt: [«disable»]\n', COMPOSE);
  assertQuiet(ID, 'services:\n  web:\n    security_opt: ["label=type:container_runtime_t", "label=level:s0:c100"]\n', COMPOSE);
});

test('does not fire on other values, unknown variables, overrides, x- fields, non-compose YAML', () => {
  assertQuiet(ID, 'services:\n  web:\n    security_opt:\n      - label=disable-not\n      - no-new-privileges:true\n      - "${OPT}"\n      - label=${VALUE}\n', COMPOSE);
  assertQuiet(ID, 'x-b: &b\n  security_opt: ["label=disable"]\nservices:\n  web:\n    <<: *b\n    security_opt: [no-new-privileges]\n', COMPOSE);
  assertQuiet(ID, 'x-debug:\n  security_opt: ["label=disable"]\nservices:\n  web:\n    image: x\n', COMPOSE);
  assertQuiet(ID, 'security_opt: ["label=disable"]\n', COMPOSE);
});

test('the fix removes the entry: its line with the comment, or the entry and one comma', () => {
  assertRemovalFix(
    ID,
    'services:\n  web:\n    security_opt:\n      - no-new-privileges:true\n      - «label=disable» # debugging\n    image: x\n',
    'services:\n  web:\n    security_opt:\n      - no-new-privileges:true\n    image: x\n',
    (data) => (data.services.web.security_opt = ['no-new-privileges:true']),
  );
  assertComposeFix(
    ID,
    'services:\r\n    web:\r\n        security_opt: ["«label:disable»", "no-new-privileges:true"]\r\n',
    'services:\r\n    web:\r\n        security_opt: ["no-new-privileges:true"]\r\n',
    (data) => (data.services.web.security_opt = ['no-new-privileges:true']),
  );
  assertComposeFix(
    ID,
    'services:\n  web:\n    image: x\n    security_opt: [«label=disable»]\n',
    'services:\n  web:\n    image: x\n',
    (data) => delete data.services.web.security_opt,
  );
});

test('a merged entry is removed by overriding the list in the service; the anchor edit is a variant', () => {
  const text = 'x-b: &b\n  security_opt:\n    - label=disable\n    - no-new-privileges=true\nservices:\n  web:\n    <<: *b\n';
  assert.equal(applyFixChecked(ID, text, COMPOSE), text + '    security_opt: [no-new-privileges=true]\n');
  assert.equal(applyFixChecked(ID, text, COMPOSE, /in anchor &b \(used by web\)/), 'x-b: &b\n  security_opt:\n    - no-new-privileges=true\nservices:\n  web:\n    <<: *b\n');
  assert.equal(findingsOf(ID, text, COMPOSE)[0].fixes.length, 2);
});
