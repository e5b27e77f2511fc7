import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { lint } from './lint';
import { resolveConfig } from './config/config';
import { defineDockerfileRule } from './rules/rule';
import { DOCKERFILE_RULES, docsUrl, ruleById } from './registry';

const SUDO = 'FROM alpine\nRUN sudo apk add curl && sudo ls\n';

test('findings carry id, name, severity, message, exact range, docs link and fixes', () => {
  const [first] = lint(SUDO, { fileName: 'Dockerfile' }).findings.filter((finding) => finding.ruleId === 'DG103');
  assert.equal(first.ruleName, 'sudo');
  assert.equal(first.severity, 'warning');
  assert.deepEqual(first.range, { start: { line: 1, character: 4 }, end: { line: 1, character: 8 } });
  assert.equal(first.docsUrl, docsUrl(ruleById('DG103')!));
  assert.match(first.message, /sudo/);
  assert.equal(first.fixes.filter((fix) => fix.preferred).length, 1);
});

test('findings are sorted by position and the result is deterministic', () => {
  const a = lint(SUDO, { fileName: 'Dockerfile' });
  const b = lint(SUDO, { fileName: 'Dockerfile' });
  assert.deepEqual(a, b);
  const positions = a.findings.map((finding) => finding.range.start.line * 1000 + finding.range.start.character);
  assert.deepEqual(positions, [...positions].sort((x, y) => x - y));
});

test('severity comes from the configuration; off removes the rule', () => {
  const asError = lint(SUDO, { fileName: 'Dockerfile', config: resolveConfig({ rules: { sudo: 'error' } }) });
  assert.ok(asError.findings.filter((finding) => finding.ruleId === 'DG103').every((finding) => finding.severity === 'error'));
  const off = lint(SUDO, { fileName: 'Dockerfile', config: resolveConfig({ rules: { DG103: 'off' } }) });
  assert.equal(off.findings.filter((finding) => finding.ruleId === 'DG103').length, 0);
});

test('rules that are off by default do not run unless enabled', () => {
  let ran = 0;
  const probe = defineDockerfileRule({
    id: 'DG112',
    name: 'image-digest',
    defaultSeverity: 'off',
    cheatSheet: '13',
    fixable: false,
    summary: 'probe',
    check: () => {
      ran++;
    },
  });
  lint(SUDO, { fileName: 'Dockerfile', rules: [probe] });
  assert.equal(ran, 0);
  lint(SUDO, { fileName: 'Dockerfile', rules: [probe], config: resolveConfig({ rules: { DG112: 'info' } }) });
  assert.equal(ran, 1);
});

test('a rule that throws loses only its own findings', () => {
  const broken = defineDockerfileRule({
    id: 'DG104',
    name: 'docker-socket',
    defaultSeverity: 'error',
    cheatSheet: '1',
    fixable: false,
    summary: 'throws',
    check: () => {
      throw new Error('boom');
    },
  });
  const sudo = DOCKERFILE_RULES.find((rule) => rule.id === 'DG103')!;
  const output = lint(SUDO, { fileName: 'Dockerfile', rules: [broken, sudo] });
  assert.deepEqual(output.ruleErrors.map((error) => [error.ruleId, error.message]), [['DG104', 'boom']]);
  assert.equal(output.findings.filter((finding) => finding.ruleId === 'DG103').length, 2);
});

test('files that are not ours give no findings and no kind', () => {
  assert.deepEqual(lint('jobs: {}\n', { fileName: 'ci.yml' }), { kind: undefined, findings: [], ruleErrors: [] });
});

test('files over the size limit and binary files are skipped with DG003', () => {
  const big = lint('FROM alpine\n' + '#'.repeat(100), { fileName: 'Dockerfile', config: resolveConfig({ maxFileSize: 50 }) });
  assert.deepEqual(big.findings.map((finding) => [finding.ruleId, finding.severity]), [['DG003', 'info']]);
  assert.match(big.findings[0].message, /size limit/);
  // The limit counts UTF-8 bytes, as the file has on disk: 20 'é' are 20 characters but 40 bytes.
  const accented = 'FROM alpine\n# ' + '\u00e9'.repeat(20);
  assert.deepEqual(lint(accented, { fileName: 'Dockerfile', config: resolveConfig({ maxFileSize: 40 }) }).findings.map((finding) => finding.ruleId), ['DG003']);
  assert.deepEqual(lint(accented, { fileName: 'Dockerfile', config: resolveConfig({ maxFileSize: 60 }) }).findings.filter((finding) => finding.ruleId === 'DG003'), []);
  const binary = lint('FROM alpine\n\0\0\0', { fileName: 'Dockerfile' });
  assert.deepEqual(binary.findings.map((finding) => finding.ruleId), ['DG003']);
  assert.match(binary.findings[0].message, /binary/);
});

test('a compose file whose top level is a list or a scalar is reported, not crashed on', () => {
  for (const text of ['- a\n- b\n', 'just a string\n']) {
    const output = lint(text, { fileName: 'compose.yaml' });
    assert.deepEqual(output.findings.map((finding) => finding.ruleId), ['DG000'], text);
  }
  assert.deepEqual(lint('', { fileName: 'compose.yaml' }).findings, []);
});

test('broken YAML gives one DG000 per error at its position', () => {
  const output = lint('services:\n  web:\n    image: "nginx\n', { fileName: 'docker-compose.yml' });
  const errors = output.findings.filter((finding) => finding.ruleId === 'DG000');
  assert.ok(errors.length >= 1);
  assert.ok(errors.every((finding) => finding.severity === 'error' && finding.range.start.line >= 2));
});

test('an explicit kind overrides the file name', () => {
  assert.equal(lint(SUDO, { fileName: 'untitled-1', kind: 'dockerfile' }).kind, 'dockerfile');
});

test('every finding range lies inside the document, also for odd inputs', () => {
  for (const text of ['', '\n', '\uFEFFFROM alpine\nRUN sudo x', 'FROM a\r\nRUN sudo x \\\r\n', 'RUN sudo', '\t\tFROM\t\talpine\n\tRUN\tsudo\tx']) {
    const lines = text.split(/\r\n|\r|\n/);
    for (const finding of lint(text, { fileName: 'Dockerfile' }).findings) {
      for (const position of [finding.range.start, finding.range.end]) {
        assert.ok(position.line < lines.length && position.character <= lines[position.line].length, JSON.stringify({ text, finding }));
      }
    }
  }
});
