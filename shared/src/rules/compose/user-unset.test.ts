import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { lint } from '../../lint';
import { resolveConfig } from '../../config/config';
import { stripMarkers, findingsOf, type LintSetup } from '../../test-support/rule-test';
import { assertComposeFix, COMPOSE } from '../../test-support/compose-fix';

const ID = 'DG208';
const ON: LintSetup = { ...COMPOSE, config: { rules: { 'user-unset': 'warning' } } };

/** Lints `/work/app/compose.yaml` (or `fileName`) with a workspace made of `files`, and checks the marked ranges. */
function assertUserUnset(marked: string, files: Record<string, string> = {}, fileName = '/work/app/compose.yaml'): string[] {
  const { text, ranges } = stripMarkers(marked);
  const read: string[] = [];
  const output = lint(text, {
    fileName,
    config: resolveConfig({ rules: { DG208: 'warning' } }),
    readFile: (path) => {
      read.push(path);
      return files[path];
    },
  });
  assert.deepEqual(output.ruleErrors, []);
  const found = output.findings.filter((finding) => finding.ruleId === ID);
  assert.deepEqual(found.map((finding) => finding.range), ranges, `DG208 ranges in:\n${text}`);
  return read;
}

test('is off by default', () => {
  assert.deepEqual(findingsOf(ID, 'services:\n  web:\n    image: nginx:1.27\n', COMPOSE), []);
});

test('fires at the service key of an image-only service without user:', () => {
  assertUserUnset('services:\n  «web»:\n    image: nginx:1.27\n  db:\n    image: postgres:16\n    user: "999:999"\n');
});

test('user: from a merge key counts; so does an image known to run as non-root', () => {
  assertUserUnset(
    'x-u: &u\n  user: "1000"\nservices:\n  a:\n    <<: *u\n    image: a:1\n  b:\n    image: bitnami/redis:7.2\n  c:\n    image: gcr.io/distroless/static:nonroot\n  «d»:\n    image: redis:7.2\n',
  );
});

test('a build whose Dockerfile ends as non-root is fine; one that ends as root fires', () => {
  const files = {
    '/work/app/api/Dockerfile': 'FROM node:22 AS build\nRUN npm ci\nFROM node:22-slim\nUSER node\nCMD ["node", "server.js"]\n',
    '/work/app/worker/Dockerfile.prod': 'FROM python:3.12\nUSER 10001\nFROM python:3.12-slim\nCMD ["python", "w.py"]\n',
    '/work/app/Dockerfile': 'FROM alpine:3.20 AS base\nRUN adduser -D app\nUSER app\nFROM base AS dev\nUSER root\nFROM base\n',
  };
  const read = assertUserUnset(
    [
      'services:',
      '  api:',
      '    build: ./api',
      '  «worker»:',
      '    build:',
      '      context: worker',
      '      dockerfile: Dockerfile.prod',
      '  app:',
      '    build: { context: ., target: base }',
      '  «dev»:',
      '    build: { context: ., target: dev }',
      '  final:',
      '    build: .',
      '',
    ].join('\n'),
    files,
  );
  assert.ok(read.includes('/work/app/worker/Dockerfile.prod'));
});

test('an inline Dockerfile is read from the compose file itself', () => {
  assertUserUnset(
    'services:\n  a:\n    build:\n      context: .\n      dockerfile_inline: |\n        FROM alpine:3.20\n        USER 10001\n  «b»:\n    build:\n      context: .\n      dockerfile_inline: |\n        FROM alpine:3.20\n',
  );
});

test('a build that cannot be read or resolved is unknown, so quiet', () => {
  assertUserUnset(
    [
      'services:',
      '  a:',
      '    build: ./missing',
      '  b:',
      '    build: https://github.com/org/repo.git#main',
      '  c:',
      '    build: ${CONTEXT}',
      '  d:',
      '    build:',
      '      context: .',
      '      dockerfile: Dockerfile',
      '',
    ].join('\n'),
    { '/work/app/Dockerfile': 'FROM alpine:3.20\nARG RUN_AS\nUSER ${RUN_AS}\n' },
  );
  // Without a reader (a host that cannot read files) a build is unknown too.
  assert.deepEqual(findingsOf(ID, 'services:\n  a:\n    build: .\n', ON), []);
});

test('Windows paths resolve with the file\'s own separator', () => {
  const read = assertUserUnset('services:\n  «api»:\n    build: ./api\n', { 'C:\\work\\app\\api\\Dockerfile': 'FROM alpine:3.20\n' }, 'C:\\work\\app\\compose.yaml');
  assert.deepEqual(read, ['C:\\work\\app\\api\\Dockerfile']);
});

test('fix: adds user: "10001:10001" to the service', () => {
  assertComposeFix(
    ID,
    'services:\n  web:\n    image: nginx:1.27 # site\n    ports: ["80:80"]\n',
    'services:\n  web:\n    image: nginx:1.27 # site\n    user: "10001:10001"\n    ports: ["80:80"]\n',
    (data) => (data.services.web.user = '10001:10001'),
    ON,
  );
});

test('a user: inherited through extends counts; a base in another file is unknown', () => {
  assertUserUnset(
    'services:\n  base:\n    image: redis:7.2\n    user: "999"\n  cache:\n    extends: base\n  remote:\n    extends: { file: common.yaml, service: base }\n  «plain»:\n    extends: { service: other }\n  «other»:\n    image: redis:7.2\n',
  );
});
