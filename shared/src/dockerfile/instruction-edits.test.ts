import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { buildDockerfileModel } from './model';
import { parseShell } from './shell';
import { parseOptions } from './commands';
import { removeArgument, removeInstructionLines, removeOption, removeProperty } from './instruction-edits';
import type { OffsetEdit } from '../text/edits';

function apply(text: string, edit: OffsetEdit | undefined): string {
  assert.ok(edit, 'an edit was expected');
  return text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
}

function removeNamed(text: string, word: string, escapeChar?: string): string {
  const start = text.indexOf(word);
  return apply(text, removeArgument(text, start, start + word.length, escapeChar));
}

test('removeArgument removes a word and one run of blanks', () => {
  assert.equal(removeNamed('RUN a --flag b\n', '--flag'), 'RUN a b\n');
  assert.equal(removeNamed('RUN a b --flag\n', '--flag'), 'RUN a b\n');
  assert.equal(removeNamed('RUN a --flag \\\n  b\n', '--flag'), 'RUN a \\\n  b\n');
});

test('removeArgument keeps continued instructions tidy', () => {
  assert.equal(removeNamed('RUN a \\\n    --flag \\\n    b\n', '--flag'), 'RUN a \\\n    b\n');
  assert.equal(removeNamed('RUN a \\\r\n    --flag \\\r\n    b\r\n', '--flag'), 'RUN a \\\r\n    b\r\n');
  assert.equal(removeNamed('RUN a \\\n    --flag\nUSER 1\n', '--flag'), 'RUN a\nUSER 1\n');
  assert.equal(removeNamed('RUN a `\n    --flag `\n    b\n', '--flag', '`'), 'RUN a `\n    b\n');
});

test('removeInstructionLines removes every line of the instruction and its line break', () => {
  const text = 'FROM a\nEXPOSE 22 \\\n  80\nCMD x\n';
  const model = buildDockerfileModel(text);
  assert.equal(apply(text, removeInstructionLines(model, model.instructions[1])), 'FROM a\nCMD x\n');
  const last = 'FROM a\r\nEXPOSE 22';
  const lastModel = buildDockerfileModel(last);
  assert.equal(apply(last, removeInstructionLines(lastModel, lastModel.instructions[1])), 'FROM a\r\n');
});

test('removeProperty removes one NAME=value, or the instruction when it is the only one', () => {
  const text = 'FROM a\nENV A=1 B=2 C=3\nENV D 4\n';
  const model = buildDockerfileModel(text);
  const [, env, legacy] = model.instructions;
  assert.equal(apply(text, removeProperty(model, env, env.properties[1])), 'FROM a\nENV A=1 C=3\nENV D 4\n');
  assert.equal(apply(text, removeProperty(model, env, env.properties[2])), 'FROM a\nENV A=1 B=2\nENV D 4\n');
  assert.equal(apply(text, removeProperty(model, legacy, legacy.properties[0])), 'FROM a\nENV A=1 B=2 C=3\n');
});

test('removeOption removes the option with its value, or one letter of a group', () => {
  const remove = (script: string, name: string, spec = { shortWithValue: 'o', longWithValue: ['trusted-host'] }) => {
    const [command] = parseShell(script, 0, script.length);
    const option = parseOptions(command.words.slice(1), spec).options.find((candidate) => candidate.name === name);
    assert.ok(option, name);
    const edit = removeOption(script, option);
    return edit ? apply(script, edit) : undefined;
  };
  assert.equal(remove('curl -k https://x', 'k'), 'curl https://x');
  assert.equal(remove('curl -fsSLk https://x', 'k'), 'curl -fsSL https://x');
  assert.equal(remove('curl -kfsSL https://x', 'k'), 'curl -fsSL https://x');
  assert.equal(remove('curl -o out -k x', 'o'), 'curl -k x');
  assert.equal(remove('curl -oout -k x', 'o'), 'curl -k x');
  assert.equal(remove('pip install --trusted-host h -r r', 'trusted-host'), 'pip install -r r');
  assert.equal(remove('pip install --trusted-host=h -r r', 'trusted-host'), 'pip install -r r');
  assert.equal(remove("curl '-fsSLk' x", 'k'), undefined);
  assert.equal(remove('curl -sko out x', 'o'), undefined);
});
