import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { assertFires, assertQuiet, findingsOf } from '../../test-support/rule-test';
import { assertComposeFix, COMPOSE } from '../../test-support/compose-fix';

const ID = 'DG219';

test('fires at the service key when no pids limit is set anywhere', () => {
  assertFires(
    ID,
    [
      'services:',
      '  «web»:',
      '    image: nginx:1.27',
      '    mem_limit: 512m',
      '  «db»:',
      '    image: postgres:16',
      '    deploy:',
      '      resources:',
      '        limits:',
      '          memory: 512M',
      '',
    ].join('\n'),
    COMPOSE,
  );
});

test('fires at an explicit unlimited value (-1 or 0)', () => {
  assertFires(ID, 'services:\n  a:\n    image: a:1\n    pids_limit: «-1»\n  b:\n    image: b:1\n    pids_limit: «0»\n', COMPOSE);
});

test('pids_limit and deploy.resources.limits.pids both count, in versionless files and through merge keys', () => {
  assertQuiet(
    ID,
    [
      'x-hardening: &hardening',
      '  pids_limit: 100',
      'services:',
      '  a:',
      '    image: a:1',
      '    pids_limit: 200',
      '  b:',
      '    image: b:1',
      '    deploy:',
      '      resources:',
      '        limits:',
      '          pids: 100',
      '  c:',
      '    <<: *hardening',
      '    image: c:1',
      '  d:',
      '    image: d:1',
      '    pids_limit: ${PIDS_LIMIT:-300}',
      '',
    ].join('\n'),
    COMPOSE,
  );
});

test('fix: adds pids_limit: 200 to the service, after image:', () => {
  assertComposeFix(
    ID,
    'services:\n  web:\n    # the site\n    image: nginx:1.27\n    restart: on-failure:5\n',
    'services:\n  web:\n    # the site\n    image: nginx:1.27\n    pids_limit: 200\n    restart: on-failure:5\n',
    (data) => (data.services.web.pids_limit = 200),
  );
});

test('fix: goes into deploy.resources.limits when the service keeps its other limits there', () => {
  assertComposeFix(
    ID,
    'services:\r\n  web:\r\n    image: nginx:1.27\r\n    deploy:\r\n      resources:\r\n        limits:\r\n          memory: 512M\r\n          cpus: "1"\r\n',
    'services:\r\n  web:\r\n    image: nginx:1.27\r\n    deploy:\r\n      resources:\r\n        limits:\r\n          memory: 512M\r\n          cpus: "1"\r\n          pids: 200\r\n',
    (data) => (data.services.web.deploy.resources.limits.pids = 200),
  );
});

test('fix: an explicit -1 is replaced', () => {
  assertComposeFix(
    ID,
    'services:\n  web:\n    image: nginx:1.27\n    pids_limit: -1 # unlimited\n',
    'services:\n  web:\n    image: nginx:1.27\n    pids_limit: 200 # unlimited\n',
    (data) => (data.services.web.pids_limit = 200),
  );
});

test('the fix title says which services inherit the edited one', () => {
  const [finding] = findingsOf(ID, 'services:\n  web: &web\n    image: a:1\n  worker:\n    <<: *web\n    command: work\n  cron:\n    extends: web\n', COMPOSE);
  assert.match(finding.fixes[0].title, /also for 'worker', 'cron'/);
});
