import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileGlobs } from './globs';

test('globs follow .gitignore-like conventions', () => {
  const match = compileGlobs(['vendor/**', '*.old.yaml', '/top.yaml', './anchored', 'trailing/', '!negated', '', 'a/{b,c}/Dockerfile']);
  const cases: [string, boolean][] = [
    ['vendor', true],
    ['vendor/x/Dockerfile', true],
    ['src/vendor/Dockerfile', false],
    ['a.old.yaml', true],
    ['deep/er/a.old.yaml', true],
    ['top.yaml', true],
    ['sub/top.yaml', false],
    ['anchored', true],
    ['sub/anchored', false],
    ['trailing', true],
    ['x/trailing', true],
    ['negated', false],
    ['anything', false],
    ['a/b/Dockerfile', true],
    ['a/d/Dockerfile', false],
    ['.hidden.old.yaml', true],
  ];
  for (const [path, expected] of cases) assert.equal(match(path), expected, path);
});

test('case-insensitive matching on request only', () => {
  assert.equal(compileGlobs(['**/Build/**'])('x/build/y'), false);
  assert.equal(compileGlobs(['**/Build/**'], { caseInsensitive: true })('x/build/y'), true);
  assert.equal(compileGlobs([])('x'), false);
});
