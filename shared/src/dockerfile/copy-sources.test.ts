import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { buildDockerfileModel } from './model';
import { copyOperandsOf } from './copy-sources';

function operands(text: string) {
  const model = buildDockerfileModel(text);
  const instruction = model.instructions[model.instructions.length - 1];
  const { sources, destination } = copyOperandsOf(model, instruction);
  return { sources: sources.map((word) => [word.value, text.slice(word.start, word.end)]), destination: destination?.value };
}

test('shell form: every word but the last is a source', () => {
  assert.deepEqual(operands('FROM a\nCOPY --chown=1 a b /c/\n'), { sources: [['a', 'a'], ['b', 'b']], destination: '/c/' });
});

test('JSON form keeps blanks inside strings', () => {
  assert.deepEqual(operands('FROM a\nADD ["test file", "/tmp/test file"]\n'), { sources: [['test file', 'test file']], destination: '/tmp/test file' });
});

test('here-document sources and bodies are not operands', () => {
  assert.deepEqual(operands('FROM a\nCOPY <<EOF /etc/motd\nhello id_rsa\nEOF\n'), { sources: [], destination: '/etc/motd' });
  assert.deepEqual(operands('FROM a\nCOPY app.conf <<EOF /etc/\nx\nEOF\n'), { sources: [['app.conf', 'app.conf']], destination: '/etc/' });
});
