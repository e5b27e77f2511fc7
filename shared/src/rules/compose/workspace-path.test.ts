import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { resolveFrom, directoryOf } from './workspace-path';

test('directoryOf keeps the separator style of the path', () => {
  assert.equal(directoryOf('/work/app/compose.yaml'), '/work/app');
  assert.equal(directoryOf('C:\\work\\app\\compose.yaml'), 'C:\\work\\app');
  assert.equal(directoryOf('/compose.yaml'), '/');
  assert.equal(directoryOf('compose.yaml'), '.');
});

test('resolveFrom joins relative paths, normalises . and .., and keeps absolute paths', () => {
  assert.equal(resolveFrom('/work/app', './api'), '/work/app/api');
  assert.equal(resolveFrom('/work/app', '.'), '/work/app');
  assert.equal(resolveFrom('/work/app', '../shared/x/'), '/work/shared/x');
  assert.equal(resolveFrom('/work/app', '/opt/ctx'), '/opt/ctx');
  assert.equal(resolveFrom('/', '..'), '/');
  assert.equal(resolveFrom('C:\\work\\app', './api/Dockerfile'), 'C:\\work\\app\\api\\Dockerfile');
  assert.equal(resolveFrom('C:\\work\\app', 'D:\\ctx'), 'D:\\ctx');
  assert.equal(resolveFrom('.', 'api'), 'api');
  assert.equal(resolveFrom('.', '../api'), '../api');
});
