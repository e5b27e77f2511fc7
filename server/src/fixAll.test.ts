import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../../shared/src/types';
import { applyEdits } from '../../shared/src/text/edits';
import { LineIndex } from '../../shared/src/text/line-index';
import { fixAllEdits } from './fixAll';

/** A finding whose preferred fix replaces `[start, end)` of `text` by `newText`. */
function finding(text: string, start: number, end: number, newText: string, extra: Partial<Finding> = {}): Finding {
  const index = new LineIndex(text);
  const range = index.rangeOf(start, end);
  return {
    ruleId: 'DG999',
    ruleName: 'test',
    severity: 'warning',
    message: 'test',
    range,
    docsUrl: 'https://example.invalid/',
    fixes: [{ title: 'fix', edits: [{ range, newText }], preferred: true }],
    ...extra,
  };
}

/** Every `sudo ` in the text, each with a fix removing it: a stand-in for linting again. */
function sudoFindings(text: string): Finding[] {
  const findings: Finding[] = [];
  for (let at = text.indexOf('sudo '); at >= 0; at = text.indexOf('sudo ', at + 1)) findings.push(finding(text, at, at + 5, ''));
  return findings;
}

test('fixes that do not touch each other are applied together, as their own edits', () => {
  const text = 'RUN sudo a\nRUN sudo b\n';
  const findings = sudoFindings(text);
  const edits = fixAllEdits(text, findings, sudoFindings)!;
  assert.equal(edits.length, 2);
  assert.deepEqual(edits, findings.flatMap((item) => item.fixes[0].edits));
  assert.equal(applyEdits(text, edits), 'RUN a\nRUN b\n');
});

test('overlapping fixes take more rounds, and the result is one edit of the changed span', () => {
  const text = 'keep abcdefgh keep';
  // "abcde" → "X" and "defgh" → "Y" overlap on "de"; after the first, linting finds "fgh" again.
  const first = finding(text, 5, 10, 'X');
  const second = finding(text, 8, 13, 'Y');
  const relint = (current: string): Finding[] => {
    const at = current.indexOf('fgh');
    return at >= 0 ? [finding(current, at, at + 3, 'Y')] : [];
  };
  const edits = fixAllEdits(text, [first, second], relint)!;
  assert.equal(edits.length, 1);
  assert.equal(applyEdits(text, edits), 'keep XY keep');
});

test('two insertions of one rule at one place take two rounds; identical fixes are applied once', () => {
  const text = 'FROM x\n';
  const a = finding(text, 7, 7, 'USER a\n');
  const b = finding(text, 7, 7, 'USER b\n');
  const relint = (current: string): Finding[] => (current.includes('USER b') ? [] : [finding(current, current.length, current.length, 'USER b\n')]);
  assert.equal(applyEdits(text, fixAllEdits(text, [a, b], relint)!), 'FROM x\nUSER a\nUSER b\n');
  const twice = fixAllEdits(text, [a, finding(text, 7, 7, 'USER a\n')], () => []);
  assert.deepEqual(twice, a.fixes[0].edits);
});

test('fixes that undo each other stop after the last round', () => {
  const text = 'on';
  const toggle = (current: string): Finding[] => [finding(current, 0, current.length, current === 'on' ? 'off' : 'on')];
  // With one finding nothing is skipped, so a single round is applied and fix-all stops.
  const edits = fixAllEdits(text, toggle(text), toggle)!;
  assert.equal(applyEdits(text, edits), 'off');
  // A finding that always overlaps another keeps the loop going: it still ends.
  const endless = (current: string): Finding[] => [finding(current, 0, 1, 'x'), finding(current, 0, 1, 'y' + current)];
  const result = fixAllEdits(text, endless(text), endless);
  assert.ok(result);
});

test('nothing fixable: no edits', () => {
  const text = 'FROM x\n';
  assert.equal(fixAllEdits(text, [{ ...finding(text, 0, 4, ''), fixes: [] }], () => []), undefined);
  assert.equal(fixAllEdits(text, [], () => []), undefined);
});

test('several rounds in a CRLF file', () => {
  const text = 'a\r\nsudo sudo b\r\n';
  const first = finding(text, 3, 8, '');
  const overlapping = finding(text, 3, 13, 'sudo ');
  const edits = fixAllEdits(text, [first, overlapping], sudoFindings)!;
  assert.equal(applyEdits(text, edits), 'a\r\nb\r\n');
});
