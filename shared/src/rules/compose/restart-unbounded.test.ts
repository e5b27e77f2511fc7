import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { assertFires, assertQuiet, findingsOf } from '../../test-support/rule-test';
import { assertComposeFix, COMPOSE } from '../../test-support/compose-fix';

const ID = 'DG220';

test('fires on restart: always / unless-stopped, quoted or not, and on a resolved default', () => {
  assertFires(
    ID,
    [
      'services:',
      '  a:',
      '    image: a:1',
      '    restart: «always»',
      '  b:',
      '    image: b:1',
      '    restart: "«unless-stopped»"',
      '  c:',
      '    image: c:1',
      '    restart: «${RESTART_POLICY:-always}»',
      '',
    ].join('\n'),
    COMPOSE,
  );
});

test('fires on deploy.restart_policy with condition any (written or by default) and no max_attempts', () => {
  assertFires(
    ID,
    [
      'services:',
      '  a:',
      '    image: a:1',
      '    deploy:',
      '      restart_policy:',
      '        condition: «any»',
      '        delay: 5s',
      '  b:',
      '    image: b:1',
      '    deploy:',
      '      «restart_policy»:',
      '        delay: 5s',
      '',
    ].join('\n'),
    COMPOSE,
  );
});

test('is quiet on bounded or non-restarting policies and unknown values', () => {
  assertQuiet(
    ID,
    [
      'services:',
      '  a:',
      '    image: a:1',
      '    restart: on-failure',
      '  b:',
      '    image: b:1',
      '    restart: on-failure:5',
      '  c:',
      '    image: c:1',
      '    restart: "no"',
      '  d:',
      '    image: d:1',
      '    restart: ${RESTART_POLICY}',
      '  e:',
      '    image: e:1',
      '    deploy:',
      '      restart_policy:',
      '        condition: any',
      '        max_attempts: 3',
      '  f:',
      '    image: f:1',
      '    deploy:',
      '      restart_policy:',
      '        condition: on-failure',
      '  g:',
      '    image: g:1',
      '    deploy:',
      '      restart_policy: { condition: none }',
      'x-defaults:',
      '  restart: always',
      '',
    ].join('\n'),
    COMPOSE,
  );
});

test('a merged restart: always fires at the anchor for each service that does not override it', () => {
  const found = assertFires(
    ID,
    [
      'x-defaults: &defaults',
      '  restart: ««always»»',
      'services:',
      '  a:',
      '    <<: *defaults',
      '    image: a:1',
      '  b:',
      '    <<: *defaults',
      '    image: b:1',
      '  c:',
      '    <<: *defaults',
      '    image: c:1',
      '    restart: on-failure:3',
      '',
    ].join('\n'),
    COMPOSE,
  );
  assert.match(found[0].message, /Service 'a'/);
  assert.match(found[1].message, /Service 'b'/);
});

test('fix: replaces the policy with on-failure:5, keeping quotes, comments and variables', () => {
  assertComposeFix(
    ID,
    'services:\n  a:\n    image: a:1\n    restart: always # keep up\n',
    'services:\n  a:\n    image: a:1\n    restart: on-failure:5 # keep up\n',
    (data) => (data.services.a.restart = 'on-failure:5'),
  );
  assertComposeFix(
    ID,
    "services:\r\n  a:\r\n    image: a:1\r\n    restart: 'unless-stopped'\r\n",
    "services:\r\n  a:\r\n    image: a:1\r\n    restart: 'on-failure:5'\r\n",
    (data) => (data.services.a.restart = 'on-failure:5'),
  );
  assertComposeFix(
    ID,
    'services:\n  a:\n    image: a:1\n    restart: ${RESTART_POLICY:-always}\n',
    'services:\n  a:\n    image: a:1\n    restart: ${RESTART_POLICY:-on-failure:5}\n',
    (data) => (data.services.a.restart = '${RESTART_POLICY:-on-failure:5}'),
  );
});

test('fix: the deploy variant sets condition on-failure and max_attempts 5', () => {
  assertComposeFix(
    ID,
    'services:\n  a:\n    image: a:1\n    deploy:\n      restart_policy:\n        condition: any\n        delay: 5s\n',
    'services:\n  a:\n    image: a:1\n    deploy:\n      restart_policy:\n        condition: on-failure\n        max_attempts: 5\n        delay: 5s\n',
    (data) => Object.assign(data.services.a.deploy.restart_policy, { condition: 'on-failure', max_attempts: 5 }),
  );
  assertComposeFix(
    ID,
    'services:\n  a:\n    image: a:1\n    deploy:\n      restart_policy: { condition: any }\n',
    'services:\n  a:\n    image: a:1\n    deploy:\n      restart_policy: { condition: on-failure, max_attempts: 5 }\n',
    (data) => Object.assign(data.services.a.deploy.restart_policy, { condition: 'on-failure', max_attempts: 5 }),
  );
  assertComposeFix(
    ID,
    'services:\n  a:\n    image: a:1\n    deploy:\n      restart_policy:\n        delay: 5s\n',
    'services:\n  a:\n    image: a:1\n    deploy:\n      restart_policy:\n        delay: 5s\n        condition: on-failure\n        max_attempts: 5\n',
    (data) => Object.assign(data.services.a.deploy.restart_policy, { condition: 'on-failure', max_attempts: 5 }),
  );
});

test('fix for a merged policy overrides it in the service; the anchor variant is separate', () => {
  const text = 'x-defaults: &defaults\n  restart: always\nservices:\n  a:\n    <<: *defaults\n    image: a:1\n';
  assertComposeFix(
    ID,
    text,
    'x-defaults: &defaults\n  restart: always\nservices:\n  a:\n    <<: *defaults\n    image: a:1\n    restart: on-failure:5\n',
    (data) => (data.services.a.restart = 'on-failure:5'),
  );
  assertComposeFix(
    ID,
    text,
    'x-defaults: &defaults\n  restart: on-failure:5\nservices:\n  a:\n    <<: *defaults\n    image: a:1\n',
    (data) => {
      data['x-defaults'].restart = 'on-failure:5';
      data.services.a.restart = 'on-failure:5';
    },
    COMPOSE,
    /anchor/,
  );
  assert.equal(findingsOf(ID, text, COMPOSE)[0].fixes.length, 2);
});
