import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { assertFires, assertQuiet, findingsOf, lintText } from '../../test-support/rule-test';
import { applyEdits } from '../../text/edits';
import { assertComposeFix, assertRemovalFix, COMPOSE } from '../../test-support/compose-fix';

const ID = 'DG201';

test('fires on every form Compose reads as true, at the value', () => {
  assertFires(ID, 'services:\n  web:\n    image: x\n    privileged: «true»\n', COMPOSE);
  assertFires(ID, 'services:\n  web:\n    image: x\n    privileged: "«true»"\n', COMPOSE);
  assertFires(ID, "services:\n  a:\n    privileged: «yes»\n  b:\n    privileged: '«On»'\n  c:\n    privileged: «${PRIV:-true}»\n", COMPOSE);
  assertFires(ID, 'version: "2.4"\nservices:\n  web: {image: x, privileged: «TRUE»}\n', COMPOSE);
});

test('a merged privileged: true points at the anchor and names each service', () => {
  const [api, web] = assertFires(ID, 'x-base: &base\n  privileged: ««true»»\nservices:\n  web:\n    <<: *base\n    image: x\n  api:\n    <<: *base\n', COMPOSE).map((finding) => finding);
  assert.match(web.message, /^Service 'web' \(through anchor &base\)/);
  assert.match(api.message, /^Service 'api'/);
  assert.deepEqual(web.related?.map((related) => [related.range.start.line, related.message]), [
    [3, "Service 'web' gets this value through anchor &base."],
    [6, "Service 'api' also gets this value through anchor &base."],
  ]);
  assert.deepEqual(api.related?.map((related) => related.range.start.line), [6, 3]);
});

test('does not fire on false, unknown values, overrides, x- fields, or files that are not compose', () => {
  assertQuiet(ID, 'services:\n  web:\n    image: x\n    privileged: false\n', COMPOSE);
  assertQuiet(ID, 'services:\n  web:\n    privileged: "no"\n  db:\n    privileged: ${PRIV}\n  c:\n    privileged:\n', COMPOSE);
  assertQuiet(ID, 'x-base: &base\n  privileged: true\nservices:\n  web:\n    <<: *base\n    privileged: false\n', COMPOSE);
  assertQuiet(ID, 'x-debug:\n  privileged: true\nservices:\n  web:\n    image: x\n', COMPOSE);
  assertQuiet(ID, 'jobs:\n  build:\n    privileged: true\n', COMPOSE);
  assertQuiet(ID, 'services:\n  - privileged: true\n', COMPOSE);
  assertQuiet(ID, '# dockguard-ignore-file privileged\nservices:\n  web:\n    privileged: true\n', COMPOSE);
});

test('the fix removes the whole privileged line with its comment, in any indentation and line ending', () => {
  // The line's own trailing comment goes with it; every other comment stays.
  assertRemovalFix(
    ID,
    'services:\n  web:\n    image: x # app\n    privileged: «true» # for the GPU\n    ports: ["80:80"]\n',
    'services:\n  web:\n    image: x # app\n    ports: ["80:80"]\n',
    (data) => delete data.services.web.privileged,
  );
  assertComposeFix(
    ID,
    'services:\r\n   web:\r\n      privileged: «true»\r\n      image: x\r\n',
    'services:\r\n   web:\r\n      image: x\r\n',
    (data) => delete data.services.web.privileged,
  );
  assertComposeFix(
    ID,
    '# stack\n# of comments\nservices:\n    # the app\n    web:\n        image: x\n        privileged: «true»',
    '# stack\n# of comments\nservices:\n    # the app\n    web:\n        image: x',
    (data) => delete data.services.web.privileged,
  );
  assertComposeFix(ID, 'services:\n  web: {image: x, privileged: «true»}\n', 'services:\n  web: {image: x}\n', (data) => delete data.services.web.privileged);
});

test('a merged value is overridden in the service; the anchor edit is a separate, titled variant', () => {
  const text = 'x-base: &base\n  privileged: «true»\n  image: app\nservices:\n  web:\n    <<: *base\n    ports: ["80"]\n  api:\n    <<: *base\n';
  assertComposeFix(
    ID,
    text,
    'x-base: &base\n  privileged: true\n  image: app\nservices:\n  web:\n    <<: *base\n    ports: ["80"]\n  api:\n    <<: *base\n    privileged: false\n',
    (data) => (data.services.api = { ...data.services.api, privileged: false }),
  );
  const plain = text.replace(/[«»]/g, '');
  // Editing the anchor fixes every service that uses it, so both findings go.
  const finding = findingsOf(ID, plain, COMPOSE)[0];
  const variant = finding.fixes.find((fix) => /in anchor &base \(used by web, api\)/.test(fix.title));
  assert.ok(variant && !variant.preferred);
  const anchorEdit = applyEdits(plain, variant.edits);
  assert.deepEqual(lintText(anchorEdit, COMPOSE).filter((other) => other.ruleId === ID || other.ruleId === 'DG000'), []);
  assert.equal(anchorEdit, 'x-base: &base\n  image: app\nservices:\n  web:\n    <<: *base\n    ports: ["80"]\n  api:\n    <<: *base\n');
});

test('an own true over a merged true becomes false, since removing it would keep the service privileged', () => {
  assertComposeFix(
    ID,
    'x-base: &base\n  privileged: true\nservices:\n  web:\n    <<: *base\n    privileged: «true»\n',
    'x-base: &base\n  privileged: true\nservices:\n  web:\n    <<: *base\n    privileged: false\n',
    (data) => (data.services.web.privileged = false),
  );
});

test('a service that is an alias gets its own mapping with the override', () => {
  assertComposeFix(
    ID,
    'x-t: &t\n  image: x\n  privileged: «true»\nservices:\n  web: *t\n',
    'x-t: &t\n  image: x\n  privileged: true\nservices:\n  web:\n    <<: *t\n    privileged: false\n',
    (data) => (data.services.web = { ...data.services.web, privileged: false }),
  );
});

test('a file with a YAML error still gets its findings where the parser recovered', () => {
  const text = 'services:\n  web:\n    image: x\n    privileged: true\n    ports: ["80:80"\n  db:\n    image: y\n';
  const findings = lintText(text, COMPOSE);
  assert.ok(findings.some((finding) => finding.ruleId === 'DG000'));
  assert.deepEqual(findingsOf(ID, text, COMPOSE).map((finding) => finding.range.start), [{ line: 3, character: 16 }]);
});
