import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { LineIndex } from './line-index';
import { applyEdits } from './edits';

test('positions count \\n, \\r\\n and a lone \\r as line breaks', () => {
  const index = new LineIndex('a\nbc\r\nd\re');
  assert.equal(index.lineCount, 4);
  assert.deepEqual(index.positionAt(0), { line: 0, character: 0 });
  assert.deepEqual(index.positionAt(3), { line: 1, character: 1 });
  assert.deepEqual(index.positionAt(6), { line: 2, character: 0 });
  assert.deepEqual(index.positionAt(8), { line: 3, character: 0 });
  assert.deepEqual(index.lineText(1), 'bc');
  assert.equal(index.offsetAt({ line: 2, character: 0 }), 6);
});

test('an offset inside a CRLF pair, and offsets out of range, are clamped', () => {
  const index = new LineIndex('ab\r\ncd');
  assert.deepEqual(index.positionAt(3), { line: 0, character: 2 });
  assert.deepEqual(index.positionAt(99), { line: 1, character: 2 });
  assert.equal(index.offsetAt({ line: 0, character: 99 }), 2);
  assert.equal(index.offsetAt({ line: 9, character: 0 }), 6);
});

test('positions and offsets round-trip on every character', () => {
  const text = 'FROM x\r\n\tRUN a \\\n  b\n\n\u00e9\u{1F600}z\r';
  const index = new LineIndex(text);
  for (let offset = 0; offset <= text.length; offset++) {
    if (text[offset - 1] === '\r' && text[offset] === '\n') continue; // inside CRLF
    assert.equal(index.offsetAt(index.positionAt(offset)), offset, `offset ${offset}`);
  }
});

test('eol is the file’s dominant line break', () => {
  assert.equal(new LineIndex('a\r\nb\r\nc\n').eol, '\r\n');
  assert.equal(new LineIndex('a\nb').eol, '\n');
  assert.equal(new LineIndex('one line').eol, '\n');
});

test('applyEdits applies non-overlapping edits in any order and rejects overlaps', () => {
  const text = 'one two three';
  const at = (line: number, character: number) => ({ line, character });
  assert.equal(
    applyEdits(text, [
      { range: { start: at(0, 8), end: at(0, 13) }, newText: '3' },
      { range: { start: at(0, 0), end: at(0, 3) }, newText: '1' },
    ]),
    '1 two 3',
  );
  assert.throws(() =>
    applyEdits(text, [
      { range: { start: at(0, 0), end: at(0, 5) }, newText: '' },
      { range: { start: at(0, 4), end: at(0, 6) }, newText: '' },
    ]),
  );
});
