import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { assertFires, assertQuiet, applyFixChecked, findingsOf } from '../../test-support/rule-test';
import { assertComposeFix, assertRemovalFix, COMPOSE } from '../../test-support/compose-fix';

const ID = 'DG205';

test('fires on each dangerous capability, any case, with or without CAP_, on the item', () => {
  assertFires(ID, 'services:\n  web:\n    cap_add:\n      - «SYS_ADMIN»\n      - CHOWN\n      - «net_admin»\n      - "«CAP_SYS_PTRACE»"\n', COMPOSE);
  assertFires(ID, 'services:\n  web:\n    cap_add: [«ALL», NET_BIND_SERVICE, «BPF», «Perfmon», «SYS_MODULE», «SYS_RAWIO», «SYS_BOOT», «DAC_READ_SEARCH», «MAC_ADMIN», «MAC_OVERRIDE», «SYS_TIME», «NET_RAW»]\n', COMPOSE);
  assertFires(ID, 'x-c: &c\n  cap_add: [«SYS_ADMIN»]\nservices:\n  web:\n    <<: *c\n', COMPOSE);
  const [finding] = assertFires(ID, 'services:\n  web:\n    cap_add: [«sys_admin»]\n', COMPOSE);
  assert.match(finding.message, /adds the capability SYS_ADMIN/);
});

test('does not fire on harmless capabilities, cap_drop, unknown values, overrides, x- fields', () => {
  assertQuiet(ID, 'services:\n  web:\n    cap_drop: [ALL, SYS_ADMIN]\n    cap_add: [NET_BIND_SERVICE, CHOWN, SETUID, SETGID, "${CAP}"]\n', COMPOSE);
  assertQuiet(ID, 'x-c: &c\n  cap_add: [SYS_ADMIN]\nservices:\n  web:\n    <<: *c\n    cap_add: [CHOWN]\n', COMPOSE);
  assertQuiet(ID, 'x-debug:\n  cap_add: [SYS_PTRACE]\nservices:\n  web:\n    image: x\n', COMPOSE);
  assertQuiet(ID, 'steps:\n  - cap_add: [SYS_ADMIN]\n', COMPOSE);
});

test('the fix removes the item line (with its comment), or the entry and a comma in a flow list', () => {
  assertRemovalFix(
    ID,
    'services:\n  web:\n    cap_add:\n      - «SYS_ADMIN» # fuse\n      - CHOWN\n',
    'services:\n  web:\n    cap_add:\n      - CHOWN\n',
    (data) => (data.services.web.cap_add = ['CHOWN']),
  );
  assertComposeFix(
    ID,
    'services:\r\n  web:\r\n    cap_add: [CHOWN, «NET_ADMIN», SETUID]\r\n',
    'services:\r\n  web:\r\n    cap_add: [CHOWN, SETUID]\r\n',
    (data) => (data.services.web.cap_add = ['CHOWN', 'SETUID']),
  );
});

test('the only item goes with its key', () => {
  assertComposeFix(
    ID,
    'services:\n  web:\n    image: x\n    cap_add:\n      - «SYS_ADMIN»\n    user: app\n',
    'services:\n  web:\n    image: x\n    user: app\n',
    (data) => delete data.services.web.cap_add,
  );
});

test('a merged list is overridden without the item; removing it from the anchor is a titled variant', () => {
  const text = 'x-c: &c\n  cap_add: [SYS_ADMIN, CHOWN]\nservices:\n  web:\n    <<: *c\n    image: x\n  api:\n    <<: *c\n';
  const finding = findingsOf(ID, text, COMPOSE)[0];
  assert.deepEqual(finding.fixes.map((fix) => fix.title), [
    "Remove 'SYS_ADMIN' from cap_add from service 'api' (overrides the inherited list)",
    "Remove 'SYS_ADMIN' from cap_add in anchor &c (used by web, api)",
  ]);
  assert.equal(applyFixChecked(ID, text, COMPOSE), 'x-c: &c\n  cap_add: [SYS_ADMIN, CHOWN]\nservices:\n  web:\n    <<: *c\n    image: x\n  api:\n    <<: *c\n    cap_add: [CHOWN]\n');
});
