import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { lint, resolveConfig, type LintOutput } from '../../../shared/src/index';

/**
 * Inputs built to hurt a linter. Each must end with a clear finding or a normal result, never
 * an exception or a hang (the generous `timeout` catches a hang; speed is the benchmark's job),
 * with every range inside the document.
 */

const BOUND = { timeout: 60_000 };

function lintChecked(text: string, fileName: string, config = resolveConfig()): LintOutput {
  const output = lint(text, { fileName, config });
  assert.deepEqual(output.ruleErrors, [], 'no rule may throw');
  const lines = text.split(/\r\n|\r|\n/);
  for (const finding of output.findings) {
    for (const position of [finding.range.start, finding.range.end]) {
      assert.ok(position.line < lines.length && position.character <= lines[position.line].length, `${finding.ruleId} range outside the document`);
    }
  }
  return output;
}

function ids(output: LintOutput): string[] {
  return [...new Set(output.findings.map((finding) => finding.ruleId))].sort();
}

test('a YAML alias bomb is refused or bounded, in bounded memory', BOUND, () => {
  let text = 'x-a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n';
  let previous = 'a';
  for (let level = 0; level < 12; level++) {
    const name = `b${level}`;
    text += `x-${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]\n`;
    previous = name;
  }
  text += `services:\n  web:\n    image: nginx:1.27\n    environment: *${previous}\n    volumes: *${previous}\n    cap_add: *${previous}\n    <<: *${previous}\n`;
  const heapBefore = process.memoryUsage().heapUsed;
  lintChecked(text, 'compose.yaml');
  assert.ok(process.memoryUsage().heapUsed - heapBefore < 256 * 1024 * 1024, 'the bomb must not be expanded in memory');
});

test('merge keys that alias each other in a cycle do not loop', BOUND, () => {
  lintChecked('x-a: &a\n  <<: *a\n  privileged: true\nservices:\n  web:\n    <<: *a\n', 'compose.yaml');
  lintChecked('services: &s\n  web:\n    <<: *s\n', 'compose.yaml');
});

test('nesting deeper than the YAML parser can follow gives the same single finding every time', BOUND, () => {
  for (const text of [`services:\n  web:\n    x: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`, `rules: ${'{a: '.repeat(50_000)}1${'}'.repeat(50_000)}\n`]) {
    const fileName = text.startsWith('rules') ? '.dockguard.yaml' : 'compose.yaml';
    const first = lintChecked(text, fileName);
    assert.deepEqual(lintChecked(text, fileName), first);
    assert.ok(first.findings.some((finding) => finding.ruleId === 'DG000'));
  }
});

test('10,000-deep YAML nesting, flow and block', BOUND, () => {
  lintChecked(`services:\n  web:\n    x: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`, 'compose.yaml');
  lintChecked(`services:\n  web:\n    x: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`, 'compose.yaml');
  let block = 'services:\n  web:\n';
  let indent = '    ';
  for (let depth = 0; depth < 10_000; depth++) {
    block += `${indent}- `;
    indent += '  ';
  }
  lintChecked(block + 'x\n', 'compose.yaml');
});

test('a 10 MB file is skipped with a clear finding that names the configurable limit', BOUND, () => {
  const output = lintChecked('FROM alpine\n' + 'RUN echo hello\n'.repeat(750_000), 'Dockerfile');
  assert.deepEqual(ids(output), ['DG003']);
  assert.match(output.findings[0].message, /size limit.*max-file-size/);
  assert.equal(output.findings[0].severity, 'info');
  const yaml = lintChecked('services:\n' + '  # padding\n'.repeat(1_000_000), 'compose.yaml');
  assert.deepEqual(ids(yaml), ['DG003']);
});

test('a 100,000-line Dockerfile is linted completely', BOUND, () => {
  const output = lintChecked('FROM alpine:3.20\n' + 'RUN apk add --no-cache curl && sudo ls\n'.repeat(100_000), 'Dockerfile');
  assert.equal(output.findings.filter((finding) => finding.ruleId === 'DG103').length, 100_000);
});

test('a 1 MB single line', BOUND, () => {
  lintChecked(`FROM alpine:3.20\nRUN echo ${'a'.repeat(1 << 20)} && sudo x\n`, 'Dockerfile');
  lintChecked(`services:\n  web:\n    image: nginx:1.27\n    command: ${'a'.repeat(1 << 20)}\n`, 'compose.yaml');
  lintChecked(`services: {web: {image: "${'x'.repeat(1 << 20)}"}}\n`, 'compose.yaml');
});

test('NUL bytes and binary content are skipped as binary', BOUND, () => {
  const binary = String.fromCharCode(...Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
  for (const fileName of ['Dockerfile', 'compose.yaml']) {
    assert.deepEqual(ids(lintChecked(binary, fileName)), ['DG003']);
    assert.deepEqual(ids(lintChecked('FROM alpine\0\nRUN sudo x\n', fileName)), ['DG003']);
  }
});

test('invalid UTF-8 decoded with replacement characters lints normally', BOUND, () => {
  const bytes = Buffer.concat([Buffer.from('FROM alpine:3.20\nRUN echo '), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from(' && sudo ls\n')]);
  const text = new TextDecoder('utf-8').decode(bytes);
  assert.ok(text.includes('\uFFFD'));
  assert.ok(ids(lintChecked(text, 'Dockerfile')).includes('DG103'));
  const yaml = new TextDecoder('utf-8').decode(Buffer.concat([Buffer.from('services:\n  web:\n    image: "'), Buffer.from([0xff]), Buffer.from('"\n    privileged: true\n')]));
  lintChecked(yaml, 'compose.yaml');
});

test('a UTF-8 byte order mark changes nothing', BOUND, () => {
  const dockerfile = 'FROM alpine:3.20\nRUN sudo ls\n';
  const plain = lintChecked(dockerfile, 'Dockerfile');
  const withBom = lintChecked('\uFEFF' + dockerfile, 'Dockerfile');
  assert.deepEqual(ids(withBom), ids(plain));
  const compose = 'services:\n  web:\n    image: nginx:1.27\n    privileged: true\n';
  assert.deepEqual(ids(lintChecked('\uFEFF' + compose, 'compose.yaml')), ids(lintChecked(compose, 'compose.yaml')));
});

test('CRLF, lone CR and mixed line endings give the same findings on the same lines', BOUND, () => {
  const lines = ['FROM alpine:3.20', 'RUN apk update \\', '  && sudo apk add curl', 'CMD ["sh"]', ''];
  const reference = lintChecked(lines.join('\n'), 'Dockerfile').findings.map((finding) => [finding.ruleId, finding.range]);
  for (const eol of ['\r\n', '\r']) {
    assert.deepEqual(lintChecked(lines.join(eol), 'Dockerfile').findings.map((finding) => [finding.ruleId, finding.range]), reference, JSON.stringify(eol));
  }
  lintChecked('FROM alpine\r\nRUN sudo a\nRUN sudo b\rRUN sudo c\r\n', 'Dockerfile');
  const compose = ['services:', '  web:', '    image: nginx:1.27', '    privileged: true', ''];
  const composeReference = lintChecked(compose.join('\n'), 'compose.yaml').findings.map((finding) => [finding.ruleId, finding.range]);
  for (const eol of ['\r\n', '\r']) {
    assert.deepEqual(lintChecked(compose.join(eol), 'compose.yaml').findings.map((finding) => [finding.ruleId, finding.range]), composeReference, JSON.stringify(eol));
  }
});

test('tabs', BOUND, () => {
  lintChecked('FROM\talpine:3.20\n\tRUN\tsudo\tls\n', 'Dockerfile');
  // Tabs are not allowed as YAML indentation: a parse error, not a crash.
  const output = lintChecked('services:\n\tweb:\n\t\timage: nginx\n', 'compose.yaml');
  assert.ok(ids(output).includes('DG000'));
});

test('empty and whitespace-only files', BOUND, () => {
  for (const text of ['', '\n', '   ', '\r\n\r\n', '# only a comment\n']) {
    lintChecked(text, 'Dockerfile');
    lintChecked(text, 'compose.yaml');
    lintChecked(text, '.dockguard.yaml');
  }
});

test('a compose file that is a list or a scalar gets DG000, not a crash', BOUND, () => {
  for (const text of ['- web\n- db\n', 'hello\n', '42\n', '"services"\n', '[]\n', 'services:\n  - web\n', 'services: nginx\n']) {
    const output = lintChecked(text, 'docker-compose.yml');
    assert.deepEqual(ids(output), ['DG000'], text);
  }
});

test('several YAML documents in one compose file', BOUND, () => {
  lintChecked('services:\n  web:\n    image: nginx:1.27\n---\nservices:\n  db:\n    privileged: true\n', 'compose.yaml');
});
