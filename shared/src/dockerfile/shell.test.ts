import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseShell, commandName } from './shell';

function commands(script: string, options = {}) {
  return parseShell(script, 0, script.length, options).map((command) => command.words.map((word) => word.value));
}

test('splits at &&, ||, ;, | and newlines', () => {
  assert.deepEqual(commands('a 1 && b 2 || c; d | e\nf'), [['a', '1'], ['b', '2'], ['c'], ['d'], ['e'], ['f']]);
});

test('quotes keep operators and words together and are removed from values', () => {
  assert.deepEqual(commands(`echo "x && sudo y" 'a|b' c\\ d`), [['echo', 'x && sudo y', 'a|b', 'c d']]);
});

test('words keep their positions in the text', () => {
  const script = 'apt-get update && sudo  apt-get install -y curl';
  const [, second] = parseShell(script, 0, script.length);
  const sudo = second.words[0];
  assert.equal(script.slice(sudo.start, sudo.end), 'sudo');
  assert.equal(commandName(second), 'sudo');
});

test('leading assignments and redirections are not words', () => {
  const script = 'FOO=1 BAR="x y" cmd arg > /dev/null 2>&1';
  const [command] = parseShell(script, 0, script.length);
  assert.deepEqual(command.assignments.map((word) => word.value), ['FOO=1', 'BAR=x y']);
  assert.deepEqual(command.words.map((word) => word.value), ['cmd', 'arg']);
  assert.deepEqual(command.redirects.map((redirect) => redirect.operator), ['>', '>&']);
});

test('pipelines share an id and number their commands', () => {
  const script = 'curl -fsSL https://x | tee f | sh; other';
  const parsed = parseShell(script, 0, script.length);
  assert.equal(parsed[0].pipeline, parsed[2].pipeline);
  assert.deepEqual(parsed.slice(0, 3).map((command) => command.pipeIndex), [0, 1, 2]);
  assert.notEqual(parsed[3].pipeline, parsed[0].pipeline);
});

test('command substitutions are read as commands too', () => {
  const script = 'sh -c "$(curl -fsSL https://x)"; echo `sudo id`';
  const parsed = parseShell(script, 0, script.length);
  const names = parsed.map((command) => `${commandName(command)}${command.substituted ? '*' : ''}`);
  assert.deepEqual(names.sort(), ['curl*', 'echo', 'sh', 'sudo*'].sort());
});

test('Dockerfile line continuations and the comment lines Docker drops are skipped', () => {
  const script = 'apt-get update \\\n  # a comment && not a command\n\n  && sudo apt-get install \\\n    curl';
  assert.deepEqual(commands(script, { dockerfileContinuations: true }), [['apt-get', 'update'], ['sudo', 'apt-get', 'install', 'curl']]);
});

test('backtick is the continuation character under `# escape=`', () => {
  const script = 'Invoke-WebRequest `\n  -Uri x; Remove-Item y';
  assert.deepEqual(commands(script, { dockerfileContinuations: true, escapeChar: '`' }), [['Invoke-WebRequest', '-Uri', 'x'], ['Remove-Item', 'y']]);
});

test('CRLF line endings', () => {
  assert.deepEqual(commands('a \\\r\n  b && c\r\nd', { dockerfileContinuations: true }), [['a', 'b'], ['c'], ['d']]);
});

test('here-document bodies are data, not commands of the outer script', () => {
  const script = 'cat <<EOF > /etc/x\nsudo rm -rf /\nEOF\necho done';
  const parsed = parseShell(script, 0, script.length);
  assert.deepEqual(parsed.map((command) => commandName(command)), ['cat', 'echo']);
  const heredoc = parsed[0].redirects[0].heredoc!;
  assert.equal(script.slice(heredoc.start, heredoc.end), 'sudo rm -rf /');
});

test('control keywords are not commands; the commands inside are', () => {
  assert.deepEqual(
    commands('if [ -f x ]; then sudo a; else b; fi; for i in 1 2; do c $i; done; while true; do d; done'),
    [['[', '-f', 'x', ']'], ['sudo', 'a'], ['b'], ['c', '$i'], ['true'], ['d']],
  );
  assert.deepEqual(commands('case "$x" in a|b) sudo y ;; *) z ;; esac'), [['sudo', 'y'], ['z']]);
  assert.deepEqual(commands('{ a; b; } && (c || d)'), [['a'], ['b'], ['c'], ['d']]);
});

test('shell comments end at the line break', () => {
  assert.deepEqual(commands('a # sudo b\nc'), [['a'], ['c']]);
});

test('unterminated quotes and substitutions do not throw', () => {
  for (const script of ['echo "abc', "echo 'x", 'echo $(foo', 'echo `x', 'cat <<EOF', 'a && ', '|| b', 'echo ${x']) {
    assert.doesNotThrow(() => parseShell(script, 0, script.length, { dockerfileContinuations: true }));
  }
});

test('process substitutions are words whose commands are substituted commands', () => {
  const script = 'bash <(curl -fsSL https://x) && diff <(sort a) >(tee b)';
  const parsed = parseShell(script, 0, script.length);
  const bash = parsed.find((command) => commandName(command) === 'bash')!;
  assert.deepEqual(bash.words.map((word) => word.value), ['bash', '<(curl -fsSL https://x)']);
  assert.deepEqual(bash.redirects, []);
  const names = parsed.map((command) => `${commandName(command)}${command.substituted ? '*' : ''}`).sort();
  assert.deepEqual(names, ['bash', 'curl*', 'diff', 'sort*', 'tee*']);
  const [, redirected] = parseShell('cat <file', 0, 9).concat(parseShell('x 2< y', 0, 6));
  assert.equal(redirected.redirects[0].operator, '<');
});
