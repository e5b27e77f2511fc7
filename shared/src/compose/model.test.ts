import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { buildComposeModel, MAX_MERGE_DEPTH, type ComposeModel } from './model';
import { scalar } from './values';
import { lint } from '../lint';

function textAt(model: ComposeModel, range: readonly number[] | null | undefined): string {
  assert.ok(range, 'node has no range');
  return model.text.slice(range[0], range[1]);
}

function value(model: ComposeModel, service: string, key: string): string | undefined {
  return scalar(model.services.find((candidate) => candidate.name === service)?.field(key)?.value)?.raw;
}

test('services are the entries of the top-level services map; x- fields are not services', () => {
  const model = buildComposeModel('version: "3.8"\nx-common: &c\n  image: base\nservices:\n  web:\n    image: nginx\n  x-template: {}\n  db:\n    image: postgres\n');
  assert.deepEqual(model.services.map((service) => service.name), ['web', 'db']);
  assert.equal(model.notCompose, undefined);
  const web = model.services[0];
  assert.equal(textAt(model, [web.keyStart, web.keyEnd]), 'web');
  assert.equal(value(model, 'db', 'image'), 'postgres');
});

test('a file without version: is a compose file; YAML that is not compose says why', () => {
  assert.equal(buildComposeModel('services:\n  a:\n    image: x\n').services.length, 1);
  assert.match(buildComposeModel('- a\n- b\n').notCompose ?? '', /top level must be a mapping/);
  assert.match(buildComposeModel('services:\n  - postgres\n').notCompose ?? '', /services:.*mapping/);
  assert.equal(buildComposeModel('').notCompose, undefined);
  assert.equal(buildComposeModel('# only a comment\n').notCompose, undefined);
  const noServices = buildComposeModel('apiVersion: v1\nkind: Pod\n');
  assert.equal(noServices.notCompose, undefined);
  assert.deepEqual(noServices.services, []);
});

test('one parse error per YAML error, and what parsed is still a model', () => {
  const model = buildComposeModel('services:\n  web:\n    image: nginx\n    privileged: true\n    bad: [unclosed\n  db:\n    image: postgres\n');
  assert.ok(model.parseErrors.length >= 1);
  for (const error of model.parseErrors) assert.ok(error.start >= 0 && error.end >= error.start);
  assert.equal(value(model, 'web', 'privileged'), 'true');
});

test('duplicate keys are a parse error, as Compose rejects them', () => {
  const model = buildComposeModel('services:\n  web:\n    image: a\n    image: b\n');
  assert.equal(model.parseErrors.length, 1);
  assert.equal(value(model, 'web', 'image'), 'a');
});

test('merge keys: own keys win wherever << stands, earlier sources win, chains are followed', () => {
  const text = [
    'x-a: &a',
    '  user: from-a',
    '  privileged: true',
    '  read_only: from-a',
    'x-b: &b',
    '  user: from-b',
    '  cap_drop: [ALL]',
    '  read_only: from-b',
    'x-c: &c',
    '  <<: *b',
    '  pid: host',
    'services:',
    '  web:',
    '    privileged: false',
    '    <<: [*a, *c]',
    '',
  ].join('\n');
  const model = buildComposeModel(text);
  const web = model.services[0];
  assert.equal(value(model, 'web', 'privileged'), 'false');
  assert.equal(web.field('privileged')!.fromMerge, false);
  assert.equal(value(model, 'web', 'user'), 'from-a');
  assert.equal(value(model, 'web', 'read_only'), 'from-a');
  assert.equal(value(model, 'web', 'cap_drop'), undefined);
  const capDrop = web.field('cap_drop')!;
  assert.equal(capDrop.fromMerge, true);
  assert.equal(capDrop.anchorName, 'b');
  assert.equal(model.text.slice(capDrop.keyNode.range![0]).split('\n')[0], 'cap_drop: [ALL]');
  assert.equal(web.field('pid')!.anchorName, 'c');
  assert.equal(web.field('user')!.anchorName, 'a');
  assert.equal(textAt(model, web.field('user')!.mergePair!.key!.range), '<<');
  // What remains without the service's own key: the merged value.
  assert.equal(scalar(web.inheritedField('privileged')!.value)!.raw, 'true');
  assert.equal(web.inheritedField('image'), undefined);
  assert.deepEqual(web.fields().map((field) => field.key), ['privileged', 'user', 'read_only', 'pid', 'cap_drop']);
});

test('a single << mapping, an inline << mapping, and a quoted "<<" which is an ordinary key', () => {
  const model = buildComposeModel('x: &x\n  a: 1\nservices:\n  s1:\n    <<: *x\n  s2:\n    <<: {a: 2}\n  s3:\n    "<<": *x\n');
  assert.equal(value(model, 's1', 'a'), '1');
  assert.equal(value(model, 's2', 'a'), '2');
  assert.equal(value(model, 's3', 'a'), undefined);
});

test('a service that is an alias: all its fields are written in the anchor', () => {
  const model = buildComposeModel('x-t: &t\n  image: app\n  privileged: true\nservices:\n  one: *t\n  two:\n    <<: *t\n');
  const one = model.services[0];
  assert.equal(one.alias?.source, 't');
  assert.equal(one.field('privileged')!.fromMerge, true);
  assert.equal(one.field('privileged')!.anchorName, 't');
  assert.equal(one.field('image')!.pair, model.services[1].field('image')!.pair);
});

test('aliases resolve to the last anchor of that name before them', () => {
  const model = buildComposeModel('a: &v one\nb: *v\nc: &v two\nservices:\n  s:\n    image: *v\n');
  const image = model.services[0].field('image')!;
  assert.equal(image.viaAlias, true);
  assert.equal(scalar(image.value)!.raw, 'two');
  assert.equal(image.anchorName, 'v');
});

test('nested lookups follow merges at every level: path() and Field.get()', () => {
  const text = 'x-limits: &limits\n  memory: 512m\nservices:\n  s:\n    deploy:\n      resources:\n        limits:\n          <<: *limits\n          cpus: "0.5"\n';
  const model = buildComposeModel(text);
  const service = model.services[0];
  const memory = service.path('deploy', 'resources', 'limits', 'memory')!;
  assert.equal(scalar(memory.value)!.raw, '512m');
  assert.equal(memory.fromMerge, true);
  assert.equal(memory.anchorName, 'limits');
  assert.equal(service.path('deploy', 'resources', 'limits', 'cpus')!.fromMerge, false);
  assert.equal(service.field('deploy')!.get('resources')!.get('limits')!.entries().length, 2);
  assert.equal(service.path('deploy', 'nothing', 'here'), undefined);
});

test('path() below a key written as an alias (deploy: *d) is in the anchor, as with a merge', () => {
  const model = buildComposeModel('x-d: &d\n  resources:\n    limits:\n      memory: 0\nservices:\n  web:\n    deploy: *d\n');
  const service = model.services[0];
  const memory = service.path('deploy', 'resources', 'limits', 'memory')!;
  assert.equal(memory.fromMerge, true);
  assert.equal(memory.anchorName, 'd');
  // The aliased key itself stays what field() says: written in the service, as an alias.
  assert.equal(service.path('deploy')!.fromMerge, false);
  assert.equal(service.path('deploy')!.viaAlias, true);
});

test('sequence items resolve aliases and keep the item as written', () => {
  const model = buildComposeModel('x: &cap SYS_ADMIN\nservices:\n  s:\n    cap_add:\n      - NET_ADMIN\n      - *cap\n');
  const items = model.services[0].field('cap_add')!.items();
  assert.deepEqual(items.map((item) => scalar(item.node)!.raw), ['NET_ADMIN', 'SYS_ADMIN']);
  assert.equal(textAt(model, items[1].written!.range), '*cap');
});

test('top-level networks and volumes', () => {
  const model = buildComposeModel('services:\n  a:\n    image: x\nnetworks:\n  front: {}\n  back:\n    driver: bridge\nvolumes:\n  data:\n');
  assert.deepEqual(model.networks.map((network) => network.key), ['front', 'back']);
  assert.deepEqual(model.volumes.map((volume) => volume.key), ['data']);
  assert.equal(model.topLevel('networks')!.key, 'networks');
});

test('comments exclude lines of block scalars; suppression lines skip to the scalar start', () => {
  const text = 'services:\n  # a comment\n  web:\n    command: |\n      # not a comment\n      run\n    image: x # trailing\n';
  const model = buildComposeModel(text);
  assert.deepEqual(model.comments.map((comment) => comment.text), ['# a comment']);
  assert.equal(model.suppressionLine(text.indexOf('run')), 3);
});

test('CRLF and a byte order mark keep offsets exact', () => {
  const text = '\uFEFFservices:\r\n  web:\r\n    image: nginx\r\n    privileged: true\r\n';
  const model = buildComposeModel(text);
  assert.deepEqual(model.parseErrors, []);
  const field = model.services[0].field('privileged')!;
  assert.equal(textAt(model, field.value!.range), 'true');
  assert.equal(model.index.eol, '\r\n');
});

test('an alias bomb costs nothing: aliases are never expanded, merged tables are computed once', () => {
  const lines = ['x-0: &a0 {cap_add: [SYS_ADMIN], privileged: true}'];
  for (let level = 1; level <= 40; level++) lines.push(`x-${level}: &a${level} {<<: [*a${level - 1}, *a${level - 1}, *a${level - 1}, *a${level - 1}]}`);
  const lol = ['x-l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let level = 1; level <= 30; level++) lol.push(`x-l${level}: &l${level} [*l${level - 1}, *l${level - 1}, *l${level - 1}, *l${level - 1}, *l${level - 1}, *l${level - 1}, *l${level - 1}, *l${level - 1}]`);
  const text = [...lines, ...lol, 'services:', '  web:', '    <<: *a40', '    cap_drop: *l30', '    environment: *l30', '    volumes: *l30', ''].join('\n');
  const model = buildComposeModel(text);
  assert.equal(scalar(model.services[0].field('privileged')!.value)!.raw, 'true');
  assert.equal(model.services[0].field('privileged')!.anchorName, 'a0');
  // Every rule runs over it and nothing throws or expands.
  const output = lint(text, { fileName: 'compose.yaml' });
  assert.deepEqual(output.ruleErrors, []);
  assert.deepEqual(model.refused, []);
});

test('merge chains deeper than the limit are refused and reported as DG000', () => {
  const depth = MAX_MERGE_DEPTH + 10;
  const lines = ['x-0: &m0 {privileged: true}'];
  for (let level = 1; level <= depth; level++) lines.push(`x-${level}: &m${level} {<<: *m${level - 1}}`);
  const text = [...lines, 'services:', '  web:', `    <<: *m${depth}`, '    image: x', ''].join('\n');
  const output = lint(text, { fileName: 'compose.yaml' });
  assert.deepEqual(output.ruleErrors, []);
  const refused = output.findings.filter((finding) => finding.ruleId === 'DG000');
  assert.equal(refused.length, 1);
  assert.match(refused[0].message, /nested more than \d+ deep/);
});

test('a mapping that merges itself is refused, not followed forever', () => {
  const text = 'services:\n  web: &w\n    image: x\n    <<: *w\n';
  const model = buildComposeModel(text);
  assert.equal(scalar(model.services[0].field('image')!.value)!.raw, 'x');
  const output = lint(text, { fileName: 'compose.yaml' });
  assert.deepEqual(output.ruleErrors, []);
  assert.ok(output.findings.some((finding) => finding.ruleId === 'DG000'));
});

test('very deep nesting is bounded: 10,000 levels of flow and 2,000 of block nesting', () => {
  // 500 levels are read and checked; beyond what the parser's stack allows, the file is
  // reported as too deeply nested, the same way on every run.
  let readable = 'services:\n  web:\n    image: x\n    labels:\n';
  for (let level = 0; level < 500; level++) readable += ' '.repeat(6 + level) + `k${level}:\n`;
  assert.equal(buildComposeModel(readable).services.length, 1);

  const flow = 'services:\n  web:\n    image: x\n    labels: ' + '['.repeat(10_000) + ']'.repeat(10_000) + '\n';
  const flowOutput = lint(flow, { fileName: 'compose.yaml' });
  assert.deepEqual(flowOutput.ruleErrors, []);
  assert.ok(flowOutput.findings.some((finding) => finding.ruleId === 'DG000'));

  let block = 'services:\n  web:\n    image: x\n    labels:\n';
  for (let level = 0; level < 2_000; level++) block += ' '.repeat(6 + level) + `k${level}:\n`;
  const blockOutput = lint(block, { fileName: 'compose.yaml' });
  assert.deepEqual(blockOutput.ruleErrors, []);
  assert.deepEqual(lint(block, { fileName: 'compose.yaml' }), blockOutput);
  assert.match(blockOutput.findings.find((finding) => finding.ruleId === 'DG000')!.message, /nests too deeply/);
});

test('fromExtends follows extends: in the same file, and is unknown for other files, missing bases and cycles', () => {
  const model = buildComposeModel(
    'services:\n  base:\n    read_only: true\n  mid:\n    extends: base\n  top:\n    extends:\n      service: mid\n  other:\n    extends: {file: common.yaml, service: x}\n  lost:\n    extends: nowhere\n  a:\n    extends: b\n  b:\n    extends: a\n  plain:\n    image: x\n',
  );
  const named = (name: string) => model.services.find((service) => service.name === name)!;
  const inherited = named('top').fromExtends('read_only');
  assert.ok(inherited && inherited !== 'unknown');
  assert.equal(scalar(inherited.value)!.raw, 'true');
  assert.equal(named('top').fromExtends('image'), undefined);
  assert.equal(named('other').fromExtends('read_only'), 'unknown');
  assert.equal(named('lost').fromExtends('read_only'), 'unknown');
  assert.equal(named('a').fromExtends('read_only'), 'unknown');
  assert.equal(named('plain').fromExtends('read_only'), undefined);
});

test('a YAML file detected by its services: key that is not compose is left alone; a compose-named one is reported', () => {
  const ci = 'image: ruby:3\nservices:\n  - postgres:16\ntest:\n  script: [rake]\n';
  assert.deepEqual(lint(ci, { fileName: '.gitlab-ci.yml' }), { kind: undefined, findings: [], ruleErrors: [] });
  const named = lint(ci, { fileName: 'compose.yaml' });
  assert.deepEqual(named.findings.map((finding) => finding.ruleId), ['DG000']);
  assert.deepEqual(lint(ci, { fileName: 'ci.yaml', kind: 'compose' }).findings.map((finding) => finding.ruleId), ['DG000']);
});

test('an alias without an anchor before it is a parse error, as in Compose', () => {
  const model = buildComposeModel('x: &env\n  A: 1\nservices:\n  web:\n    environment:\n      PASSWORD: ******\n      EARLY: *later\n    image: &later x\n');
  assert.deepEqual(
    model.parseErrors.map((error) => [error.message, model.text.slice(error.start, error.end)]),
    [
      ['The alias ****** refers to no anchor &***** defined before it (quote the value if it is meant as text)', '******'],
      ['The alias *later refers to no anchor &later defined before it (quote the value if it is meant as text)', '*later'],
    ],
  );
});

test('lines of multi-line scalars are known in CR-only files too', () => {
  const model = buildComposeModel('services:\r  web:\r    command: "a\r      # not a comment\r      b"\r    # a comment\r    image: x\r');
  assert.deepEqual(model.comments.map((comment) => comment.text), ['# a comment']);
});
