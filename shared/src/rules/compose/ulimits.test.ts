import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { assertFires, assertQuiet, findingsOf } from '../../test-support/rule-test';
import { assertComposeFix, COMPOSE } from '../../test-support/compose-fix';
import type { LintSetup } from '../../test-support/rule-test';

const ID = 'DG221';
const ON: LintSetup = { ...COMPOSE, config: { rules: { DG221: 'info' } } };

test('is off by default', () => {
  assert.deepEqual(findingsOf(ID, 'services:\n  web:\n    image: nginx:1.27\n', COMPOSE), []);
});

test('fires at the service key without ulimits, and at ulimits when one of the two is missing', () => {
  const found = assertFires(
    ID,
    [
      'services:',
      '  «web»:',
      '    image: nginx:1.27',
      '  db:',
      '    image: postgres:16',
      '    «ulimits»:',
      '      nofile:',
      '        soft: 20000',
      '        hard: 40000',
      '  cache:',
      '    image: redis:7',
      '    «ulimits»: { nproc: 65535, memlock: -1 }',
      '',
    ].join('\n'),
    ON,
  );
  assert.match(found[0].message, /nofile/);
  assert.match(found[0].message, /nproc/);
  assert.match(found[1].message, /nproc/);
  assert.doesNotMatch(found[1].message, /nofile/);
  assert.match(found[2].message, /nofile/);
});

test('is quiet when both are set, also through a merge key', () => {
  assertQuiet(
    ID,
    [
      'x-ulimits: &ulimits',
      '  ulimits:',
      '    nproc: 65535',
      '    nofile: { soft: 20000, hard: 40000 }',
      'services:',
      '  a:',
      '    <<: *ulimits',
      '    image: a:1',
      '  b:',
      '    image: b:1',
      '    ulimits:',
      '      nproc: 1024',
      '      nofile: 4096',
      '',
    ].join('\n'),
    ON,
  );
});

test('fix: adds both limits to the service', () => {
  assertComposeFix(
    ID,
    'services:\n  web:\n    image: nginx:1.27 # the site\n    ports: ["80:80"]\n',
    'services:\n  web:\n    image: nginx:1.27 # the site\n    ulimits:\n      nofile:\n        soft: 65536\n        hard: 65536\n      nproc: 4096\n    ports: ["80:80"]\n',
    (data) => (data.services.web.ulimits = { nofile: { soft: 65536, hard: 65536 }, nproc: 4096 }),
    ON,
  );
});

test('fix: adds the missing one to an existing ulimits mapping, block or flow', () => {
  assertComposeFix(
    ID,
    'services:\n  db:\n    image: postgres:16\n    ulimits:\n      nofile:\n        soft: 20000\n        hard: 40000\n',
    'services:\n  db:\n    image: postgres:16\n    ulimits:\n      nofile:\n        soft: 20000\n        hard: 40000\n      nproc: 4096\n',
    (data) => (data.services.db.ulimits.nproc = 4096),
    ON,
  );
  assertComposeFix(
    ID,
    'services:\n  cache:\n    image: redis:7\n    ulimits: { nproc: 65535 }\n',
    'services:\n  cache:\n    image: redis:7\n    ulimits: { nproc: 65535, nofile: { soft: 65536, hard: 65536 } }\n',
    (data) => (data.services.cache.ulimits.nofile = { soft: 65536, hard: 65536 }),
    ON,
  );
});
