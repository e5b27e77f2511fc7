import { test } from 'node:test';
import { assertFires, assertQuiet } from '../../test-support/rule-test';
import { assertComposeFix, COMPOSE } from '../../test-support/compose-fix';

const ID = 'DG218';

test('fires at the service key when no CPU limit is set anywhere', () => {
  assertFires(
    ID,
    [
      'services:',
      '  «web»:',
      '    image: nginx:1.27',
      '    cpu_shares: 512',
      '  «db»:',
      '    image: postgres:16',
      '    deploy:',
      '      resources:',
      '        reservations:',
      '          cpus: "0.25"',
      '        limits:',
      '          memory: 512M',
      '',
    ].join('\n'),
    COMPOSE,
  );
});

test('fires at an explicit "no limit" value', () => {
  assertFires(ID, 'services:\n  web:\n    image: nginx:1.27\n    cpus: «0»\n', COMPOSE);
});

test('cpus, cpu_quota, cpuset and deploy.resources.limits.cpus count, with or without version:, and through merge keys', () => {
  assertQuiet(
    ID,
    [
      'x-limits: &limits',
      '  cpus: 0.5',
      'services:',
      '  a:',
      '    image: a:1',
      '    cpus: "1.5"',
      '  b:',
      '    image: b:1',
      '    deploy:',
      '      resources:',
      '        limits:',
      "          cpus: '0.50'",
      '  c:',
      '    <<: *limits',
      '    image: c:1',
      '  d:',
      '    image: d:1',
      '    cpu_quota: 50000',
      '    cpu_period: 100000',
      '  e:',
      '    image: e:1',
      '    cpuset: "0,1"',
      '  f:',
      '    image: f:1',
      '    cpus: ${CPUS}',
      '',
    ].join('\n'),
    COMPOSE,
  );
  assertQuiet(ID, 'version: "2.4"\nservices:\n  a:\n    image: a:1\n    cpus: 0.5\n', COMPOSE);
});

test('fix: adds cpus: "1.0" to the service', () => {
  assertComposeFix(
    ID,
    'services:\n  web:\n    build: . # local\n    ports:\n      - "80:80"\n',
    'services:\n  web:\n    build: . # local\n    cpus: "1.0"\n    ports:\n      - "80:80"\n',
    (data) => (data.services.web.cpus = '1.0'),
  );
});

test('fix: goes into deploy.resources.limits when the service keeps its other limits there', () => {
  assertComposeFix(
    ID,
    'services:\n  web:\n    image: nginx:1.27\n    deploy:\n      resources:\n        limits:\n          memory: 512M\n',
    'services:\n  web:\n    image: nginx:1.27\n    deploy:\n      resources:\n        limits:\n          memory: 512M\n          cpus: "1.0"\n',
    (data) => (data.services.web.deploy.resources.limits.cpus = '1.0'),
  );
});

test('fix: an explicit 0 is replaced', () => {
  assertComposeFix(
    ID,
    'services:\n  web:\n    image: nginx:1.27\n    cpus: 0\n',
    'services:\n  web:\n    image: nginx:1.27\n    cpus: "1.0"\n',
    (data) => (data.services.web.cpus = '1.0'),
  );
});
