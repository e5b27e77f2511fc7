import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { assertFires, assertQuiet } from '../../test-support/rule-test';
import { COMPOSE } from '../../test-support/compose-fix';

const ID = 'DG224';

test('fires on images without a tag or with :latest, registry ports included', () => {
  const found = assertFires(
    ID,
    [
      'services:',
      '  a:',
      '    image: «nginx»',
      '  b:',
      '    image: "«redis:latest»"',
      '  c:',
      '    image: «registry.example.com:5000/team/app»',
      '  d:',
      '    image: «ghcr.io/org/app:${TAG:-latest}»',
      '',
    ].join('\n'),
    COMPOSE,
  );
  assert.match(found[0].message, /nginx/);
  assert.equal(found[0].severity, 'info');
});

test('is quiet on tags, digests, unknown variables, build-only services and x- fields', () => {
  assertQuiet(
    ID,
    [
      'x-image:',
      '  image: nginx',
      'services:',
      '  a:',
      '    image: nginx:1.27-alpine',
      '  b:',
      '    image: nginx@sha256:0a399eb16751829e1af26fea27b20c3ec28d7ab1fb72182879dcae1cca21206a',
      '  c:',
      '    image: nginx:latest@sha256:0a399eb16751829e1af26fea27b20c3ec28d7ab1fb72182879dcae1cca21206a',
      '  d:',
      '    image: ${IMAGE}',
      '  e:',
      '    image: ${REGISTRY}/app',
      '  f:',
      '    build: ./app',
      '  g:',
      '    build: .',
      '    image: myorg/app',
      '  h:',
      '    image: localhost:5000/app:2.1',
      '',
    ].join('\n'),
    COMPOSE,
  );
});

test('an image from a merge key fires at the anchor for each service', () => {
  assertFires(ID, 'x-base: &base\n  image: ««alpine»»\nservices:\n  a:\n    <<: *base\n  b:\n    <<: *base\n  c:\n    <<: *base\n    image: alpine:3.20\n', COMPOSE);
});
