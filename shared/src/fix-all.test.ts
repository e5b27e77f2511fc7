import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, LineIndex, type Finding, type LintOutput } from './index';
import { fixAll, MAX_FIX_PASSES, replaceChangedSpan } from './fix-all';

/**
 * The fix loop against a toy linter, so each property is pinned down without depending on what
 * the real rules fix: `bad` → `good` (a replacement), `+` → inserts `x` before the next line's
 * start, `!` → deletes its line, `broken` marks a parse error.
 */

interface ToyFix {
  start: number;
  end: number;
  newText: string;
}

function finding(ruleId: string, text: string, start: number, end: number, fix?: ToyFix): Finding {
  const index = new LineIndex(text);
  return {
    ruleId,
    ruleName: ruleId.toLowerCase(),
    severity: 'warning',
    message: ruleId,
    range: index.rangeOf(start, end),
    docsUrl: '',
    fixes: fix ? [{ title: `fix ${ruleId}`, edits: [{ range: index.rangeOf(fix.start, fix.end), newText: fix.newText }], preferred: true }] : [],
  };
}

function toyLint(text: string): LintOutput {
  const findings: Finding[] = [];
  for (const match of text.matchAll(/bad/g)) {
    findings.push(finding('BAD', text, match.index, match.index + 3, { start: match.index, end: match.index + 3, newText: 'good' }));
  }
  for (const match of text.matchAll(/broken/g)) findings.push(finding('DG000', text, match.index, match.index + 6));
  findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { kind: 'dockerfile', findings, ruleErrors: [] };
}

let lints = 0;
function counted(lint: (text: string) => LintOutput): (text: string) => LintOutput {
  return (text) => {
    lints++;
    return lint(text);
  };
}

test('applies every independent fix in one pass and reports what remains', () => {
  lints = 0;
  const outcome = fixAll('bad bad\nbad\n', counted(toyLint));
  assert.equal(outcome.text, 'good good\ngood\n');
  assert.equal(outcome.applied, 3);
  assert.deepEqual(outcome.result.findings, []);
  assert.equal(outcome.refused, undefined);
  assert.equal(lints, 2, 'one lint before, one after the only pass');
});

test('a fix touching an edit already taken waits for the next pass, and is recomputed there', () => {
  // DEL deletes `bad` plus the following space, so its range touches the BAD fix at the same spot.
  const lint = (text: string): LintOutput => {
    const result = toyLint(text);
    const at = text.indexOf('bad ');
    if (at >= 0) result.findings.push(finding('DEL', text, at, at + 4, { start: at, end: at + 4, newText: '' }));
    return result;
  };
  const outcome = fixAll('bad tail\n', lint);
  // Pass 1 applies BAD (first in finding order) and leaves DEL; pass 2 finds no `bad ` any more.
  assert.equal(outcome.text, 'good tail\n');
  assert.equal(outcome.applied, 1);
});

test('insertions at the same point from different fixes are all applied, in finding order', () => {
  const lint = (text: string): LintOutput => {
    const findings: Finding[] = [];
    const end = text.indexOf('\n') + 1;
    if (!text.includes('a: 1')) findings.push(finding('A', text, 0, 3, { start: end, end, newText: '  a: 1\n' }));
    if (!text.includes('b: 2')) findings.push(finding('B', text, 0, 3, { start: end, end, newText: '  b: 2\n' }));
    return { kind: 'compose', findings, ruleErrors: [] };
  };
  const outcome = fixAll('web:\n  image: x\n', lint);
  assert.equal(outcome.text, 'web:\n  a: 1\n  b: 2\n  image: x\n');
  assert.equal(outcome.applied, 2);
});

test('insertions at one point from the same rule wait for the next pass (they tend to add the same key)', () => {
  const lint = (text: string): LintOutput => {
    const findings: Finding[] = [];
    for (const match of text.matchAll(/- \w+/g)) {
      if (!text.includes(`${match[0]}:ro`)) findings.push(finding('RO', text, match.index, match.index + match[0].length, { start: 0, end: 0, newText: `${match[0]}:ro\n` }));
    }
    return { kind: 'compose', findings, ruleErrors: [] };
  };
  lints = 0;
  const outcome = fixAll('- a\n- b\n', counted(lint));
  assert.equal(outcome.text, '- b:ro\n- a:ro\n- a\n- b\n');
  assert.equal(outcome.applied, 2);
  assert.equal(lints, 3, 'two passes');
});

test('a pass that breaks the file only through insertions at one point is taken again one edit per point', () => {
  // Each rule alone adds `dup`; both together would add it twice, which does not parse.
  const lint = (text: string): LintOutput => {
    const findings: Finding[] = [];
    if (/dup\ndup/.test(text)) findings.push(finding('DG000', text, 0, 3));
    else if (!text.includes('dup')) for (const id of ['A', 'B']) findings.push(finding(id, text, 0, 1, { start: 0, end: 0, newText: 'dup\n' }));
    return { kind: 'compose', findings, ruleErrors: [] };
  };
  const outcome = fixAll('x\n', lint);
  assert.equal(outcome.text, 'dup\nx\n');
  assert.equal(outcome.applied, 1);
  assert.equal(outcome.refused, undefined);
});

test('when a pass would make the file unparsable, nothing is applied and the reason is given', () => {
  const lint = (text: string): LintOutput => {
    const result = toyLint(text);
    for (const match of text.matchAll(/worse/g)) {
      result.findings.push(finding('WORSE', text, match.index, match.index + 5, { start: match.index, end: match.index + 5, newText: 'broken' }));
    }
    return result;
  };
  const text = 'bad\nworse\n';
  const outcome = fixAll(text, lint);
  assert.equal(outcome.text, text);
  assert.equal(outcome.applied, 0);
  assert.deepEqual(
    outcome.result.findings.map((entry) => entry.ruleId),
    ['BAD', 'WORSE'],
  );
  assert.match(outcome.refused ?? '', /fixing BAD, WORSE would make it unparsable \(DG000\)/);
});

test('a file that does not parse is not fixed', () => {
  const outcome = fixAll('broken\nbad\n', toyLint);
  assert.equal(outcome.text, 'broken\nbad\n');
  assert.match(outcome.refused ?? '', /does not parse/);
  assert.equal(fixAll('broken\n', toyLint).refused, undefined, 'nothing to say when nothing was fixable');
});

test('fixes that never settle stop: at a repeated text, or after the pass limit', () => {
  // Flip-flop: `ping` → `pong` → `ping` → ...
  const flip = (text: string): LintOutput => {
    const at = text.search(/ping|pong/);
    const findings = at < 0 ? [] : [finding('FLIP', text, at, at + 4, { start: at, end: at + 4, newText: text.startsWith('ping', at) ? 'pong' : 'ping' })];
    return { kind: 'dockerfile', findings, ruleErrors: [] };
  };
  const flipped = fixAll('ping\n', flip);
  assert.equal(flipped.text, 'pong\n');
  assert.equal(flipped.applied, 1);

  // Growth: every pass adds a line and the finding stays.
  lints = 0;
  const grow = (text: string): LintOutput => ({ kind: 'dockerfile', findings: [finding('GROW', text, 0, 1, { start: 0, end: 0, newText: '#\n' })], ruleErrors: [] });
  const grown = fixAll('x\n', counted(grow));
  assert.equal(grown.applied, MAX_FIX_PASSES);
  assert.equal(grown.text, `${'#\n'.repeat(MAX_FIX_PASSES)}x\n`);
  assert.equal(lints, MAX_FIX_PASSES + 1);
});

test('suppression edits and fixes that are not preferred are never applied', () => {
  const lint = (text: string): LintOutput => {
    const index = new LineIndex(text);
    const at = text.indexOf('bad');
    if (at < 0) return { kind: 'dockerfile', findings: [], ruleErrors: [] };
    const entry = finding('BAD', text, at, at + 3);
    entry.fixes = [{ title: 'other', edits: [{ range: index.rangeOf(at, at + 3), newText: 'other' }], preferred: false }];
    entry.suppress = {
      line: { range: index.rangeOf(0, 0), newText: '# dockguard-ignore BAD\n' },
      file: { range: index.rangeOf(0, 0), newText: '# dockguard-ignore-file BAD\n' },
    };
    return { kind: 'dockerfile', findings: [entry], ruleErrors: [] };
  };
  const outcome = fixAll('bad\n', lint);
  assert.equal(outcome.text, 'bad\n');
  assert.equal(outcome.applied, 0);
});

test('the changed span never splits a CRLF line break or a surrogate pair', () => {
  for (const [before, after] of [
    ['x\r\ny', 'x\rZ\ny'],
    ['a\r\nsudo b\r\n', 'a\r\nb\r\n'],
    ['\u{1F600}a', '\u{1F601}a'],
    ['same', 'same'],
  ]) {
    const edit = replaceChangedSpan(before, after);
    assert.equal(applyEdits(before, [edit]), after);
    const index = new LineIndex(before);
    for (const offset of [index.offsetAt(edit.range.start), index.offsetAt(edit.range.end)]) {
      assert.ok(!(before[offset - 1] === '\r' && before[offset] === '\n'), `no CRLF split in ${JSON.stringify(before)}`);
      const code = before.charCodeAt(offset);
      assert.ok(!(code >= 0xdc00 && code <= 0xdfff), `no surrogate split in ${JSON.stringify(before)}`);
    }
  }
});

