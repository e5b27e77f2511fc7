import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { lintText, findingsOf } from './test-support/rule-test';
import { applyEdits } from './text/edits';

const SUDO = 'FROM alpine\nRUN sudo apk add x\n';

test('an ignore comment above an instruction silences that rule there only, by id or name', () => {
  assert.equal(findingsOf('DG103', 'FROM alpine\n# dockguard-ignore DG103 -- needed for the vendor script\nRUN sudo a\nRUN sudo b\n').length, 1);
  assert.equal(findingsOf('DG103', 'FROM alpine\n# dockguard-ignore sudo\nRUN sudo a\n').length, 0);
  assert.equal(findingsOf('DG103', 'FROM alpine\n# dockguard-ignore DG101\nRUN sudo a\n').length, 1, 'another rule named');
});

test('the comment covers the whole instruction, continuation lines included', () => {
  const text = 'FROM alpine\n# dockguard-ignore DG103\nRUN apk update \\\n  && sudo apk add x\n';
  assert.equal(findingsOf('DG103', text).length, 0);
});

test('several comments may stack above one instruction; blank lines do not break the link', () => {
  const text = 'FROM alpine\n# dockguard-ignore DG101\n# why: vendor installer\n\n# dockguard-ignore DG103\nRUN sudo a\n';
  assert.equal(findingsOf('DG103', text).length, 0);
});

test('an ignore-file comment silences a rule in the whole file', () => {
  assert.equal(findingsOf('DG103', '# dockguard-ignore-file DG103\nFROM alpine\nRUN sudo a\nRUN sudo b\n').length, 0);
});

test('a directive without ids covers every rule', () => {
  assert.equal(findingsOf('DG103', 'FROM alpine\n# dockguard-ignore\nRUN sudo a\n').length, 0);
});

test('unknown ids are reported as DG001 on the id', () => {
  const text = 'FROM alpine\n# dockguard-ignore DG999,sudoo -- typo\nRUN sudo a\n';
  const unknown = findingsOf('DG001', text);
  assert.deepEqual(
    unknown.map((finding) => [finding.range.start.line, finding.range.start.character, finding.range.end.character]),
    [
      [1, 19, 24],
      [1, 25, 30],
    ],
  );
  assert.equal(findingsOf('DG103', text).length, 1);
});

test('allow-inline-ignores: false makes comments ineffective', () => {
  const text = 'FROM alpine\n# dockguard-ignore DG103\nRUN sudo a\n';
  assert.equal(findingsOf('DG103', text, { config: { allowInlineIgnores: false } }).length, 1);
});

test('the ignore-line edit writes a comment above the instruction at its indentation', () => {
  const text = 'FROM alpine\n  RUN apk update \\\n   && sudo apk add x\n';
  const [finding] = findingsOf('DG103', text);
  const fixed = applyEdits(text, [finding.suppress!.line]);
  assert.equal(fixed, 'FROM alpine\n  # dockguard-ignore DG103\n  RUN apk update \\\n   && sudo apk add x\n');
  assert.equal(findingsOf('DG103', fixed).length, 0);
});

test('the ignore edits append to an existing directive instead of writing a second one', () => {
  const text = 'FROM alpine\n# dockguard-ignore DG101 -- reason\nRUN sudo a\n';
  const [finding] = findingsOf('DG103', text);
  assert.equal(applyEdits(text, [finding.suppress!.line]), 'FROM alpine\n# dockguard-ignore DG101,DG103 -- reason\nRUN sudo a\n');
  const withFile = '# dockguard-ignore-file DG111\n' + SUDO;
  const [again] = findingsOf('DG103', withFile);
  assert.equal(applyEdits(withFile, [again.suppress!.file]), '# dockguard-ignore-file DG111,DG103\n' + SUDO);
});

test('the ignore-file edit goes after parser directives, which must stay first', () => {
  const text = '# syntax=docker/dockerfile:1\n# escape=\\\nFROM alpine\r\nRUN sudo a\n';
  const [finding] = findingsOf('DG103', text);
  const fixed = applyEdits(text, [finding.suppress!.file]);
  assert.equal(fixed, '# syntax=docker/dockerfile:1\n# escape=\\\n# dockguard-ignore-file DG103\nFROM alpine\r\nRUN sudo a\n');
  assert.equal(findingsOf('DG103', fixed).length, 0);
});

test('CRLF files get CRLF comment lines', () => {
  const text = 'FROM alpine\r\nRUN sudo a\r\n';
  const [finding] = findingsOf('DG103', text);
  assert.equal(applyEdits(text, [finding.suppress!.line]), 'FROM alpine\r\n# dockguard-ignore DG103\r\nRUN sudo a\r\n');
});

test('findings come with suppress edits; parse errors and skipped files do not', () => {
  const [sudo] = lintText(SUDO).filter((finding) => finding.ruleId === 'DG103');
  assert.ok(sudo.suppress);
  const [parseError] = lintText('services:\n  web: [\n', { fileName: 'compose.yaml' }).filter((finding) => finding.ruleId === 'DG000');
  assert.ok(parseError);
  assert.equal(parseError.suppress, undefined);
});
