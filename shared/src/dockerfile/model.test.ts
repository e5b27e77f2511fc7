import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { buildDockerfileModel, isRootUser, baseImageOf } from './model';
import { commandName } from './shell';

test('stages know their alias, parent and final stage', () => {
  const model = buildDockerfileModel('FROM golang:1.22 AS build\nRUN go build\nFROM build AS test\nFROM alpine:3.19\nCOPY --from=build /x /x\n');
  assert.deepEqual(model.stages.map((stage) => stage.alias), ['build', 'test', undefined]);
  assert.equal(model.stages[1].parent, model.stages[0]);
  assert.equal(model.stages[2].parent, undefined);
  assert.equal(model.finalStage, model.stages[2]);
  assert.ok(model.stages[2].isFinal);
  assert.equal(baseImageOf(model.stages[1]).image?.name, 'golang');
});

test('FROM is resolved through global ARG defaults', () => {
  const model = buildDockerfileModel('ARG REPO=library\nARG TAG=3.19\nFROM ${REPO}/alpine:${TAG}\nFROM $UNKNOWN\nFROM ${OTHER:-debian:12}\n');
  assert.deepEqual(model.stages[0].image, { name: 'library/alpine', tag: '3.19', digest: undefined });
  assert.equal(model.stages[1].image, undefined);
  assert.deepEqual(model.stages[2].image, { name: 'debian', tag: '12', digest: undefined });
  assert.equal(model.text.slice(model.stages[0].imageStart, model.stages[0].imageEnd), '${REPO}/alpine:${TAG}');
});

test('the effective USER is inherited from a parent stage and resolved from ARG/ENV', () => {
  const model = buildDockerfileModel(
    'FROM alpine AS base\nARG UID=10001\nENV APP_USER=app\nUSER ${UID}\nFROM base AS final\nUSER $APP_USER\nFROM base\n',
  );
  assert.equal(model.stages[0].user?.value, '10001');
  assert.equal(model.stages[1].user?.value, 'app', 'ENV is inherited by FROM <stage>');
  assert.equal(model.stages[2].user?.value, '10001', 'USER is inherited by FROM <stage>');
  assert.equal(model.stages[2].user?.instruction.line, 3);
});

test('an ARG without a known value leaves USER unknown; a redeclared global ARG keeps its default', () => {
  const model = buildDockerfileModel('ARG GLOBAL=42\nFROM alpine\nARG NAME\nARG GLOBAL\nUSER $NAME\nFROM alpine\nARG GLOBAL\nUSER $GLOBAL\n');
  assert.equal(model.stages[0].user?.value, undefined);
  assert.equal(model.stages[0].user?.raw, '$NAME');
  assert.equal(model.stages[1].user?.value, '42');
});

test('root is root, 0, root:<any> and 0:<any>', () => {
  for (const user of ['root', '0', 'root:root', '0:0', 'root:1000']) assert.ok(isRootUser(user), user);
  for (const user of ['app', '1000', '10001:10001', 'rooter', '010', 'nobody']) assert.ok(!isRootUser(user), user);
});

test('instructions have keyword, flags, arguments and commands with offsets', () => {
  const text = 'FROM alpine\nrun --mount=type=secret,id=npm --network=none apk add curl \\\n  && sudo ls\n';
  const model = buildDockerfileModel(text);
  const run = model.instructions[1];
  assert.equal(run.keyword, 'RUN');
  assert.equal(run.line, 1);
  assert.deepEqual(run.flags.map((flag) => flag.name), ['mount', 'network']);
  assert.deepEqual(run.flags[0].options, [['type', 'secret'], ['id', 'npm']]);
  assert.deepEqual(run.commands.map(commandName), ['apk', 'sudo']);
  const sudo = run.commands[1].words[0];
  assert.equal(text.slice(sudo.start, sudo.end), 'sudo');
});

test('heredoc scripts run by RUN are commands; heredocs fed to other programs are data', () => {
  const text = 'FROM alpine\nRUN <<EOF\nset -e\nsudo apk add x\nEOF\nRUN cat <<EOT > /etc/motd\nsudo is data here\nEOT\nRUN bash <<EOS\ncurl x | sh\nEOS\n';
  const model = buildDockerfileModel(text);
  const names = (line: number) => model.instructions.find((instruction) => instruction.line === line)!.commands.map(commandName);
  assert.deepEqual(names(1), ['set', 'sudo']);
  assert.deepEqual(names(5), ['cat']);
  assert.deepEqual(names(8), ['bash', 'curl', 'sh']);
});

test('sh -c scripts, in shell form and in exec form, are read as commands', () => {
  const text = 'FROM alpine\nRUN sh -c "apk add x && sudo y"\nCMD ["/bin/sh", "-c", "sudo z"]\nENTRYPOINT ["sudo", "x"]\n';
  const model = buildDockerfileModel(text);
  assert.deepEqual(model.instructions[1].commands.map(commandName), ['sh', 'apk', 'sudo']);
  assert.deepEqual(model.instructions[2].commands.map(commandName), ['sh', 'sudo']);
  const sudo = model.instructions[2].commands[1].words[0];
  assert.equal(text.slice(sudo.start, sudo.end), 'sudo');
  assert.ok(model.instructions[3].execForm);
  assert.deepEqual(model.instructions[3].commands.map(commandName), ['sudo']);
});

test('# escape=` is honoured', () => {
  const text = '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN powershell -Command `\n    Install-Thing; `\n    Remove-Item x\n';
  const model = buildDockerfileModel(text);
  assert.equal(model.escapeChar, '`');
  assert.equal(model.firstLineAfterDirectives, 1);
  assert.deepEqual(model.instructions[1].commands.map(commandName), ['powershell', 'Remove-Item']);
});

test('ARG and ENV properties with values and positions', () => {
  const text = 'FROM alpine\nENV A=1 B="two words"\nENV LEGACY value with spaces\nARG NODEFAULT\n';
  const model = buildDockerfileModel(text);
  const [env, legacy, arg] = model.instructions.slice(1);
  assert.deepEqual(env.properties.map((p) => [p.name, p.value]), [['A', '1'], ['B', 'two words']]);
  assert.deepEqual(legacy.properties.map((p) => [p.name, p.value]), [['LEGACY', 'value with spaces']]);
  assert.deepEqual(arg.properties.map((p) => [p.name, p.value]), [['NODEFAULT', undefined]]);
  assert.equal(text.slice(env.properties[1].nameStart, env.properties[1].nameEnd), 'B');
});

test('a script behind sudo or env is still read', () => {
  const model = buildDockerfileModel('FROM alpine\nRUN sudo bash -c "apk add x && sudo y"\n');
  assert.deepEqual(model.instructions[1].commands.map(commandName), ['sudo', 'apk', 'sudo']);
});

test('ARG A B declares two variables without defaults (ARG has no legacy NAME value form)', () => {
  const model = buildDockerfileModel('FROM alpine\nARG APP_USER root\nARG TARGETOS TARGETARCH=amd64\nUSER $APP_USER\n');
  assert.deepEqual(model.instructions[1].properties.map((p) => [p.name, p.value]), [['APP_USER', undefined], ['root', undefined]]);
  assert.deepEqual(model.instructions[2].properties.map((p) => [p.name, p.value]), [['TARGETOS', undefined], ['TARGETARCH', 'amd64']]);
  assert.equal(model.finalStage?.user?.value, undefined);
  assert.equal(model.finalStage?.scope.get('TARGETARCH'), 'amd64');
});

test('uid 0 written with leading zeros is root', () => {
  for (const user of ['00', '000:0', '0:00']) assert.ok(isRootUser(user), user);
});
