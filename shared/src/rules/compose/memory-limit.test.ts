import { test } from 'node:test';
import { assertFires, assertQuiet } from '../../test-support/rule-test';
import { assertComposeFix, COMPOSE } from '../../test-support/compose-fix';

const ID = 'DG217';

test('fires at the service key when no memory limit is set anywhere', () => {
  assertFires(
    ID,
    [
      'services:',
      '  «web»:',
      '    image: nginx:1.27',
      '  «db»:',
      '    image: postgres:16',
      '    mem_reservation: 256m',
      '    deploy:',
      '      resources:',
      '        reservations:',
      '          memory: 256M',
      '        limits:',
      '          cpus: "0.5"',
      '',
    ].join('\n'),
    COMPOSE,
  );
});

test('fires at an explicit "no limit" value', () => {
  assertFires(ID, 'services:\n  web:\n    image: nginx:1.27\n    mem_limit: «0»\n', COMPOSE);
  assertFires(ID, 'services:\n  web:\n    image: nginx:1.27\n    deploy:\n      resources:\n        limits:\n          memory: "«0»"\n', COMPOSE);
});

test('mem_limit and deploy.resources.limits.memory both count, with or without version:, and through merge keys', () => {
  assertQuiet(
    ID,
    [
      'x-limits: &limits',
      '  mem_limit: 1g',
      'x-deploy: &deploy',
      '  deploy:',
      '    resources:',
      '      limits:',
      '        memory: 512M',
      'services:',
      '  a:',
      '    image: a:1',
      '    mem_limit: 512m',
      '  b:',
      '    image: b:1',
      '    deploy:',
      '      resources:',
      '        limits: { memory: 256M }',
      '  c:',
      '    <<: *limits',
      '    image: c:1',
      '  d:',
      '    <<: [*deploy]',
      '    image: d:1',
      '  e:',
      '    image: e:1',
      '    mem_limit: ${MEMORY_LIMIT}',
      '  f:',
      '    image: f:1',
      '    mem_limit: ${MEMORY_LIMIT:-768m}',
      '',
    ].join('\n'),
    COMPOSE,
  );
  assertQuiet(ID, 'version: "2.4"\nservices:\n  a:\n    image: a:1\n    mem_limit: 512m\n', COMPOSE);
  assertQuiet(ID, "version: '3.8'\nservices:\n  a:\n    image: a:1\n    deploy:\n      resources:\n        limits:\n          memory: 512M\n", COMPOSE);
});

test('a limit inherited through extends counts; a base in another file is unknown', () => {
  assertFires(
    ID,
    [
      'services:',
      '  base:',
      '    image: a:1',
      '    mem_limit: 256m',
      '  web:',
      '    extends: base',
      '  worker:',
      '    extends: { service: web }',
      '  «other»:',
      '    image: b:1',
      '  remote:',
      '    extends: { file: common.yaml, service: base }',
      '',
    ].join('\n'),
    COMPOSE,
  );
});

test('is quiet on files that are not compose files and on x- fields', () => {
  assertQuiet(ID, 'x-base:\n  image: a:1\nservices: {}\n', COMPOSE);
  assertQuiet(ID, 'name: demo\n', COMPOSE);
});

test('fix: adds mem_limit: 512m to the service', () => {
  assertComposeFix(
    ID,
    'services:\n  web:\n    image: nginx:1.27 # pinned\n    ports:\n      - "80:80"\n',
    'services:\n  web:\n    image: nginx:1.27 # pinned\n    mem_limit: 512m\n    ports:\n      - "80:80"\n',
    (data) => (data.services.web.mem_limit = '512m'),
  );
});

test('fix: goes into deploy.resources.limits when the service keeps its other limits there', () => {
  assertComposeFix(
    ID,
    'services:\n  web:\n    image: nginx:1.27\n    deploy:\n      resources:\n        limits:\n          cpus: "0.5"\n',
    'services:\n  web:\n    image: nginx:1.27\n    deploy:\n      resources:\n        limits:\n          cpus: "0.5"\n          memory: 512M\n',
    (data) => (data.services.web.deploy.resources.limits.memory = '512M'),
  );
  assertComposeFix(
    ID,
    'services:\n  web:\n    image: nginx:1.27\n    deploy:\n      resources:\n        limits: { cpus: "0.5" }\n',
    'services:\n  web:\n    image: nginx:1.27\n    deploy:\n      resources:\n        limits: { cpus: "0.5", memory: 512M }\n',
    (data) => (data.services.web.deploy.resources.limits.memory = '512M'),
  );
});

test('fix: when the other limits come from a merge key, the service gets mem_limit and the anchor is untouched', () => {
  assertComposeFix(
    ID,
    'x-d: &d\n  deploy:\n    resources:\n      limits:\n        cpus: "1"\nservices:\n  web:\n    <<: *d\n    image: nginx:1.27\n',
    'x-d: &d\n  deploy:\n    resources:\n      limits:\n        cpus: "1"\nservices:\n  web:\n    <<: *d\n    image: nginx:1.27\n    mem_limit: 512m\n',
    (data) => (data.services.web.mem_limit = '512m'),
  );
});

test('fix: an explicit 0 is replaced', () => {
  assertComposeFix(
    ID,
    'services:\n  web:\n    image: nginx:1.27\n    mem_limit: 0\n',
    'services:\n  web:\n    image: nginx:1.27\n    mem_limit: 512m\n',
    (data) => (data.services.web.mem_limit = '512m'),
  );
});

test('a service that names no image, build or extends is a fragment for an override file: not reported missing', () => {
  assertQuiet(ID, 'services:\n  web:\n    ports: ["8080:80"]\n  empty:\n', COMPOSE);
  assertFires(ID, 'services:\n  web:\n    ports: ["8080:80"]\n    mem_limit: «0»\n', COMPOSE);
});
