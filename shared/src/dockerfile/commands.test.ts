import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseShell, type SimpleCommand } from './shell';
import {
  baseName,
  downloadOf,
  invocationOf,
  invocationsOf,
  isVerified,
  parseOptions,
  pipArgumentsOf,
  pipelineFeedsDirectories,
  programSourceOf,
  redirectFd,
  shellReadsStdin,
  shellScriptWord,
  stdoutRedirected,
  verifiedWords,
  writtenTextOf,
} from './commands';

function script(text: string): SimpleCommand[] {
  return parseShell(text, 0, text.length);
}

function first(text: string) {
  const invocation = invocationOf(script(text)[0]);
  assert.ok(invocation, text);
  return invocation;
}

test('baseName takes the last path segment', () => {
  assert.equal(baseName('/usr/bin/curl'), 'curl');
  assert.equal(baseName('curl'), 'curl');
  assert.equal(baseName('.ssh/'), '.ssh');
});

test('invocationOf looks through sudo, env, nice, timeout, gosu and busybox', () => {
  assert.equal(first('sudo -E -u app bash -s').name, 'bash');
  assert.deepEqual(first('sudo -E -u app bash -s').wrappers, ['sudo']);
  const env = first('FOO=1 env -i BAR=2 /usr/bin/npm ci');
  assert.equal(env.name, 'npm');
  assert.deepEqual(env.assignments.map((word) => word.value), ['FOO=1', 'BAR=2']);
  assert.equal(first('nice -n 10 timeout -s KILL 30 curl https://x').name, 'curl');
  assert.equal(first('gosu app make install').name, 'make');
  assert.equal(first('busybox wget -qO- https://x').name, 'wget');
  assert.equal(first('exec -a name python3 x.py').name, 'python3');
  assert.equal(invocationOf(script('command -v curl')[0]), undefined);
  assert.equal(invocationOf(script('sudo -u app')[0]), undefined);
});

test('invocationsOf adds the program run by xargs and find -exec', () => {
  const viaFind = invocationsOf(script('find /opt -type d -exec chmod g+s {} +')[0]);
  assert.deepEqual(viaFind.map((invocation) => invocation.name), ['find', 'chmod']);
  assert.equal(viaFind[1].directoriesOnly, true);
  assert.deepEqual(viaFind[1].args.map((word) => word.value), ['g+s']);
  const commands = script('find /opt -type d | xargs -n 1 chmod g+s');
  const viaXargs = invocationsOf(commands[1]);
  assert.deepEqual(viaXargs.map((invocation) => invocation.name), ['xargs', 'chmod']);
  assert.equal(pipelineFeedsDirectories(viaXargs[1], commands), true);
  const files = script('find /opt -type f | xargs chmod +x');
  assert.equal(pipelineFeedsDirectories(invocationsOf(files[1])[1], files), false);
});

test('parseOptions reads getopt-style options', () => {
  const words = script('x -fsSLk -o out --retry 3 --url=https://a -- -notopt operand')[0].words.slice(1);
  const parsed = parseOptions(words, { shortWithValue: 'o', longWithValue: ['retry'] });
  assert.deepEqual(
    parsed.options.map((option) => `${option.name}${option.value !== undefined ? `=${option.value}` : ''}`),
    ['f', 's', 'S', 'L', 'k', 'o=out', 'retry=3', 'url=https://a'],
  );
  assert.deepEqual(parsed.operands.map((word) => word.value), ['-notopt', 'operand']);
  assert.equal(parsed.options[4].letterIndex, 5);
  const attached = parseOptions(script('x -qO- -ofile')[0].words.slice(1), { shortWithValue: 'Oo' });
  assert.deepEqual(attached.options.map((option) => [option.name, option.value]), [['q', undefined], ['O', '-'], ['o', 'file']]);
  const posix = parseOptions(script('x -a operand -b')[0].words.slice(1), { stopAtOperand: true });
  assert.deepEqual(posix.operands.map((word) => word.value), ['operand', '-b']);
  assert.equal(posix.consumed, 1);
});

test('downloadOf knows where curl, wget and fetch write', () => {
  const download = (text: string) => downloadOf(first(text));
  assert.equal(download('curl -fsSL https://x')?.toStdout, true);
  assert.equal(download('curl -fsSL https://x')?.url?.value, 'https://x');
  assert.equal(download('curl -o- https://x')?.toStdout, true);
  assert.equal(download('curl -fsSLo /tmp/x https://x')?.toStdout, false);
  assert.equal(download('curl -O https://x')?.toStdout, false);
  assert.equal(download('curl -H "Accept: x" --url https://y')?.url?.value, 'https://y');
  assert.equal(download('wget https://x')?.toStdout, false);
  assert.equal(download('wget -qO- https://x')?.toStdout, true);
  assert.equal(download('wget -O - -nv https://x')?.toStdout, true);
  assert.equal(download('wget --output-document=/dev/stdout https://x')?.toStdout, true);
  assert.equal(download('fetch -qo - https://x')?.toStdout, true);
  assert.equal(download('tar -xz'), undefined);
});

test('stdout redirections, with the fd written before the operator', () => {
  const text = 'curl https://x 2>/dev/null';
  const [command] = script(text);
  assert.equal(redirectFd(text, command.redirects[0]), 2);
  assert.equal(stdoutRedirected(text, command), false);
  assert.equal(stdoutRedirected('curl x > f', script('curl x > f')[0]), true);
  assert.equal(stdoutRedirected('curl x >&2', script('curl x >&2')[0]), true);
  assert.equal(stdoutRedirected('curl x &> f', script('curl x &> f')[0]), true);
});

test('programSourceOf tells inline code, stdin, modules and script files apart', () => {
  const source = (text: string) => programSourceOf(first(text))?.kind;
  assert.equal(source('sh'), 'stdin');
  assert.equal(source('bash -s -- -x'), 'stdin');
  assert.equal(source('bash -'), 'stdin');
  assert.equal(source('bash /dev/stdin -v latest'), 'stdin');
  assert.equal(source('bash -e -o pipefail'), 'stdin');
  assert.equal(source('sh -c "echo hi"'), 'inline');
  assert.equal(source('bash -ec "echo hi"'), 'inline');
  assert.equal(source('sh install.sh'), 'file');
  assert.equal(source('python3'), 'stdin');
  assert.equal(source('python3 - --user'), 'stdin');
  assert.equal(source('python -c "import sys"'), 'inline');
  assert.equal(source('python -m json.tool'), 'module');
  assert.equal(source('python3 get-pip.py'), 'file');
  assert.equal(source('perl -ne "print"'), 'inline');
  assert.equal(source('perl -Mstrict -'), 'stdin');
  assert.equal(source('node -e "1"'), 'inline');
  assert.equal(source('node'), 'stdin');
  assert.equal(source('php -- --install-dir=/usr/local/bin'), 'stdin');
  assert.equal(source('php -r "echo 1;"'), 'inline');
  assert.equal(source('php composer-setup.php'), 'file');
  assert.equal(source('tar -xz'), undefined);
  const shell = script('sh -c "$(curl x)" arg0').find((command) => !command.substituted)!;
  const inline = programSourceOf(invocationOf(shell)!);
  assert.equal(inline?.word?.value, '$(curl x)');
});

test('pipArgumentsOf finds pip behind python -m', () => {
  assert.deepEqual(pipArgumentsOf(first('pip3.12 install x'))?.map((word) => word.value), ['install', 'x']);
  assert.deepEqual(pipArgumentsOf(first('python3 -m pip install x'))?.map((word) => word.value), ['install', 'x']);
  assert.equal(pipArgumentsOf(first('python3 -m venv x')), undefined);
  assert.equal(pipArgumentsOf(first('pipx install x')), undefined);
});

test('writtenTextOf finds text written into files', () => {
  const check = (text: string) => {
    const commands = script(text);
    return commands.flatMap((command) => writtenTextOf(command, commands, text).map((written) => [text.slice(written.start, written.end), written.target]));
  };
  assert.deepEqual(check('echo -e "a=1" >> /etc/x.conf'), [['"a=1"', '/etc/x.conf']]);
  assert.deepEqual(check('printf "a\\nb" | tee -a /etc/y.conf'), [['"a\\nb"', '/etc/y.conf']]);
  assert.deepEqual(check('echo a=1'), []);
  assert.deepEqual(check('cat > /etc/z.repo <<EOF\nx=1\nEOF\n'), [['x=1', '/etc/z.repo']]);
  assert.deepEqual(check("sed -i 's/a=1/a=0/' /etc/w.conf"), [['a=0', '/etc/w.conf']]);
  assert.deepEqual(check("sed -i -e 's|x|y|g' /etc/v.conf"), [['y', '/etc/v.conf']]);
  assert.deepEqual(check("sed 's/a/b/' f"), []);
});

test('verifiedWords collects what gpg --verify and sha256sum -c look at', () => {
  const text = 'curl -O https://x/a.apk && echo "abc  a.apk" | sha256sum -c - && gpg --verify b.sig b.apk && apk add a.apk';
  const commands = script(text);
  const words = verifiedWords(commands, commands[commands.length - 1].start);
  assert.ok(isVerified('a.apk', words));
  assert.ok(isVerified('./b.apk', words));
  assert.ok(!isVerified('c.apk', words));
  assert.ok(!isVerified('*.apk', words));
  assert.deepEqual(verifiedWords(commands, 0), []);
});

test('process substitution is read as a substitution', () => {
  const commands = script('bash <(curl -fsSL https://x)');
  const bash = commands.find((command) => command.words[0].value === 'bash')!;
  const curl = commands.find((command) => command.words[0].value === 'curl')!;
  assert.equal(bash.words.length, 2, 'the <(…) should be a word of bash');
  assert.equal(curl.substituted, true, 'curl should be marked as substituted');
});

test('finds the script of sh -c behind wrappers, and shells that read stdin', () => {
  const [wrapped] = script('sudo -u app -E env A=1 nice -n 5 bash -ec "sudo x"');
  assert.equal(shellScriptWord(wrapped)?.value, 'sudo x');
  assert.equal(shellScriptWord(script('busybox sh -c "ls"')[0])?.value, 'ls');
  assert.equal(shellScriptWord(script('python3 -c "print(1)"')[0]), undefined, 'only shell scripts are shell');
  assert.ok(shellReadsStdin(script('sh -s')[0]));
  assert.ok(shellReadsStdin(script('gosu app bash')[0]));
  assert.ok(!shellReadsStdin(script('bash install.sh')[0]));
  assert.ok(!shellReadsStdin(script('python3 -')[0]));
});
