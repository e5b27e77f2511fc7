import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { assertFires, assertQuiet, assertFix, applyFixChecked, findingsOf } from '../../test-support/rule-test';

const ID = 'DG102';

function allFixesChecked(text: string): void {
  const [finding] = findingsOf(ID, text);
  assert.ok(finding && finding.fixes.length > 0, `no fixes in:\n${text}`);
  for (const fix of finding.fixes) applyFixChecked(ID, text, {}, fix.title);
}

test('fires at the USER value when the final stage runs as root, in every spelling of root', () => {
  assertFires(ID, 'FROM debian:12\nUSER «root»\nCMD ["bash"]\n');
  assertFires(ID, 'FROM debian:12\nUSER «0»\n');
  assertFires(ID, 'FROM debian:12\nUSER «root:root»\n');
  assertFires(ID, 'FROM debian:12\nUSER «0:0»\n');
  assertFires(ID, 'FROM debian:12\nUSER «root:wheel»\n');
  assertFires(ID, 'FROM debian:12\nuser «0:1000»\n');
});

test('on Windows, ContainerAdministrator is root; the fix switches to ContainerUser', () => {
  const [finding] = assertFires(ID, 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nUSER «ContainerAdministrator»\nCMD ["cmd"]\n');
  assert.match(finding.message, /Windows administrator/);
  assert.deepEqual(finding.fixes.map((fix) => fix.title), ["Run as the image's own user 'ContainerUser'"]);
  assertFix(
    ID,
    'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER ContainerAdministrator\nRUN mkdir C:\\app\nCMD ["app.exe"]\n',
    'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER ContainerAdministrator\nRUN mkdir C:\\app\nUSER ContainerUser\nCMD ["app.exe"]\n',
  );
  assertQuiet(ID, 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER ContainerAdministrator\nRUN mkdir C:\\app\nUSER ContainerUser\n');
});

test('fires through variables resolved from ARG and ENV defaults', () => {
  const [finding] = assertFires(ID, 'FROM debian:12\nARG RUN_AS=root\nUSER «$RUN_AS»\n');
  assert.match(finding.message, /'\$RUN_AS' \(= 'root'\)/);
  assertFires(ID, 'FROM debian:12\nENV APP_UID=0\nUSER «${APP_UID}:${APP_UID}»\n');
  assertFires(ID, 'FROM debian:12\nUSER «${APP_USER:-root}»\n');
});

test('a root USER inherited from a parent stage is reported where it is written, naming the final stage', () => {
  const [finding] = assertFires(ID, 'FROM node:20 AS base\nUSER «root»\nRUN npm ci\nFROM base AS runtime\nCMD ["node"]\n');
  assert.match(finding.message, /final stage 'runtime'/);
  assert.match(finding.message, /stage 'base'/);
});

test('does not fire on builder stages, later non-root USERs, non-root values or unknown values', () => {
  assertQuiet(ID, 'FROM golang:1.22 AS build\nUSER root\nRUN go build\nFROM alpine:3.20\nUSER 10001\n');
  assertQuiet(ID, 'FROM golang:1.22 AS build\nUSER root\nRUN go build\nFROM alpine:3.20\nCMD ["sh"]\n');
  assertQuiet(ID, 'FROM jenkins/jenkins:lts\nUSER root\nRUN apt-get update\nUSER jenkins\n');
  assertQuiet(ID, 'FROM node:20 AS base\nUSER root\nFROM base\nUSER node\n');
  assertQuiet(ID, 'FROM debian:12\nUSER 1000\n');
  assertQuiet(ID, 'FROM debian:12\nUSER rootless\n');
  assertQuiet(ID, 'FROM debian:12\nUSER 10001:0\n');
  assertQuiet(ID, 'FROM debian:12\nUSER 01000\n');
  assertQuiet(ID, 'FROM debian:12\nARG UID\nUSER $UID\n');
  assertQuiet(ID, 'FROM debian:12\nCMD ["bash"]\n');
});

// Docker reads a numeric USER as a number, so `00` is uid 0; model.isRootUser only knows `0`.
test('a zero-padded uid is root too', () => {
  assertFires(ID, 'FROM debian:12\nUSER «00»\n');
  assertFires(ID, 'FROM debian:12\nUSER «000:0»\n');
});

// `ARG APP_USER root` declares two ARGs without defaults (BuildKit), but dockerfile-ast reads it
// like the legacy `ENV NAME value`, so model.ts gives APP_USER the default 'root'.
test('a multi-name ARG gives no defaults', () => {
  assertQuiet(ID, 'FROM debian:12\nARG APP_USER root\nUSER $APP_USER\n');
});

test('fix: a final root USER with no RUN after it is rewritten in place', () => {
  assertFix(ID, 'FROM python:3.12\nRUN pip install x\nUSER «root»\nCMD ["python"]\n', 'FROM python:3.12\nRUN pip install x\nUSER 10001:10001\nCMD ["python"]\n');
  assertFix(ID, 'FROM node:20\nUSER root:root\nCOPY . .\nCMD ["node"]\n', 'FROM node:20\nUSER node\nCOPY . .\nCMD ["node"]\n');
  assertFix(ID, 'FROM python:3.12\r\nUSER 0\r\n', 'FROM python:3.12\r\nUSER 10001:10001\r\n');
  assertFix(
    ID,
    'FROM debian:12\nRUN useradd -r svc\nUSER root\nCMD ["x"]\n',
    'FROM debian:12\nRUN useradd -r svc\nUSER svc\nCMD ["x"]\n',
  );
});

test('fix: when RUN steps follow the root USER, a new USER goes before the command and the root USER stays', () => {
  assertFix(
    ID,
    'FROM python:3.12\nUSER root\nRUN apt-get update\nCMD ["python"]\n',
    'FROM python:3.12\nUSER root\nRUN apt-get update\nUSER 10001:10001\nCMD ["python"]\n',
  );
  // Inherited from a parent stage: the parent, which other stages may use, is left alone.
  assertFix(
    ID,
    'FROM node:20 AS base\nUSER root\nFROM base\nCOPY . .\nCMD ["node"]\n',
    'FROM node:20 AS base\nUSER root\nFROM base\nCOPY . .\nUSER node\nCMD ["node"]\n',
  );
  // A CMD before the root USER: the new USER must come after the root one to win.
  assertFix(ID, 'FROM python:3.12\nCMD ["python"]\nUSER root\n', 'FROM python:3.12\nCMD ["python"]\nUSER 10001:10001\n');
});

test('fix: creating an account runs as root, after the root USER, and then switches to it', () => {
  assertFix(
    ID,
    'FROM python:3.12-alpine\nUSER root\nCMD ["python"]\n',
    'FROM python:3.12-alpine\nUSER root\nRUN addgroup -S app && adduser -S -G app app\nUSER app\nCMD ["python"]\n',
    {},
    "Create user 'app' and run as it",
  );
  assertFix(
    ID,
    'FROM ubuntu:24.04\nUSER root\n',
    'FROM ubuntu:24.04\nUSER root\nRUN groupadd -r app && useradd -r -g app app\nUSER app\n',
    {},
    "Create user 'app' and run as it",
  );
});

test('every fix passes the fix contract', () => {
  allFixesChecked('FROM node:20-alpine\nWORKDIR /app\nUSER root\nRUN npm ci\nEXPOSE 3000\nCMD ["node", "server.js"]\n');
  allFixesChecked('FROM python:3.12-slim AS base\nUSER 0:0\nFROM base\nCOPY . /app\nCMD ["flask", "run"]\n');
  allFixesChecked('FROM debian:12\nRUN useradd -m builder\nUSER root\n');
  allFixesChecked('FROM gcr.io/distroless/static:nonroot\nUSER root\nENTRYPOINT ["/app"]\n');
  allFixesChecked('FROM mcr.microsoft.com/windows/servercore:ltsc2022\nUSER root\nCMD ["cmd"]\n');
  allFixesChecked('from ubuntu:24.04\r\n  user root\r\n  run apt-get update\r\n  entrypoint ["bash"]');
});
