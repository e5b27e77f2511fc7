import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { buildComposeModel } from '../../compose/model';
import { inAnchor, isSharedItem, problemFor, serviceLabel, titleWithInheritors } from './service-findings';

const problem = { start: 0, end: 1, message: 'm' };

function service(text: string, name = 'web') {
  const model = buildComposeModel(text);
  const found = model.services.find((candidate) => candidate.name === name);
  assert.ok(found);
  return { model, service: found };
}

test('a value written in the service: plain label, no related locations', () => {
  const { service: web } = service('services:\n  web:\n    image: x\n    privileged: true\n');
  const field = web.field('privileged');
  assert.equal(serviceLabel(web, field), "Service 'web'");
  assert.deepEqual(problemFor(web, field, problem), problem);
});

test('a value merged from an anchor names the anchor, the service first, then every other service that gets it', () => {
  const text = 'x-base: &base\n  privileged: true\nservices:\n  web:\n    <<: *base\n  api:\n    <<: *base\n  db:\n    image: db\n';
  const { model, service: web } = service(text);
  const field = web.field('privileged');
  assert.equal(serviceLabel(web, field), "Service 'web' (through anchor &base)");
  const related = problemFor(web, field, problem).related!;
  assert.deepEqual(
    related.map((entry) => [text.slice(entry.start, entry.end), entry.message]),
    [
      ['web', "Service 'web' gets this value through anchor &base."],
      ['api', "Service 'api' also gets this value through anchor &base."],
    ],
  );
  assert.equal(inAnchor(model, field!), 'in anchor &base (used by web, api)');
});

test('a nested value is matched to the other services along its whole key path', () => {
  const text = 'x-d: &d\n  resources:\n    limits:\n      memory: 0\nservices:\n  web:\n    deploy:\n      <<: *d\n  api:\n    deploy:\n      <<: *d\n';
  const { service: web } = service(text);
  const field = web.path('deploy', 'resources', 'limits', 'memory');
  const related = problemFor(web, field, problem, { path: ['deploy', 'resources', 'limits', 'memory'] }).related!;
  assert.deepEqual(related.map((entry) => text.slice(entry.start, entry.end)), ['web', 'api']);
});

test('an aliased list item in the service points back at the service, naming its anchor', () => {
  const text = 'x-sock: &sock /var/run/docker.sock:/var/run/docker.sock\nservices:\n  web:\n    volumes:\n      - *sock\n';
  const { service: web } = service(text);
  const field = web.field('volumes')!;
  const item = field.items()[0].written;
  assert.ok(isSharedItem(field, item));
  assert.equal(serviceLabel(web, field), "Service 'web'");
  assert.deepEqual(problemFor(web, field, problem, { item }).related, [{ start: text.indexOf('web'), end: text.indexOf('web') + 3, message: "Service 'web' gets this value through anchor &sock." }]);
});

test('titles name at most three services', () => {
  const names = ['a', 'b', 'c', 'd', 'e'];
  const text = `x-base: &base\n  image: x\n  user: root\nservices:\n${names.map((name) => `  ${name}:\n    <<: *base\n`).join('')}`;
  const { model, service: a } = service(text, 'a');
  assert.equal(inAnchor(model, a.field('user')!), 'in anchor &base (used by a, b, c and 2 more)');
  const heirs = `services:\n  base:\n    image: x\n${names.map((name) => `  ${name}:\n    extends: base\n`).join('')}`;
  const { model: heirModel, service: base } = service(heirs, 'base');
  assert.equal(titleWithInheritors('Add x', heirModel, base), "Add x (also for 'a', 'b', 'c' and 2 more, which inherit from 'base')");
});
