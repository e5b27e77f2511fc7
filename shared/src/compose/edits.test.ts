import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { buildComposeModel, type ComposeModel, type YamlSeq } from './model';
import {
  addServiceKey,
  addServiceListItem,
  appendToSequence,
  needsQuotes,
  removeField,
  removeSequenceItem,
  removeServiceListItem,
  replaceScalar,
  replaceValue,
  setServiceKey,
  yamlScalar,
} from './edits';
import type { OffsetEdit } from '../text/edits';
import { assertRemovalFix } from '../test-support/compose-fix';

/** Applies offset edits (non-overlapping) and checks the result still parses. */
function apply(model: ComposeModel, edits: OffsetEdit[]): string {
  assert.ok(edits.length > 0, 'expected an edit');
  let text = model.text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) text = text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
  const parsed = parseDocument(text, { merge: true });
  assert.deepEqual(parsed.errors.map((error) => error.message), [], `does not parse:\n${text}`);
  return text;
}

function data(text: string): any {
  return parseDocument(text, { merge: true }).toJS();
}

function svc(model: ComposeModel, name = 'web') {
  const found = model.services.find((service) => service.name === name);
  assert.ok(found);
  return found;
}

test('quoting: plain where YAML 1.1 and 1.2 both read the same string, else double quotes', () => {
  for (const value of ['ALL', '/tmp', 'no-new-privileges:true', '512m', 'nginx:1.25', 'on-failure:5']) assert.equal(needsQuotes(value), false, value);
  for (const value of ['10001:10001', '1.0', '0', 'on', 'No', 'null', '~', '', ' x', 'a: b', 'a #b', '*x', '&x', '-x', '@x', '`x', '%x', '!x', '|', '>', '{a}', '1e3', '0x1F', '.inf']) {
    assert.equal(needsQuotes(value), true, value);
  }
  assert.equal(needsQuotes('no-new-privileges:true', true), true);
  assert.equal(needsQuotes('a,b', true), true);
  assert.equal(yamlScalar('10001:10001'), '"10001:10001"');
  assert.equal(yamlScalar("it's", 'single'), "'it''s'");
  assert.equal(yamlScalar('ALL', 'double'), '"ALL"');
});

test('addServiceKey: after image:, at the mapping indentation, with the file line ending', () => {
  const model = buildComposeModel('services:\n  web:\n    image: nginx # pinned later\n    ports:\n      - 80:80\n');
  assert.equal(
    apply(model, addServiceKey(model, svc(model), ['cap_drop: [ALL]'])),
    'services:\n  web:\n    image: nginx # pinned later\n    cap_drop: [ALL]\n    ports:\n      - 80:80\n',
  );
  const crlf = buildComposeModel('services:\r\n  web:\r\n    image: nginx\r\n');
  assert.equal(apply(crlf, addServiceKey(crlf, svc(crlf), ['read_only: true', 'tmpfs:', '  - /tmp'])), 'services:\r\n  web:\r\n    image: nginx\r\n    read_only: true\r\n    tmpfs:\r\n      - /tmp\r\n');
});

test('addServiceKey: after a multi-line build entry, or at the end of the mapping', () => {
  const build = buildComposeModel('services:\n  web:\n    build:\n      context: .\n      args:\n        - A=1\n    ports: ["80"]\n');
  assert.equal(apply(build, addServiceKey(build, svc(build), ['read_only: true'])), 'services:\n  web:\n    build:\n      context: .\n      args:\n        - A=1\n    read_only: true\n    ports: ["80"]\n');
  const end = buildComposeModel('services:\n  web:\n    ports: ["80"]\n    command: |\n      run --it\n\n  db:\n    image: x\n');
  assert.equal(apply(end, addServiceKey(end, svc(end), ['read_only: true'])), 'services:\n  web:\n    ports: ["80"]\n    command: |\n      run --it\n    read_only: true\n\n  db:\n    image: x\n');
});

test('addServiceKey: odd indentation (3 and 4 spaces), services under a comment block, no final newline', () => {
  const three = buildComposeModel('services:\n   web:\n      image: x\n      deploy:\n         replicas: 1');
  assert.equal(apply(three, addServiceKey(three, svc(three), ['ulimits:', '  nproc: 65535'])), 'services:\n   web:\n      image: x\n      ulimits:\n         nproc: 65535\n      deploy:\n         replicas: 1');
  const last = buildComposeModel('# header\n# more\nservices:\n    # the app\n    web:\n        image: x');
  assert.equal(apply(last, addServiceKey(last, svc(last), ['read_only: true'])), '# header\n# more\nservices:\n    # the app\n    web:\n        image: x\n        read_only: true');
});

test('addServiceKey: empty, null, flow and alias services', () => {
  const empty = buildComposeModel('services:\n  web:   # todo\n  db:\n    image: x\n');
  assert.equal(apply(empty, addServiceKey(empty, svc(empty), ['image: y'])), 'services:\n  web:   # todo\n    image: y\n  db:\n    image: x\n');
  const flow = buildComposeModel('services:\n  web: {image: x, ports: ["80"]}\n');
  assert.equal(apply(flow, addServiceKey(flow, svc(flow), ['cap_drop: [ALL]'])), 'services:\n  web: {image: x, ports: ["80"], cap_drop: [ALL]}\n');
  const emptyFlow = buildComposeModel('services:\n  web: {}\n');
  assert.equal(apply(emptyFlow, addServiceKey(emptyFlow, svc(emptyFlow), ['image: x'])), 'services:\n  web: {image: x}\n');
  assert.deepEqual(addServiceKey(flow, svc(flow), ['ulimits:', '  nproc: 1']), []);
  const alias = buildComposeModel('x: &t\n  image: app\nservices:\n  web: *t # shared\n');
  const fixed = apply(alias, addServiceKey(alias, svc(alias), ['read_only: true']));
  assert.equal(fixed, 'x: &t\n  image: app\nservices:\n  web:\n    <<: *t # shared\n    read_only: true\n');
  assert.deepEqual(data(fixed).services.web, { image: 'app', read_only: true });
  assert.deepEqual(data(fixed).x, { image: 'app' });
});

test('appendToSequence: block style keeps the dash indentation and gap; flow style its separators', () => {
  const block = buildComposeModel('services:\n  web:\n    cap_drop:\n    -   NET_RAW   # raw sockets\n    ports: []\n');
  const blockSeq = svc(block).field('cap_drop')!.value as YamlSeq;
  assert.equal(apply(block, appendToSequence(block, blockSeq, 'ALL')), 'services:\n  web:\n    cap_drop:\n    -   NET_RAW   # raw sockets\n    -   ALL\n    ports: []\n');
  const cases: [string, string][] = [
    ['[NET_RAW]', '[NET_RAW, ALL]'],
    ['[a,b]', '[a,b,ALL]'],
    ['[ a, b, ]', '[ a, b, ALL ]'],
    ['[]', '[ALL]'],
  ];
  for (const [before, after] of cases) {
    const model = buildComposeModel(`services:\n  web:\n    cap_drop: ${before} # c\n`);
    const seq = svc(model).field('cap_drop')!.value as YamlSeq;
    assert.equal(apply(model, appendToSequence(model, seq, 'ALL')), `services:\n  web:\n    cap_drop: ${after} # c\n`, before);
  }
  const multi = buildComposeModel('services:\n  web:\n    cap_drop: [\n      a,\n      b\n    ]\n');
  assert.equal(apply(multi, appendToSequence(multi, svc(multi).field('cap_drop')!.value as YamlSeq, 'ALL')), 'services:\n  web:\n    cap_drop: [\n      a,\n      b,\n      ALL\n    ]\n');
});

test('removeField: the whole line with its comment, multi-line values, nothing else', () => {
  const model = buildComposeModel('services:\n  web:\n    image: x\n    privileged: true # needed?\n    # keep me\n    command: >\n      a\n      b\n    user: root\n');
  assert.equal(apply(model, removeField(model, svc(model).field('privileged')!)), 'services:\n  web:\n    image: x\n    # keep me\n    command: >\n      a\n      b\n    user: root\n');
  assert.equal(apply(model, removeField(model, svc(model).field('command')!)), 'services:\n  web:\n    image: x\n    privileged: true # needed?\n    # keep me\n    user: root\n');
  const last = buildComposeModel('services:\r\n  web:\r\n    image: x\r\n    pid: host');
  assert.equal(apply(last, removeField(last, svc(last).field('pid')!)), 'services:\r\n  web:\r\n    image: x');
  const flow = buildComposeModel('services:\n  web: {image: x, pid: host, ipc: host}\n');
  assert.equal(apply(flow, removeField(flow, svc(flow).field('pid')!)), 'services:\n  web: {image: x, ipc: host}\n');
  assert.equal(apply(flow, removeField(flow, svc(flow).field('ipc')!)), 'services:\n  web: {image: x, pid: host}\n');
});

test('removeSequenceItem: block lines, flow entry with one comma, the key when it was the only item', () => {
  const block = buildComposeModel('services:\n  web:\n    cap_add:\n      - NET_ADMIN # why\n      - SYS_ADMIN\n');
  const field = svc(block).field('cap_add')!;
  const seq = field.value as YamlSeq;
  assert.equal(apply(block, removeSequenceItem(block, seq, seq.items[0], field.pair)), 'services:\n  web:\n    cap_add:\n      - SYS_ADMIN\n');
  assert.equal(apply(block, removeSequenceItem(block, seq, seq.items[1], field.pair)), 'services:\n  web:\n    cap_add:\n      - NET_ADMIN # why\n');
  const flow = buildComposeModel('services:\n  web:\n    security_opt: [a, "seccomp:unconfined", c]\n');
  const flowField = svc(flow).field('security_opt')!;
  const flowSeq = flowField.value as YamlSeq;
  assert.equal(apply(flow, removeSequenceItem(flow, flowSeq, flowSeq.items[1], flowField.pair)), 'services:\n  web:\n    security_opt: [a, c]\n');
  assert.equal(apply(flow, removeSequenceItem(flow, flowSeq, flowSeq.items[0], flowField.pair)), 'services:\n  web:\n    security_opt: ["seccomp:unconfined", c]\n');
  assert.equal(apply(flow, removeSequenceItem(flow, flowSeq, flowSeq.items[2], flowField.pair)), 'services:\n  web:\n    security_opt: [a, "seccomp:unconfined"]\n');
  const only = buildComposeModel('services:\n  web:\n    image: x\n    cap_add: [SYS_ADMIN]\n    user: app\n');
  const onlyField = svc(only).field('cap_add')!;
  assert.equal(apply(only, removeSequenceItem(only, onlyField.value as YamlSeq, (onlyField.value as YamlSeq).items[0], onlyField.pair)), 'services:\n  web:\n    image: x\n    user: app\n');
});

test('replaceScalar keeps the quoting style unless plain would change the value', () => {
  const model = buildComposeModel('services:\n  web:\n    user: root\n    a: "root"\n    b: \'0\'\n    c: [root]\n');
  const web = svc(model);
  assert.equal(apply(model, replaceScalar(model, web.field('user')!.value, '10001:10001')).split('\n')[2], '    user: "10001:10001"');
  assert.equal(apply(model, replaceScalar(model, web.field('a')!.value, 'app')).split('\n')[3], '    a: "app"');
  assert.equal(apply(model, replaceScalar(model, web.field('b')!.value, 'app')).split('\n')[4], "    b: 'app'");
  assert.equal(apply(model, replaceScalar(model, web.field('user')!.value, 'app')).split('\n')[2], '    user: app');
  const flowItem = (web.field('c')!.value as YamlSeq).items[0];
  assert.equal(apply(model, replaceScalar(model, flowItem, 'a:b')).split('\n')[5], '    c: ["a:b"]');
});

test('setServiceKey replaces an own value, or overrides a merged one in the service', () => {
  const model = buildComposeModel('x: &b\n  user: root\nservices:\n  web:\n    <<: *b\n    image: x\n  db:\n    image: y\n    user: root\n');
  const web = apply(model, setServiceKey(model, svc(model), 'user', '"10001:10001"'));
  assert.equal(web, 'x: &b\n  user: root\nservices:\n  web:\n    <<: *b\n    image: x\n    user: "10001:10001"\n  db:\n    image: y\n    user: root\n');
  const db = apply(model, setServiceKey(model, svc(model, 'db'), 'user', '"10001:10001"'));
  assert.equal(db, 'x: &b\n  user: root\nservices:\n  web:\n    <<: *b\n    image: x\n  db:\n    image: y\n    user: "10001:10001"\n');
  const empty = buildComposeModel('services:\n  web:\n    image: x\n    user:\n');
  assert.equal(apply(empty, setServiceKey(empty, svc(empty), 'user', 'app')), 'services:\n  web:\n    image: x\n    user: app\n');
});

test('addServiceListItem: new key, own list in its style, merged list overridden in the service, string form, empty key', () => {
  const none = buildComposeModel('services:\n  web:\n    image: x\n');
  assert.equal(apply(none, addServiceListItem(none, svc(none), 'security_opt', 'no-new-privileges:true')), 'services:\n  web:\n    image: x\n    security_opt: ["no-new-privileges:true"]\n');
  const quoted = buildComposeModel("services:\n  web:\n    security_opt:\n      - 'label:type:x'\n");
  assert.equal(apply(quoted, addServiceListItem(quoted, svc(quoted), 'security_opt', 'no-new-privileges:true')), "services:\n  web:\n    security_opt:\n      - 'label:type:x'\n      - 'no-new-privileges:true'\n");
  const merged = buildComposeModel('x: &b\n  security_opt: [seccomp=prof.json]\nservices:\n  web:\n    <<: *b\n    image: x\n');
  const fixed = apply(merged, addServiceListItem(merged, svc(merged), 'security_opt', 'no-new-privileges:true', { keepInherited: true }));
  assert.equal(fixed, 'x: &b\n  security_opt: [seccomp=prof.json]\nservices:\n  web:\n    <<: *b\n    image: x\n    security_opt: [seccomp=prof.json, "no-new-privileges:true"]\n');
  assert.deepEqual(data(fixed).x, data(merged.text).x);
  const string = buildComposeModel('services:\n  web:\n    tmpfs: /run\n');
  assert.equal(apply(string, addServiceListItem(string, svc(string), 'tmpfs', '/tmp')), 'services:\n  web:\n    tmpfs: [/run, /tmp]\n');
  const empty = buildComposeModel('services:\n  web:\n    cap_drop:\n    image: x\n');
  assert.equal(apply(empty, addServiceListItem(empty, svc(empty), 'cap_drop', 'ALL')), 'services:\n  web:\n    cap_drop: [ALL]\n    image: x\n');
  const aliasList = buildComposeModel('x: &caps [NET_RAW]\nservices:\n  web:\n    cap_drop: *caps\n');
  assert.equal(apply(aliasList, addServiceListItem(aliasList, svc(aliasList), 'cap_drop', 'ALL', { keepInherited: true })), 'x: &caps [NET_RAW]\nservices:\n  web:\n    cap_drop: [NET_RAW, ALL]\n');
});

test('removeServiceListItem never edits the anchor', () => {
  const model = buildComposeModel('x: &b\n  cap_add: [SYS_ADMIN, CHOWN]\nservices:\n  web:\n    <<: *b\n    image: x\n  api:\n    <<: *b\n');
  const field = svc(model).field('cap_add')!;
  const admin = field.items()[0].written;
  assert.equal(apply(model, removeServiceListItem(model, svc(model), field, admin)), 'x: &b\n  cap_add: [SYS_ADMIN, CHOWN]\nservices:\n  web:\n    <<: *b\n    image: x\n    cap_add: [CHOWN]\n  api:\n    <<: *b\n');
});

test('assertRemovalFix accepts a removed trailing comment and rejects a removed comment line', () => {
  assertRemovalFix('DG201', 'services:\n  web:\n    privileged: «true» # gone\n    image: x # stays\n', 'services:\n  web:\n    image: x # stays\n', (data) => delete data.services.web.privileged);
  assert.throws(() => assertRemovalFix('DG201', 'services:\n  web:\n    privileged: «true»\n    image: x\n', 'services:\n  web:\n    image: x\n', () => undefined), /more data/);
});

test('addServiceKey never inserts into the kept trailing lines of a |+ block scalar', () => {
  const model = buildComposeModel('services:\n  web:\n    image: x\n    command: |+\n      run\n\n\n  db:\n    image: y\n');
  const web = model.services[0];
  // After image: as usual...
  assert.equal(apply(model, addServiceKey(model, web, ['read_only: true'])), 'services:\n  web:\n    image: x\n    read_only: true\n    command: |+\n      run\n\n\n  db:\n    image: y\n');
  // ...and at the end of the mapping, after the kept blank lines.
  const noImage = buildComposeModel('services:\n  web:\n    command: |+\n      run\n\n  db:\n    image: y\n');
  const fixed = apply(noImage, addServiceKey(noImage, noImage.services[0], ['read_only: true']));
  assert.equal(fixed, 'services:\n  web:\n    command: |+\n      run\n\n    read_only: true\n  db:\n    image: y\n');
  assert.equal(data(fixed).services.web.command, data(noImage.text).services.web.command);
});

test('replaceValue touches the least it can: the default of ${VAR:-x}, the text inside quotes, else the whole scalar', () => {
  const model = buildComposeModel(
    'services:\n  web:\n    a: ${USER:-root}\n    b: "root"\n    c: \'root\'\n    d: "ro\\x6ft"\n    e: root\n    f: |\n      root\n',
  );
  const value = (key: string) => svc(model).field(key)!.value;
  const replaced = (key: string, to = 'nobody', plain = 'nobody') => apply(model, replaceValue(model, value(key), to, plain));
  assert.ok(replaced('a').includes('a: ${USER:-nobody}\n'));
  // Inside the quotes only: the quotes stay exactly as written.
  assert.deepEqual(replaceValue(model, value('b'), 'nobody', 'nobody'), [{ start: value('b')!.range![0] + 1, end: value('b')!.range![0] + 5, newText: 'nobody' }]);
  assert.ok(replaced('c').includes("c: 'nobody'\n"));
  // Escapes in the old text, or a new value that would need them: the whole scalar, re-quoted.
  assert.ok(replaced('d').includes('d: "nobody"\n'));
  assert.ok(replaced('b', 'say "hi"', '"say \\"hi\\""').includes('b: "say \\"hi\\""\n'));
  assert.ok(replaced('e', '10001:10001', '"10001:10001"').includes('e: "10001:10001"\n'));
  assert.equal(data(replaced('f', 'nobody', '"nobody"')).services.web.f, 'nobody');
});
