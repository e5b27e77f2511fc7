import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseConfig, parseSize, resolveConfig, DEFAULT_MAX_FILE_SIZE } from './config';
import { lint } from '../lint';

test('a full configuration parses', () => {
  const { config, problems } = parseConfig(
    'rules:\n  DG214: off\n  cap-drop-all: warning\nignore-paths: ["test/fixtures/**"]\nnon-root-base-images: ["myregistry.example/base/*"]\nallow-inline-ignores: false\nmax-file-size: 2MB\n',
  );
  assert.deepEqual(problems, []);
  assert.deepEqual(config, {
    rules: { DG214: 'off', 'cap-drop-all': 'warning' },
    ignorePaths: ['test/fixtures/**'],
    nonRootBaseImages: ['myregistry.example/base/*'],
    allowInlineIgnores: false,
    maxFileSize: 2 * 1024 * 1024,
  });
});

test('an empty file is a valid, empty configuration', () => {
  assert.deepEqual(parseConfig(''), { config: {}, problems: [] });
  assert.deepEqual(parseConfig('# nothing yet\n'), { config: {}, problems: [] });
});

test('every mistake is a problem at its position, and the valid parts are kept', () => {
  const text = 'rules:\n  DG999: off\n  privileged: loud\n  DG201: warning\nignore-paths: src\nallow-inline-ignores: maybe\ncolour: blue\n';
  const { config, problems } = parseConfig(text);
  assert.deepEqual(config.rules, { DG201: 'warning' });
  assert.deepEqual(
    problems.map((problem) => [text.slice(problem.start, problem.end), problem.kind]),
    [
      ['DG999', 'invalid'],
      ['loud', 'invalid'],
      ['src', 'invalid'],
      ['maybe', 'invalid'],
      ['colour', 'invalid'],
    ],
  );
});

test('YAML syntax errors are reported as syntax problems', () => {
  const { problems } = parseConfig('rules: [\n');
  assert.ok(problems.length > 0);
  assert.ok(problems.every((problem) => problem.kind === 'syntax'));
});

test('a configuration that is not a mapping is a problem', () => {
  const { problems } = parseConfig('- rules\n');
  assert.equal(problems.length, 1);
});

test('later layers win; names apply before ids within a layer; a name covers every rule with it', () => {
  const effective = resolveConfig(
    { rules: { 'user-root': 'error', DG102: 'info' } },
    { rules: { privileged: 'warning' }, maxFileSize: 10 },
    { rules: { DG201: 'off' } },
  );
  assert.equal(effective.severities.get('DG102'), 'info');
  assert.equal(effective.severities.get('DG207'), 'error');
  assert.equal(effective.severities.get('DG201'), 'off');
  assert.equal(effective.maxFileSize, 10);
  assert.equal(resolveConfig().maxFileSize, DEFAULT_MAX_FILE_SIZE);
});

test('sizes', () => {
  assert.equal(parseSize(1000), 1000);
  assert.equal(parseSize('512KB'), 512 * 1024);
  assert.equal(parseSize('1.5 mb'), 1.5 * 1024 * 1024);
  assert.equal(parseSize('0'), undefined);
  assert.equal(parseSize('lots'), undefined);
  assert.equal(parseSize(-1), undefined);
  assert.equal(parseSize(0.5), undefined, 'a size that rounds to zero bytes would skip every file');
});

test('linting .dockguard.yaml reports its problems as DG000 and DG002', () => {
  const output = lint('rules:\n  nope: off\n', { fileName: 'repo/.dockguard.yaml' });
  assert.equal(output.kind, 'config');
  assert.deepEqual(
    output.findings.map((finding) => [finding.ruleId, finding.range.start.line, finding.range.start.character]),
    [['DG002', 1, 2]],
  );
  assert.deepEqual(lint('rules: {\n', { fileName: '.dockguard.yml' }).findings.map((finding) => finding.ruleId), ['DG000']);
});

test('non-root-base-images add to the defaults', () => {
  const effective = resolveConfig({ nonRootBaseImages: ['registry.example.com/base/*'] });
  assert.ok(effective.nonRootBaseImages.includes('registry.example.com/base/*'));
  assert.ok(effective.nonRootBaseImages.includes('cgr.dev/chainguard/*'));
});
